// Package consumers handles domain events delivered over NATS.
package consumers

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"

	"example.com/shop/services"
)

// handlerTimeout bounds the work done for one message.
const handlerTimeout = 30 * time.Second

// Consumer subscribes the domain services to NATS subjects.
type Consumer struct {
	nc       *nats.Conn
	orders   *services.OrderService
	shipping *services.ShippingService
	reviews  *services.ReviewService
	log      *slog.Logger
	subs     []*nats.Subscription
}

// New builds a consumer.
func New(nc *nats.Conn, orders *services.OrderService, shipping *services.ShippingService,
	reviews *services.ReviewService, log *slog.Logger) *Consumer {
	return &Consumer{nc: nc, orders: orders, shipping: shipping, reviews: reviews, log: log.With("component", "consumers")}
}

// Start subscribes every handler.
func (c *Consumer) Start() error {
	sub, err := c.nc.Subscribe("orders.created", c.onOrderCreated)
	if err != nil {
		return fmt.Errorf("consumers: subscribe orders.created: %w", err)
	}
	c.subs = append(c.subs, sub)

	sub, err = c.nc.QueueSubscribe("payments.settled", "shop", c.onPaymentSettled)
	if err != nil {
		return fmt.Errorf("consumers: subscribe payments.settled: %w", err)
	}
	c.subs = append(c.subs, sub)

	sub, err = c.nc.QueueSubscribe("shipments.delivered", "shop", func(msg *nats.Msg) {
		c.onShipmentDelivered(msg)
	})
	if err != nil {
		return fmt.Errorf("consumers: subscribe shipments.delivered: %w", err)
	}
	c.subs = append(c.subs, sub)
	c.log.Info("consumers subscribed", "subscriptions", len(c.subs))
	return nil
}

// Stop drains every subscription so in-flight messages finish.
func (c *Consumer) Stop() error {
	var errs []error
	for _, s := range c.subs {
		if err := s.Drain(); err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// fail logs a handler error; NATS core has no redelivery, so the event is
// left for the nightly jobs to repair.
func (c *Consumer) fail(msg *nats.Msg, err error) {
	c.log.Error("event handling failed", "subject", msg.Subject, "error", err)
}
