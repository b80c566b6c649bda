package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/graph"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/render"
)

// graphFormats are the --format values of the graph commands.
var graphFormats = []string{"dot", "svg", "mermaid", "json"}

func newGraphCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "graph",
		Short: "Write the package graph or the call graph (DOT, SVG, mermaid, JSON)",
		Long: `graph draws the module's package graph or its call graph as DOT (default),
SVG (rendered in process, no Graphviz needed), mermaid or JSON.

A graph with more nodes than --max-nodes is collapsed: the call graph is
shown as packages, and packages are folded into their parent directories,
one level at a time, until it fits. The graph's title says so.`,
	}
	cmd.AddCommand(newGraphPackagesCmd(), newGraphCallsCmd())
	return cmd
}

// graphFlags are the flags of the graph subcommands.
type graphFlags struct {
	common
	maxNodes int
	focus    string
	refs     bool
}

func (g *graphFlags) register(cmd *cobra.Command) {
	g.common.register(cmd)
	f := cmd.Flags()
	f.StringVar(&g.format, "format", "dot", "output format: dot, svg, mermaid or json")
	f.StringVarP(&g.out, "out", "o", "", "write to `FILE` instead of standard output")
	f.IntVar(&g.maxNodes, "max-nodes", graph.DefaultMaxNodes, "collapse the graph to at most `N` nodes (0: no limit)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(graphFormats, cobra.ShellCompDirectiveNoFileComp))
}

func (g *graphFlags) options() graph.Options {
	o := graph.Options{MaxNodes: g.maxNodes, Focus: g.focus, Refs: g.refs}
	if g.maxNodes == 0 {
		o.MaxNodes = -1
	}
	return o
}

func newGraphPackagesCmd() *cobra.Command {
	var g graphFlags
	cmd := &cobra.Command{
		Use:   "packages [packages]",
		Short: "Draw the module's package graph",
		Long: `packages draws a node per module package (default ./...) and an edge per
import, weighted by the number of unit edges between the two packages.
With --focus PKG, only PKG (and the packages below it) and the packages
they import or are imported by are drawn.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := g.check(); err != nil {
				return err
			}
			if !cmd.Flags().Changed("callgraph") {
				g.callgraph = analyzer.CallGraphNone // imports and refs are enough
			}
			m, err := runAnalysis(cmd, &g.common, args)
			if err != nil {
				return err
			}
			if err := g.checkFocus(m); err != nil {
				return err
			}
			return writeGraph(cmd, &g, graph.Packages(m, g.options()))
		},
	}
	g.register(cmd)
	cmd.Flags().StringVar(&g.focus, "focus", "", "draw only `PKG` (a package path, or a prefix; may be relative to the module) and its neighbours")
	return cmd
}

func newGraphCallsCmd() *cobra.Command {
	var g graphFlags
	cmd := &cobra.Command{
		Use:   "calls [packages]",
		Short: "Draw the call graph between units",
		Long: `calls draws a node per unit (func, method, ...) met by a call edge, grouped
by package, and an edge per call, weighted by call sites. --refs adds the
references that are not calls (dashed). With --focus PKG, only the units of
PKG (and of the packages below it) and their direct callers and callees are
drawn.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := g.check(); err != nil {
				return err
			}
			if g.callgraph == analyzer.CallGraphNone && !g.refs {
				return usageErr("graph calls needs a call graph: --callgraph none gives no call edges")
			}
			m, err := runAnalysis(cmd, &g.common, args)
			if err != nil {
				return err
			}
			if err := g.checkFocus(m); err != nil {
				return err
			}
			return writeGraph(cmd, &g, graph.Calls(m, g.options()))
		},
	}
	g.register(cmd)
	cmd.Flags().StringVar(&g.focus, "focus", "", "draw only the units of `PKG` (a package path, or a prefix; may be relative to the module) and their direct callers and callees")
	cmd.Flags().BoolVar(&g.refs, "refs", false, "also draw references that are not calls")
	return cmd
}

// check validates the flags before the analysis runs.
func (g *graphFlags) check() error {
	if err := checkFormat(g.format, graphFormats...); err != nil {
		return err
	}
	if g.maxNodes < 0 {
		return usageErr("--max-nodes must be 0 (no limit) or more, not %d", g.maxNodes)
	}
	return nil
}

func (g *graphFlags) checkFocus(m *model.Model) error {
	if g.focus != "" && len(graph.FocusPackages(m, g.focus)) == 0 {
		return usageErr("--focus %q matches no package of %s", g.focus, m.Module)
	}
	return nil
}

// writeGraph writes gr in the chosen format to --out or standard output.
func writeGraph(cmd *cobra.Command, g *graphFlags, gr *graph.Graph) error {
	var buf bytes.Buffer
	format := g.format
	if format == "svg" {
		format = "dot"
	}
	if err := graph.Write(&buf, gr, format); err != nil {
		return err
	}
	data := buf.Bytes()
	if g.format == "svg" {
		ctx, cancel := context.WithTimeout(cmd.Context(), render.DefaultTimeout)
		defer cancel()
		svg, err := render.SVGContext(ctx, data)
		switch {
		case errors.Is(err, render.ErrTooLarge), errors.Is(err, render.ErrTimeout):
			return usageErr("%v", err)
		case err != nil:
			return &exitError{ExitAnalysis, err}
		}
		data = svg
	}
	if g.out == "" {
		_, err := cmd.OutOrStdout().Write(data)
		return err
	}
	if err := os.WriteFile(g.out, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", g.out, err)
	}
	return nil
}
