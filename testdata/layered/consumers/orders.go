package consumers

import (
	"context"

	"github.com/nats-io/nats.go"

	"example.com/shop/models"
	"example.com/shop/platform/events"
)

// onPaymentSettled marks the order paid and commits its stock.
func (c *Consumer) onPaymentSettled(msg *nats.Msg) {
	var ev models.PaymentSettledEvent
	if _, err := events.Decode(msg.Data, &ev); err != nil {
		c.fail(msg, err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), handlerTimeout)
	defer cancel()
	if err := c.orders.MarkPaid(ctx, ev.OrderID, ev.PaymentID); err != nil {
		c.fail(msg, err)
		return
	}
	c.log.Info("order paid", "order_id", ev.OrderID, "payment_id", ev.PaymentID)
}
