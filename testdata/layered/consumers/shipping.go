package consumers

import (
	"context"

	"github.com/nats-io/nats.go"

	"example.com/shop/models"
	"example.com/shop/platform/events"
)

// onOrderCreated prepares shipping rates as soon as an order exists.
func (c *Consumer) onOrderCreated(msg *nats.Msg) {
	var ev models.OrderCreatedEvent
	if _, err := events.Decode(msg.Data, &ev); err != nil {
		c.fail(msg, err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), handlerTimeout)
	defer cancel()
	if err := c.shipping.PrepareForOrder(ctx, ev); err != nil {
		c.fail(msg, err)
	}
}
