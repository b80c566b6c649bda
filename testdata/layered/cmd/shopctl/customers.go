package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"example.com/shop/platform/clock"
	"example.com/shop/repositories"
	"example.com/shop/services"
)

func newImportCustomersCmd(e *env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "import-customers FILE",
		Short: "Upsert customers from a CSV file (use - for stdin)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var in io.Reader = cmd.InOrStdin()
			if args[0] != "-" {
				f, err := os.Open(args[0])
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			pool, err := e.open(ctx)
			if err != nil {
				return err
			}
			customers := services.NewCustomerService(repositories.NewStore(pool, clock.System{}), clock.System{}, e.log)
			res, err := customers.ImportCSV(ctx, in)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				enc := json.NewEncoder(out)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			fmt.Fprintf(out, "created %d, updated %d, skipped %d\n", res.Created, res.Updated, res.Skipped)
			for _, msg := range res.Errors {
				fmt.Fprintln(out, "  "+msg)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}
