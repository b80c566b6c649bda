package models

import (
	"time"

	"example.com/shop/platform/apperr"
)

// ShipmentStatus tracks a parcel.
type ShipmentStatus string

const (
	ShipmentPending   ShipmentStatus = "pending"
	ShipmentLabelled  ShipmentStatus = "labelled"
	ShipmentInTransit ShipmentStatus = "in_transit"
	ShipmentDelivered ShipmentStatus = "delivered"
	ShipmentReturned  ShipmentStatus = "returned"
)

// Shipment is the parcel sent for an order.
type Shipment struct {
	ID             string         `json:"id"`
	OrderID        string         `json:"order_id"`
	Carrier        string         `json:"carrier"`
	Service        string         `json:"service"`
	TrackingNumber string         `json:"tracking_number,omitempty"`
	Status         ShipmentStatus `json:"status"`
	AddressID      string         `json:"address_id"`
	CostCents      int64          `json:"cost_cents"`
	ShippedAt      *time.Time     `json:"shipped_at,omitempty"`
	DeliveredAt    *time.Time     `json:"delivered_at,omitempty"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// TrackingEvent is one carrier scan.
type TrackingEvent struct {
	ID          int64          `json:"id"`
	ShipmentID  string         `json:"shipment_id"`
	Status      ShipmentStatus `json:"status"`
	Location    string         `json:"location,omitempty"`
	Description string         `json:"description,omitempty"`
	OccurredAt  time.Time      `json:"occurred_at"`
}

// Validate checks a carrier event.
func (e TrackingEvent) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(e.ShipmentID != "", "shipment_id", "required")
	switch e.Status {
	case ShipmentLabelled, ShipmentInTransit, ShipmentDelivered, ShipmentReturned:
	default:
		fe.Add("status", "unknown status")
	}
	fe.Check(!e.OccurredAt.IsZero(), "occurred_at", "required")
	return fe.Err()
}

// RateQuote is a priced shipping option.
type RateQuote struct {
	Carrier       string `json:"carrier"`
	Service       string `json:"service"`
	CostCents     int64  `json:"cost_cents"`
	EstimatedDays int    `json:"estimated_days"`
}

// ShipmentRequest asks for a shipment to be created.
type ShipmentRequest struct {
	OrderID string `json:"order_id"`
	Carrier string `json:"carrier"`
	Service string `json:"service"`
}

// Validate checks a shipment request.
func (r ShipmentRequest) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(r.OrderID != "", "order_id", "required")
	fe.Check(r.Carrier != "", "carrier", "required")
	fe.Check(r.Service != "", "service", "required")
	return fe.Err()
}

// ShipmentDeliveredEvent is published on "shipments.delivered".
type ShipmentDeliveredEvent struct {
	ShipmentID  string    `json:"shipment_id"`
	OrderID     string    `json:"order_id"`
	DeliveredAt time.Time `json:"delivered_at"`
}
