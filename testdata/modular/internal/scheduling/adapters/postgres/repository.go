// Package postgres implements the scheduling repository on the scheduling schema.
package postgres

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/scheduling/domain"
)

// Migrations returns the scheduling schema migrations.
func Migrations() []db.Migration {
	return []db.Migration{{Module: "scheduling", Version: 1, Name: "appointments", SQL: `
CREATE SCHEMA IF NOT EXISTS scheduling;
CREATE TABLE scheduling.appointments (
	id               TEXT PRIMARY KEY,
	patient_id       TEXT NOT NULL,
	owner_id         TEXT NOT NULL,
	vet_id           TEXT NOT NULL,
	kind             TEXT NOT NULL,
	starts_at        TIMESTAMPTZ NOT NULL,
	duration_minutes INTEGER NOT NULL,
	reason           TEXT NOT NULL DEFAULT '',
	status           TEXT NOT NULL,
	clinical_note    TEXT NOT NULL DEFAULT '',
	created_at       TIMESTAMPTZ NOT NULL,
	updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX appointments_vet_start_idx ON scheduling.appointments(vet_id, starts_at);
CREATE TABLE scheduling.appointment_items (
	appointment_id TEXT NOT NULL REFERENCES scheduling.appointments(id) ON DELETE CASCADE,
	sku            TEXT NOT NULL,
	quantity       INTEGER NOT NULL CHECK (quantity > 0),
	PRIMARY KEY (appointment_id, sku)
);`}}
}

// Repository implements app.Repository.
type Repository struct{ db *sql.DB }

// New returns a Repository.
func New(conn *sql.DB) *Repository { return &Repository{db: conn} }

const cols = `id, patient_id, owner_id, vet_id, kind, starts_at, duration_minutes, reason, status, clinical_note, created_at, updated_at`

func scan(s db.Scanner) (domain.Appointment, error) {
	var a domain.Appointment
	var minutes int
	err := s.Scan(&a.ID, &a.PatientID, &a.OwnerID, &a.VetID, &a.Kind, &a.Start, &minutes,
		&a.Reason, &a.Status, &a.ClinicalNote, &a.CreatedAt, &a.UpdatedAt)
	a.Duration = time.Duration(minutes) * time.Minute
	return a, err
}

func (r *Repository) Create(ctx context.Context, a domain.Appointment) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO scheduling.appointments (`+cols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		a.ID, a.PatientID, a.OwnerID, a.VetID, a.Kind, a.Start, int(a.Duration/time.Minute),
		a.Reason, a.Status, a.ClinicalNote, a.CreatedAt, a.UpdatedAt)
	return err
}

func (r *Repository) Update(ctx context.Context, a domain.Appointment) error {
	return db.WithTx(ctx, r.db, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE scheduling.appointments
			SET status = $2, clinical_note = $3, updated_at = $4 WHERE id = $1`,
			a.ID, a.Status, a.ClinicalNote, a.UpdatedAt)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return domain.ErrAppointmentNotFound
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM scheduling.appointment_items WHERE appointment_id = $1`, a.ID); err != nil {
			return err
		}
		for _, it := range a.Items {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO scheduling.appointment_items (appointment_id, sku, quantity) VALUES ($1, $2, $3)`,
				a.ID, it.SKU, it.Quantity); err != nil {
				return err
			}
		}
		return nil
	})
}

func (r *Repository) ByID(ctx context.Context, id string) (domain.Appointment, error) {
	a, err := db.QueryOne(ctx, r.db, scan, `SELECT `+cols+` FROM scheduling.appointments WHERE id = $1`, id)
	if errors.Is(err, db.ErrNotFound) {
		return a, domain.ErrAppointmentNotFound
	}
	if err != nil {
		return a, err
	}
	a.Items, err = db.QueryAll(ctx, r.db, func(s db.Scanner) (domain.UsedItem, error) {
		var it domain.UsedItem
		err := s.Scan(&it.SKU, &it.Quantity)
		return it, err
	}, `SELECT sku, quantity FROM scheduling.appointment_items WHERE appointment_id = $1 ORDER BY sku`, id)
	return a, err
}

func (r *Repository) ForVet(ctx context.Context, vetID string, from, to time.Time) ([]domain.Appointment, error) {
	return db.QueryAll(ctx, r.db, scan, `SELECT `+cols+` FROM scheduling.appointments
		WHERE vet_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at`, vetID, from, to)
}
