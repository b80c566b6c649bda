package database

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// Go migrations registered with goose: what they run is schema work, even
// an UPDATE.
func init() {
	goose.AddMigrationContext(upBackfillStatus, downBackfillStatus)
}

func upBackfillStatus(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE entries SET status = 'unread' WHERE status IS NULL`)
	return err
}

func downBackfillStatus(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE entries SET status = NULL WHERE status = 'unread'`)
	return err
}

// RunGoose applies the goose migrations.
func RunGoose(db *sql.DB) error {
	return goose.Up(db, ".")
}
