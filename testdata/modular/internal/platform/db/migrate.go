package db

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// Migration is one forward-only schema change owned by a module.
type Migration struct {
	Module  string
	Version int
	Name    string
	SQL     string
}

const bookkeeping = `
CREATE TABLE IF NOT EXISTS public.schema_migrations (
	module     TEXT        NOT NULL,
	version    INTEGER     NOT NULL,
	name       TEXT        NOT NULL,
	applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
	PRIMARY KEY (module, version)
)`

// Migrate applies every migration not yet recorded, in module/version order.
// It returns the number of migrations applied.
func Migrate(ctx context.Context, conn *sql.DB, migrations []Migration) (int, error) {
	if _, err := conn.ExecContext(ctx, bookkeeping); err != nil {
		return 0, fmt.Errorf("migrate: bookkeeping: %w", err)
	}
	sorted := append([]Migration(nil), migrations...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Module != sorted[j].Module {
			return sorted[i].Module < sorted[j].Module
		}
		return sorted[i].Version < sorted[j].Version
	})
	applied := 0
	for _, m := range sorted {
		var exists bool
		err := conn.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM public.schema_migrations WHERE module = $1 AND version = $2)`,
			m.Module, m.Version).Scan(&exists)
		if err != nil {
			return applied, err
		}
		if exists {
			continue
		}
		err = WithTx(ctx, conn, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx,
				`INSERT INTO public.schema_migrations (module, version, name) VALUES ($1, $2, $3)`,
				m.Module, m.Version, m.Name)
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("migrate: %s/%03d_%s: %w", m.Module, m.Version, m.Name, err)
		}
		applied++
	}
	return applied, nil
}
