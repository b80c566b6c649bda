package models

import (
	"fmt"
	"time"

	"example.com/shop/platform/apperr"
)

// OrderStatus is the life-cycle state of an order.
type OrderStatus string

const (
	OrderStatusPending   OrderStatus = "pending"
	OrderStatusPaid      OrderStatus = "paid"
	OrderStatusFulfilled OrderStatus = "fulfilled"
	OrderStatusDelivered OrderStatus = "delivered"
	OrderStatusCancelled OrderStatus = "cancelled"
	OrderStatusRefunded  OrderStatus = "refunded"
)

// orderTransitions lists the allowed next states for each state.
var orderTransitions = map[OrderStatus][]OrderStatus{
	OrderStatusPending:   {OrderStatusPaid, OrderStatusCancelled},
	OrderStatusPaid:      {OrderStatusFulfilled, OrderStatusCancelled, OrderStatusRefunded},
	OrderStatusFulfilled: {OrderStatusDelivered},
	OrderStatusDelivered: {OrderStatusRefunded},
}

// MaxOrderLines bounds the number of distinct products in one order.
const MaxOrderLines = 50

// CanTransitionTo reports whether the state machine allows s -> next.
func (s OrderStatus) CanTransitionTo(next OrderStatus) bool {
	for _, allowed := range orderTransitions[s] {
		if allowed == next {
			return true
		}
	}
	return false
}

// Valid reports whether s is a known status.
func (s OrderStatus) Valid() bool {
	switch s {
	case OrderStatusPending, OrderStatusPaid, OrderStatusFulfilled,
		OrderStatusDelivered, OrderStatusCancelled, OrderStatusRefunded:
		return true
	}
	return false
}

// Order is a customer's purchase.
type Order struct {
	ID                string      `json:"id"`
	CustomerID        string      `json:"customer_id"`
	Status            OrderStatus `json:"status"`
	Currency          string      `json:"currency"`
	SubtotalCents     int64       `json:"subtotal_cents"`
	ShippingCents     int64       `json:"shipping_cents"`
	TaxCents          int64       `json:"tax_cents"`
	TotalCents        int64       `json:"total_cents"`
	ShippingAddressID string      `json:"shipping_address_id"`
	Items             []OrderItem `json:"items"`
	PlacedAt          time.Time   `json:"placed_at"`
	UpdatedAt         time.Time   `json:"updated_at"`
}

// OrderItem is one line of an order; name and price are snapshots taken at
// checkout time.
type OrderItem struct {
	ID             string `json:"id"`
	OrderID        string `json:"order_id"`
	ProductID      string `json:"product_id"`
	SKU            string `json:"sku"`
	Name           string `json:"name"`
	Quantity       int    `json:"quantity"`
	UnitPriceCents int64  `json:"unit_price_cents"`
}

// LineTotal is quantity times unit price.
func (i OrderItem) LineTotal() int64 { return int64(i.Quantity) * i.UnitPriceCents }

// Recalculate recomputes subtotal and total from the lines.
func (o *Order) Recalculate() {
	var sub int64
	for _, it := range o.Items {
		sub += it.LineTotal()
	}
	o.SubtotalCents = sub
	o.TotalCents = sub + o.ShippingCents + o.TaxCents
}

// Validate checks the invariants of a persisted order.
func (o Order) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(o.CustomerID != "", "customer_id", "required")
	fe.Check(o.Status.Valid(), "status", "unknown status")
	fe.Check(len(o.Currency) == 3, "currency", "must be an ISO 4217 code")
	fe.Check(len(o.Items) > 0, "items", "an order needs at least one item")
	fe.Check(o.TotalCents >= 0, "total_cents", "must not be negative")
	for i, it := range o.Items {
		if it.Quantity <= 0 {
			fe.Add(fmt.Sprintf("items[%d].quantity", i), "must be positive")
		}
	}
	return fe.Err()
}

// PlaceOrderItem is a requested line at checkout.
type PlaceOrderItem struct {
	ProductID string `json:"product_id"`
	Quantity  int    `json:"quantity"`
}

// PlaceOrderInput is the checkout request.
type PlaceOrderInput struct {
	CustomerID         string           `json:"customer_id"`
	ShippingAddressID  string           `json:"shipping_address_id"`
	Currency           string           `json:"currency"`
	PaymentMethodToken string           `json:"payment_method_token"`
	Items              []PlaceOrderItem `json:"items"`
}

// Validate checks the checkout request.
func (in PlaceOrderInput) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(in.CustomerID != "", "customer_id", "required")
	fe.Check(in.ShippingAddressID != "", "shipping_address_id", "required")
	fe.Check(len(in.Currency) == 3, "currency", "must be an ISO 4217 code")
	fe.Check(in.PaymentMethodToken != "", "payment_method_token", "required")
	fe.Check(len(in.Items) > 0, "items", "at least one item is required")
	fe.Check(len(in.Items) <= MaxOrderLines, "items", fmt.Sprintf("at most %d lines", MaxOrderLines))
	seen := make(map[string]bool, len(in.Items))
	for i, it := range in.Items {
		if it.ProductID == "" {
			fe.Add(fmt.Sprintf("items[%d].product_id", i), "required")
		}
		if it.Quantity <= 0 || it.Quantity > 100 {
			fe.Add(fmt.Sprintf("items[%d].quantity", i), "must be between 1 and 100")
		}
		if seen[it.ProductID] {
			fe.Add(fmt.Sprintf("items[%d].product_id", i), "duplicate product")
		}
		seen[it.ProductID] = true
	}
	return fe.Err()
}

// OrderFilter selects orders for listing.
type OrderFilter struct {
	CustomerID string
	Status     OrderStatus
	Limit      int
	Offset     int
}

// OrderCreatedEvent is published on "orders.created".
type OrderCreatedEvent struct {
	OrderID           string `json:"order_id"`
	CustomerID        string `json:"customer_id"`
	ShippingAddressID string `json:"shipping_address_id"`
	TotalCents        int64  `json:"total_cents"`
	Currency          string `json:"currency"`
}
