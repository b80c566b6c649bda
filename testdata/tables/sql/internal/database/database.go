// Package database creates and migrates the schema.
package database

import (
	"database/sql"
	"fmt"
)

// Migrate runs the migrations the database has not seen.
func Migrate(db *sql.DB) error {
	var current int
	db.QueryRow(`SELECT version FROM schema_version`).Scan(&current)
	for v := current; v < len(migrations); v++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		if err := migrations[v](tx); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if _, err := tx.Exec(`TRUNCATE schema_version`); err != nil {
			tx.Rollback()
			return err
		}
		if _, err := tx.Exec(`INSERT INTO schema_version (version) VALUES ($1)`, v+1); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// UpToDate reports whether every migration ran.
func UpToDate(db *sql.DB) (bool, error) {
	var current int
	err := db.QueryRow(`SELECT version FROM schema_version`).Scan(&current)
	return current == len(migrations), err
}
