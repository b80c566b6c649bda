// Package app holds the patients use cases.
package app

import (
	"context"
	"strings"
	"time"

	"example.com/clinic/internal/patients/domain"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
)

// Repository persists owners and patients.
type Repository interface {
	CreateOwner(ctx context.Context, o domain.Owner) error
	Owner(ctx context.Context, id string) (domain.Owner, error)
	CreatePatient(ctx context.Context, p domain.Patient) error
	Patient(ctx context.Context, id string) (domain.Patient, error)
	PatientsOfOwner(ctx context.Context, ownerID string) ([]domain.Patient, error)
}

// PatientRegistered is published when a new patient joins the clinic.
type PatientRegistered struct {
	PatientID, OwnerID, Name, Species string
}

// EventName implements eventbus.Event.
func (PatientRegistered) EventName() string { return "patients.patient_registered" }

// Service implements the patients use cases.
type Service struct {
	repo   Repository
	events eventbus.Publisher
	clock  clock.Clock
}

// NewService builds the service.
func NewService(repo Repository, events eventbus.Publisher, c clock.Clock) *Service {
	return &Service{repo: repo, events: events, clock: c}
}

// NewOwner is the input of RegisterOwner.
type NewOwner struct {
	Name      string `json:"name"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
	PreferSMS bool   `json:"prefer_sms"`
	Address   string `json:"address"`
}

// RegisterOwner adds a client.
func (s *Service) RegisterOwner(ctx context.Context, in NewOwner) (domain.Owner, error) {
	c := domain.Contact{Email: in.Email, Phone: in.Phone, PreferSMS: in.PreferSMS}
	o, err := domain.NewOwner(db.NewID("own"), in.Name, c, in.Address, s.clock.Now())
	if err != nil {
		return domain.Owner{}, err
	}
	return o, s.repo.CreateOwner(ctx, o)
}

// Owner returns one owner.
func (s *Service) Owner(ctx context.Context, id string) (domain.Owner, error) {
	return s.repo.Owner(ctx, id)
}

// NewPatient is the input of RegisterPatient.
type NewPatient struct {
	OwnerID   string    `json:"owner_id"`
	Name      string    `json:"name"`
	Species   string    `json:"species"`
	BirthDate time.Time `json:"birth_date"`
	WeightKg  float64   `json:"weight_kg"`
}

// RegisterPatient adds a pet to an existing owner and announces it.
func (s *Service) RegisterPatient(ctx context.Context, in NewPatient) (domain.Patient, error) {
	if _, err := s.repo.Owner(ctx, in.OwnerID); err != nil {
		return domain.Patient{}, err
	}
	sp, err := domain.ParseSpecies(in.Species)
	if err != nil {
		return domain.Patient{}, err
	}
	if strings.TrimSpace(in.Name) == "" {
		return domain.Patient{}, domain.ErrNameRequired
	}
	p := domain.Patient{ID: db.NewID("pat"), OwnerID: in.OwnerID, Name: strings.TrimSpace(in.Name),
		Species: sp, BirthDate: in.BirthDate, WeightKg: in.WeightKg}
	if err := s.repo.CreatePatient(ctx, p); err != nil {
		return domain.Patient{}, err
	}
	return p, s.events.Publish(ctx, PatientRegistered{PatientID: p.ID, OwnerID: p.OwnerID, Name: p.Name, Species: string(p.Species)})
}

// Patient returns one patient.
func (s *Service) Patient(ctx context.Context, id string) (domain.Patient, error) {
	return s.repo.Patient(ctx, id)
}

// PatientsOfOwner lists an owner's pets.
func (s *Service) PatientsOfOwner(ctx context.Context, ownerID string) ([]domain.Patient, error) {
	return s.repo.PatientsOfOwner(ctx, ownerID)
}
