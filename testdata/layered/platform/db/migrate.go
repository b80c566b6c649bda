package db

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
)

type migration struct {
	version int
	name    string
	stmts   []string
}

// migrations is the ordered schema history of the shop database.
var migrations = []migration{
	{1, "customers", []string{
		`CREATE TABLE IF NOT EXISTS customers (
			id               TEXT PRIMARY KEY,
			email            TEXT NOT NULL UNIQUE,
			full_name        TEXT NOT NULL,
			phone            TEXT NOT NULL DEFAULT '',
			tier             TEXT NOT NULL DEFAULT 'standard',
			marketing_opt_in BOOLEAN NOT NULL DEFAULT FALSE,
			created_at       TIMESTAMPTZ NOT NULL,
			updated_at       TIMESTAMPTZ NOT NULL
		)`,
		`CREATE TABLE IF NOT EXISTS addresses (
			id          TEXT PRIMARY KEY,
			customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
			line1       TEXT NOT NULL,
			line2       TEXT NOT NULL DEFAULT '',
			city        TEXT NOT NULL,
			postal_code TEXT NOT NULL,
			country     CHAR(2) NOT NULL,
			is_default  BOOLEAN NOT NULL DEFAULT FALSE,
			created_at  TIMESTAMPTZ NOT NULL
		)`,
		`CREATE INDEX IF NOT EXISTS addresses_customer_idx ON addresses (customer_id)`,
	}},
	{2, "catalog", []string{
		`CREATE TABLE IF NOT EXISTS categories (
			id        TEXT PRIMARY KEY,
			name      TEXT NOT NULL,
			slug      TEXT NOT NULL UNIQUE,
			parent_id TEXT REFERENCES categories(id)
		)`,
		`CREATE TABLE IF NOT EXISTS products (
			id            TEXT PRIMARY KEY,
			sku           TEXT NOT NULL UNIQUE,
			name          TEXT NOT NULL,
			slug          TEXT NOT NULL UNIQUE,
			description   TEXT NOT NULL DEFAULT '',
			category_id   TEXT REFERENCES categories(id),
			price_cents   BIGINT NOT NULL CHECK (price_cents >= 0),
			currency      CHAR(3) NOT NULL,
			weight_grams  INTEGER NOT NULL DEFAULT 0,
			active        BOOLEAN NOT NULL DEFAULT TRUE,
			search_vector TSVECTOR,
			created_at    TIMESTAMPTZ NOT NULL,
			updated_at    TIMESTAMPTZ NOT NULL
		)`,
		`CREATE INDEX IF NOT EXISTS products_search_idx ON products USING GIN (search_vector)`,
	}},
	{3, "orders", []string{
		`CREATE TABLE IF NOT EXISTS orders (
			id                  TEXT PRIMARY KEY,
			customer_id         TEXT NOT NULL,
			status              TEXT NOT NULL,
			currency            CHAR(3) NOT NULL,
			subtotal_cents      BIGINT NOT NULL,
			shipping_cents      BIGINT NOT NULL,
			tax_cents           BIGINT NOT NULL,
			total_cents         BIGINT NOT NULL,
			shipping_address_id TEXT NOT NULL,
			placed_at           TIMESTAMPTZ NOT NULL,
			updated_at          TIMESTAMPTZ NOT NULL
		)`,
		`CREATE TABLE IF NOT EXISTS order_items (
			id               TEXT PRIMARY KEY,
			order_id         TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
			product_id       TEXT NOT NULL,
			sku              TEXT NOT NULL,
			name             TEXT NOT NULL,
			quantity         INTEGER NOT NULL CHECK (quantity > 0),
			unit_price_cents BIGINT NOT NULL
		)`,
		`CREATE INDEX IF NOT EXISTS orders_customer_idx ON orders (customer_id, placed_at DESC)`,
	}},
	{4, "payments", []string{
		`CREATE TABLE IF NOT EXISTS payments (
			id             TEXT PRIMARY KEY,
			order_id       TEXT NOT NULL,
			amount_cents   BIGINT NOT NULL,
			currency       CHAR(3) NOT NULL,
			status         TEXT NOT NULL,
			provider       TEXT NOT NULL,
			provider_ref   TEXT NOT NULL DEFAULT '',
			failure_reason TEXT NOT NULL DEFAULT '',
			created_at     TIMESTAMPTZ NOT NULL,
			updated_at     TIMESTAMPTZ NOT NULL
		)`,
		`CREATE TABLE IF NOT EXISTS refunds (
			id           TEXT PRIMARY KEY,
			payment_id   TEXT NOT NULL REFERENCES payments(id),
			amount_cents BIGINT NOT NULL,
			reason       TEXT NOT NULL,
			status       TEXT NOT NULL,
			provider_ref TEXT NOT NULL DEFAULT '',
			created_at   TIMESTAMPTZ NOT NULL
		)`,
		`CREATE UNIQUE INDEX IF NOT EXISTS payments_provider_ref_idx ON payments (provider, provider_ref) WHERE provider_ref <> ''`,
	}},
	{5, "shipping", []string{
		`CREATE TABLE IF NOT EXISTS shipments (
			id              TEXT PRIMARY KEY,
			order_id        TEXT NOT NULL UNIQUE,
			carrier         TEXT NOT NULL,
			service         TEXT NOT NULL,
			tracking_number TEXT NOT NULL DEFAULT '',
			status          TEXT NOT NULL,
			address_id      TEXT NOT NULL,
			cost_cents      BIGINT NOT NULL,
			shipped_at      TIMESTAMPTZ,
			delivered_at    TIMESTAMPTZ,
			created_at      TIMESTAMPTZ NOT NULL,
			updated_at      TIMESTAMPTZ NOT NULL
		)`,
		`CREATE TABLE IF NOT EXISTS tracking_events (
			id          BIGSERIAL PRIMARY KEY,
			shipment_id TEXT NOT NULL REFERENCES shipments(id) ON DELETE CASCADE,
			status      TEXT NOT NULL,
			location    TEXT NOT NULL DEFAULT '',
			description TEXT NOT NULL DEFAULT '',
			occurred_at TIMESTAMPTZ NOT NULL
		)`,
	}},
	{6, "inventory", []string{
		`CREATE TABLE IF NOT EXISTS stock_levels (
			product_id    TEXT NOT NULL,
			warehouse_id  TEXT NOT NULL,
			on_hand       INTEGER NOT NULL CHECK (on_hand >= 0),
			reserved      INTEGER NOT NULL DEFAULT 0 CHECK (reserved >= 0),
			reorder_point INTEGER NOT NULL DEFAULT 0,
			updated_at    TIMESTAMPTZ NOT NULL,
			PRIMARY KEY (product_id, warehouse_id)
		)`,
		`CREATE TABLE IF NOT EXISTS reservations (
			id           TEXT PRIMARY KEY,
			order_id     TEXT NOT NULL,
			product_id   TEXT NOT NULL,
			warehouse_id TEXT NOT NULL,
			quantity     INTEGER NOT NULL,
			status       TEXT NOT NULL,
			expires_at   TIMESTAMPTZ NOT NULL,
			created_at   TIMESTAMPTZ NOT NULL
		)`,
		`CREATE TABLE IF NOT EXISTS stock_movements (
			id           BIGSERIAL PRIMARY KEY,
			product_id   TEXT NOT NULL,
			warehouse_id TEXT NOT NULL,
			delta        INTEGER NOT NULL,
			reason       TEXT NOT NULL,
			created_at   TIMESTAMPTZ NOT NULL
		)`,
		`CREATE INDEX IF NOT EXISTS reservations_expiry_idx ON reservations (status, expires_at)`,
	}},
	{7, "reviews", []string{
		`CREATE TABLE IF NOT EXISTS reviews (
			id          TEXT PRIMARY KEY,
			product_id  TEXT NOT NULL,
			customer_id TEXT NOT NULL,
			order_id    TEXT NOT NULL DEFAULT '',
			rating      SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
			title       TEXT NOT NULL,
			body        TEXT NOT NULL,
			status      TEXT NOT NULL,
			verified    BOOLEAN NOT NULL DEFAULT FALSE,
			created_at  TIMESTAMPTZ NOT NULL,
			updated_at  TIMESTAMPTZ NOT NULL,
			UNIQUE (product_id, customer_id)
		)`,
	}},
}

// Migrate applies every migration newer than the recorded schema version.
func Migrate(ctx context.Context, pool *sql.DB, log *slog.Logger) error {
	if _, err := pool.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("db: create schema_migrations: %w", err)
	}
	var current int
	if err := pool.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("db: read schema version: %w", err)
	}
	for _, m := range migrations {
		if m.version <= current {
			continue
		}
		err := WithTx(ctx, pool, func(tx *sql.Tx) error {
			for _, stmt := range m.stmts {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("db: migration %d (%s): %w", m.version, m.name, err)
		}
		log.Info("applied migration", "version", m.version, "name", m.name)
	}
	return nil
}

// PendingMigrations returns how many migrations have not been applied yet.
func PendingMigrations(ctx context.Context, pool *sql.DB) (int, error) {
	var current int
	err := pool.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current)
	if err != nil {
		return 0, fmt.Errorf("db: read schema version: %w", err)
	}
	pending := 0
	for _, m := range migrations {
		if m.version > current {
			pending++
		}
	}
	return pending, nil
}
