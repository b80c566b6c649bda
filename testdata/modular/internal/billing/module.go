// Package billing is the billing module: price list, invoices and payments.
// Other modules may only use what this file exports.
package billing

import (
	"context"
	"database/sql"

	"github.com/go-chi/chi/v5"

	billhttp "example.com/clinic/internal/billing/adapters/http"
	"example.com/clinic/internal/billing/adapters/postgres"
	"example.com/clinic/internal/billing/app"
	"example.com/clinic/internal/patients"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
	"example.com/clinic/internal/scheduling"
)

// Integration events published by this module.
type (
	InvoiceIssued   = app.InvoiceIssued
	PaymentReceived = app.PaymentReceived
)

// API is the billing module's public facade.
type API interface {
	// OutstandingCents is the unpaid balance of an owner's issued invoices.
	OutstandingCents(ctx context.Context, ownerID string) (int64, error)
}

// Deps are the module's dependencies.
type Deps struct {
	DB              *sql.DB
	Bus             *eventbus.Bus
	Clock           clock.Clock
	Patients        patients.API
	ConsultFeeCents int64
}

// Module is the wired billing module.
type Module struct {
	svc     *app.Service
	handler *billhttp.Handler
}

// New wires the billing module and subscribes it to the visits it invoices.
func New(d Deps) *Module {
	svc := app.NewService(postgres.New(d.DB), d.Patients, d.Bus, d.Clock, d.ConsultFeeCents)
	eventbus.Subscribe(d.Bus, "billing", func(ctx context.Context, e scheduling.AppointmentCompleted) error {
		v := app.Visit{AppointmentID: e.AppointmentID, OwnerID: e.OwnerID, Kind: e.Kind, Items: map[string]int{}}
		for _, it := range e.Items {
			v.Items[it.SKU] += it.Quantity
		}
		return svc.DraftForVisit(ctx, v)
	})
	return &Module{svc: svc, handler: billhttp.NewHandler(svc)}
}

// Routes mounts the module's HTTP API.
func (m *Module) Routes(r chi.Router) { m.handler.Routes(r) }

// API returns the facade other modules use.
func (m *Module) API() API { return facade{m.svc} }

// Migrations returns the module's schema migrations.
func Migrations() []db.Migration { return postgres.Migrations() }

type facade struct{ svc *app.Service }

func (f facade) OutstandingCents(ctx context.Context, ownerID string) (int64, error) {
	m, err := f.svc.Outstanding(ctx, ownerID)
	return int64(m), err
}
