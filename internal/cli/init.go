package cli

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/lint"
	"github.com/splitter-go/splitter/suggest"
)

func newInitCmd() *cobra.Command {
	var c common
	var cf clusterFlags
	var force bool
	var baseline string
	cmd := &cobra.Command{
		Use:   "init [packages]",
		Short: "Write splitter.yaml: the proposed services as boundaries for lint",
		Long: `init analyses the packages (default ./...) and writes splitter.yaml: the
proposed services with the packages wholly theirs and the units of the
packages they share, the shared kernel, and, for each service, the api and
dependsOn that the code uses today, and the proposed serverless functions
(as splitter suggest functions groups them) with their entry points in
functions:, which lint checks for readiness. What no declaration can fix (cycles,
shared tables, unattached code) goes to a baseline file, so that splitter lint
passes right away. With --no-services (or when no service is found), it writes
one service per top-level directory as a starting point. Edit the file,
commit it, and run splitter lint in CI.

The file is the config in use (--config, or splitter.yaml in the directory or
the module root), else splitter.yaml in the module root; -o FILE writes
elsewhere, -o - to standard output. An existing file is replaced only with
--force; its entrypoints, functions, rules and exclude sections are kept.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(cmd, &c, &cf, args, force, baseline)
		},
	}
	c.register(cmd)
	cf.register(cmd)
	cmd.Flags().BoolVar(&cf.skip, "no-services", false, "do not propose services: write one service per top-level directory")
	cmd.Flags().StringVarP(&c.out, "out", "o", "", "write to `FILE` (default: the config in use, else splitter.yaml in the module root; - for standard output)")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	cmd.Flags().StringVar(&baseline, "baseline", "splitter-baseline.json", "record the violations the cut has today in `FILE` (relative to the config; \"\" for none)")
	return cmd
}

func runInit(cmd *cobra.Command, c *common, cf *clusterFlags, args []string, force bool, baseline string) error {
	ctx := cmd.Context()
	root, old, err := c.moduleConfig(ctx)
	if err != nil {
		return err
	}
	target := c.out
	switch {
	case target == "" && old != nil:
		target = old.Path // the file lint would read
	case target == "":
		target = filepath.Join(root, config.FileNames[0])
	}
	if target != "-" && !force {
		if _, err := os.Stat(target); err == nil {
			return usageErr("%s exists: edit it, or pass --force to replace it (its entrypoints, functions, rules and exclude are kept)", target)
		}
	}
	basePath := ""
	if baseline != "" && target != "-" {
		basePath = baseline
		if !filepath.IsAbs(basePath) {
			basePath = filepath.Join(filepath.Dir(target), basePath)
		}
		if _, err := os.Stat(basePath); err == nil && !force {
			return usageErr("%s exists: pass --force to replace it, or --baseline with another name", basePath)
		}
	}
	m, err := analyzeWith(cmd, c, args, old)
	if err != nil {
		return err
	}
	warnPartial(cmd.ErrOrStderr(), m)
	reportDiagnostics(cmd.ErrOrStderr(), m)
	if err := decompose(cmd, c, cf, m); err != nil {
		return err
	}
	// The proposed functions go to functions:, for the readiness rules.
	var sup []suggest.Suppression
	if old != nil {
		sup = lint.Suppressions(old)
	}
	if err := suggest.Suggest(m, suggest.Options{Suppress: sup}); err != nil {
		return analysisErr(err)
	}
	sc, err := lint.NewScaffold(m)
	if err != nil {
		return analysisErr(err)
	}
	cfg := sc.Config
	if old != nil {
		cfg.EntryPoints, cfg.Rules, cfg.Exclude = old.EntryPoints, old.Rules, old.Exclude
		if len(old.Functions) > 0 {
			cfg.Functions = old.Functions
		}
		// What is left depends on the sections kept.
		if sc.Remaining, err = lint.Run(m, cfg, lint.Options{Root: root}); err != nil {
			return &exitError{ExitUsage, err}
		}
	}
	header := []string{
		"splitter.yaml: the service boundaries that `splitter lint` enforces (see README, \"Lint: keeping the cut in CI\").",
		"Written by `splitter init` for " + m.Module + ": " + sc.Describe() + ".",
		"",
		"packages: globs over package paths (relative to the module, ... = anything below);",
		"units: units of packages split between services (they win over packages);",
		"api: what other services may use; dependsOn: the services this one may use.",
		"Both list what the code uses today: shrink them to tighten the boundaries.",
	}
	data := config.Format(cfg, header)
	if _, err := config.Parse(target, data); err != nil {
		return fmt.Errorf("internal error: the generated config does not read back (please report this): %v", err)
	}
	out := cmd.OutOrStdout()
	if target == "-" {
		_, err := out.Write(data)
		return err
	}
	rem := sc.Remaining
	if basePath != "" && len(rem.All) == 0 {
		basePath = "" // nothing to record
	}
	if basePath != "" {
		cfg.Baseline = filepath.ToSlash(baseline)
		data = config.Format(cfg, header)
		if err := lint.NewBaseline(rem.All).Write(basePath); err != nil {
			return usageErr("writing %s: %v", basePath, err)
		}
	}
	if err := os.WriteFile(target, data, 0o644); err != nil {
		return usageErr("writing %s: %v", target, err)
	}
	fmt.Fprintf(out, "Wrote %s: %s; shared kernel: %d entries.\n", displayPath(target), sc.Describe(), len(cfg.Shared))
	fmt.Fprintf(out, "splitter lint on it today: %s.\n", lint.Summary(rem, lint.WriteOptions{}))
	switch {
	case basePath != "":
		fmt.Fprintf(out, "Recorded them in %s as known debt (baseline: in the config): lint ignores them and fails on new ones.\n"+
			"They need more than a declaration: cycles between services, tables several services touch, code attached nowhere.\n", displayPath(basePath))
	case rem.Errors > 0:
		fmt.Fprintf(out, "They need more than a declaration (a cycle between services, code in two places):\n"+
			"fix them, or accept them as known debt with `splitter lint --baseline splitter-baseline.json --update-baseline`.\n")
	}
	return nil
}

// displayPath shortens target for messages when it is below the working directory.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && !filepath.IsAbs(r) && len(r) < len(p) && r[0] != '.' {
		return r
	}
	return p
}
