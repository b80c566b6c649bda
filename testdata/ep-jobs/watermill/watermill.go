// Package watermill adds handlers to a watermill router.
package watermill

import (
	"github.com/ThreeDotsLabs/watermill"
	"github.com/ThreeDotsLabs/watermill/message"
)

type orders struct{}

func (orders) audit(msg *message.Message) ([]*message.Message, error) {
	return []*message.Message{msg}, nil
}
func (orders) onCancel(msg *message.Message) error { return nil }

// Router wires the handlers.
func Router(sub message.Subscriber, pub message.Publisher) (*message.Router, error) {
	r, err := message.NewRouter(message.RouterConfig{}, watermill.NopLogger{})
	if err != nil {
		return nil, err
	}
	o := orders{}
	r.AddHandler("audit", "orders.placed", sub, "orders.audited", pub, o.audit) // want consumer "watermill orders.placed" example.com/epjobs/watermill.orders.audit
	r.AddNoPublisherHandler("cancel", "orders.cancelled", sub, o.onCancel)      // want consumer "watermill orders.cancelled" example.com/epjobs/watermill.orders.onCancel
	return r, nil
}
