// Package notifications is the notifications module. It owns no business
// workflow of its own: it listens to other modules' integration events and
// delivers messages from an outbox in a background worker.
package notifications

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/go-chi/chi/v5"

	"example.com/clinic/internal/billing"
	"example.com/clinic/internal/identity"
	"example.com/clinic/internal/notifications/adapters/email"
	nothttp "example.com/clinic/internal/notifications/adapters/http"
	"example.com/clinic/internal/notifications/adapters/postgres"
	"example.com/clinic/internal/notifications/app"
	"example.com/clinic/internal/patients"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
	"example.com/clinic/internal/scheduling"
)

// Deps are the module's dependencies.
type Deps struct {
	DB       *sql.DB
	Bus      *eventbus.Bus
	Clock    clock.Clock
	Log      *slog.Logger
	Patients patients.API
	SMTPAddr string
	MailFrom string
}

// Module is the wired notifications module.
type Module struct {
	svc        *app.Service
	dispatcher *app.Dispatcher
	handler    *nothttp.Handler
}

// New wires the module and subscribes it to the events it reports on.
func New(d Deps) *Module {
	repo := postgres.New(d.DB)
	var sender app.Sender = email.LogSender{Log: d.Log}
	if d.SMTPAddr != "" {
		sender = email.SMTPSender{Addr: d.SMTPAddr, From: d.MailFrom, SMSDomain: "sms.pawsandclaws.example"}
	}
	svc := app.NewService(repo, contacts{d.Patients}, d.Clock)
	m := &Module{svc: svc, dispatcher: app.NewDispatcher(repo, sender, d.Clock, d.Log), handler: nothttp.NewHandler(svc)}

	eventbus.Subscribe(d.Bus, "notifications", func(ctx context.Context, e scheduling.AppointmentBooked) error {
		return svc.NotifyOwner(ctx, e.OwnerID, "Appointment confirmed", "booked", app.Message{When: e.Start})
	})
	eventbus.Subscribe(d.Bus, "notifications", func(ctx context.Context, e scheduling.AppointmentCancelled) error {
		return svc.NotifyOwner(ctx, e.OwnerID, "Appointment cancelled", "cancelled", app.Message{When: e.Start})
	})
	eventbus.Subscribe(d.Bus, "notifications", func(ctx context.Context, e billing.InvoiceIssued) error {
		amount := fmt.Sprintf("€%d.%02d", e.TotalCents/100, e.TotalCents%100)
		return svc.NotifyOwner(ctx, e.OwnerID, "Your invoice", "invoice", app.Message{Ref: e.InvoiceID, Amount: amount, When: e.DueAt})
	})
	eventbus.Subscribe(d.Bus, "notifications", func(ctx context.Context, e identity.StaffRegistered) error {
		return svc.NotifyStaff(ctx, e.Email, "Welcome", "welcome", app.Message{Name: e.Name})
	})
	return m
}

// Routes mounts the module's HTTP API.
func (m *Module) Routes(r chi.Router) { m.handler.Routes(r) }

// RunWorker delivers the outbox until ctx is cancelled.
func (m *Module) RunWorker(ctx context.Context, interval time.Duration) {
	m.dispatcher.Run(ctx, interval)
}

// Migrations returns the module's schema migrations.
func Migrations() []db.Migration { return postgres.Migrations() }

// contacts adapts the patients facade to the notifications port.
type contacts struct{ api patients.API }

func (c contacts) Owner(ctx context.Context, ownerID string) (app.Recipient, error) {
	o, err := c.api.Owner(ctx, ownerID)
	if err != nil {
		return app.Recipient{}, err
	}
	return app.Recipient{Name: o.Name, Email: o.Email, Phone: o.Phone, PreferSMS: o.PreferSMS}, nil
}
