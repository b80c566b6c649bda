package database

import (
	"context"
	"database/sql"
)

// upgrade is a registry of named steps, most of which change the schema:
// the steps that only move data are migration code too.
type upgrade struct {
	name string
	run  func(ctx context.Context, db *sql.DB) error
}

var upgrades = []upgrade{
	{"add tags", addTags},
	{"fill tags", fillTags},
	{"index tags", indexTags},
}

func addTags(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `CREATE TABLE tags (entry_id bigint NOT NULL, name text NOT NULL)`)
	return err
}

func fillTags(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `INSERT INTO tags (entry_id, name) SELECT id, 'untagged' FROM entries`)
	return err
}

func indexTags(ctx context.Context, db *sql.DB) error {
	_, err := db.ExecContext(ctx, `CREATE INDEX tags_name_idx ON tags (name)`)
	return err
}

// Upgrade runs every step.
func Upgrade(ctx context.Context, db *sql.DB) error {
	for _, u := range upgrades {
		if err := u.run(ctx, db); err != nil {
			return err
		}
	}
	return nil
}
