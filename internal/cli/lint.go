package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/lint"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/render/markdown"
	"github.com/splitter-go/splitter/suggest"
)

type lintFlags struct {
	common
	outputs        []string
	baseline       string
	updateBaseline bool
	strictBaseline bool
	newFromRev     string
	listRules      bool
	allowPartial   bool
	sourceURL      string
	debugCache     bool
}

// lintFormats are lint's output formats: lint's own writers, and the
// pull-request comment (render/markdown).
var lintFormats = append(append([]string(nil), lint.Formats...), "markdown")

func newLintCmd() *cobra.Command {
	var l lintFlags
	cmd := &cobra.Command{
		Use:   "lint [packages]",
		Short: "Check the code against the service boundaries of splitter.yaml (the CI gate)",
		Long: `lint analyses the packages (default ./...) and checks them against the
services declared in splitter.yaml: a service using another's non-API code
(SPL001, SPL006), an undeclared dependency (SPL002, SPL007), a cycle between
services (SPL003), code attached to no service (SPL004), a table touched by
several services (SPL005); and, for the functions declared in functions:,
the serverless readiness findings of what their entry points reach
(SPL101-SPL109, as splitter suggest functions finds them). --list-rules
describes them.

Only the call-level rules (SPL006, SPL007, and the readiness rules when
functions are declared) need the call graph; when they are off, lint runs
without SSA. A baseline entry this run cannot see (its rule needs the call
graph, or its code is in a skipped package) is "not checked", never stale.

lint refuses to judge code that does not type-check: a skipped package
hides its uses, and what is left can show cycles and violations that are not
there. --allow-partial checks the rest anyway.

Exit status: 0 clean, 1 violations at error severity (or stale baseline
entries with --strict-baseline), 2 usage or config error, 3 the code could
not be analysed, 4 packages do not type-check (without --allow-partial).`,
		Example: `  splitter lint
  splitter lint --output sarif=results.sarif --output text
  splitter lint --baseline .splitter-baseline.json --update-baseline
  splitter lint --baseline .splitter-baseline.json --new-from-rev origin/main`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if l.listRules {
				return listRules(cmd.OutOrStdout())
			}
			return runLint(cmd, &l, args)
		},
	}
	l.register(cmd)
	f := cmd.Flags()
	f.StringVar(&l.format, "format", "text", "format on standard output: text, json, sarif, github or markdown (a pull-request comment)")
	f.StringArrayVar(&l.outputs, "output", nil, "write `FORMAT[=FILE]`, e.g. sarif=results.sarif (repeatable; no FILE: standard output)")
	f.StringVar(&l.baseline, "baseline", "", "ignore the known violations listed in `FILE` (default: the config's baseline:; \"\" for none)")
	f.BoolVar(&l.updateBaseline, "update-baseline", false, "write every current violation to the --baseline file (sorted; fixed ones are dropped)")
	f.BoolVar(&l.strictBaseline, "strict-baseline", false, "fail when baseline entries are stale (their violation is gone)")
	f.StringVar(&l.newFromRev, "new-from-rev", "", "report only violations in files changed since git revision `REV`")
	f.BoolVar(&l.listRules, "list-rules", false, "describe the rules and exit")
	f.BoolVar(&l.allowPartial, "allow-partial", false, "check the packages that type-check when others do not (instead of exit 4)")
	f.BoolVar(&l.debugCache, "debug-cache", false, "say on stderr whether the analysis came from the cache, and which packages changed")
	_ = f.MarkHidden("debug-cache")
	f.StringVar(&l.sourceURL, "source-url", "", "link file:line in markdown to `URL` + path + #L + line (e.g. https://github.com/o/r/blob/SHA/)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(lintFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// output is one --output destination; file "" is standard output.
type output struct{ format, file, flag string }

func (l *lintFlags) parseOutputs(formatChanged bool) ([]output, error) {
	var outs []output
	if len(l.outputs) == 0 || formatChanged {
		outs = append(outs, output{format: l.format, flag: "--format " + l.format})
	}
	for _, o := range l.outputs {
		f, file, _ := strings.Cut(o, "=")
		if f == "" || (strings.Contains(o, "=") && file == "") {
			return nil, usageErr("--output %q: want FORMAT or FORMAT=FILE, e.g. sarif=results.sarif", o)
		}
		outs = append(outs, output{format: f, file: file, flag: "--output " + o})
	}
	stdout := 0
	for _, o := range outs {
		if !slices.Contains(lintFormats, o.format) {
			return nil, usageErr("%s: unknown format %q: want one of %s", o.flag, o.format, strings.Join(lintFormats, ", "))
		}
		if o.file == "" || o.file == "-" {
			stdout++
		}
	}
	if stdout > 1 {
		return nil, usageErr("more than one output goes to standard output: give all but one a file (--output sarif=results.sarif)")
	}
	return outs, nil
}

func runLint(cmd *cobra.Command, l *lintFlags, args []string) error {
	outs, err := l.parseOutputs(cmd.Flags().Changed("format"))
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()
	root, cfg, err := l.moduleConfig(ctx)
	if err != nil {
		return err
	}
	if cfg == nil {
		return usageErr("no splitter.yaml in %s or the module root: run `splitter init` to write one from the analysis (or pass --config FILE)", l.dir)
	}
	if len(cfg.Services) == 0 {
		return usageErr("%s declares no services: add a services: section (see `splitter init` and the README)", cfg.Path)
	}
	// --baseline "" is no baseline, not the config's.
	if !cmd.Flags().Changed("baseline") {
		l.baseline = cfg.BaselinePath()
	}
	if (l.updateBaseline || l.strictBaseline) && l.baseline == "" {
		return usageErr("--update-baseline and --strict-baseline need a baseline file: pass --baseline FILE or set baseline: in %s", cfg.Path)
	}
	if err := checkOutputFiles(outs, l.baseline); err != nil {
		return err
	}
	needCalls, err := lint.NeedsCallGraph(cfg)
	if err != nil {
		return &exitError{ExitUsage, err}
	}
	if !cmd.Flags().Changed("callgraph") {
		l.callgraph = analyzer.CallGraphNone
		if needCalls {
			l.callgraph = analyzer.DefaultCallGraph
		}
	}
	var base *lint.Baseline
	if l.baseline != "" {
		base, err = lint.ReadBaseline(l.baseline)
		if err != nil && !(l.updateBaseline && errors.Is(err, lint.ErrNoBaseline)) {
			return usageErr("%v", err)
		}
		if base != nil && base.Converted() && !l.updateBaseline {
			fmt.Fprintf(stderr, "splitter: note: %s is an older baseline, converted on read; --update-baseline rewrites it as %s\n", l.baseline, lint.BaselineSchema)
		}
	}
	var changed map[string]bool
	if l.newFromRev != "" && !l.updateBaseline {
		changed, err = changedFiles(ctx, root, l.newFromRev)
		if err != nil {
			return err
		}
	}
	l.cache = resultCache()
	// At import level with no functions declared, lint reads neither the
	// units' facts (the readiness rules are call level) nor the entry
	// points (which only the functions' notes look up). With functions,
	// leaving out the facts alone saves nothing measurable (miniflux).
	l.importLevel = l.callgraph == analyzer.CallGraphNone && len(cfg.Functions) == 0
	if l.debugCache {
		l.cacheReport = cacheDebug(stderr)
		if l.cache == "" {
			fmt.Fprintln(stderr, "splitter: cache: off (SPLITTER_CACHE=off, or no user cache directory)")
		}
	}
	m, err := analyzeWith(cmd, &l.common, args, cfg)
	if err != nil {
		return err
	}
	if err := checkPartial(stderr, m, !l.allowPartial, "the boundaries cannot be judged (a skipped package hides its uses, and what is left can show cycles and violations that are not there)", "--allow-partial to check the rest"); err != nil {
		return err
	}
	reportDiagnostics(stderr, m)
	phase(cmd.Context(), "checking the boundaries")
	res, err := lint.Run(m, cfg, lint.Options{Root: root, Baseline: base, Changed: changed})
	if err != nil {
		return &exitError{ExitUsage, err}
	}
	// Entries that match nothing are worth a note only when the whole
	// module was linted, not a subset of its packages.
	if len(args) == 0 || (len(args) == 1 && args[0] == "./...") {
		for _, n := range res.Notes {
			fmt.Fprintln(stderr, n)
		}
	}
	wo := lint.WriteOptions{ToolVersion: version(), Baseline: base != nil || l.updateBaseline, Rev: l.newFromRev, StrictBaseline: l.strictBaseline}
	if l.updateBaseline {
		nb := lint.NewBaseline(res.All)
		if err := nb.Write(l.baseline); err != nil {
			return usageErr("writing the baseline: %v", err)
		}
		added, removed := baselineDiff(base, nb)
		conv := ""
		if base != nil && base.Converted() {
			conv = ", converted to " + lint.BaselineSchema
		}
		fmt.Fprintf(stderr, "splitter: baseline %s: %d entries (%d added, %d removed%s)\n", l.baseline, len(nb.Violations), added, removed, conv)
		res.AcceptAll()
		wo.Rev = ""
	}
	failed := res.Errors > 0 || (l.strictBaseline && len(res.Stale) > 0)
	if err := writeOutputs(cmd, root, outs, res, wo, l.sourceURL, !failed); err != nil {
		return err
	}
	if res.Errors > 0 {
		return &exitError{ExitFindings, fmt.Errorf("lint: %s", lint.Summary(res, wo))}
	}
	if l.strictBaseline && len(res.Stale) > 0 {
		what := fmt.Sprintf("%d stale baseline entries: drop them", len(res.Stale))
		if len(res.Stale) == 1 {
			what = "1 stale baseline entry: drop it"
		}
		return &exitError{ExitFindings, fmt.Errorf("lint: --strict-baseline and %s with --update-baseline", what)}
	}
	return nil
}

// analyzeWith runs the analysis with cfg's declared entry points and
// excluded packages.
func analyzeWith(cmd *cobra.Command, c *common, args []string, cfg *config.Config) (*model.Model, error) {
	acfg := c.analyzerConfig(cmd, args)
	acfg.Cache, acfg.CacheReport = c.cache, c.cacheReport
	acfg.ImportLevel = c.importLevel
	declare(&acfg, cfg)
	if cfg != nil {
		for _, e := range cfg.Exclude {
			if !config.IsFilePattern(e) {
				acfg.Exclude = append(acfg.Exclude, e)
			}
		}
	}
	m, err := analyzer.Analyze(cmd.Context(), acfg)
	acfg.Progress("done")
	if err != nil {
		if errors.Is(err, analyzer.ErrNotModule) || errors.Is(err, analyzer.ErrUsage) {
			return nil, &exitError{ExitUsage, err}
		}
		return nil, analysisErr(err)
	}
	return m, nil
}

// reportDiagnostics tells, on stderr, the errors met beyond the skipped
// packages (which checkPartial lists): an analysis step that failed.
func reportDiagnostics(w io.Writer, m *model.Model) {
	skipped := map[string]bool{}
	for _, s := range m.Skipped {
		skipped[s.Package] = true
	}
	var errs []model.Diagnostic
	for _, d := range m.Diagnostics {
		if d.Severity == model.SevError && !skipped[d.Package] {
			errs = append(errs, d)
		}
	}
	if len(errs) == 0 {
		return
	}
	fmt.Fprintf(w, "splitter: warning: %d errors during the analysis; what they concern may be incomplete:\n", len(errs))
	for _, d := range errs {
		fmt.Fprintf(w, "  %s\n", diagText(d))
	}
}

func baselineDiff(old, nb *lint.Baseline) (added, removed int) {
	had := map[lint.Key]bool{}
	if old != nil {
		for _, e := range old.Violations {
			had[e.Key] = true
		}
	}
	has := map[lint.Key]bool{}
	for _, e := range nb.Violations {
		has[e.Key] = true
		if !had[e.Key] {
			added++
		}
	}
	for k := range had {
		if !has[k] {
			removed++
		}
	}
	return added, removed
}

// changedFiles lists the files changed since rev (and untracked ones), as
// slash paths relative to root.
func changedFiles(ctx context.Context, root, rev string) (map[string]bool, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, usageErr("--new-from-rev %q: not a revision", rev)
	}
	git := func(args ...string) (string, error) {
		cmd := exec.CommandContext(ctx, "git", args...)
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			msg := strings.TrimSpace(stderr.String())
			if msg == "" {
				msg = err.Error()
			}
			return "", usageErr("--new-from-rev %s: git %s: %s", rev, args[0], msg)
		}
		return string(out), nil
	}
	diff, err := git("diff", "--name-only", "--relative", "--no-renames", rev, "--")
	if err != nil {
		return nil, err
	}
	untracked, err := git("ls-files", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for _, f := range strings.Split(diff+"\n"+untracked, "\n") {
		if f = strings.TrimSpace(f); f != "" {
			files[filepath.ToSlash(f)] = true
		}
	}
	return files, nil
}

// repoPrefix is root's path inside its git repository ("" at the top or
// outside git), so that SARIF and annotations name files as GitHub does.
func repoPrefix(ctx context.Context, root string) string {
	cmd := exec.CommandContext(ctx, "git", "rev-parse", "--show-prefix")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// writeOutputs writes every output; the summary goes to stderr when no text
// output is on stdout and summarize is set (a failing run says it in its
// error instead).
func writeOutputs(cmd *cobra.Command, root string, outs []output, res *lint.Result, wo lint.WriteOptions, sourceURL string, summarize bool) error {
	textOnStdout := false
	for _, o := range outs {
		if o.format == "sarif" || o.format == "github" || o.format == "markdown" {
			wo.PathPrefix = repoPrefix(cmd.Context(), root)
			break
		}
	}
	for _, o := range outs {
		opts := wo
		if o.file == "" || o.file == "-" {
			w := cmd.OutOrStdout()
			opts.Color = o.format == "text" && colorOK(w)
			textOnStdout = textOnStdout || o.format == "text"
			if err := writeLint(w, o.format, res, opts, sourceURL); err != nil {
				return err
			}
			continue
		}
		var buf bytes.Buffer
		if err := writeLint(&buf, o.format, res, opts, sourceURL); err != nil {
			return err
		}
		if err := lint.WriteFileAtomic(o.file, buf.Bytes()); err != nil {
			return usageErr("writing --output %s: %v", o.file, err)
		}
	}
	if !textOnStdout && summarize {
		fmt.Fprintf(cmd.ErrOrStderr(), "splitter: lint: %s\n", lint.Summary(res, wo))
	}
	return nil
}

// writeLint writes res in one of lintFormats.
func writeLint(w io.Writer, format string, res *lint.Result, wo lint.WriteOptions, sourceURL string) error {
	if format != "markdown" {
		return lint.Write(w, format, res, wo)
	}
	_, err := w.Write(markdown.Lint(res, markdown.Options{SourceURL: sourceURL, PathPrefix: wo.PathPrefix, Limit: markdown.GitHubLimit}, lint.Summary(res, wo)))
	return err
}

// colorOK reports whether w is a terminal that wants colours.
func colorOK(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	return term.IsTerminal(int(f.Fd()))
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ""
}

// suppressions reads the config (if any) for the readiness rules set to off
// in rules:, which suggest.Suggest then suppresses.
func suppressions(cmd *cobra.Command, c *common) ([]suggest.Suppression, error) {
	cfg, err := loadConfig(cmd.Context(), c)
	if err != nil {
		return nil, err
	}
	return lint.Suppressions(cfg), nil
}

func listRules(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tDEFAULT\tLEVEL\tDESCRIPTION")
	for _, r := range lint.Rules() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Default, r.Level, r.Short)
	}
	return tw.Flush()
}

// checkOutputFiles refuses two outputs, or an output and the baseline, that
// name the same file: one would overwrite the other.
func checkOutputFiles(outs []output, baseline string) error {
	abs := func(p string) string {
		if a, err := filepath.Abs(p); err == nil {
			return a
		}
		return filepath.Clean(p)
	}
	seen := map[string]string{}
	if baseline != "" {
		seen[abs(baseline)] = "--baseline"
	}
	for _, o := range outs {
		if o.file == "" || o.file == "-" {
			continue
		}
		k := abs(o.file)
		if prev, ok := seen[k]; ok {
			return usageErr("%s and %s both name %s: give each its own file", prev, o.flag, o.file)
		}
		seen[k] = o.flag
	}
	return nil
}
