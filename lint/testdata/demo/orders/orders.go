// Package orders takes orders.
package orders

import (
	"example.com/demo/payments"
	"example.com/demo/platform/log"
	"example.com/demo/shipping"
)

// Order is an order.
type Order struct {
	ID    string
	Total int
}

// Service places orders.
type Service struct {
	ledger *payments.Ledger // want "SPL001: .*payments.Ledger"
}

// Lookup finds an order.
func Lookup(id string) Order { return Order{ID: id} }

// Place charges and ships an order.
func (s *Service) Place(o Order) error {
	log.Printf("placing %s", o.ID)
	if _, err := payments.Charge(o.ID, o.Total); err != nil {
		return err
	}
	payments.Refund(o.ID)     // want "SPL006: .*payments.Refund"
	q := shipping.Quote(o.ID) // want "SPL007: .*shipping.Quote"
	var r shipping.Rate = q   // want "SPL002: .*shipping.Rate"
	log.Printf("shipping costs %d", r.Cents)
	return nil
}
