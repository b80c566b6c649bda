package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/suggest"
	"github.com/splitter-go/splitter/summary"
)

func newSuggestCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "suggest",
		Short: "Propose deployments for the module",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageErr("suggest needs a subcommand: functions")
		},
	}
	cmd.AddCommand(newSuggestFunctionsCmd())
	return cmd
}

func newSuggestFunctionsCmd() *cobra.Command {
	var c common
	var cf clusterFlags
	var granularity, emit string
	var measure bool
	cmd := &cobra.Command{
		Use:   "functions [packages]",
		Short: "Propose serverless functions and what blocks them",
		Long: `functions groups the module's entry points into serverless functions (by
service, then by resource: --granularity route|resource|service), maps each
entry point to its trigger, measures the code each function carries, and
lists the readiness findings (rules SPL101-SPL109) to fix before it can run as
a stateless, short-lived function. Suppress a finding with a
'//splitter:ignore RULE reason' comment on or above the line.

--emit sam -o DIR writes an AWS SAM template and one Lambda adapter per
function; --measure-size builds each adapter (linux/arm64, stripped) and
reports its real size.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(c.format, "text", "json"); err != nil {
				return err
			}
			if !suggest.ValidGranularity(granularity) {
				return usageErr("unknown --granularity %q: want one of %s", granularity, strings.Join(suggest.Granularities, ", "))
			}
			if emit != "" && emit != "sam" {
				return usageErr("unknown --emit %q: want sam", emit)
			}
			if emit != "" && c.out == "" {
				return usageErr("--emit sam needs -o DIR, the directory to write the scaffold into")
			}
			if c.out != "" && emit == "" {
				return usageErr("-o is the scaffold's directory: use it with --emit sam")
			}
			m, err := runAnalysis(cmd, &c, args)
			if err != nil {
				return err
			}
			if err := propose(cmd, &c, &cf, m, suggest.Granularity(granularity)); err != nil {
				return err
			}
			var emitted *suggest.Emitted
			var measureErr error
			if emit != "" || measure {
				emitted, measureErr, err = emitScaffold(cmd, &c, m, measure)
				if err != nil {
					return err
				}
			}
			w := cmd.OutOrStdout()
			if c.format == "json" {
				var buf bytes.Buffer
				if err := m.Encode(&buf); err != nil {
					return err
				}
				if _, err := w.Write(buf.Bytes()); err != nil {
					return err
				}
				// The model says which sizes are missing; the exit
				// status must say so too.
				return measureErr
			}
			writeFunctions(w, m, granularity, measure)
			if emitted != nil && emit != "" {
				writeScaffold(w, c.out, emitted)
			}
			return measureErr
		},
	}
	c.register(cmd)
	cf.register(cmd)
	cf.registerSkip(cmd)
	f := cmd.Flags()
	f.StringVar(&c.format, "format", "text", "output format: text or json (the whole model with functions and findings)")
	f.StringVar(&granularity, "granularity", string(suggest.Resource), "how routes are grouped: route, resource or service")
	f.StringVar(&emit, "emit", "", "write a deployment scaffold: sam")
	f.StringVarP(&c.out, "out", "o", "", "the scaffold's `DIR` (with --emit)")
	f.BoolVar(&measure, "measure-size", false, "build each function (linux/arm64, stripped) and report its real size")
	_ = cmd.RegisterFlagCompletionFunc("granularity", cobra.FixedCompletions(suggest.Granularities, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("emit", cobra.FixedCompletions([]string{"sam"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// emitScaffold writes the SAM scaffold (into -o, or a temporary directory
// when only sizes are wanted) and measures the functions when asked: a
// function that does not build makes measureErr an analysis error (exit
// 3) naming each.
func emitScaffold(cmd *cobra.Command, c *common, m *model.Model, measure bool) (e *suggest.Emitted, measureErr, err error) {
	root, err := analyzer.ModuleRoot(cmd.Context(), c.dir)
	if err != nil {
		return nil, nil, analysisErr(err)
	}
	dir := c.out
	if dir == "" {
		tmp, err := os.MkdirTemp("", "splitter-scaffold-")
		if err != nil {
			return nil, nil, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if abs, err := filepath.Abs(dir); err == nil {
		dir = abs // like every output path: relative to where splitter runs, not to -C
	}
	e, err = suggest.EmitSAM(cmd.Context(), m, suggest.EmitOptions{ModuleDir: root, Module: m.Module, OutDir: dir})
	if err != nil {
		return nil, nil, &exitError{ExitUsage, fmt.Errorf("writing the scaffold: %w", err)}
	}
	if measure {
		progress := newProgress(cmd.ErrOrStderr())
		errs := suggest.MeasureSizes(cmd.Context(), m, dir, progress)
		if progress != nil {
			progress("done")
		}
		if len(errs) > 0 {
			var names []string
			for _, err := range errs {
				fmt.Fprintf(cmd.ErrOrStderr(), "splitter: %v\n", err)
				var be *suggest.BuildError
				if errors.As(err, &be) {
					names = append(names, be.Function)
				}
			}
			measureErr = &exitError{ExitAnalysis, fmt.Errorf("%d of the functions do not build, so their size is unknown: %s; see the errors above",
				len(errs), strings.Join(names, ", "))}
		}
	}
	return e, measureErr, nil
}

// writeScaffold says what the scaffold holds and what it leaves out.
func writeScaffold(w io.Writer, dir string, e *suggest.Emitted) {
	width := termWidth(w)
	fmt.Fprintln(w)
	if e.NoTemplate != "" {
		fmt.Fprintln(w, wrap(fmt.Sprintf("Scaffold written to %s without template.yaml: %s; see its README.md", dir, e.NoTemplate), width, "  "))
	} else {
		fmt.Fprintln(w, wrap(fmt.Sprintf("Scaffold written to %s: template.yaml and %d functions, each built as the program builds it (setup.go) with a test (main_test.go); see its README.md",
			dir, len(e.Wired)), width, "  "))
	}
	if len(e.Unbuilt) > 0 {
		fmt.Fprintf(w, "Not generated (%d): splitter cannot build their handlers as the program does:\n", len(e.Unbuilt))
		names := make([]string, 0, len(e.Unbuilt))
		for n := range e.Unbuilt {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(w, "  %s\n", wrap(n+": "+strings.TrimPrefix(e.Unbuilt[n], "splitter cannot build its handlers as the program does: "), width-2, "    "))
		}
	}
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

func countText(c model.FindingCount) string {
	var parts []string
	if c.Error > 0 {
		parts = append(parts, plural(c.Error, "error"))
	}
	if c.Warning > 0 {
		parts = append(parts, plural(c.Warning, "warning"))
	}
	if c.Info > 0 {
		parts = append(parts, plural(c.Info, "info"))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, ", ")
}

func plural(n int, s string) string {
	if n == 1 || s == "info" {
		return fmt.Sprintf("%d %s", n, s)
	}
	return fmt.Sprintf("%d %ss", n, s)
}

// writeFunctions prints the proposal for people, fitted to the width of
// the output (see termWidth). ENTRIES counts entry points, OWN LOC the
// lines no other function carries.
func writeFunctions(w io.Writer, m *model.Model, granularity string, measured bool) {
	width := termWidth(w)
	sum := summary.Of(m)
	scope := "no services computed: the whole module is one service"
	if len(m.Services) > 0 {
		scope = "within " + sum.ServicesText()
	}
	fmt.Fprintln(w, wrap(fmt.Sprintf("Functions for %s (granularity %s; %s):", m.Module, granularity, scope), width, "  "))
	// What gives first: the service (the name says it too), the findings, the name last.
	cols := []column{{head: "NAME", shrink: true, min: 20}, {head: "DEPLOY"}, {head: "SERVICE", shrink: true, give: 2}, {head: "ENTRIES", right: true},
		{head: "LOC", right: true}, {head: "OWN LOC", right: true}, {head: "EST. SIZE", right: true}}
	if measured {
		cols = append(cols, column{head: "MEASURED", right: true})
	}
	cols = append(cols, column{head: "FINDINGS", shrink: true, give: 1, min: 12})
	t := &table{cols: cols}
	for _, f := range m.Functions {
		row := []cell{txt(f.Name), txt(string(f.Deploy)), txt(dash(f.Service)), num(len(f.EntryPoints)), num(f.LOC), num(f.ExclusiveLOC), txt(mb(f.EstimatedSize))}
		if measured {
			m := "-"
			if f.MeasuredSize > 0 {
				m = mb(f.MeasuredSize)
			}
			row = append(row, txt(m))
		}
		t.add(append(row, txt(countText(f.Findings)))...)
	}
	fmt.Fprintln(w, strings.Join(t.render(width), "\n"))

	fmt.Fprintln(w, "\nTriggers:")
	for _, f := range m.Functions {
		fmt.Fprintf(w, "  %s\n", wrap(fmt.Sprintf("%s (%s)", f.Name, f.Group), width-2, "      "))
		if f.Note != "" {
			fmt.Fprintf(w, "    %s\n", wrap("note: "+f.Note, width-4, "      "))
		}
		for _, tr := range f.Triggers {
			fmt.Fprintf(w, "    %s\n", cut(fmt.Sprintf("%-8s %s", tr.Type, triggerText(tr)), width-4))
		}
	}

	head := fmt.Sprintf("Readiness findings (%d", sum.Findings)
	if sum.Suppressed > 0 {
		head += fmt.Sprintf(", %d suppressed", sum.Suppressed)
	}
	fmt.Fprintf(w, "\n%s):\n", head)
	writeFindingGroups(w, m, sum.FindingGroups, width)
	if sum.Suppressed > 0 {
		fmt.Fprintln(w, "\nSuppressed:")
		for _, g := range sum.SuppressedGroups {
			for _, fd := range g.Findings {
				fmt.Fprintf(w, "  %s\n", wrap(fmt.Sprintf("%s:%d: %s: %s", fd.File, fd.Line, fd.Rule, fd.Suppressed), width-2, "    "))
			}
		}
	}
}

// writeFindingGroups prints each group of findings once: its rule and what
// to change, then each place it is made at, with the call chain that
// reaches it and the functions it affects ("+N more" past the width).
func writeFindingGroups(w io.Writer, m *model.Model, groups []summary.FindingGroup, width int) {
	for _, g := range groups {
		where := fmt.Sprintf("%s:%d:", g.Findings[0].File, g.Findings[0].Line)
		if n := len(g.Findings); n > 1 {
			where = summary.Count(n, "place") + ":"
		}
		fmt.Fprintf(w, "  %s\n", wrap(fmt.Sprintf("%s %s %s: %s", where, g.Severity, g.Rule, g.Message), width-2, "    "))
		for _, fd := range g.Findings {
			ind := "    "
			if len(g.Findings) > 1 {
				fmt.Fprintf(w, "    %s:%d: %s\n", fd.File, fd.Line, shortID(m.Module, fd.Unit))
				ind = "      "
			}
			var chain []string
			for _, u := range fd.Chain {
				chain = append(chain, shortID(m.Module, u))
			}
			from := "at start-up: "
			if fd.EntryPoint != "" {
				from = "from " + fd.EntryPoint + ": "
			}
			fmt.Fprintf(w, "%s%s\n", ind, wrap(from+strings.Join(chain, " → "), width-len(ind), ind+"  "))
			fmt.Fprintf(w, "%sfunctions: %s\n", ind, list(fd.Functions).fit(width-len(ind)-len("functions: ")))
		}
	}
}

func triggerText(t model.FunctionTrigger) string {
	switch t.Type {
	case model.TriggerHTTP:
		if t.Path == "" {
			return t.Method + " (path not constant: use a function URL) ← " + t.EntryPoint
		}
		return t.Method + " " + t.Path
	case model.TriggerSchedule:
		if t.Expression == "" {
			return t.Schedule + " (no EventBridge equivalent)"
		}
		return t.Expression + " ← " + t.Schedule
	case model.TriggerQueue:
		return t.Broker + " " + t.Topic
	case model.TriggerHTTP2:
		return t.RPC
	}
	return t.Command
}
