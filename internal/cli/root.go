// Package cli is splitter's command line: flag parsing, output formats and
// exit codes over the analyzer, graph and render libraries.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"sync"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/lint"
)

// Exit codes, documented in README.md.
const (
	ExitOK       = 0 // success
	ExitFindings = 1 // findings at error severity (lint)
	ExitUsage    = 2 // bad flags, arguments or config
	ExitAnalysis = 3 // the code could not be analysed
	// ExitTypeCheck: packages do not type-check, so the result would
	// describe part of the code only (lint, unless --allow-partial;
	// analyze --strict).
	ExitTypeCheck = 4
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitError{ExitUsage, fmt.Errorf(format, args...)}
}

func analysisErr(err error) error { return &exitError{ExitAnalysis, err} }

// common holds the flags shared by the analysing commands.
type common struct {
	dir       string
	tags      []string
	tests     bool
	exclude   []string
	callgraph string
	config    string
	format    string
	out       string
	// strict makes a partial analysis (packages that do not type-check)
	// exit 4 instead of a warning (analyze --strict).
	strict bool
	// cache is the result cache's directory, "" for none (lint sets it);
	// cacheReport, when set, is told what it did (lint --debug-cache).
	cache       string
	cacheReport func(analyzer.CacheReport)
	// importLevel leaves out of the analysis the facts and entry points
	// (analyzer.Config.ImportLevel; lint sets it).
	importLevel bool

	// The config file, read once per command: finding it runs the go
	// command, and analyze, decompose and suggest each ask for it.
	cfgOnce sync.Once
	cfgRoot string
	cfgFile *config.Config
	cfgErr  error
}

// loadConfig finds and reads splitter.yaml; nil when there is none.
func loadConfig(ctx context.Context, c *common) (*config.Config, error) {
	_, cfg, err := c.moduleConfig(ctx)
	return cfg, err
}

// moduleConfig returns the module root and the config file (nil if none),
// read and validated once per command. Every command reads the file here,
// so that a config one command accepts is accepted by all, with the same
// message and exit code.
func (c *common) moduleConfig(ctx context.Context) (string, *config.Config, error) {
	c.cfgOnce.Do(func() {
		phase(ctx, "reading the config")
		c.cfgRoot, c.cfgFile, c.cfgErr = readConfig(ctx, c)
	})
	return c.cfgRoot, c.cfgFile, c.cfgErr
}

// readConfig finds the module root and splitter.yaml (the flag, the
// directory, the module root), parses it and checks it: the YAML and its
// declarations (config.Load), then the rule names, which only lint knows.
func readConfig(ctx context.Context, c *common) (string, *config.Config, error) {
	if st, err := os.Stat(c.dir); err != nil || !st.IsDir() {
		return "", nil, usageErr("directory %s does not exist", c.dir)
	}
	root, err := analyzer.ModuleRoot(ctx, c.dir)
	if err != nil {
		if errors.Is(err, analyzer.ErrNotModule) {
			return "", nil, &exitError{ExitUsage, err}
		}
		return "", nil, analysisErr(err)
	}
	path, err := config.Find(c.config, c.dir, root)
	if err != nil {
		return "", nil, &exitError{ExitUsage, err}
	}
	if path == "" {
		return root, nil, nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return "", nil, &exitError{ExitUsage, err}
	}
	if err := lint.CheckConfig(cfg); err != nil {
		return "", nil, &exitError{ExitUsage, err}
	}
	return root, cfg, nil
}

func (c *common) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVarP(&c.dir, "dir", "C", ".", "run as if splitter was started in `DIR`")
	f.StringSliceVar(&c.tags, "tags", nil, "build tags, comma-separated")
	f.BoolVar(&c.tests, "tests", false, "include _test.go files")
	f.StringSliceVar(&c.exclude, "exclude", nil, "leave out packages matching `PATTERN` (e.g. '.../mocks/...', '*mock*'); repeatable")
	f.StringVar(&c.callgraph, "callgraph", analyzer.DefaultCallGraph, "call graph algorithm: static, cha, rta or vta (none: no call graph, where a command can do without)")
	f.StringVar(&c.config, "config", "", "config `FILE` (default: splitter.yaml or .splitter.yaml in the directory, then in the module root)")
	_ = cmd.RegisterFlagCompletionFunc("callgraph", cobra.FixedCompletions(analyzer.CallGraphs, cobra.ShellCompDirectiveNoFileComp))
}

// analyzerConfig is the analysis the common flags ask for. Its Progress
// shows the phases on a terminal and marks them for --timings; "done"
// (which clears the terminal line) marks nothing: the command marks its
// next phase itself.
func (c *common) analyzerConfig(cmd *cobra.Command, patterns []string) analyzer.Config {
	show := newProgressLine(cmd.ErrOrStderr())
	ctx := cmd.Context()
	cfg := analyzer.Config{
		Dir: c.dir, Patterns: patterns, Tags: c.tags, Tests: c.tests, Exclude: c.exclude,
		CallGraph: c.callgraph, Progress: func(p string) {
			if p != "done" {
				phase(ctx, p)
			}
			if show != nil {
				show.phase(p)
			}
		},
	}
	if show != nil {
		cfg.Count = show.count
	}
	return cfg
}

// Main runs the command line and returns the process exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	timer := newPhaseTimer()
	err := root.ExecuteContext(withTimer(ctx, timer))
	if f := root.PersistentFlags().Lookup("timings"); f != nil && f.Value.String() == "true" {
		timer.write(stderr)
	}
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	code := ExitUsage // cobra's own errors are about flags and arguments
	if errors.As(err, &ee) {
		code = ee.code
	}
	fmt.Fprintf(stderr, "splitter: %v\n", err)
	if code == ExitUsage && !errors.As(err, &ee) {
		fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", commandName(root, args))
	}
	return code
}

func commandName(root *cobra.Command, args []string) string {
	cmd, _, err := root.Find(args)
	if err != nil {
		return root.Name()
	}
	return cmd.CommandPath()
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "splitter",
		Short: "Find the services and serverless functions hiding in a Go monolith",
		Long: `splitter reads a Go module, builds its package and call graphs, finds its
entry points (HTTP routes, gRPC methods, commands, consumers, cron jobs) and
proposes how to cut it into services and serverless functions.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	var cpuprofile string
	root.PersistentFlags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile to `FILE`")
	_ = root.PersistentFlags().MarkHidden("cpuprofile")
	root.PersistentFlags().Bool("timings", false, "print each phase and its seconds on stderr")
	_ = root.PersistentFlags().MarkHidden("timings")
	var stopProfile func()
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		if cpuprofile == "" {
			return nil
		}
		f, err := os.Create(cpuprofile)
		if err != nil {
			return usageErr("%v", err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			return usageErr("%v", err)
		}
		stopProfile = func() { pprof.StopCPUProfile(); f.Close() }
		return nil
	}
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if stopProfile != nil {
			stopProfile()
		}
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.AddCommand(newAnalyzeCmd(), newGraphCmd(), newVersionCmd())
	root.AddCommand(newScoreCmd())
	root.AddCommand(newReportCmd())
	root.AddCommand(newSuggestCmd())
	root.AddCommand(newInitCmd(), newLintCmd())
	root.AddCommand(newCostCmd())
	root.AddCommand(newDiffCmd())
	root.AddCommand(newExtractCmd())
	return root
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print splitter's version and the revision it was built from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			bi, _ := debug.ReadBuildInfo()
			fmt.Fprintln(cmd.OutOrStdout(), versionLine(bi))
			return nil
		},
	}
}

// versionLine is "splitter VERSION (rev REV)" from the build info: the
// module version (go install ...@v1.2.3, or the one the go command derives
// from a git checkout) and the VCS revision it recorded, "unknown" for
// what the build did not record (a go run, a build without VCS stamping,
// an install from the module proxy, which carries no revision). A revision
// with uncommitted changes ends in "+dirty".
func versionLine(bi *debug.BuildInfo) string {
	v, rev := "unknown", "unknown"
	if bi != nil {
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		dirty := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
				if len(rev) > 12 {
					rev = rev[:12]
				}
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if dirty && rev != "unknown" {
			rev += "+dirty"
		}
	}
	return fmt.Sprintf("splitter %s (rev %s)", v, rev)
}
