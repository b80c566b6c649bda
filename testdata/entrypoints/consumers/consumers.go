// Package consumers subscribes to NATS subjects and consumes Kafka topics with sarama.
package consumers

import (
	"context"
	"log"

	"github.com/IBM/sarama"
	"github.com/nats-io/nats.go"
)

type handler struct{}

func (h *handler) onOrder(m *nats.Msg)   { log.Println("order", string(m.Data)) }
func (h *handler) onPayment(m *nats.Msg) { log.Println("payment", string(m.Data)) }

// invoiceHandler is a sarama.ConsumerGroupHandler: ConsumeClaim is the handler,
// Setup and Cleanup are lifecycle hooks.
type invoiceHandler struct{}

func (*invoiceHandler) Setup(sarama.ConsumerGroupSession) error   { return nil }
func (*invoiceHandler) Cleanup(sarama.ConsumerGroupSession) error { return nil }

func (h *invoiceHandler) ConsumeClaim(sess sarama.ConsumerGroupSession, claim sarama.ConsumerGroupClaim) error {
	for msg := range claim.Messages() {
		log.Println("invoice", string(msg.Value))
		sess.MarkMessage(msg, "")
	}
	return nil
}

// Run subscribes and consumes until ctx is done.
func Run(ctx context.Context, nc *nats.Conn, group sarama.ConsumerGroup, producer sarama.SyncProducer) error {
	h := &handler{}
	if _, err := nc.Subscribe("orders.created", h.onOrder); err != nil { // want consumer "nats orders.created" example.com/ep/consumers.handler.onOrder
		return err
	}

	// A queue subscription with a closure whose only statement calls a module method.
	if _, err := nc.QueueSubscribe("payments.settled", "workers", func(m *nats.Msg) { h.onPayment(m) }); err != nil { // want consumer "nats payments.settled" example.com/ep/consumers.handler.onPayment
		return err
	}

	// Negative: publishing to a subject is not consuming it.
	if err := nc.Publish("orders.created", []byte(`{"id":1}`)); err != nil {
		return err
	}

	// Negative: producing to a topic is not consuming it.
	if _, _, err := producer.SendMessage(&sarama.ProducerMessage{Topic: "invoices", Value: sarama.StringEncoder("{}")}); err != nil {
		return err
	}

	for {
		if err := group.Consume(ctx, []string{"invoices"}, &invoiceHandler{}); err != nil { // want consumer "kafka invoices" example.com/ep/consumers.invoiceHandler.ConsumeClaim
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}
