package models

import (
	"time"

	"example.com/shop/platform/apperr"
)

// PaymentStatus is the state of a payment at the gateway.
type PaymentStatus string

const (
	PaymentPending        PaymentStatus = "pending"
	PaymentRequiresAction PaymentStatus = "requires_action"
	PaymentAuthorized     PaymentStatus = "authorized"
	PaymentSettled        PaymentStatus = "settled"
	PaymentFailed         PaymentStatus = "failed"
	PaymentExpired        PaymentStatus = "expired"
	PaymentRefunded       PaymentStatus = "refunded"
)

// Terminal reports whether no further gateway updates are expected.
func (s PaymentStatus) Terminal() bool {
	switch s {
	case PaymentSettled, PaymentFailed, PaymentExpired, PaymentRefunded:
		return true
	}
	return false
}

// Payment is one charge attempt for an order.
type Payment struct {
	ID            string        `json:"id"`
	OrderID       string        `json:"order_id"`
	AmountCents   int64         `json:"amount_cents"`
	Currency      string        `json:"currency"`
	Status        PaymentStatus `json:"status"`
	Provider      string        `json:"provider"`
	ProviderRef   string        `json:"provider_ref,omitempty"`
	FailureReason string        `json:"failure_reason,omitempty"`
	CreatedAt     time.Time     `json:"created_at"`
	UpdatedAt     time.Time     `json:"updated_at"`
}

// Refund returns money for a settled payment.
type Refund struct {
	ID          string    `json:"id"`
	PaymentID   string    `json:"payment_id"`
	AmountCents int64     `json:"amount_cents"`
	Reason      string    `json:"reason"`
	Status      string    `json:"status"`
	ProviderRef string    `json:"provider_ref,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// ChargeRequest asks the payment service to charge an order.
type ChargeRequest struct {
	OrderID            string
	AmountCents        int64
	Currency           string
	PaymentMethodToken string
	IdempotencyKey     string
}

// Validate checks a charge request.
func (r ChargeRequest) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(r.OrderID != "", "order_id", "required")
	fe.Check(r.AmountCents > 0, "amount_cents", "must be positive")
	fe.Check(len(r.Currency) == 3, "currency", "must be an ISO 4217 code")
	fe.Check(r.PaymentMethodToken != "", "payment_method_token", "required")
	return fe.Err()
}

// RefundRequest asks for a (partial) refund.
type RefundRequest struct {
	AmountCents int64  `json:"amount_cents"`
	Reason      string `json:"reason"`
}

// Validate checks a refund request.
func (r RefundRequest) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(r.AmountCents > 0, "amount_cents", "must be positive")
	fe.Check(r.Reason != "", "reason", "required")
	fe.Check(len(r.Reason) <= 500, "reason", "too long")
	return fe.Err()
}

// PaymentSettledEvent is published on "payments.settled".
type PaymentSettledEvent struct {
	PaymentID   string `json:"payment_id"`
	OrderID     string `json:"order_id"`
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
}
