package models

import (
	"time"

	"example.com/shop/platform/apperr"
)

// DefaultWarehouse is used when a request does not name one.
const DefaultWarehouse = "wh-main"

// StockLevel is the stock of one product in one warehouse.
type StockLevel struct {
	ProductID    string    `json:"product_id"`
	WarehouseID  string    `json:"warehouse_id"`
	OnHand       int       `json:"on_hand"`
	Reserved     int       `json:"reserved"`
	ReorderPoint int       `json:"reorder_point"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Available is on-hand stock not held by reservations.
func (s StockLevel) Available() int { return max(s.OnHand-s.Reserved, 0) }

// NeedsReorder reports whether available stock fell to the reorder point.
func (s StockLevel) NeedsReorder() bool { return s.Available() <= s.ReorderPoint }

// ReservationStatus is the state of a stock reservation.
type ReservationStatus string

const (
	ReservationHeld      ReservationStatus = "held"
	ReservationCommitted ReservationStatus = "committed"
	ReservationReleased  ReservationStatus = "released"
	ReservationExpired   ReservationStatus = "expired"
)

// Reservation holds stock for an order until payment completes.
type Reservation struct {
	ID          string            `json:"id"`
	OrderID     string            `json:"order_id"`
	ProductID   string            `json:"product_id"`
	WarehouseID string            `json:"warehouse_id"`
	Quantity    int               `json:"quantity"`
	Status      ReservationStatus `json:"status"`
	ExpiresAt   time.Time         `json:"expires_at"`
	CreatedAt   time.Time         `json:"created_at"`
}

// ReserveLine is one product/quantity to reserve.
type ReserveLine struct {
	ProductID string
	Quantity  int
}

// StockAdjustment is a manual correction of on-hand stock.
type StockAdjustment struct {
	ProductID   string `json:"product_id"`
	WarehouseID string `json:"warehouse_id"`
	Delta       int    `json:"delta"`
	Reason      string `json:"reason"`
}

// Validate checks an adjustment.
func (a StockAdjustment) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(a.ProductID != "", "product_id", "required")
	fe.Check(a.Delta != 0, "delta", "must not be zero")
	fe.Check(a.Delta > -100000 && a.Delta < 100000, "delta", "out of range")
	switch a.Reason {
	case "receipt", "count", "damage", "return", "correction":
	default:
		fe.Add("reason", "must be one of receipt, count, damage, return, correction")
	}
	return fe.Err()
}
