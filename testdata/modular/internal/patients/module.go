// Package patients is the patients module: owners (clients), their animals and
// clinical history. Other modules may only use what this file exports.
package patients

import (
	"context"
	"database/sql"

	"github.com/go-chi/chi/v5"

	pathttp "example.com/clinic/internal/patients/adapters/http"
	"example.com/clinic/internal/patients/adapters/postgres"
	"example.com/clinic/internal/patients/app"
	"example.com/clinic/internal/patients/domain"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
)

// PatientRegistered is the integration event published for new patients.
type PatientRegistered = app.PatientRegistered

// Errors other modules may test for with errors.Is.
var (
	ErrPatientNotFound = domain.ErrPatientNotFound
	ErrOwnerNotFound   = domain.ErrOwnerNotFound
)

// PatientInfo is the public summary of a patient.
type PatientInfo struct {
	ID       string
	OwnerID  string
	Name     string
	Species  string
	Deceased bool
}

// OwnerInfo is the public summary of an owner, used for invoices and messages.
type OwnerInfo struct {
	ID        string
	Name      string
	Email     string
	Phone     string
	PreferSMS bool
	Address   string
}

// API is the patients module's public facade.
type API interface {
	Patient(ctx context.Context, id string) (PatientInfo, error)
	Owner(ctx context.Context, id string) (OwnerInfo, error)
}

// Deps are the module's dependencies.
type Deps struct {
	DB    *sql.DB
	Bus   *eventbus.Bus
	Clock clock.Clock
}

// Module is the wired patients module.
type Module struct {
	svc     *app.Service
	handler *pathttp.Handler
}

// New wires the patients module.
func New(d Deps) *Module {
	svc := app.NewService(postgres.New(d.DB), d.Bus, d.Clock)
	return &Module{svc: svc, handler: pathttp.NewHandler(svc)}
}

// Routes mounts the module's HTTP API.
func (m *Module) Routes(r chi.Router) { m.handler.Routes(r) }

// API returns the facade other modules use.
func (m *Module) API() API { return facade{m.svc} }

// Migrations returns the module's schema migrations.
func Migrations() []db.Migration { return postgres.Migrations() }

type facade struct{ svc *app.Service }

func (f facade) Patient(ctx context.Context, id string) (PatientInfo, error) {
	p, err := f.svc.Patient(ctx, id)
	if err != nil {
		return PatientInfo{}, err
	}
	return PatientInfo{ID: p.ID, OwnerID: p.OwnerID, Name: p.Name, Species: string(p.Species), Deceased: p.Deceased}, nil
}

func (f facade) Owner(ctx context.Context, id string) (OwnerInfo, error) {
	o, err := f.svc.Owner(ctx, id)
	if err != nil {
		return OwnerInfo{}, err
	}
	return OwnerInfo{ID: o.ID, Name: o.Name, Email: o.Contact.Email, Phone: o.Contact.Phone,
		PreferSMS: o.Contact.PreferSMS, Address: o.Address}, nil
}
