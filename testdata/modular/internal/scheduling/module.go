// Package scheduling is the scheduling module: vets' agendas, bookings and the
// visit lifecycle. Other modules may only use what this file exports.
package scheduling

import (
	"context"
	"database/sql"
	"errors"

	"github.com/go-chi/chi/v5"

	"example.com/clinic/internal/identity"
	"example.com/clinic/internal/patients"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
	schedhttp "example.com/clinic/internal/scheduling/adapters/http"
	"example.com/clinic/internal/scheduling/adapters/postgres"
	"example.com/clinic/internal/scheduling/app"
	"example.com/clinic/internal/scheduling/domain"
)

// Integration events published by this module.
type (
	AppointmentBooked    = app.AppointmentBooked
	AppointmentCancelled = app.AppointmentCancelled
	AppointmentCompleted = app.AppointmentCompleted
	CompletedItem        = app.CompletedItem
)

// Deps are the module's dependencies, including the facades of the modules
// it calls synchronously.
type Deps struct {
	DB       *sql.DB
	Bus      *eventbus.Bus
	Clock    clock.Clock
	Patients patients.API
	Identity identity.API
}

// Module is the wired scheduling module.
type Module struct {
	svc     *app.Service
	handler *schedhttp.Handler
}

// New wires the scheduling module.
func New(d Deps) *Module {
	svc := app.NewService(postgres.New(d.DB),
		patientDirectory{d.Patients}, staffDirectory{d.Identity}, d.Bus, d.Clock)
	return &Module{svc: svc, handler: schedhttp.NewHandler(svc)}
}

// Routes mounts the module's HTTP API.
func (m *Module) Routes(r chi.Router) { m.handler.Routes(r) }

// Migrations returns the module's schema migrations.
func Migrations() []db.Migration { return postgres.Migrations() }

// patientDirectory adapts the patients facade to scheduling's port.
type patientDirectory struct{ api patients.API }

func (p patientDirectory) OwnerOf(ctx context.Context, patientID string) (string, error) {
	info, err := p.api.Patient(ctx, patientID)
	if errors.Is(err, patients.ErrPatientNotFound) {
		return "", domain.ErrPatientUnavailable
	}
	if err != nil {
		return "", err
	}
	if info.Deceased {
		return "", domain.ErrPatientUnavailable
	}
	return info.OwnerID, nil
}

// staffDirectory adapts the identity facade to scheduling's port.
type staffDirectory struct{ api identity.API }

func (s staffDirectory) IsVet(ctx context.Context, userID string) (bool, error) {
	m, err := s.api.StaffMember(ctx, userID)
	if errors.Is(err, identity.ErrStaffNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return m.Role == "vet", nil
}
