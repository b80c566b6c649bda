package extract

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/model"
)

// loaded is the module's code, type-checked from source, with the model's
// units indexed by position.
type loaded struct {
	fset   *token.FileSet
	pkgs   []*packages.Package          // sorted by path
	byPath map[string]*packages.Package // import path → package
	// units by file (relative to the root), sorted by line.
	units map[string][]*model.Unit
	unit  map[string]*model.Unit
	root  string
	// tests are the _test.go files, with the test variant holding each.
	tests []scanFile
}

type scanFile struct {
	pkg  *packages.Package
	file *ast.File
}

// files are every file to read for the edits: the packages' own, then
// their tests.
func (ld *loaded) files() []scanFile {
	var out []scanFile
	for _, p := range ld.pkgs {
		for _, f := range p.Syntax {
			out = append(out, scanFile{p, f})
		}
	}
	sort.SliceStable(ld.tests, func(i, j int) bool {
		return ld.fset.Position(ld.tests[i].file.Pos()).Filename < ld.fset.Position(ld.tests[j].file.Pos()).Filename
	})
	return append(out, ld.tests...)
}

func load(ctx context.Context, opts Options) (*loaded, error) {
	cfg := &packages.Config{
		Context: ctx,
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes |
			packages.NeedTypesInfo | packages.NeedImports,
		Dir:   opts.Root,
		Tests: true,
		Env:   append(os.Environ(), "GOFLAGS=-mod=mod"),
	}
	if len(opts.Tags) > 0 {
		cfg.BuildFlags = []string{"-tags=" + strings.Join(opts.Tags, ",")}
	}
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg.Fset = token.NewFileSet()
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading the packages again to write the seam: %w", err)
	}
	ld := &loaded{fset: cfg.Fset, byPath: map[string]*packages.Package{}, units: map[string][]*model.Unit{},
		unit: map[string]*model.Unit{}, root: opts.Root}
	if ld.fset == nil {
		ld.fset = token.NewFileSet()
	}
	for _, p := range pkgs {
		// Tests are loaded so that the edits keep them compiling: a package
		// comes as itself, its test variant and its external test package.
		// The code is read from the package itself (one object per
		// declaration across packages); only the _test.go files are read
		// from the test variants, whose own declarations are other objects
		// (the edits match them by position).
		if p.Types == nil || p.TypesInfo == nil || len(p.Errors) > 0 || strings.HasSuffix(p.ID, ".test") {
			continue
		}
		if p.ID != p.PkgPath {
			for _, f := range p.Syntax {
				if strings.HasSuffix(cfg.Fset.Position(f.Pos()).Filename, "_test.go") {
					ld.tests = append(ld.tests, scanFile{p, f})
				}
			}
			continue
		}
		ld.byPath[p.PkgPath] = p
	}
	for _, p := range ld.byPath {
		ld.pkgs = append(ld.pkgs, p)
	}
	sort.Slice(ld.pkgs, func(i, j int) bool { return ld.pkgs[i].PkgPath < ld.pkgs[j].PkgPath })
	if len(pkgs) > 0 && pkgs[0].Fset != nil {
		ld.fset = pkgs[0].Fset
	}
	for i := range opts.Model.Units {
		u := &opts.Model.Units[i]
		ld.units[u.File] = append(ld.units[u.File], u)
		ld.unit[u.ID] = u
	}
	for _, us := range ld.units {
		sort.Slice(us, func(i, j int) bool { return us[i].Line < us[j].Line })
	}
	return ld, nil
}

// rel is a file's path relative to the root, slash-separated.
func (ld *loaded) rel(file string) string {
	r, err := filepath.Rel(ld.root, file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(r)
}

// unitAt returns the unit whose declaration holds pos, or nil.
func (ld *loaded) unitAt(pos token.Pos) *model.Unit {
	if !pos.IsValid() {
		return nil
	}
	p := ld.fset.Position(pos)
	us := ld.units[ld.rel(p.Filename)]
	i := sort.Search(len(us), func(i int) bool { return us[i].Line > p.Line })
	// The innermost unit starting at or before the line that still holds it.
	for j := i - 1; j >= 0; j-- {
		if us[j].EndLine >= p.Line {
			return us[j]
		}
		if j < i-8 { // spans do not nest deeply: stop early
			break
		}
	}
	return nil
}

// where is a position as a relative file and line.
func (ld *loaded) where(pos token.Pos) (string, int) {
	p := ld.fset.Position(pos)
	return ld.rel(p.Filename), p.Line
}

// fileOf returns the syntax file holding pos, and its package.
func (ld *loaded) fileOf(pos token.Pos) (*ast.File, *packages.Package) {
	tf := ld.fset.File(pos)
	if tf == nil {
		return nil, nil
	}
	for _, p := range ld.pkgs {
		for _, f := range p.Syntax {
			if ld.fset.File(f.Pos()) == tf {
				return f, p
			}
		}
	}
	return nil, nil
}

// lookupUnit finds the object a unit id names: a package-level object, or
// a method (pkg.Type.Method).
func (ld *loaded) lookupUnit(id string) types.Object {
	u := ld.unit[id]
	if u == nil {
		return nil
	}
	p := ld.byPath[u.Package]
	if p == nil {
		return nil
	}
	if u.Kind != model.KindMethod {
		return p.Types.Scope().Lookup(u.Name)
	}
	tn, _ := p.Types.Scope().Lookup(u.Recv).(*types.TypeName)
	if tn == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(tn.Type(), true, p.Types, u.Name)
	if f, ok := obj.(*types.Func); ok {
		return f
	}
	return nil
}
