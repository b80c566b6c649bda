package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"example.com/shop/platform/db"
)

func newMigrateCmd(e *env) *cobra.Command {
	var statusOnly bool
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Apply pending database migrations",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			pool, err := e.open(ctx)
			if err != nil {
				return err
			}
			if statusOnly {
				n, err := db.PendingMigrations(ctx, pool)
				if err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%d pending migration(s)\n", n)
				return nil
			}
			return db.Migrate(ctx, pool, e.log)
		},
	}
	cmd.Flags().BoolVar(&statusOnly, "status", false, "only report how many migrations are pending")
	return cmd
}
