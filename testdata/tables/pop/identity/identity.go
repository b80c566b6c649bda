// Package identity holds the account models, pop style.
package identity

import (
	"context"
	"time"

	"github.com/gofrs/uuid"
)

// Identity is an account; its table name takes the query's context.
type Identity struct {
	ID        uuid.UUID `db:"id"`
	State     string    `db:"state"`
	CreatedAt time.Time `db:"created_at"`
}

// TableName names the table.
func (Identity) TableName(context.Context) string { return "identities" }

// RecoveryAddress is where recovery codes go.
type RecoveryAddress struct {
	ID         uuid.UUID `db:"id"`
	IdentityID uuid.UUID `db:"identity_id"`
	Value      string    `db:"value"`
}

// TableName names the table.
func (RecoveryAddress) TableName() string { return "identity_recovery_addresses" }

// Session has no TableName: pop's default (flect) naming makes it
// "sessions".
type Session struct {
	ID         uuid.UUID `db:"id"`
	IdentityID uuid.UUID `db:"identity_id"`
	Active     bool      `db:"active"`
}

// CourierMessage is "courier_messages" by the same rule.
type CourierMessage struct {
	ID        uuid.UUID `db:"id"`
	Recipient string    `db:"recipient"`
}
