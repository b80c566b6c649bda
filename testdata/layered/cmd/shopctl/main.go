// Command shopctl is the operator CLI of the shop.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"os/signal"

	_ "github.com/lib/pq"
	"github.com/spf13/cobra"

	"example.com/shop/platform/config"
	"example.com/shop/platform/db"
	"example.com/shop/platform/logging"
)

// env is the state shared by every subcommand.
type env struct {
	cfg config.Config
	log *slog.Logger
	db  *sql.DB
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	if err != nil {
		os.Exit(1)
	}
}

func newRootCmd() *cobra.Command {
	e := &env{}
	var verbose bool
	root := &cobra.Command{
		Use:           "shopctl",
		Short:         "Operate the shop: migrations, imports, search index",
		SilenceUsage:  true,
		SilenceErrors: false,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := config.Load()
			if err != nil {
				return err
			}
			level := cfg.LogLevel
			if verbose {
				level = "debug"
			}
			e.cfg = cfg
			e.log = logging.New(level, "text")
			return nil
		},
		PersistentPostRunE: func(*cobra.Command, []string) error {
			if e.db != nil {
				return e.db.Close()
			}
			return nil
		},
	}
	root.PersistentFlags().BoolVarP(&verbose, "verbose", "v", false, "debug logging")
	root.AddCommand(newMigrateCmd(e), newReindexCatalogCmd(e), newImportCustomersCmd(e))
	return root
}

// open connects to the database on first use.
func (e *env) open(ctx context.Context) (*sql.DB, error) {
	if e.db != nil {
		return e.db, nil
	}
	pool, err := db.Open(ctx, "postgres", e.cfg.DatabaseURL, db.Options{MaxOpenConns: 4, PingAttempts: 2})
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	e.db = pool
	return pool, nil
}
