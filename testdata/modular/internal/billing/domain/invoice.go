// Package domain holds the billing module's entities: invoices, their lines
// and payments.
package domain

import (
	"errors"
	"fmt"
	"time"
)

// Domain errors.
var (
	ErrInvoiceNotFound = errors.New("invoice not found")
	ErrPriceNotFound   = errors.New("no price for item")
	ErrNotDraft        = errors.New("invoice is not a draft")
	ErrNotIssued       = errors.New("invoice is not open for payment")
	ErrOverpayment     = errors.New("payment exceeds balance")
	ErrEmptyInvoice    = errors.New("invoice has no lines")
	ErrDuplicate       = errors.New("visit already invoiced")
)

// Money is an amount in euro cents.
type Money int64

func (m Money) String() string { return fmt.Sprintf("€%d.%02d", m/100, m%100) }

// Status is the invoice lifecycle state.
type Status string

const (
	StatusDraft  Status = "draft"
	StatusIssued Status = "issued"
	StatusPaid   Status = "paid"
)

// Line is one billed item.
type Line struct {
	SKU         string
	Description string
	Quantity    int
	Unit        Money
}

// Amount is the line total.
func (l Line) Amount() Money { return l.Unit * Money(l.Quantity) }

// Invoice bills an owner for one visit.
type Invoice struct {
	ID            string
	OwnerID       string
	AppointmentID string
	BillToName    string
	BillToEmail   string
	Lines         []Line
	Status        Status
	Paid          Money
	CreatedAt     time.Time
	DueAt         time.Time
}

// Total is the sum of all lines.
func (inv Invoice) Total() Money {
	var t Money
	for _, l := range inv.Lines {
		t += l.Amount()
	}
	return t
}

// Balance is what remains to be paid.
func (inv Invoice) Balance() Money { return inv.Total() - inv.Paid }

// Issue finalises a draft, payable within termDays.
func (inv *Invoice) Issue(now time.Time, termDays int) error {
	if inv.Status != StatusDraft {
		return ErrNotDraft
	}
	if len(inv.Lines) == 0 {
		return ErrEmptyInvoice
	}
	inv.Status = StatusIssued
	inv.DueAt = now.AddDate(0, 0, termDays)
	return nil
}

// Pay records a payment; the invoice is paid once the balance reaches zero.
func (inv *Invoice) Pay(amount Money) error {
	if inv.Status != StatusIssued {
		return ErrNotIssued
	}
	if amount <= 0 || amount > inv.Balance() {
		return ErrOverpayment
	}
	inv.Paid += amount
	if inv.Balance() == 0 {
		inv.Status = StatusPaid
	}
	return nil
}
