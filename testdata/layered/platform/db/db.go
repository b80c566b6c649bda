// Package db opens the PostgreSQL pool, runs schema migrations and offers a
// transaction helper used by the repositories.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Options tune the connection pool.
type Options struct {
	MaxOpenConns    int
	MaxIdleConns    int
	ConnMaxLifetime time.Duration
	PingAttempts    int
}

// Open opens a pool for dsn and waits until the database answers.
// The driver must be registered by the caller (e.g. _ "github.com/lib/pq").
func Open(ctx context.Context, driver, dsn string, opts Options) (*sql.DB, error) {
	pool, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("db: open: %w", err)
	}
	if opts.MaxOpenConns > 0 {
		pool.SetMaxOpenConns(opts.MaxOpenConns)
	}
	if opts.MaxIdleConns > 0 {
		pool.SetMaxIdleConns(opts.MaxIdleConns)
	}
	if opts.ConnMaxLifetime > 0 {
		pool.SetConnMaxLifetime(opts.ConnMaxLifetime)
	} else {
		pool.SetConnMaxLifetime(30 * time.Minute)
	}
	attempts := opts.PingAttempts
	if attempts <= 0 {
		attempts = 5
	}
	backoff := 250 * time.Millisecond
	for i := 1; ; i++ {
		pingCtx, cancel := context.WithTimeout(ctx, 3*time.Second)
		err = pool.PingContext(pingCtx)
		cancel()
		if err == nil {
			return pool, nil
		}
		if i >= attempts {
			pool.Close()
			return nil, fmt.Errorf("db: ping after %d attempts: %w", i, err)
		}
		select {
		case <-ctx.Done():
			pool.Close()
			return nil, ctx.Err()
		case <-time.After(backoff):
			backoff *= 2
		}
	}
}

// WithTx runs fn in a transaction, committing when fn returns nil and rolling
// back otherwise (including on panic, which is re-raised).
func WithTx(ctx context.Context, pool *sql.DB, fn func(tx *sql.Tx) error) (err error) {
	tx, err := pool.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			if rbErr := tx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
				err = errors.Join(err, fmt.Errorf("db: rollback: %w", rbErr))
			}
			return
		}
		if cErr := tx.Commit(); cErr != nil {
			err = fmt.Errorf("db: commit: %w", cErr)
		}
	}()
	return fn(tx)
}

// IsNoRows reports whether err is sql.ErrNoRows.
func IsNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// NullString turns an empty string into a SQL NULL.
func NullString(s string) sql.NullString {
	return sql.NullString{String: s, Valid: s != ""}
}

// NullTime turns a nil pointer into a SQL NULL.
func NullTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: *t, Valid: true}
}

// TimePtr converts a sql.NullTime into a pointer.
func TimePtr(nt sql.NullTime) *time.Time {
	if !nt.Valid {
		return nil
	}
	t := nt.Time
	return &t
}
