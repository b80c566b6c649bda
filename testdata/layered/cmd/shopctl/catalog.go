package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"example.com/shop/platform/clock"
	"example.com/shop/repositories"
	"example.com/shop/services"
)

func newReindexCatalogCmd(e *env) *cobra.Command {
	var full bool
	cmd := &cobra.Command{
		Use:   "reindex-catalog",
		Short: "Rebuild the product full-text search vectors",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			pool, err := e.open(ctx)
			if err != nil {
				return err
			}
			catalog := services.NewCatalogService(repositories.NewStore(pool, clock.System{}), clock.System{}, e.log)
			n, err := catalog.Reindex(ctx, full)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "reindexed %d product(s)\n", n)
			return nil
		},
	}
	cmd.Flags().BoolVar(&full, "full", true, "reindex every product, not only recently changed ones")
	return cmd
}
