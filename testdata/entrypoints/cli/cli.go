// Package cli builds a cobra command tree: app -> serve, version, sync, db -> migrate.
package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// A package-level command whose RunE is a named function.
var serveCmd = &cobra.Command{ // want cli "serve" example.com/ep/cli.runServe
	Use:   "serve [flags]",
	Short: "Run the HTTP server",
	RunE:  runServe,
}

func runServe(cmd *cobra.Command, args []string) error {
	addr, _ := cmd.Flags().GetString("addr")
	fmt.Println("listening on", addr)
	return nil
}

func doSync(source string) { fmt.Println("syncing", source) }

type migrateHandler struct{ dsn string }

func (h *migrateHandler) run(cmd *cobra.Command, args []string) error {
	fmt.Println("migrating", h.dsn, args)
	return nil
}

// NewRoot assembles the command tree.
func NewRoot() *cobra.Command {
	// Negative: a pure parent. PersistentPreRunE is a hook, not Run/RunE.
	root := &cobra.Command{
		Use:   "app",
		Short: "The example application",
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return nil
		},
	}
	serveCmd.Flags().String("addr", ":8080", "listen address")

	// Run is a closure with two statements: the enclosing function is the handler.
	version := &cobra.Command{ // want cli "version" example.com/ep/cli.NewRoot
		Use: "version",
		Run: func(cmd *cobra.Command, args []string) {
			cmd.Println("app")
			cmd.Println("v1.0.0")
		},
	}

	// Run is a closure whose only statement calls a module function.
	sync := &cobra.Command{ // want cli "sync" example.com/ep/cli.doSync
		Use:  "sync <source>",
		Args: cobra.ExactArgs(1),
		Run:  func(cmd *cobra.Command, args []string) { doSync(args[0]) },
	}

	// Negative: another pure parent, only groups subcommands.
	db := &cobra.Command{Use: "db", Short: "Database commands"}

	// RunE assigned after construction: the literal line has no want, the assignment does.
	h := &migrateHandler{dsn: "postgres://localhost/app"}
	cmd := &cobra.Command{Use: "migrate up|down", Args: cobra.ExactArgs(1)}
	cmd.RunE = h.run // want cli "db migrate" example.com/ep/cli.migrateHandler.run

	db.AddCommand(cmd)
	root.AddCommand(serveCmd, version, sync, db)
	return root
}
