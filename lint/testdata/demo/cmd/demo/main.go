// Command demo wires the services (shared kernel: not checked).
package main

import (
	"context"

	"example.com/demo/orders"
	"example.com/demo/payments"
	"example.com/demo/shipping"
	"example.com/demo/store"
	"example.com/demo/tools"
)

func main() {
	s := store.Open(nil)
	ctx := context.Background()
	_ = s.SaveOrder(ctx, store.OrderRow{ID: "o1", Total: 10})
	_ = s.MarkPaid(ctx, store.OrderRow{ID: "o1"})
	_ = store.Vacuum(ctx, nil)
	var svc orders.Service
	_ = svc.Place(orders.Lookup("o1"))
	payments.Refund("o1")
	shipping.Ship("o1")
	_ = tools.Helper()
}
