// Package app holds the billing use cases.
package app

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"example.com/clinic/internal/billing/domain"
	"example.com/clinic/internal/patients"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
)

// Repository persists invoices and the clinic's price list.
type Repository interface {
	Create(ctx context.Context, inv domain.Invoice) error
	Update(ctx context.Context, inv domain.Invoice) error
	ByID(ctx context.Context, id string) (domain.Invoice, error)
	ForOwner(ctx context.Context, ownerID string, pr db.PageRequest) (db.Page[domain.Invoice], error)
	Price(ctx context.Context, sku string) (description string, unit domain.Money, err error)
	SetPrice(ctx context.Context, sku, description string, unit domain.Money) error
}

// InvoiceIssued is published when an invoice is sent to the owner.
type InvoiceIssued struct {
	InvoiceID, OwnerID, Email string
	TotalCents                int64
	DueAt                     time.Time
}

// EventName implements eventbus.Event.
func (InvoiceIssued) EventName() string { return "billing.invoice_issued" }

// PaymentReceived is published for every payment.
type PaymentReceived struct {
	InvoiceID, OwnerID string
	AmountCents        int64
	FullyPaid          bool
}

// EventName implements eventbus.Event.
func (PaymentReceived) EventName() string { return "billing.payment_received" }

// Service implements invoicing.
type Service struct {
	repo       Repository
	patients   patients.API
	events     eventbus.Publisher
	clock      clock.Clock
	consultFee domain.Money
}

// NewService builds the billing service. It reads owner details through the
// patients module facade.
func NewService(repo Repository, p patients.API, events eventbus.Publisher, c clock.Clock, consultFeeCents int64) *Service {
	return &Service{repo: repo, patients: p, events: events, clock: c, consultFee: domain.Money(consultFeeCents)}
}

// Visit is a completed visit to be invoiced.
type Visit struct {
	AppointmentID, OwnerID, Kind string
	Items                        map[string]int
}

// DraftForVisit creates a draft invoice for a completed visit. It is
// idempotent, because the event bus may deliver the same event twice.
func (s *Service) DraftForVisit(ctx context.Context, v Visit) error {
	owner, err := s.patients.Owner(ctx, v.OwnerID)
	if err != nil {
		return fmt.Errorf("billing: owner %s: %w", v.OwnerID, err)
	}
	inv := domain.Invoice{ID: db.NewID("inv"), OwnerID: owner.ID, AppointmentID: v.AppointmentID,
		BillToName: owner.Name, BillToEmail: owner.Email, Status: domain.StatusDraft, CreatedAt: s.clock.Now()}
	inv.Lines = append(inv.Lines, domain.Line{SKU: "visit:" + v.Kind, Description: "Consultation (" + v.Kind + ")", Quantity: 1, Unit: s.consultFee})
	for _, sku := range slices.Sorted(maps.Keys(v.Items)) {
		qty := v.Items[sku]
		desc, unit, err := s.repo.Price(ctx, sku)
		if err != nil {
			return fmt.Errorf("billing: %s: %w", sku, err)
		}
		inv.Lines = append(inv.Lines, domain.Line{SKU: sku, Description: desc, Quantity: qty, Unit: unit})
	}
	if err := s.repo.Create(ctx, inv); err != nil && !errors.Is(err, domain.ErrDuplicate) {
		return err
	}
	return nil
}

// Get returns one invoice.
func (s *Service) Get(ctx context.Context, id string) (domain.Invoice, error) {
	return s.repo.ByID(ctx, id)
}

// ForOwner lists an owner's invoices.
func (s *Service) ForOwner(ctx context.Context, ownerID string, pr db.PageRequest) (db.Page[domain.Invoice], error) {
	return s.repo.ForOwner(ctx, ownerID, pr)
}

// Issue finalises a draft and announces it.
func (s *Service) Issue(ctx context.Context, id string) (domain.Invoice, error) {
	inv, err := s.repo.ByID(ctx, id)
	if err != nil {
		return inv, err
	}
	if err := inv.Issue(s.clock.Now(), 30); err != nil {
		return inv, err
	}
	if err := s.repo.Update(ctx, inv); err != nil {
		return inv, err
	}
	return inv, s.events.Publish(ctx, InvoiceIssued{InvoiceID: inv.ID, OwnerID: inv.OwnerID,
		Email: inv.BillToEmail, TotalCents: int64(inv.Total()), DueAt: inv.DueAt})
}

// Pay records a payment against an issued invoice.
func (s *Service) Pay(ctx context.Context, id string, amountCents int64) (domain.Invoice, error) {
	inv, err := s.repo.ByID(ctx, id)
	if err != nil {
		return inv, err
	}
	if err := inv.Pay(domain.Money(amountCents)); err != nil {
		return inv, err
	}
	if err := s.repo.Update(ctx, inv); err != nil {
		return inv, err
	}
	return inv, s.events.Publish(ctx, PaymentReceived{InvoiceID: inv.ID, OwnerID: inv.OwnerID,
		AmountCents: amountCents, FullyPaid: inv.Status == domain.StatusPaid})
}

// SetPrice updates the price list.
func (s *Service) SetPrice(ctx context.Context, sku, description string, unitCents int64) error {
	return s.repo.SetPrice(ctx, sku, description, domain.Money(unitCents))
}

// Outstanding sums the open balance of an owner's issued invoices.
func (s *Service) Outstanding(ctx context.Context, ownerID string) (domain.Money, error) {
	page, err := s.repo.ForOwner(ctx, ownerID, db.PageRequest{Limit: 200})
	var total domain.Money
	for _, inv := range page.Items {
		if inv.Status == domain.StatusIssued {
			total += inv.Balance()
		}
	}
	return total, err
}
