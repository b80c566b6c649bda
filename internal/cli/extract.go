package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/cost"
	"github.com/splitter-go/splitter/extract"
)

func newExtractCmd() *cobra.Command {
	var c common
	var cf clusterFlags
	var out string
	var apply bool
	cmd := &cobra.Command{
		Use:   "extract SERVICE [packages]",
		Short: "Generate the seam at a cut: the interface of a service, its in-process adapter, an HTTP client and server, and the callers' edits",
		Long: `extract writes, for one service of splitter.yaml (or, when it declares
none, of the proposal), the package internal/<service>api (or -o DIR): the
Go interface of what the other services call or reference of it today, an
in-process adapter that implements it with today's code, and an HTTP/JSON
client and server of the same interface with the DTOs a remote call needs
and a round-trip test. It prints the callers' edits, which make them hold
the interface, as a unified diff on stdout; --apply writes them into the
tree (only on a clean git tree). What blocks the cut (types that cannot
cross a network, transactions and globals both sides share) and the plan
(seam, adapter, move, remote, with the entry points whose remote calls
change) go to stderr, and to EXTRACT.md beside the generated code.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(c.format, "text", "json"); err != nil {
				return err
			}
			return runExtract(cmd, &c, &cf, args[0], args[1:], out, apply)
		},
	}
	c.register(cmd)
	cf.register(cmd)
	cmd.Flags().StringVar(&c.format, "format", "text", "output format: text (the diff on stdout, the report on stderr) or json")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write the generated package to `DIR` (inside the module; default internal/<service>api in the module root)")
	cmd.Flags().BoolVar(&apply, "apply", false, "also write the callers' edits into the tree (refused when the git tree has uncommitted changes)")
	return cmd
}

func runExtract(cmd *cobra.Command, c *common, cf *clusterFlags, svc string, patterns []string, out string, apply bool) error {
	ctx := cmd.Context()
	root, cfg, err := c.moduleConfig(ctx)
	if err != nil {
		return err
	}
	if apply {
		if err := cleanTree(ctx, root); err != nil {
			return err
		}
	}
	m, err := runAnalysis(cmd, c, patterns)
	if err != nil {
		return err
	}
	var assign, owners map[string]string
	from := "splitter.yaml"
	if cfg != nil && len(cfg.Services) > 0 {
		if assign, owners, err = extract.Declared(cfg, m); err != nil {
			return &exitError{ExitUsage, err}
		}
	} else {
		if err := decompose(cmd, c, cf, m); err != nil {
			return err
		}
		assign, owners, from = extract.Proposed(m), cost.OwnersFromModel(m), "the proposal"
	}
	if out != "" {
		if out, err = filepath.Abs(out); err != nil {
			return usageErr("-o %s: %v", out, err)
		}
	}
	res, err := extract.Extract(ctx, extract.Options{Root: root, Patterns: patterns, Tags: c.tags, Tests: c.tests,
		Model: m, Assignment: assign, Owners: owners, Service: svc, OutDir: out})
	switch {
	case errors.Is(err, extract.ErrUnknownService):
		return usageErr("%v (from %s)", err, from)
	case errors.Is(err, extract.ErrUsage):
		return &exitError{ExitUsage, err}
	case err != nil:
		return analysisErr(err)
	}
	var report bytes.Buffer
	res.WriteText(&report)
	if len(res.Files) > 0 {
		res.Files = append(res.Files, extract.File{Path: filepath.ToSlash(filepath.Join(res.Dir, "EXTRACT.md")),
			Content: []byte("<!-- " + fmt.Sprintf(extract.Header, svc) + " -->\n\n```\n" + report.String() + "```\n")})
		if err := writeGenerated(root, res); err != nil {
			return err
		}
	}
	if apply {
		for _, e := range res.Edits {
			if err := writeFileAtomic(filepath.Join(root, e.Path), e.New); err != nil {
				return analysisErr(err)
			}
		}
	}
	stderr := cmd.ErrOrStderr()
	if c.format == "json" {
		data, err := json.MarshalIndent(res, "", "  ")
		if err != nil {
			return err
		}
		_, err = cmd.OutOrStdout().Write(append(data, '\n'))
		return err
	}
	fmt.Fprintf(stderr, "splitter extract: service %s of %s\n", svc, from)
	stderr.Write(report.Bytes())
	if len(res.Files) > 0 {
		var names []string
		for _, f := range res.Files {
			names = append(names, filepath.Base(f.Path))
		}
		fmt.Fprintf(stderr, "\nWrote %s: %s\n", res.Dir, strings.Join(names, ", "))
	}
	switch {
	case len(res.Edits) == 0:
	case apply:
		fmt.Fprintf(stderr, "Applied the callers' edits to %d files: review them with git diff, then go build ./... && go test ./...\n", len(res.Edits))
	default:
		fmt.Fprintf(stderr, "The callers' edits are on stdout as a diff (apply it with git apply, or run again with --apply)\n")
		fmt.Fprint(cmd.OutOrStdout(), res.Diff)
	}
	return nil
}

// cleanTree refuses to edit a tree whose changes the edits would mix with.
func cleanTree(ctx context.Context, root string) error {
	cmd := exec.CommandContext(ctx, "git", "status", "--porcelain")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return usageErr("--apply edits the tree only in a git repository, so that the edits can be reviewed and undone: %s is not in one (%s)", root, strings.TrimSpace(stderr.String()))
	}
	if lines := strings.Split(strings.TrimSpace(string(out)), "\n"); len(out) > 0 {
		return usageErr("--apply needs a clean git tree, so that its edits stand apart: %d uncommitted %s (first %s); commit or stash them, or run without --apply for the diff",
			len(lines), noun(len(lines), "change", "changes"), strings.TrimSpace(lines[0]))
	}
	return nil
}

// writeGenerated writes the generated package, replacing the files an
// earlier run wrote and refusing to touch any other.
func writeGenerated(root string, res *extract.Result) error {
	dir := filepath.Join(root, filepath.FromSlash(res.Dir))
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		return analysisErr(err)
	}
	marker := []byte(strings.SplitN(extract.Header, "%s", 2)[0])
	mdMarker := append([]byte("<!-- "), marker...)
	keep := map[string]bool{}
	for _, f := range res.Files {
		keep[filepath.Base(f.Path)] = true
	}
	var stale []string
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return analysisErr(err)
		}
		if !bytes.HasPrefix(data, marker) && !bytes.HasPrefix(data, mdMarker) {
			return usageErr("%s holds %s, which splitter extract did not write: choose another directory with -o", res.Dir, e.Name())
		}
		if !keep[e.Name()] {
			stale = append(stale, e.Name())
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return analysisErr(err)
	}
	sort.Strings(stale)
	for _, s := range stale {
		if err := os.Remove(filepath.Join(dir, s)); err != nil {
			return analysisErr(err)
		}
	}
	for _, f := range res.Files {
		if err := writeFileAtomic(filepath.Join(root, filepath.FromSlash(f.Path)), f.Content); err != nil {
			return analysisErr(err)
		}
	}
	return nil
}

// writeFileAtomic writes through a temporary file renamed into place, so
// that an interrupted run leaves the old file.
func writeFileAtomic(path string, data []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".splitter-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
