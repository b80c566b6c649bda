package consumers

import (
	"context"

	"github.com/nats-io/nats.go"

	"example.com/shop/models"
	"example.com/shop/platform/events"
)

// onShipmentDelivered invites the customer to review the delivered items.
func (c *Consumer) onShipmentDelivered(msg *nats.Msg) {
	var ev models.ShipmentDeliveredEvent
	if _, err := events.Decode(msg.Data, &ev); err != nil {
		c.fail(msg, err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), handlerTimeout)
	defer cancel()
	if err := c.reviews.InviteForOrder(ctx, ev.OrderID); err != nil {
		c.fail(msg, err)
	}
}
