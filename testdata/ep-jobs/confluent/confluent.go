// Package confluent subscribes with confluent-kafka-go: one entry point per topic.
package confluent

import (
	"log"

	"github.com/confluentinc/confluent-kafka-go/v2/kafka"
)

// Run consumes payments and refunds.
func Run() error {
	c, err := kafka.NewConsumer(&kafka.ConfigMap{"bootstrap.servers": "localhost", "group.id": "g"})
	if err != nil {
		return err
	}
	if err := c.SubscribeTopics([]string{"payments", "refunds"}, nil); err != nil { // want consumer "kafka payments" example.com/epjobs/confluent.Run consumer "kafka refunds" example.com/epjobs/confluent.Run
		return err
	}
	for {
		msg, err := c.ReadMessage(-1)
		if err != nil {
			return err
		}
		log.Println(msg.TopicPartition)
	}
}
