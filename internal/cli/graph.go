package cli

import (
	"github.com/spf13/cobra"
)

func newGraphCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Write the package graph or the call graph (DOT, SVG, mermaid, JSON)",
	}
	return cmd
}
