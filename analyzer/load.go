package analyzer

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

// ErrNotModule is returned (wrapped) when the directory is in no Go module
// or workspace.
var ErrNotModule = errors.New("not in a Go module")

// ErrUsage is returned (wrapped) for bad arguments: a missing directory, an
// unknown call graph algorithm, a malformed pattern.
var ErrUsage = errors.New("bad arguments")

// loadMode type-checks the requested packages from source and takes their
// dependencies from export data, as go vet does: NeedDeps is left out on
// purpose, so dependencies are never parsed.
//
// NeedExportFile costs nothing (go list runs with -export for the
// dependencies anyway) and says where the build cache keeps each package's
// export data, which a partial run type-checks against (partial.go).
const loadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
	packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
	packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule | packages.NeedExportFile

// loaded is the result of loading: the module's well-typed packages and what
// went wrong with the others.
type loaded struct {
	root     string // directory that model paths are relative to
	modules  []model.Module
	pkgs     []*packages.Package // well-typed, module-internal, sorted by path
	internal map[string]bool     // import paths of every module-internal package
	diags    []model.Diagnostic
	diagMu   sync.Mutex             // guards diags while packages are read in parallel
	skipped  []model.SkippedPackage // packages left out, and why (skip.go)
	// listed is what packages.Load returned, the patterns' matches with
	// the whole import graph below them (files, imports, module), which
	// the result cache can key instead of listing it again (cache.go).
	listed []*packages.Package
}

// workspace describes the module or workspace that contains dir.
type workspace struct {
	root   string // go.work's directory, else go.mod's
	gomod  string
	gowork string
}

func findWorkspace(ctx context.Context, dir string) (workspace, error) {
	cmd := exec.CommandContext(ctx, "go", "env", "GOMOD", "GOWORK")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			return workspace{}, fmt.Errorf("go env in %s: %s", dir, strings.TrimSpace(string(ee.Stderr)))
		}
		return workspace{}, fmt.Errorf("running the go command in %s: %w (is Go installed and on PATH?)", dir, err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	for len(lines) < 2 {
		lines = append(lines, "")
	}
	ws := workspace{gomod: strings.TrimSpace(lines[0]), gowork: strings.TrimSpace(lines[1])}
	if ws.gowork == "off" {
		ws.gowork = ""
	}
	switch {
	case ws.gowork != "":
		ws.root = filepath.Dir(ws.gowork)
	case ws.gomod != "" && ws.gomod != os.DevNull:
		ws.root = filepath.Dir(ws.gomod)
	default:
		return workspace{}, fmt.Errorf("%w: no go.mod in %s or any parent directory; run splitter in a module's directory (or pass -C DIR), or create one with `go mod init`", ErrNotModule, dir)
	}
	return ws, nil
}

// parseFile parses a file for go/packages as its default does, but without
// resolving identifiers to ast.Objects (parser.SkipObjectResolution):
// go/types, SSA and every pass here resolve names through types.Info, and
// the resolution is a good part of the parse.
func parseFile(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
}

// load runs go/packages on cfg's patterns and sorts out the result.
func load(ctx context.Context, cfg *Config) (*loaded, error) {
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: directory %s does not exist", ErrUsage, cfg.Dir)
	}
	ws, err := findWorkspace(ctx, dir)
	if err != nil {
		return nil, err
	}
	var buildFlags []string
	if len(cfg.Tags) > 0 {
		buildFlags = append(buildFlags, "-tags="+strings.Join(cfg.Tags, ","))
	}
	pcfg := &packages.Config{
		Context:    ctx,
		Mode:       loadMode,
		Dir:        dir,
		Tests:      cfg.Tests,
		BuildFlags: buildFlags,
		Env:        os.Environ(),
		ParseFile:  parseFile,
	}
	if cfg.Count != nil {
		var parsed atomic.Int64
		pcfg.ParseFile = func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
			f, err := parseFile(fset, filename, src)
			cfg.Count(int(parsed.Add(1)), 0, "files parsed")
			return f, err
		}
	}
	patterns := cfg.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	if ws.gowork != "" {
		patterns, err = expandWorkspace(ctx, dir, patterns)
		if err != nil {
			return nil, err
		}
	}
	pkgs, err := packages.Load(pcfg, patterns...)
	if err != nil {
		msg := err.Error()
		if i := strings.Index(msg, "stderr: "); i >= 0 {
			msg = msg[i+len("stderr: "):] // the go command's own words
		}
		return nil, fmt.Errorf("the go command cannot list %s in %s: %s\nFix it so that `go list %s` works there, then run splitter again",
			strings.Join(patterns, " "), dir, strings.TrimSpace(msg), strings.Join(patterns, " "))
	}
	if err := unmatchedPattern(ctx, dir, patterns, pkgs); err != nil {
		return nil, err
	}
	ld := &loaded{root: ws.root, internal: map[string]bool{}, listed: pkgs}
	mods := map[string]model.Module{}
	// With tests, a package comes in up to three variants; keep the one
	// that has the most files (the test variant) for each import path.
	best := map[string]*packages.Package{}
	for _, p := range pkgs {
		if p.Module == nil || !p.Module.Main {
			if len(p.Errors) > 0 {
				ld.addErrors(p)
			}
			continue // vendored or outside the analysed modules
		}
		if strings.HasSuffix(p.PkgPath, ".test") && p.Name == "main" {
			continue // the generated test main
		}
		if excluded(cfg.Exclude, p.PkgPath, relPkg(p)) {
			continue
		}
		if _, ok := mods[p.Module.Dir]; !ok {
			mods[p.Module.Dir] = model.Module{Path: p.Module.Path, Dir: ld.rel(p.Module.Dir)}
		}
		ld.internal[p.PkgPath] = true
		if b, ok := best[p.PkgPath]; !ok || len(p.CompiledGoFiles) > len(b.CompiledGoFiles) {
			best[p.PkgPath] = p
		}
	}
	for _, p := range best {
		if len(p.Errors) > 0 || p.Types == nil || p.TypesInfo == nil {
			ld.skip(p)
			continue
		}
		if p.IllTyped {
			// Its own code type-checks; only a dependency does not (a cgo
			// package without its C library, a generated file missing).
			// Skipping it would lose every package above the broken one
			// (navidrome's API, above its tag reader); it is analysed, and
			// what it uses of the broken package is not seen. In an import
			// cycle with it, it cannot be built either.
			dep, cause := failedImport(p)
			if strings.Contains(cause, "import cycle") {
				ld.skip(p)
				continue
			}
			if dep != "" {
				ld.diags = append(ld.diags, model.Diagnostic{
					Severity: model.SevInfo, Package: p.PkgPath,
					Message: fmt.Sprintf("package %s analysed although its dependency %s does not type-check: what it uses of %s is not seen", p.PkgPath, dep, dep),
				})
			}
		}
		ld.pkgs = append(ld.pkgs, p)
	}
	sortPackages(ld.pkgs)
	if len(ld.pkgs) == 0 && len(best) > 0 {
		var first []string
		for _, d := range ld.diags {
			if d.Severity == model.SevError && len(first) < 5 {
				first = append(first, diagString(d))
			}
		}
		return ld, fmt.Errorf("none of the %d packages of the module could be type-checked, so there is nothing to analyse; fix these errors first (go build ./... shows them all):\n  %s",
			len(best), strings.Join(first, "\n  "))
	}
	for _, m := range mods {
		ld.modules = append(ld.modules, m)
	}
	if len(ld.internal) == 0 {
		return ld, fmt.Errorf("no packages of the module match %s in %s%s", strings.Join(patterns, " "), dir, excludedHint(dir, cfg.Tags))
	}
	return ld, nil
}

// expandWorkspace turns "./..." into one "./mod/..." per workspace module
// below dir: the go command matches "./..." only inside the module that
// contains dir, and a workspace root is often in no module at all.
func expandWorkspace(ctx context.Context, dir string, patterns []string) ([]string, error) {
	var out []string
	var modDirs []string
	for _, p := range patterns {
		if p != "./..." && p != "..." {
			out = append(out, p)
			continue
		}
		if modDirs == nil {
			cmd := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}")
			cmd.Dir = dir
			b, err := cmd.Output()
			if err != nil {
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					return nil, fmt.Errorf("listing the workspace's modules: %s\nFix go.work (or analyse one module with GOWORK=off)", strings.TrimSpace(string(ee.Stderr)))
				}
				return nil, fmt.Errorf("listing the workspace's modules: %w", err)
			}
			modDirs = strings.Split(strings.TrimSpace(string(b)), "\n")
		}
		for _, md := range modDirs {
			r, err := filepath.Rel(dir, md)
			if err != nil || strings.HasPrefix(r, "..") {
				continue
			}
			out = append(out, "./"+filepath.ToSlash(filepath.Join(r, "..."))) // "./." + "..." collapses to "./..."
		}
	}
	return out, nil
}

// maxErrorsPerPackage bounds the diagnostics one broken package produces.
const maxErrorsPerPackage = 10

func (ld *loaded) addErrors(p *packages.Package) {
	positioned := false
	for _, e := range p.Errors {
		positioned = positioned || e.Pos != ""
	}
	for i, e := range p.Errors {
		if positioned && e.Pos == "" && strings.HasPrefix(e.Msg, "# ") {
			continue // the go command's compiler output repeats the positioned errors
		}
		if i == maxErrorsPerPackage {
			ld.diags = append(ld.diags, model.Diagnostic{Severity: model.SevError, Package: p.PkgPath,
				Message: fmt.Sprintf("%d more errors in %s", len(p.Errors)-i, p.PkgPath)})
			break
		}
		d := model.Diagnostic{Severity: model.SevError, Package: p.PkgPath, Message: e.Msg}
		d.File, d.Line, d.Column = splitPos(e.Pos)
		if d.File != "" {
			d.File = ld.rel(d.File)
		}
		ld.diags = append(ld.diags, d)
	}
}

// splitPos parses go/packages' "file:line:col" error positions.
func splitPos(pos string) (file string, line, col int) {
	if pos == "" || pos == "-" {
		return "", 0, 0
	}
	parts := strings.Split(pos, ":")
	n := len(parts)
	if n >= 3 {
		l, err1 := strconv.Atoi(parts[n-2])
		c, err2 := strconv.Atoi(parts[n-1])
		if err1 == nil && err2 == nil {
			return strings.Join(parts[:n-2], ":"), l, c
		}
	}
	if n >= 2 {
		if l, err := strconv.Atoi(parts[n-1]); err == nil {
			return strings.Join(parts[:n-1], ":"), l, 0
		}
	}
	return pos, 0, 0
}

// rel makes an absolute path relative to the model root, with slashes.
func (ld *loaded) rel(p string) string {
	if r, err := filepath.Rel(ld.root, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(p)
}

func relPkg(p *packages.Package) string {
	if p.Module == nil {
		return p.PkgPath
	}
	r := strings.TrimPrefix(p.PkgPath, p.Module.Path)
	return strings.TrimPrefix(r, "/")
}

// excluded reports whether a package matches one of the --exclude patterns.
// A pattern is matched against both the import path and the path relative to
// its module; "..." matches any string (as in go patterns), and path.Match
// syntax applies to each element otherwise.
func excluded(patterns []string, pkgPath, relPath string) bool {
	for _, pat := range patterns {
		if matchPkg(pat, pkgPath) || (relPath != "" && matchPkg(pat, relPath)) {
			return true
		}
	}
	return false
}

func matchPkg(pat, p string) bool {
	// Go-style patterns ("...") and globs over the whole path follow the
	// same rules as splitter.yaml's package patterns.
	if config.MatchPackage(pat, p, "") {
		return true
	}
	// A single-element pattern like "mocks" or "*mock*" matches any element.
	pat = strings.TrimPrefix(pat, "./")
	if !strings.Contains(pat, "/") && !strings.Contains(pat, "...") {
		for _, el := range strings.Split(p, "/") {
			if ok, _ := path.Match(pat, el); ok {
				return true
			}
		}
	}
	return false
}

// ValidateExclude checks the syntax of --exclude patterns.
func ValidateExclude(patterns []string) error {
	for _, p := range patterns {
		if _, err := path.Match(strings.ReplaceAll(p, "...", "x"), ""); err != nil {
			return fmt.Errorf("%w: bad --exclude pattern %q: %v", ErrUsage, p, err)
		}
	}
	return nil
}

// ModuleRoot returns the root directory of the module (or go.work
// workspace) that contains dir.
func ModuleRoot(ctx context.Context, dir string) (string, error) {
	ws, err := findWorkspace(ctx, dir)
	if err != nil {
		return "", err
	}
	return ws.root, nil
}

// diagString renders a diagnostic as file:line:col: message.
func diagString(d model.Diagnostic) string {
	if d.File == "" {
		return d.Message
	}
	if d.Column > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Column, d.Message)
	}
	return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Message)
}
