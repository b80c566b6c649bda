// Package driver is the service registry: one value that builds and holds
// every handler and its dependencies, used through an interface.
package driver

import (
	"context"
	"errors"

	"github.com/spf13/pflag"

	"example.com/dbal"
	"example.com/idp/v3/health"
	"example.com/idp/v3/session"
	"example.com/idp/v3/x"
)

// Registry is what the servers use.
type Registry interface {
	RegisterPublicRoutes(ctx context.Context, public *x.RouterPublic)
	WithCSRFHandler(c *x.CSRFHandler)
	CSRFHandler() *x.CSRFHandler
}

// Option configures the registry.
type Option func(*RegistryDefault)

// WithName names the instance.
func WithName(name string) Option { return func(r *RegistryDefault) { r.name = name } }

// RegistryDefault is the registry the program builds.
type RegistryDefault struct {
	name string
	db   dbal.Driver
	csrf *x.CSRFHandler
}

// New builds the registry: the DSN comes from the command's flags, and its
// driver from those registered on dbal.
func New(ctx context.Context, flags *pflag.FlagSet, opts []Option) (Registry, error) {
	dsn, err := flags.GetString("dsn")
	if err != nil {
		return nil, err
	}
	db, err := dbal.GetDriverFor(dsn)
	if err != nil {
		return nil, err
	}
	r := &RegistryDefault{db: db}
	for _, o := range opts {
		o(r)
	}
	if r.name == "" {
		return nil, errors.New("driver: the instance has no name")
	}
	return r, nil
}

// WithCSRFHandler sets the CSRF handler the session handler issues tokens of.
func (m *RegistryDefault) WithCSRFHandler(c *x.CSRFHandler) { m.csrf = c }

// CSRFHandler is the CSRF handler; it must be set before routes are registered.
func (m *RegistryDefault) CSRFHandler() *x.CSRFHandler {
	if m.csrf == nil {
		panic("csrf handler is not set")
	}
	return m.csrf
}

// Ping checks the database.
func (m *RegistryDefault) Ping() error { return m.db.Ping() }

// SessionHandler is the session API.
func (m *RegistryDefault) SessionHandler() *session.Handler { return session.NewHandler(m) }

// HealthHandler is the health API.
func (m *RegistryDefault) HealthHandler() *health.Handler { return health.NewHandler(m, m.name) }

// RegisterPublicRoutes registers every handler's public routes.
func (m *RegistryDefault) RegisterPublicRoutes(ctx context.Context, public *x.RouterPublic) {
	m.SessionHandler().RegisterPublicRoutes(public)
	m.HealthHandler().RegisterPublicRoutes(public)
}
