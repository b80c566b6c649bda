// Package persistence is the accounts' data access.
package persistence

import (
	"context"
	"fmt"

	"github.com/gobuffalo/pop/v6"
	"github.com/gofrs/uuid"

	"example.com/accounts/identity"
)

// Persister reads and writes the accounts.
type Persister struct{ c *pop.Connection }

// MigrateUp runs the SQL migrations in dir: schema work, no table of ours.
func MigrateUp(c *pop.Connection, dir string) error {
	m, err := pop.NewFileMigrator(dir, c)
	if err != nil {
		return err
	}
	return m.Up()
}

func (p *Persister) conn(ctx context.Context) *pop.Connection { return p.c.WithContext(ctx) }

// GetIdentity loads an identity with its addresses.
func (p *Persister) GetIdentity(ctx context.Context, id uuid.UUID) (*identity.Identity, error) {
	var i identity.Identity
	if err := p.conn(ctx).Where("id = ?", id).First(&i); err != nil {
		return nil, err
	}
	return &i, nil
}

// CreateIdentity creates one.
func (p *Persister) CreateIdentity(ctx context.Context, i *identity.Identity) error {
	return p.conn(ctx).Create(i)
}

// UpdateIdentity saves one.
func (p *Persister) UpdateIdentity(ctx context.Context, i *identity.Identity) error {
	return p.conn(ctx).Update(i)
}

// DeleteIdentity deletes one with raw SQL built on the model's table name.
func (p *Persister) DeleteIdentity(ctx context.Context, id uuid.UUID) error {
	table := new(identity.Identity).TableName(ctx)
	_, err := p.conn(ctx).RawQuery(fmt.Sprintf("DELETE FROM %s WHERE id = ?", table), id).ExecWithCount()
	return err
}

// ListSessions lists an identity's active sessions.
func (p *Persister) ListSessions(ctx context.Context, identityID uuid.UUID) ([]identity.Session, error) {
	var ss []identity.Session
	q := p.conn(ctx).Q().Where("identity_id = ?", identityID)
	q = q.Where("active = ?", true)
	return ss, q.All(&ss)
}

// RevokeSessions deactivates an identity's sessions.
func (p *Persister) RevokeSessions(ctx context.Context, identityID uuid.UUID) error {
	return p.conn(ctx).Where("identity_id = ?", identityID).Delete(&identity.Session{})
}

// AddRecoveryAddress stores an address in a transaction.
func (p *Persister) AddRecoveryAddress(ctx context.Context, a *identity.RecoveryAddress) error {
	return p.conn(ctx).Transaction(func(tx *pop.Connection) error {
		return tx.Create(a)
	})
}

// FindByAddress joins the addresses.
func (p *Persister) FindByAddress(ctx context.Context, value string) (*identity.Identity, error) {
	var i identity.Identity
	err := p.conn(ctx).Q().
		Join("identity_recovery_addresses ra", "ra.identity_id = identities.id").
		Where("ra.value = ?", value).First(&i)
	return &i, err
}

// QueueMessage queues a courier message.
func (p *Persister) QueueMessage(ctx context.Context, m *identity.CourierMessage) error {
	return p.conn(ctx).Create(m)
}

// CountIdentities counts.
func (p *Persister) CountIdentities(ctx context.Context) (int, error) {
	return p.conn(ctx).Count(new(identity.Identity))
}
