// Package app holds the notifications use cases: turning integration events
// into outbox messages, and delivering the outbox.
package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"text/template"
	"time"

	"example.com/clinic/internal/notifications/domain"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
)

// Repository is the notifications outbox.
type Repository interface {
	Enqueue(ctx context.Context, n domain.Notification) error
	Save(ctx context.Context, n domain.Notification) error
	ByID(ctx context.Context, id string) (domain.Notification, error)
	Due(ctx context.Context, now time.Time, limit int) ([]domain.Notification, error)
	List(ctx context.Context, status domain.Status, pr db.PageRequest) (db.Page[domain.Notification], error)
}

// Sender delivers a message over its channel.
type Sender interface {
	Send(ctx context.Context, n domain.Notification) error
}

// Recipient is how to reach a pet owner.
type Recipient struct {
	Name, Email, Phone string
	PreferSMS          bool
}

// Contacts looks up pet owners; implemented on the patients facade.
type Contacts interface {
	Owner(ctx context.Context, ownerID string) (Recipient, error)
}

var templates = template.Must(template.New("").Parse(`
{{define "booked"}}Hi {{.Name}}, your appointment is confirmed for {{.When.Format "Mon 2 Jan 15:04"}}.{{end}}
{{define "cancelled"}}Hi {{.Name}}, your appointment on {{.When.Format "Mon 2 Jan 15:04"}} was cancelled.{{end}}
{{define "invoice"}}Hi {{.Name}}, invoice {{.Ref}} for {{.Amount}} is due on {{.When.Format "2 Jan 2006"}}.{{end}}
{{define "welcome"}}Welcome to Paws & Claws, {{.Name}}! Your staff account is ready.{{end}}
`))

// Message is the data passed to a template.
type Message struct {
	Name, Ref, Amount string
	When              time.Time
}

// Service enqueues notifications.
type Service struct {
	repo     Repository
	contacts Contacts
	clock    clock.Clock
}

// NewService builds the service.
func NewService(repo Repository, contacts Contacts, c clock.Clock) *Service {
	return &Service{repo: repo, contacts: contacts, clock: c}
}

// NotifyOwner renders tmpl for an owner on their preferred channel.
func (s *Service) NotifyOwner(ctx context.Context, ownerID, subject, tmpl string, msg Message) error {
	rc, err := s.contacts.Owner(ctx, ownerID)
	if err != nil {
		return err
	}
	msg.Name = rc.Name
	switch {
	case rc.PreferSMS && rc.Phone != "":
		return s.enqueue(ctx, domain.SMS, rc.Phone, subject, tmpl, msg)
	case rc.Email != "":
		return s.enqueue(ctx, domain.Email, rc.Email, subject, tmpl, msg)
	case rc.Phone != "":
		return s.enqueue(ctx, domain.SMS, rc.Phone, subject, tmpl, msg)
	}
	return domain.ErrNoRecipient
}

// NotifyStaff emails a staff member.
func (s *Service) NotifyStaff(ctx context.Context, email, subject, tmpl string, msg Message) error {
	return s.enqueue(ctx, domain.Email, email, subject, tmpl, msg)
}

func (s *Service) enqueue(ctx context.Context, ch domain.Channel, to, subject, tmpl string, msg Message) error {
	var body bytes.Buffer
	if err := templates.ExecuteTemplate(&body, tmpl, msg); err != nil {
		return fmt.Errorf("notifications: template %s: %w", tmpl, err)
	}
	now := s.clock.Now()
	return s.repo.Enqueue(ctx, domain.Notification{ID: db.NewID("ntf"), Channel: ch, Recipient: to, Subject: subject,
		Body: body.String(), Status: domain.StatusPending, NextAttempt: now, CreatedAt: now})
}

// List lists the outbox.
func (s *Service) List(ctx context.Context, status string, pr db.PageRequest) (db.Page[domain.Notification], error) {
	return s.repo.List(ctx, domain.Status(status), pr)
}

// Retry re-queues a failed notification.
func (s *Service) Retry(ctx context.Context, id string) error {
	n, err := s.repo.ByID(ctx, id)
	if err != nil {
		return err
	}
	if err := n.Retry(s.clock.Now()); err != nil {
		return err
	}
	return s.repo.Save(ctx, n)
}

// Dispatcher delivers due outbox messages in the background.
type Dispatcher struct {
	repo   Repository
	sender Sender
	clock  clock.Clock
	log    *slog.Logger
}

// NewDispatcher builds a Dispatcher.
func NewDispatcher(repo Repository, sender Sender, c clock.Clock, log *slog.Logger) *Dispatcher {
	return &Dispatcher{repo: repo, sender: sender, clock: c, log: log}
}

// Run polls the outbox every interval until ctx is cancelled.
func (d *Dispatcher) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if n, err := d.RunOnce(ctx); err != nil {
			d.log.Error("outbox poll failed", "err", err)
		} else if n > 0 {
			d.log.Info("outbox delivered", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce delivers one batch of due messages and returns how many were sent.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	due, err := d.repo.Due(ctx, d.clock.Now(), 50)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, n := range due {
		if err := d.sender.Send(ctx, n); err != nil {
			n.MarkFailed(err, d.clock.Now())
			d.log.Warn("delivery failed", "id", n.ID, "attempt", n.Attempts, "err", err)
		} else {
			n.MarkSent()
			sent++
		}
		if err := d.repo.Save(ctx, n); err != nil {
			return sent, err
		}
	}
	return sent, nil
}
