// Package repositories implements persistence for every domain of the shop
// on top of a single PostgreSQL database.
package repositories

import (
	"context"
	"database/sql"
	"errors"

	"github.com/lib/pq"

	"example.com/shop/platform/apperr"
	"example.com/shop/platform/clock"
)

// Store is the single data-access object of the monolith.
type Store struct {
	db    *sql.DB
	clock clock.Clock
}

// NewStore wraps an open pool.
func NewStore(db *sql.DB, c clock.Clock) *Store {
	if c == nil {
		c = clock.System{}
	}
	return &Store{db: db, clock: c}
}

// Ping checks the database connection (used by readiness probes).
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return apperr.Unavailable("store.ping", err)
	}
	return nil
}

// rowScanner is satisfied by *sql.Row and *sql.Rows.
type rowScanner interface {
	Scan(dest ...any) error
}

// isUniqueViolation reports a PostgreSQL unique_violation (23505).
func isUniqueViolation(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && pqErr.Code == "23505"
}

// rowsAffectedOne returns a not-found error when a write touched no row.
func rowsAffectedOne(res sql.Result, entity, id string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return apperr.NotFound(entity, id)
	}
	return nil
}
