// Package identity is the staff-identity module: accounts, roles, sessions.
// Other modules may only use what this file exports.
package identity

import (
	"context"
	"database/sql"
	"time"

	"github.com/go-chi/chi/v5"

	idhttp "example.com/clinic/internal/identity/adapters/http"
	"example.com/clinic/internal/identity/adapters/postgres"
	"example.com/clinic/internal/identity/app"
	"example.com/clinic/internal/identity/domain"
	"example.com/clinic/internal/platform/auth"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
)

// StaffRegistered is the integration event published for new staff accounts.
type StaffRegistered = app.StaffRegistered

// Errors other modules may test for with errors.Is.
var ErrStaffNotFound = domain.ErrUserNotFound

// StaffMember is the public view of a staff account.
type StaffMember struct {
	ID    string
	Name  string
	Email string
	Role  string
}

// API is the identity module's public facade.
type API interface {
	auth.Verifier
	StaffMember(ctx context.Context, id string) (StaffMember, error)
}

// Deps are the identity module's dependencies.
type Deps struct {
	DB          *sql.DB
	Bus         *eventbus.Bus
	Clock       clock.Clock
	TokenSecret string
	SessionTTL  time.Duration
}

// Module is the wired identity module.
type Module struct {
	svc     *app.Service
	handler *idhttp.Handler
}

// New wires the identity module.
func New(d Deps) *Module {
	svc := app.NewService(postgres.New(d.DB), d.Bus, d.Clock, d.TokenSecret, d.SessionTTL)
	return &Module{svc: svc, handler: idhttp.NewHandler(svc)}
}

// Routes mounts the module's HTTP API.
func (m *Module) Routes(r chi.Router) { m.handler.Routes(r) }

// API returns the facade other modules use.
func (m *Module) API() API { return facade{m.svc} }

// Migrations returns the module's schema migrations.
func Migrations() []db.Migration { return postgres.Migrations() }

type facade struct{ svc *app.Service }

func (f facade) Verify(ctx context.Context, token string) (auth.Principal, error) {
	return f.svc.Verify(ctx, token)
}

func (f facade) StaffMember(ctx context.Context, id string) (StaffMember, error) {
	u, err := f.svc.User(ctx, id)
	if err != nil {
		return StaffMember{}, err
	}
	return StaffMember{ID: u.ID, Name: u.Name, Email: u.Email, Role: string(u.Role)}, nil
}
