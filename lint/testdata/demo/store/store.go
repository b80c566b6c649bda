// Package store is one database access layer split between services.
package store

import (
	"context"
	"database/sql"
)

// Store wraps the database (shared kernel).
type Store struct{ db *sql.DB }

// Open returns a Store (shared kernel).
func Open(db *sql.DB) *Store { return &Store{db: db} }

// OrderRow is an order as stored (orders' API).
type OrderRow struct {
	ID    string
	Total int
}

const insertOrderSQL = "INSERT INTO orders (id, total) VALUES ($1, $2)"

// SaveOrder stores an order (orders).
func (s *Store) SaveOrder(ctx context.Context, r OrderRow) error {
	_, err := s.db.ExecContext(ctx, insertOrderSQL, r.ID, r.Total)
	return err
}

// MarkPaid flags an order as paid (payments): it writes orders' table.
func (s *Store) MarkPaid(ctx context.Context, r OrderRow) error {
	_, err := s.db.ExecContext(ctx, "UPDATE orders SET paid = true WHERE id = $1", r.ID)
	return err
}

// Vacuum is attached to no service.
func Vacuum(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, "VACUUM")
	return err
}
