// Package kafkago reads a topic with segmentio/kafka-go: the function with
// the read loop handles the messages; writing is not consuming.
package kafkago

import (
	"context"
	"log"

	"github.com/segmentio/kafka-go"
)

func handle(m kafka.Message) { log.Println(string(m.Value)) }

// ConsumeOrders reads orders until the context ends.
func ConsumeOrders(ctx context.Context) error {
	r := kafka.NewReader(kafka.ReaderConfig{Brokers: []string{"localhost:9092"}, Topic: "orders", GroupID: "billing"})
	defer r.Close()
	for {
		m, err := r.ReadMessage(ctx) // want consumer "kafka orders" example.com/epjobs/kafkago.ConsumeOrders
		if err != nil {
			return err
		}
		handle(m)
	}
}

// Publish writes: not an entry point.
func Publish(ctx context.Context, w *kafka.Writer) error {
	return w.WriteMessages(ctx, kafka.Message{Value: []byte("x")})
}
