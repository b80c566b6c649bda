// Package domain holds the notifications module's entity: an outbound message
// waiting in the outbox, and its delivery policy.
package domain

import (
	"errors"
	"time"
)

// Domain errors.
var (
	ErrNotificationNotFound = errors.New("notification not found")
	ErrNoRecipient          = errors.New("recipient has no usable contact")
	ErrNotFailed            = errors.New("only failed notifications can be retried")
)

// Channel is how a message is delivered.
type Channel string

const (
	Email Channel = "email"
	SMS   Channel = "sms"
)

// Status is the delivery state.
type Status string

const (
	StatusPending Status = "pending"
	StatusSent    Status = "sent"
	StatusFailed  Status = "failed"
)

// MaxAttempts is how often delivery is tried before giving up.
const MaxAttempts = 5

// Notification is one message to one recipient.
type Notification struct {
	ID          string
	Channel     Channel
	Recipient   string
	Subject     string
	Body        string
	Status      Status
	Attempts    int
	NextAttempt time.Time
	LastError   string
	CreatedAt   time.Time
}

// MarkSent records a successful delivery.
func (n *Notification) MarkSent() {
	n.Status = StatusSent
	n.Attempts++
	n.LastError = ""
}

// MarkFailed records a failed delivery and schedules a retry with
// exponential backoff, or gives up after MaxAttempts.
func (n *Notification) MarkFailed(err error, now time.Time) {
	n.Attempts++
	n.LastError = err.Error()
	if n.Attempts >= MaxAttempts {
		n.Status = StatusFailed
		return
	}
	n.NextAttempt = now.Add(time.Duration(1<<n.Attempts) * time.Minute)
}

// Retry re-queues a notification that gave up.
func (n *Notification) Retry(now time.Time) error {
	if n.Status != StatusFailed {
		return ErrNotFailed
	}
	n.Status, n.Attempts, n.NextAttempt = StatusPending, 0, now
	return nil
}
