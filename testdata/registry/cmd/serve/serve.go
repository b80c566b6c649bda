// Package serve is the serve command.
package serve

import (
	"github.com/spf13/cobra"

	"example.com/idp/v3/cmd/daemon"
	"example.com/idp/v3/driver"
)

// NewServeCmd is the serve command: its flags are persistent, so they are
// in cmd.Flags() only once cobra has parsed the command line.
func NewServeCmd(opts []driver.Option) (serveCmd *cobra.Command) {
	serveCmd = &cobra.Command{
		Use: "serve",
		RunE: func(cmd *cobra.Command, args []string) error {
			d, err := driver.New(cmd.Context(), cmd.Flags(), opts)
			if err != nil {
				return err
			}
			return daemon.ServeAll(d)(cmd, args)
		},
	}
	serveCmd.PersistentFlags().String("dsn", "memory", "where the identities are kept")
	serveCmd.PersistentFlags().String("listen", ":4433", "the public listener's address")
	return serveCmd
}

// RegisterCommandRecursive adds the serve command to parent.
func RegisterCommandRecursive(parent *cobra.Command, opts []driver.Option) {
	parent.AddCommand(NewServeCmd(opts))
}
