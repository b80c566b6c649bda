// Command clinic-migrate applies every module's schema migrations. Each module
// owns one Postgres schema; the bookkeeping table lives in public.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"

	"example.com/clinic/internal/billing"
	"example.com/clinic/internal/identity"
	"example.com/clinic/internal/notifications"
	"example.com/clinic/internal/patients"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/scheduling"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "clinic-migrate:", err)
		os.Exit(1)
	}
}

func run() error {
	driver := flag.String("driver", "pgx", "database/sql driver name")
	dsn := flag.String("dsn", os.Getenv("CLINIC_DATABASE_URL"), "database URL")
	only := flag.String("module", "", "apply only this module's migrations")
	dryRun := flag.Bool("dry-run", false, "list migrations without applying them")
	flag.Parse()

	all := slices.Concat(
		identity.Migrations(),
		patients.Migrations(),
		scheduling.Migrations(),
		billing.Migrations(),
		notifications.Migrations(),
	)
	if *only != "" {
		all = slices.DeleteFunc(all, func(m db.Migration) bool { return m.Module != *only })
	}
	if *dryRun {
		for _, m := range all {
			fmt.Printf("%-14s %03d %s\n", m.Module, m.Version, m.Name)
		}
		return nil
	}

	ctx := context.Background()
	conn, err := db.Open(ctx, *driver, *dsn)
	if err != nil {
		return err
	}
	defer conn.Close()
	n, err := db.Migrate(ctx, conn, all)
	if err != nil {
		return err
	}
	fmt.Printf("applied %d of %d migrations\n", n, len(all))
	return nil
}
