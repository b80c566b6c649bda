package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/suggest"
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
			if emit != "" || measure {
				emitted, err = emitScaffold(cmd, &c, m, measure)
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
				_, err := w.Write(buf.Bytes())
				return err
			}
			writeFunctions(w, m, granularity, measure)
			if emitted != nil && emit != "" {
				wired := 0
				for _, ok := range emitted.Wired {
					if ok {
						wired++
					}
				}
				fmt.Fprintf(w, "\nScaffold written to %s: template.yaml and %d adapters (%d wired to the module's code, %d stubs with a TODO); see its README.md\n",
					c.out, len(emitted.Wired), wired, len(emitted.Wired)-wired)
			}
			return nil
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
// when only sizes are wanted) and measures the functions when asked.
func emitScaffold(cmd *cobra.Command, c *common, m *model.Model, measure bool) (*suggest.Emitted, error) {
	root, err := analyzer.ModuleRoot(cmd.Context(), c.dir)
	if err != nil {
		return nil, analysisErr(err)
	}
	dir := c.out
	if dir == "" {
		tmp, err := os.MkdirTemp("", "splitter-scaffold-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else if abs, err := filepath.Abs(dir); err == nil {
		dir = abs // like every output path: relative to where splitter runs, not to -C
	}
	e, err := suggest.EmitSAM(cmd.Context(), m, suggest.EmitOptions{ModuleDir: root, Module: m.Module, OutDir: dir})
	if err != nil {
		return nil, &exitError{ExitUsage, fmt.Errorf("writing the scaffold: %w", err)}
	}
	if measure {
		progress := newProgress(cmd.ErrOrStderr())
		for _, err := range suggest.MeasureSizes(cmd.Context(), m, dir, progress) {
			fmt.Fprintf(cmd.ErrOrStderr(), "splitter: %v\n", err)
		}
		if progress != nil {
			progress("done")
		}
	}
	return e, nil
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

// writeFunctions prints the proposal for people.
func writeFunctions(w io.Writer, m *model.Model, granularity string, measured bool) {
	scope := "no services computed: the whole module is one service"
	if len(m.Services) > 0 {
		scope = fmt.Sprintf("within %d services", len(m.Services))
	}
	fmt.Fprintf(w, "Functions for %s (granularity %s; %s):\n", m.Module, granularity, scope)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := "  NAME\tDEPLOY\tSERVICE\tENTRY POINTS\tLOC\tEXCLUSIVE\tEST. SIZE"
	if measured {
		head += "\tMEASURED"
	}
	fmt.Fprintln(tw, head+"\tFINDINGS")
	for _, f := range m.Functions {
		line := fmt.Sprintf("  %s\t%s\t%s\t%d\t%d\t%d\t%s", f.Name, f.Deploy, dash(f.Service), len(f.EntryPoints), f.LOC, f.ExclusiveLOC, mb(f.EstimatedSize))
		if measured {
			m := "-"
			if f.MeasuredSize > 0 {
				m = mb(f.MeasuredSize)
			}
			line += "\t" + m
		}
		fmt.Fprintln(tw, line+"\t"+countText(f.Findings))
	}
	tw.Flush()

	fmt.Fprintln(w, "\nTriggers:")
	for _, f := range m.Functions {
		fmt.Fprintf(w, "  %s (%s)\n", f.Name, f.Group)
		if f.Note != "" {
			fmt.Fprintf(w, "    note: %s\n", f.Note)
		}
		for _, t := range f.Triggers {
			fmt.Fprintf(w, "    %-8s %s\n", t.Type, triggerText(t))
		}
	}

	live, muted := 0, 0
	for _, fd := range m.Findings {
		if fd.Suppressed != "" {
			muted++
		} else {
			live++
		}
	}
	fmt.Fprintf(w, "\nReadiness findings (%d", live)
	if muted > 0 {
		fmt.Fprintf(w, ", %d suppressed", muted)
	}
	fmt.Fprintln(w, "):")
	for _, fd := range m.Findings {
		if fd.Suppressed != "" {
			continue
		}
		fmt.Fprintf(w, "  %s:%d: %s %s: %s\n", fd.File, fd.Line, fd.Severity, fd.Rule, fd.Message)
		var chain []string
		for _, u := range fd.Chain {
			chain = append(chain, shortID(m.Module, u))
		}
		if fd.EntryPoint != "" {
			fmt.Fprintf(w, "    from %s: %s\n", fd.EntryPoint, strings.Join(chain, " → "))
		} else {
			fmt.Fprintf(w, "    at start-up: %s\n", strings.Join(chain, " → "))
		}
		fmt.Fprintf(w, "    functions: %s\n", strings.Join(fd.Functions, ", "))
	}
	if muted > 0 {
		fmt.Fprintln(w, "\nSuppressed:")
		for _, fd := range m.Findings {
			if fd.Suppressed != "" {
				fmt.Fprintf(w, "  %s:%d: %s: %s\n", fd.File, fd.Line, fd.Rule, fd.Suppressed)
			}
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
