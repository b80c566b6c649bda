// Package postgres implements the billing repository on the billing schema.
package postgres

import (
	"context"
	"database/sql"
	"errors"

	"example.com/clinic/internal/billing/domain"
	"example.com/clinic/internal/platform/db"
)

// Migrations returns the billing schema migrations.
func Migrations() []db.Migration {
	return []db.Migration{{Module: "billing", Version: 1, Name: "invoices", SQL: `
CREATE SCHEMA IF NOT EXISTS billing;
CREATE TABLE billing.price_list (sku TEXT PRIMARY KEY, description TEXT NOT NULL, unit_cents BIGINT NOT NULL);
CREATE TABLE billing.invoices (
	id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, appointment_id TEXT NOT NULL UNIQUE,
	bill_to_name TEXT NOT NULL, bill_to_email TEXT NOT NULL, status TEXT NOT NULL,
	paid_cents BIGINT NOT NULL DEFAULT 0, created_at TIMESTAMPTZ NOT NULL, due_at TIMESTAMPTZ
);
CREATE INDEX invoices_owner_idx ON billing.invoices(owner_id);
CREATE TABLE billing.invoice_lines (
	invoice_id TEXT NOT NULL REFERENCES billing.invoices(id), line_no INTEGER NOT NULL,
	sku TEXT NOT NULL, description TEXT NOT NULL, quantity INTEGER NOT NULL, unit_cents BIGINT NOT NULL,
	PRIMARY KEY (invoice_id, line_no)
);`}}
}

// Repository implements app.Repository.
type Repository struct{ db *sql.DB }

// New returns a Repository.
func New(conn *sql.DB) *Repository { return &Repository{db: conn} }

const cols = `id, owner_id, appointment_id, bill_to_name, bill_to_email, status, paid_cents, created_at, due_at`

func scan(s db.Scanner) (domain.Invoice, error) {
	var inv domain.Invoice
	var due sql.NullTime
	err := s.Scan(&inv.ID, &inv.OwnerID, &inv.AppointmentID, &inv.BillToName, &inv.BillToEmail,
		&inv.Status, &inv.Paid, &inv.CreatedAt, &due)
	inv.DueAt = due.Time
	return inv, err
}

func (r *Repository) Create(ctx context.Context, inv domain.Invoice) error {
	return db.WithTx(ctx, r.db, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO billing.invoices (`+cols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL)`,
			inv.ID, inv.OwnerID, inv.AppointmentID, inv.BillToName, inv.BillToEmail, inv.Status, inv.Paid, inv.CreatedAt)
		if db.IsUniqueViolation(err) {
			return domain.ErrDuplicate
		} else if err != nil {
			return err
		}
		for i, l := range inv.Lines {
			if _, err := tx.ExecContext(ctx, `INSERT INTO billing.invoice_lines
				(invoice_id, line_no, sku, description, quantity, unit_cents) VALUES ($1, $2, $3, $4, $5, $6)`,
				inv.ID, i+1, l.SKU, l.Description, l.Quantity, l.Unit); err != nil {
				return err
			}
		}
		return nil
	})
}

func (r *Repository) Update(ctx context.Context, inv domain.Invoice) error {
	due := sql.NullTime{Time: inv.DueAt, Valid: !inv.DueAt.IsZero()}
	_, err := r.db.ExecContext(ctx, `UPDATE billing.invoices SET status = $2, paid_cents = $3, due_at = $4 WHERE id = $1`,
		inv.ID, inv.Status, inv.Paid, due)
	return err
}

func (r *Repository) ByID(ctx context.Context, id string) (domain.Invoice, error) {
	inv, err := db.QueryOne(ctx, r.db, scan, `SELECT `+cols+` FROM billing.invoices WHERE id = $1`, id)
	if errors.Is(err, db.ErrNotFound) {
		return inv, domain.ErrInvoiceNotFound
	} else if err != nil {
		return inv, err
	}
	inv.Lines, err = db.QueryAll(ctx, r.db, func(s db.Scanner) (domain.Line, error) {
		var l domain.Line
		err := s.Scan(&l.SKU, &l.Description, &l.Quantity, &l.Unit)
		return l, err
	}, `SELECT sku, description, quantity, unit_cents FROM billing.invoice_lines WHERE invoice_id = $1 ORDER BY line_no`, id)
	return inv, err
}

func (r *Repository) ForOwner(ctx context.Context, ownerID string, pr db.PageRequest) (db.Page[domain.Invoice], error) {
	return db.QueryPage(ctx, r.db, scan, pr,
		`SELECT count(*) FROM billing.invoices WHERE owner_id = $1`,
		`SELECT `+cols+` FROM billing.invoices WHERE owner_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3`, ownerID)
}

func (r *Repository) Price(ctx context.Context, sku string) (string, domain.Money, error) {
	var desc string
	var unit domain.Money
	err := r.db.QueryRowContext(ctx, `SELECT description, unit_cents FROM billing.price_list WHERE sku = $1`, sku).Scan(&desc, &unit)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, domain.ErrPriceNotFound
	}
	return desc, unit, err
}

func (r *Repository) SetPrice(ctx context.Context, sku, description string, unit domain.Money) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO billing.price_list (sku, description, unit_cents) VALUES ($1, $2, $3)
		ON CONFLICT (sku) DO UPDATE SET description = EXCLUDED.description, unit_cents = EXCLUDED.unit_cents`,
		sku, description, unit)
	return err
}
