// Package urfavev3 builds a urfave/cli v3 command tree: tool sync.
package urfavev3

import (
	"context"

	"github.com/urfave/cli/v3"
)

func sync(ctx context.Context, c *cli.Command) error { return nil }

// Root is the program.
func Root() *cli.Command {
	return &cli.Command{
		Name: "tool",
		Commands: []*cli.Command{
			{Name: "sync", Action: sync}, // want cli "sync" example.com/epjobs/urfavev3.sync
		},
	}
}
