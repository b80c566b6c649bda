package suggest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

// lambdaSums are the go.sum lines of the pinned aws-lambda-go: written
// into the scaffold so that it builds without a network or a go mod tidy.
var lambdaSums = []string{
	"github.com/aws/aws-lambda-go " + LambdaVersion + " h1:We2cCp4BwqqH/JW+bEEo1FhgG71rslvjfi4y7KmlrR0=",
	"github.com/aws/aws-lambda-go " + LambdaVersion + "/go.mod h1:V+NzkHNR6vBC8C1PDloqSLE+7jYWFiPvJJFiCiTm8nE=",
}

// lambdaGo is the go version aws-lambda-go's go.mod declares: the
// scaffold's go line cannot be lower.
const lambdaGo = "1.26"

// lambdaRequires are aws-lambda-go's own requirements: when the
// application requires one of them at a lower version, the scaffold
// selects aws-lambda-go's (minimal version selection), and says so.
var lambdaRequires = map[string]string{
	"github.com/stretchr/testify":   "v1.7.2",
	"github.com/davecgh/go-spew":    "v1.1.1",
	"github.com/pmezard/go-difflib": "v1.0.0",
	"gopkg.in/yaml.v3":              "v3.0.1",
}

// pseudoVersion is a version the go command accepts for a module path
// that is replaced by a local directory: v0.0.0-... for v0/v1 paths,
// vN.0.0-... for a /vN (or gopkg.in .vN) path.
func pseudoVersion(path string) string {
	major := "v0"
	if _, pm, ok := module.SplitPathVersion(path); ok && pm != "" {
		major = strings.TrimLeft(pm, "/.")
		if i := strings.Index(major, "-"); i >= 0 { // gopkg.in/x.v2-unstable
			major = major[:i]
		}
	}
	return major + ".0.0-00010101000000-000000000000"
}

// scaffoldMod is what the scaffold's go.mod and go.sum say.
type scaffoldMod struct {
	gomod, gosum []byte
	// notes for the README: requirements raised by aws-lambda-go, a
	// workspace the module is built in.
	notes []string
}

// buildGoMod writes the scaffold module's go.mod and go.sum: the module
// replaced by its directory (at a pseudo-version of its major version),
// every requirement and replacement of the module's own go.mod (relative
// replacements rewritten from the scaffold's directory), the modules of a
// go.work the module is built in, and aws-lambda-go. Copying the
// requirements keeps the scaffold's build list the module's, so that the
// module's go.sum (plus aws-lambda-go's lines) is complete.
func buildGoMod(ctx context.Context, modDir, outDir, modPath, self string) (*scaffoldMod, error) {
	data, err := os.ReadFile(filepath.Join(modDir, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("reading the module's go.mod: %w", err)
	}
	app, err := modfile.Parse(filepath.Join(modDir, "go.mod"), data, nil)
	if err != nil {
		return nil, fmt.Errorf("parsing the module's go.mod: %w", err)
	}
	out := &scaffoldMod{}
	f := &modfile.File{}
	if err := f.AddModuleStmt(self); err != nil {
		return nil, err
	}
	goVersion := lambdaGo
	if app.Go != nil && semver.Compare(gover(app.Go.Version), gover(goVersion)) >= 0 {
		goVersion = app.Go.Version
	}
	if err := f.AddGoStmt(goVersion); err != nil {
		return nil, err
	}
	if app.Toolchain != nil {
		_ = f.AddToolchainStmt(app.Toolchain.Name)
	}
	rel := func(dir string) string {
		r, err := filepath.Rel(outDir, dir)
		if err != nil {
			return filepath.ToSlash(dir)
		}
		r = filepath.ToSlash(r)
		if !strings.HasPrefix(r, ".") {
			r = "./" + r
		}
		return r
	}
	local := func(p string) bool { return modfile.IsDirectoryPath(p) }

	reqs := []*modfile.Require{
		{Mod: module.Version{Path: modPath, Version: pseudoVersion(modPath)}},
		{Mod: module.Version{Path: "github.com/aws/aws-lambda-go", Version: LambdaVersion}},
	}
	require := func(path, version string) {
		reqs = append(reqs, &modfile.Require{Mod: module.Version{Path: path, Version: version}, Indirect: true})
	}
	have := map[string]bool{modPath: true, "github.com/aws/aws-lambda-go": true}
	var raised []string
	for _, r := range app.Require {
		if have[r.Mod.Path] {
			continue
		}
		have[r.Mod.Path] = true
		v := r.Mod.Version
		if lv, ok := lambdaRequires[r.Mod.Path]; ok && semver.Compare(lv, v) > 0 {
			raised = append(raised, r.Mod.Path+"@"+lv)
			out.notes = append(out.notes, fmt.Sprintf("%s is %s here (aws-lambda-go requires it), %s in the module", r.Mod.Path, lv, v))
			v = lv
		}
		require(r.Mod.Path, v)
	}
	replaced := map[string]bool{}
	addReplace := func(r *modfile.Replace, base string) {
		key := r.Old.Path + "@" + r.Old.Version
		if replaced[key] || r.Old.Path == modPath {
			return
		}
		replaced[key] = true
		np, nv := r.New.Path, r.New.Version
		if local(np) {
			if !filepath.IsAbs(np) {
				np = filepath.Join(base, filepath.FromSlash(np))
			}
			np, nv = rel(np), ""
		}
		_ = f.AddReplace(r.Old.Path, r.Old.Version, np, nv)
	}
	for _, r := range app.Replace {
		addReplace(r, modDir)
	}
	_ = f.AddReplace(modPath, "", rel(modDir), "")

	sums := map[string]bool{}
	addSums := func(path string) {
		b, err := os.ReadFile(path)
		if err != nil {
			return
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" {
				sums[l] = true
			}
		}
	}
	addSums(filepath.Join(modDir, "go.sum"))
	for _, l := range lambdaSums {
		sums[l] = true
	}

	// A workspace: its other modules are replaced by their directories, and
	// its go.work.sum and their go.sum are the scaffold's too.
	if work := goEnv(ctx, modDir, "GOWORK"); work != "" && work != "off" {
		if wb, err := os.ReadFile(work); err == nil {
			if wf, err := modfile.ParseWork(work, wb, nil); err == nil {
				wdir := filepath.Dir(work)
				out.notes = append(out.notes, "the module is built in the workspace "+work+": its modules are replaced by their directories here, and the scaffold builds outside it (GOWORK=off)")
				for _, u := range wf.Use {
					dir := u.Path
					if !filepath.IsAbs(dir) {
						dir = filepath.Join(wdir, filepath.FromSlash(dir))
					}
					mb, err := os.ReadFile(filepath.Join(dir, "go.mod"))
					if err != nil {
						continue
					}
					mp := modfile.ModulePath(mb)
					if mp == "" || mp == modPath || mp == self {
						continue
					}
					if !have[mp] {
						have[mp] = true
						require(mp, pseudoVersion(mp))
					}
					if !replaced[mp+"@"] {
						replaced[mp+"@"] = true
						_ = f.AddReplace(mp, "", rel(dir), "")
					}
					addSums(filepath.Join(dir, "go.sum"))
				}
				for _, r := range wf.Replace {
					addReplace(r, wdir)
				}
				addSums(filepath.Join(wdir, "go.work.sum"))
			}
		}
	}
	// A requirement raised by aws-lambda-go needs its own sums: ask the go
	// command (the module cache, else the proxy).
	for _, mv := range raised {
		for _, l := range downloadSums(ctx, mv) {
			sums[l] = true
		}
	}
	f.SetRequireSeparateIndirect(reqs)
	f.SortBlocks()
	f.Cleanup()
	gm, err := f.Format()
	if err != nil {
		return nil, err
	}
	out.gomod = gm
	lines := make([]string, 0, len(sums))
	for l := range sums {
		lines = append(lines, l)
	}
	sort.Strings(lines)
	out.gosum = []byte(strings.Join(lines, "\n") + "\n")
	return out, nil
}

// gover makes a go version comparable with semver: 1.22 → v1.22, 1.22.3 → v1.22.3.
func gover(v string) string {
	v = "v" + v
	if i := strings.IndexAny(v, "rcbeta"); i > 0 { // 1.23rc1
		v = v[:i]
	}
	if !semver.IsValid(v) {
		return "v0"
	}
	return semver.Canonical(v)
}

// goEnv is `go env NAME` run in dir ("" when the go command fails).
func goEnv(ctx context.Context, dir, name string) string {
	cmd := exec.CommandContext(ctx, "go", "env", name)
	cmd.Dir = dir
	b, err := cmd.Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// downloadSums returns the go.sum lines of module@version, from the
// module cache or the proxy (none when the go command cannot get it).
func downloadSums(ctx context.Context, mv string) []string {
	cmd := exec.CommandContext(ctx, "go", "mod", "download", "-json", mv)
	cmd.Dir = os.TempDir()
	b, _ := cmd.Output()
	var d struct{ Path, Version, Sum, GoModSum string }
	if json.Unmarshal(b, &d) != nil || d.Path == "" {
		return nil
	}
	var out []string
	if d.Sum != "" {
		out = append(out, d.Path+" "+d.Version+" "+d.Sum)
	}
	if d.GoModSum != "" {
		out = append(out, d.Path+" "+d.Version+"/go.mod "+d.GoModSum)
	}
	return out
}
