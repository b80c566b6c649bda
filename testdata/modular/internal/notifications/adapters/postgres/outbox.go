// Package postgres implements the notifications outbox on the notifications schema.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"example.com/clinic/internal/notifications/domain"
	"example.com/clinic/internal/platform/db"
)

// Migrations returns the notifications schema migrations.
func Migrations() []db.Migration {
	return []db.Migration{{Module: "notifications", Version: 1, Name: "outbox", SQL: `
CREATE SCHEMA IF NOT EXISTS notifications;
CREATE TABLE notifications.outbox (
	id TEXT PRIMARY KEY, channel TEXT NOT NULL, recipient TEXT NOT NULL, subject TEXT NOT NULL,
	body TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt TIMESTAMPTZ NOT NULL, last_error TEXT NOT NULL DEFAULT '', created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX outbox_due_idx ON notifications.outbox(next_attempt) WHERE status = 'pending';`}}
}

// Outbox implements app.Repository.
type Outbox struct{ db *sql.DB }

// New returns an Outbox.
func New(conn *sql.DB) *Outbox { return &Outbox{db: conn} }

const cols = `id, channel, recipient, subject, body, status, attempts, next_attempt, last_error, created_at`

func scan(s db.Scanner) (domain.Notification, error) {
	var n domain.Notification
	err := s.Scan(&n.ID, &n.Channel, &n.Recipient, &n.Subject, &n.Body, &n.Status, &n.Attempts,
		&n.NextAttempt, &n.LastError, &n.CreatedAt)
	return n, err
}

func (o *Outbox) Enqueue(ctx context.Context, n domain.Notification) error {
	_, err := o.db.ExecContext(ctx, `INSERT INTO notifications.outbox (`+cols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		n.ID, n.Channel, n.Recipient, n.Subject, n.Body, n.Status, n.Attempts, n.NextAttempt, n.LastError, n.CreatedAt)
	return err
}

func (o *Outbox) Save(ctx context.Context, n domain.Notification) error {
	_, err := o.db.ExecContext(ctx, `UPDATE notifications.outbox
		SET status = $2, attempts = $3, next_attempt = $4, last_error = $5 WHERE id = $1`,
		n.ID, n.Status, n.Attempts, n.NextAttempt, n.LastError)
	return err
}

func (o *Outbox) ByID(ctx context.Context, id string) (domain.Notification, error) {
	n, err := db.QueryOne(ctx, o.db, scan, `SELECT `+cols+` FROM notifications.outbox WHERE id = $1`, id)
	if errors.Is(err, db.ErrNotFound) {
		return n, domain.ErrNotificationNotFound
	}
	return n, err
}

// Due claims up to limit pending messages by leasing them for five minutes.
// SKIP LOCKED lets several replicas poll the same outbox.
func (o *Outbox) Due(ctx context.Context, now time.Time, limit int) ([]domain.Notification, error) {
	return db.QueryAll(ctx, o.db, scan, `UPDATE notifications.outbox SET next_attempt = $1 + interval '5 minutes'
		WHERE id IN (SELECT id FROM notifications.outbox WHERE status = 'pending' AND next_attempt <= $1
		             ORDER BY next_attempt LIMIT $2 FOR UPDATE SKIP LOCKED)
		RETURNING `+cols, now, limit)
}

func (o *Outbox) List(ctx context.Context, status domain.Status, pr db.PageRequest) (db.Page[domain.Notification], error) {
	return db.QueryPage(ctx, o.db, scan, pr,
		`SELECT count(*) FROM notifications.outbox WHERE ($1 = '' OR status = $1)`,
		`SELECT `+cols+` FROM notifications.outbox WHERE ($1 = '' OR status = $1)
		 ORDER BY created_at DESC LIMIT $2 OFFSET $3`, string(status))
}
