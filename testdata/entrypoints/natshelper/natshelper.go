// Package natshelper starts JetStream consumers through a helper of its
// own, as dendrite's jetstream.JetStreamConsumer does: the helper pull-
// subscribes to the subject it is given and calls the function it is
// given with each batch, so each call of it is a consumer of that subject.
package natshelper

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go"
)

// Consume pull-subscribes to subj and hands each batch to f.
func Consume(ctx context.Context, js nats.JetStreamContext, subj, durable string, f func(ctx context.Context, msgs []*nats.Msg) bool) error {
	sub, err := js.PullSubscribe(subj, durable+"Pull")
	if err != nil {
		return fmt.Errorf("subscribe %s: %w", subj, err)
	}
	go func() {
		for ctx.Err() == nil {
			msgs, err := sub.Fetch(1, nats.Context(ctx))
			if err == nil && f(ctx, msgs) {
				for _, m := range msgs {
					_ = m.Ack()
				}
			}
		}
	}()
	return nil
}

// prefixed puts the deployment's prefix before a stream name.
func prefixed(name string) string { return "dev." + name }

// OutputRoomEvent is a variable, as stream names often are.
var OutputRoomEvent = "OutputRoomEvent"

// RoomConsumer consumes room events; its subject is set by its constructor.
type RoomConsumer struct {
	js    nats.JetStreamContext
	topic string
}

func NewRoomConsumer(js nats.JetStreamContext) *RoomConsumer {
	return &RoomConsumer{js: js, topic: prefixed(OutputRoomEvent)}
}

func (c *RoomConsumer) Start(ctx context.Context) error {
	return Consume(ctx, c.js, c.topic, "RoomConsumer", c.onMessage) // want consumer "nats OutputRoomEvent" example.com/ep/natshelper.RoomConsumer.onMessage
}

func (c *RoomConsumer) onMessage(ctx context.Context, msgs []*nats.Msg) bool { return true }

// Typing reads its own pull subscription: the function is the consumer.
func Typing(ctx context.Context, js nats.JetStreamContext) error {
	sub, err := js.PullSubscribe("OutputTypingEvent", "Typing") // want consumer "nats OutputTypingEvent" example.com/ep/natshelper.Typing
	if err != nil {
		return err
	}
	_, err = sub.Fetch(10)
	return err
}

// Receipts consumes through the helper with a literal.
func Receipts(ctx context.Context, js nats.JetStreamContext) error {
	return Consume(ctx, js, "OutputReceiptEvent", "Receipts", func(ctx context.Context, msgs []*nats.Msg) bool { // want consumer "nats OutputReceiptEvent" example.com/ep/natshelper.saveReceipts
		return saveReceipts(msgs)
	})
}

func saveReceipts(msgs []*nats.Msg) bool { return len(msgs) > 0 }
