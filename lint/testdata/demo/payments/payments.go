// Package payments charges orders.
package payments

// Ledger is payments' internal bookkeeping.
type Ledger struct{ entries []string }

// Receipt proves a charge.
type Receipt struct{ ID string }

// Charge charges an order.
func Charge(id string, cents int) (Receipt, error) { return Receipt{ID: id}, nil }

// Refund is exported for payments' own packages, not for other services.
func Refund(id string) {}
