// Package shipping quotes and ships orders.
package shipping

import "example.com/demo/payments/gateway"

// Rate is a shipping price.
type Rate struct{ Cents int }

// Quote prices the shipping of an order.
func Quote(id string) Rate { return Rate{Cents: len(id)} }

// Ship ships an order.
func Ship(id string) {
	gateway.Ping(id) // want "SPL006: .*gateway.Ping" "SPL007: .*gateway.Ping"
}
