// Package postgres implements the patients repository on the patients schema.
package postgres

import (
	"context"
	"database/sql"
	"errors"

	"example.com/clinic/internal/patients/domain"
	"example.com/clinic/internal/platform/db"
)

// Migrations returns the patients schema migrations.
func Migrations() []db.Migration {
	return []db.Migration{
		{Module: "patients", Version: 1, Name: "owners_patients", SQL: `
CREATE SCHEMA IF NOT EXISTS patients;
CREATE TABLE patients.owners (
	id TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL DEFAULT '',
	phone TEXT NOT NULL DEFAULT '', address TEXT NOT NULL DEFAULT '', created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE patients.patients (
	id TEXT PRIMARY KEY, owner_id TEXT NOT NULL REFERENCES patients.owners(id),
	name TEXT NOT NULL, species TEXT NOT NULL, birth_date DATE, weight_kg NUMERIC(6,2) NOT NULL,
	deceased BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX patients_owner_idx ON patients.patients(owner_id);`},
		{Module: "patients", Version: 2, Name: "owner_prefer_sms", SQL: `
ALTER TABLE patients.owners ADD COLUMN prefer_sms BOOLEAN NOT NULL DEFAULT FALSE;`},
	}
}

// Repository implements app.Repository.
type Repository struct{ db *sql.DB }

// New returns a Repository.
func New(conn *sql.DB) *Repository { return &Repository{db: conn} }

const ownerCols = `id, name, email, phone, prefer_sms, address, created_at`
const patientCols = `id, owner_id, name, species, birth_date, weight_kg, deceased`

func scanOwner(s db.Scanner) (domain.Owner, error) {
	var o domain.Owner
	err := s.Scan(&o.ID, &o.Name, &o.Contact.Email, &o.Contact.Phone, &o.Contact.PreferSMS, &o.Address, &o.CreatedAt)
	return o, err
}

func scanPatient(s db.Scanner) (domain.Patient, error) {
	var p domain.Patient
	var born sql.NullTime
	err := s.Scan(&p.ID, &p.OwnerID, &p.Name, &p.Species, &born, &p.WeightKg, &p.Deceased)
	p.BirthDate = born.Time
	return p, err
}

func (r *Repository) CreateOwner(ctx context.Context, o domain.Owner) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO patients.owners (`+ownerCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		o.ID, o.Name, o.Contact.Email, o.Contact.Phone, o.Contact.PreferSMS, o.Address, o.CreatedAt)
	return err
}

func (r *Repository) Owner(ctx context.Context, id string) (domain.Owner, error) {
	o, err := db.QueryOne(ctx, r.db, scanOwner, `SELECT `+ownerCols+` FROM patients.owners WHERE id = $1`, id)
	if errors.Is(err, db.ErrNotFound) {
		return o, domain.ErrOwnerNotFound
	}
	return o, err
}

func (r *Repository) CreatePatient(ctx context.Context, p domain.Patient) error {
	born := sql.NullTime{Time: p.BirthDate, Valid: !p.BirthDate.IsZero()}
	_, err := r.db.ExecContext(ctx, `INSERT INTO patients.patients (`+patientCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		p.ID, p.OwnerID, p.Name, p.Species, born, p.WeightKg, p.Deceased)
	return err
}

func (r *Repository) Patient(ctx context.Context, id string) (domain.Patient, error) {
	p, err := db.QueryOne(ctx, r.db, scanPatient, `SELECT `+patientCols+` FROM patients.patients WHERE id = $1`, id)
	if errors.Is(err, db.ErrNotFound) {
		return p, domain.ErrPatientNotFound
	}
	return p, err
}

func (r *Repository) PatientsOfOwner(ctx context.Context, ownerID string) ([]domain.Patient, error) {
	return db.QueryAll(ctx, r.db, scanPatient,
		`SELECT `+patientCols+` FROM patients.patients WHERE owner_id = $1 ORDER BY name`, ownerID)
}
