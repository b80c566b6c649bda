// Package events publishes domain events to NATS.
package events

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats.go"
)

// Envelope wraps every published payload.
type Envelope struct {
	Subject    string          `json:"subject"`
	OccurredAt time.Time       `json:"occurred_at"`
	Data       json.RawMessage `json:"data"`
}

// Publisher publishes an event payload on a subject.
type Publisher interface {
	Publish(ctx context.Context, subject string, payload any) error
}

// NATSPublisher publishes JSON envelopes on a NATS connection.
type NATSPublisher struct {
	nc *nats.Conn
}

// NewNATSPublisher wraps nc.
func NewNATSPublisher(nc *nats.Conn) *NATSPublisher { return &NATSPublisher{nc: nc} }

// Publish encodes payload and publishes it.
func (p *NATSPublisher) Publish(ctx context.Context, subject string, payload any) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	data, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("events: encode %s: %w", subject, err)
	}
	env, err := json.Marshal(Envelope{Subject: subject, OccurredAt: time.Now().UTC(), Data: data})
	if err != nil {
		return fmt.Errorf("events: encode envelope: %w", err)
	}
	if err := p.nc.Publish(subject, env); err != nil {
		return fmt.Errorf("events: publish %s: %w", subject, err)
	}
	return nil
}

// LogPublisher only logs events; used when NATS is disabled.
type LogPublisher struct{ Log *slog.Logger }

// Publish logs the event.
func (p LogPublisher) Publish(_ context.Context, subject string, payload any) error {
	p.Log.Debug("event not published (NATS disabled)", "subject", subject, "payload", payload)
	return nil
}

// Decode unwraps an envelope and decodes its data into dst.
func Decode(raw []byte, dst any) (Envelope, error) {
	var env Envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return env, fmt.Errorf("events: decode envelope: %w", err)
	}
	if err := json.Unmarshal(env.Data, dst); err != nil {
		return env, fmt.Errorf("events: decode %s: %w", env.Subject, err)
	}
	return env, nil
}
