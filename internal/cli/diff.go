package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/diff"
	"github.com/splitter-go/splitter/lint"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/render/markdown"
)

type diffFlags struct {
	common
	cf           clusterFlags
	sourceURL    string
	allowPartial bool
}

func newDiffCmd() *cobra.Command {
	var d diffFlags
	cmd := &cobra.Command{
		Use:   "diff [REV [packages]]",
		Short: "How the working tree moves the service boundaries since a git revision",
		Long: `diff analyses the working tree and git revision REV (checked out in a
temporary worktree, removed afterwards) and says what the change does to the
services: the dependencies between services that appear or go, with their
uses; the units and entry points that change service; the tables that become
shared; the lint findings that appear or go (the readiness findings of the
functions declared in splitter.yaml included); and the change in ICP and in
remote calls per request.

Both sides are judged by one assignment: splitter.yaml when there is one
with services, else the services splitter proposes at REV, applied to both
revisions unit by unit with lint's rules (new code goes where lint would
put it). So a change in the code is never mistaken for a change in the
proposal.

REV defaults to the merge base of HEAD with origin/HEAD, else main, else
master. --format markdown writes a pull-request comment (at most 65,536
bytes) with a mermaid diagram of the services whose dependencies changed.

Exit status: 0 (whatever changed), 2 usage error (not a git repository, an
unknown revision, a bad flag), 3 a revision could not be analysed, 4
packages do not type-check (without --allow-partial).`,
		Example: `  splitter diff                      # against the merge base with origin/HEAD (or main)
  splitter diff origin/main --format markdown > comment.md
  splitter diff v1.4.0 --format json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd, &d, args)
		},
	}
	d.register(cmd)
	d.cf.register(cmd)
	f := cmd.Flags()
	f.StringVar(&d.format, "format", "text", "output format: text, json or markdown")
	f.StringVar(&d.sourceURL, "source-url", "", "link file:line in markdown to `URL` + path + #L + line (e.g. https://github.com/o/r/blob/SHA/)")
	f.BoolVar(&d.allowPartial, "allow-partial", false, "compare the packages that type-check when others do not (instead of exit 4)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json", "markdown"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runDiff(cmd *cobra.Command, d *diffFlags, args []string) error {
	if err := checkFormat(d.format, "text", "json", "markdown"); err != nil {
		return err
	}
	ctx := cmd.Context()
	stderr := cmd.ErrOrStderr()
	root, cfg, err := d.moduleConfig(ctx)
	if err != nil {
		return err
	}
	top, err := diff.Toplevel(ctx, root)
	if err != nil {
		return gitErr(err)
	}
	var rev, label string
	if len(args) > 0 {
		label = args[0]
		if rev, err = diff.Resolve(ctx, root, args[0]); err != nil {
			return gitErr(err)
		}
		args = args[1:]
	} else if rev, label, err = diff.DefaultBase(ctx, root); err != nil {
		return gitErr(err)
	}
	headRev, _ := diff.Resolve(ctx, root, "HEAD") // "" in a repository without commits

	head, err := analyzeWith(cmd, &d.common, args, cfg)
	if err != nil {
		return err
	}
	if err := checkPartial(stderr, head, !d.allowPartial, "the boundaries cannot be compared (a skipped package hides its uses)", "--allow-partial to compare the rest"); err != nil {
		return err
	}

	wt, err := diff.Checkout(ctx, top, rev)
	if err != nil {
		return analysisErr(err)
	}
	defer func() {
		if err := wt.Remove(); err != nil {
			fmt.Fprintf(stderr, "splitter: warning: %v\n", err)
		}
	}()
	baseRoot, err := wt.Path(root)
	if err != nil {
		return analysisErr(err)
	}
	baseDir, err := wt.Path(d.dir)
	if err != nil {
		return analysisErr(err)
	}
	if _, err := os.Stat(filepath.Join(baseRoot, "go.mod")); err != nil {
		return usageErr("the module in %s did not exist at %s (%s): no go.mod there; compare with a later revision", root, label, diff.Short(rev))
	}
	if st, err := os.Stat(baseDir); err != nil || !st.IsDir() {
		return usageErr("directory %s did not exist at %s (%s): compare with a later revision, or run diff from the module root", d.dir, label, diff.Short(rev))
	}
	// The base is analysed with the same flags and judged by the same
	// config as the head: its own splitter.yaml, if any, is not read.
	bc := &common{dir: baseDir, tags: d.tags, tests: d.tests, exclude: d.exclude, callgraph: d.callgraph}
	bc.cfgOnce.Do(func() { bc.cfgRoot, bc.cfgFile = baseRoot, cfg })
	base, err := analyzeWith(cmd, bc, args, cfg)
	if err != nil {
		return fmt.Errorf("at %s (%s): %w", label, diff.Short(rev), err)
	}
	if err := checkPartial(stderr, base, !d.allowPartial, fmt.Sprintf("the boundaries cannot be compared (at %s, a skipped package hides its uses)", label), "--allow-partial to compare the rest"); err != nil {
		return err
	}
	reportDiagnostics(stderr, head)

	opt, err := diffAssignment(cmd, d, bc, cfg, base, label+" ("+diff.Short(rev)+")")
	if err != nil {
		return err
	}
	rep, err := diff.Compare(
		diff.Side{Label: label + " (" + diff.Short(rev) + ")", Rev: rev, Root: baseRoot, Model: base},
		diff.Side{Label: "working tree", Rev: headRev, Root: root, Model: head},
		opt)
	if err != nil {
		return &exitError{ExitUsage, err}
	}
	if cfg != nil && cfg.Path != "" && !opt.Proposed {
		if note := configChanged(wt, cfg.Path, label); note != "" {
			rep.Notes = append(rep.Notes, note)
		}
	}

	var buf bytes.Buffer
	switch d.format {
	case "json":
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(rep); err != nil {
			return err
		}
	case "markdown":
		buf.Write(markdown.Diff(rep, markdown.Options{SourceURL: d.sourceURL, PathPrefix: repoPrefix(ctx, root), Limit: markdown.GitHubLimit}))
	default:
		diff.WriteText(&buf, rep)
	}
	_, err = cmd.OutOrStdout().Write(buf.Bytes())
	return err
}

// diffAssignment is the config both revisions are judged by: the one in
// use when it declares services, else one made from the services proposed
// at the base (keeping the config's entry points, rules and exclusions).
func diffAssignment(cmd *cobra.Command, d *diffFlags, bc *common, cfg *config.Config, base *model.Model, baseLabel string) (diff.Options, error) {
	if cfg != nil && len(cfg.Services) > 0 {
		return diff.Options{Config: cfg, Source: displayPath(cfg.Path)}, nil
	}
	// Propose on a copy: the base model stays as analysed.
	mb := *base
	mb.Units = append([]model.Unit(nil), base.Units...)
	mb.Packages = append([]model.Package(nil), base.Packages...)
	if err := propose(cmd, bc, &d.cf, &mb, ""); err != nil {
		return diff.Options{}, err
	}
	if len(mb.Services) == 0 {
		return diff.Options{}, usageErr("splitter proposes no services at %s, and there is no splitter.yaml with services to judge the change by: write one (splitter init)", baseLabel)
	}
	sc, err := lint.NewScaffold(&mb)
	if err != nil {
		return diff.Options{}, analysisErr(err)
	}
	a := sc.Config
	if cfg != nil {
		a.EntryPoints, a.Rules, a.Exclude = cfg.EntryPoints, cfg.Rules, cfg.Exclude
	}
	return diff.Options{Config: a, Source: "the services splitter proposes at " + baseLabel, Proposed: true}, nil
}

// configChanged says when the config file differs at the base: both sides
// are judged by the working tree's.
func configChanged(wt *diff.Worktree, path, label string) string {
	now, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	bp, err := wt.Path(path)
	if err != nil {
		return ""
	}
	then, err := os.ReadFile(bp)
	if err != nil {
		return fmt.Sprintf("%s did not exist at %s: both sides are judged by the working tree's", filepath.Base(path), label)
	}
	if !bytes.Equal(now, then) {
		return fmt.Sprintf("%s changed since %s: both sides are judged by the working tree's", filepath.Base(path), label)
	}
	return ""
}

// gitErr makes diff's git errors usage errors.
func gitErr(err error) error {
	if errors.Is(err, diff.ErrGit) {
		return &exitError{ExitUsage, err}
	}
	return analysisErr(err)
}
