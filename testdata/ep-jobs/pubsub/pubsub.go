// Package pubsub receives from a Google Pub/Sub subscription.
package pubsub

import (
	"context"

	"cloud.google.com/go/pubsub/v2"
)

type handler struct{}

func (handler) onInvoice(m *pubsub.Message) { m.Ack() }

// Receive handles invoices.
func Receive(ctx context.Context, client *pubsub.Client) error {
	h := handler{}
	sub := client.Subscriber("invoices-sub")
	return sub.Receive(ctx, func(ctx context.Context, m *pubsub.Message) { h.onInvoice(m) }) // want consumer "pubsub invoices-sub" example.com/epjobs/pubsub.handler.onInvoice
}
