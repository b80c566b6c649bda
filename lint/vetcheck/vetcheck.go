// Package vetcheck is splitter's boundary rules as a go/analysis Analyzer,
// for `go vet -vettool=$(which splitter-vet)` or a multichecker.
//
// It checks one package at a time against the services of splitter.yaml
// (found from the package's directory up to its module root, or given with
// -boundaries.config): a use of another service's non-API unit (SPL001, and
// SPL006 for a call), or of a service not in dependsOn (SPL002, SPL007).
// Test files are not checked, as with splitter lint by default. Calls are
// the static ones the type checker resolves; calls through
// interfaces and function values, service cycles, unattached code and shared
// tables need the whole program and are left to `splitter lint`, which also
// handles baselines. Violation identities and messages match splitter lint's.
package vetcheck

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"

	"github.com/splitter-go/splitter/analyzer/declname"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/lint"
)

// Analyzer reports service boundary violations.
var Analyzer = &analysis.Analyzer{
	Name: "boundaries",
	Doc: `check the service boundaries declared in splitter.yaml

boundaries reports a use of another service's unit that is not in its api
(SPL001; SPL006 for a call) and a use of a service missing from dependsOn
(SPL002; SPL007 for a call), as splitter lint does.`,
	URL: "https://github.com/splitter-go/splitter#go-vet-and-multicheckers",
	Run: run,
}

var configFlag string

func init() {
	Analyzer.Flags.StringVar(&configFlag, "config", "", "splitter.yaml to use (default: looked for from each package's directory up to its module root)")
}

// setup is a config ready to check packages, shared by the packages of a run.
type setup struct {
	cfg  *config.Config
	b    *lint.Boundaries
	sev  map[string]lint.Severity
	root string // module root, for file exclusion
	mod  string // module path
	err  error
}

var (
	setupMu sync.Mutex
	setups  = map[string]*setup{} // config path -> setup
)

func run(pass *analysis.Pass) (any, error) {
	if len(pass.Files) == 0 {
		return nil, nil
	}
	dir := filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name())
	cfgPath, root := findConfig(dir)
	if cfgPath == "" {
		return nil, nil // no boundaries declared: nothing to check
	}
	mod := ""
	if pass.Module != nil {
		mod = pass.Module.Path
	}
	s := loadSetup(cfgPath, root, mod)
	if s.err != nil {
		return nil, s.err
	}
	if s.b.ExcludedPackage(pass.Pkg.Path()) {
		return nil, nil
	}
	c := &checker{pass: pass, s: s, files: map[string]*ast.File{}, fset: token.NewFileSet(), seen: map[lint.Key]bool{}}
	c.localUnits()
	for _, f := range pass.Files {
		c.file(f)
	}
	return nil, nil
}

// findConfig walks up from dir to the module root (the directory holding
// go.mod) and returns the first config file met, and the module root.
func findConfig(dir string) (cfg, root string) {
	if configFlag != "" {
		for d := dir; ; d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				return configFlag, d
			}
			if filepath.Dir(d) == d {
				return configFlag, filepath.Dir(configFlag)
			}
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		if cfg == "" {
			for _, n := range config.FileNames {
				p := filepath.Join(d, n)
				if st, err := os.Stat(p); err == nil && !st.IsDir() {
					cfg = p
					break
				}
			}
		}
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return cfg, d
		}
		if filepath.Dir(d) == d {
			return cfg, ""
		}
	}
}

func loadSetup(path, root, mod string) *setup {
	setupMu.Lock()
	defer setupMu.Unlock()
	if s, ok := setups[path]; ok {
		return s
	}
	s := &setup{root: root, mod: mod}
	setups[path] = s
	if s.mod == "" && root != "" {
		s.mod = modulePath(filepath.Join(root, "go.mod"))
	}
	s.cfg, s.err = config.Load(path)
	if s.err != nil {
		return s
	}
	s.sev, s.err = lint.Severities(s.cfg)
	if s.err != nil {
		return s
	}
	var mods []string
	if s.mod != "" {
		mods = append(mods, s.mod)
	}
	s.b = lint.NewBoundaries(s.cfg, mods)
	return s
}

// modulePath reads the module line of a go.mod file.
func modulePath(gomod string) string {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return ""
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		f := strings.Fields(string(line))
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

type checker struct {
	pass  *analysis.Pass
	s     *setup
	local map[types.Object]string // objects declared by this package -> unit id
	fset  *token.FileSet          // for files of other packages
	files map[string]*ast.File
	seen  map[lint.Key]bool
}

// localUnits computes the unit id of every package-level declaration of
// the package, as the analyzer names them.
func (c *checker) localUnits() {
	c.local = map[types.Object]string{}
	pkg := c.pass.Pkg.Path()
	files := append([]*ast.File(nil), c.pass.Files...)
	sort.SliceStable(files, func(i, j int) bool {
		return c.pass.Fset.File(files[i].Pos()).Name() < c.pass.Fset.File(files[j].Pos()).Name()
	})
	inits := 0
	for _, f := range files {
		for _, d := range f.Decls {
			for obj, id := range declUnits(pkg, d, c.pass.TypesInfo, &inits) {
				c.local[obj] = id
			}
		}
	}
}

// declUnits maps the objects a declaration defines to their unit ids.
func declUnits(pkg string, d ast.Decl, info *types.Info, inits *int) map[types.Object]string {
	out := map[types.Object]string{}
	switch d := d.(type) {
	case *ast.FuncDecl:
		if d.Name.Name == "_" {
			return out
		}
		id := pkg + "." + d.Name.Name
		if d.Recv != nil && len(d.Recv.List) > 0 {
			id = pkg + "." + declname.RecvTypeName(d.Recv.List[0].Type) + "." + d.Name.Name
		} else if d.Name.Name == "init" {
			*inits++
			if *inits > 1 {
				id = fmt.Sprintf("%s#%d", id, *inits)
			}
		}
		if obj := info.Defs[d.Name]; obj != nil {
			out[obj] = id
		}
	case *ast.GenDecl:
		switch d.Tok {
		case token.TYPE:
			for _, s := range d.Specs {
				ts := s.(*ast.TypeSpec)
				if obj := info.Defs[ts.Name]; obj != nil && ts.Name.Name != "_" {
					out[obj] = pkg + "." + ts.Name.Name
				}
			}
		case token.VAR, token.CONST:
			name := declname.FirstName(d)
			if name == "" {
				return out
			}
			for _, s := range d.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					if obj := info.Defs[n]; obj != nil {
						out[obj] = pkg + "." + name
					}
				}
			}
		}
	}
	return out
}

func (c *checker) inModule(path string) bool {
	m := c.s.mod
	return m != "" && (path == m || strings.HasPrefix(path, m+"/"))
}

// unitOf returns the unit id that declares obj, or "" when obj is not a
// package-level declaration of the module.
func (c *checker) unitOf(obj types.Object) string {
	switch o := obj.(type) {
	case *types.Func:
		obj = o.Origin()
	case *types.Var:
		obj = o.Origin()
	}
	if id, ok := c.local[obj]; ok {
		return id
	}
	pkg := obj.Pkg()
	if pkg == nil || !c.inModule(pkg.Path()) || pkg == c.pass.Pkg {
		return ""
	}
	switch o := obj.(type) {
	case *types.TypeName:
		if o.Parent() == pkg.Scope() {
			return pkg.Path() + "." + o.Name()
		}
	case *types.Func:
		recv := o.Signature().Recv()
		if recv == nil {
			return pkg.Path() + "." + o.Name()
		}
		t := recv.Type()
		if p, ok := types.Unalias(t).(*types.Pointer); ok {
			t = p.Elem()
		}
		named, ok := types.Unalias(t).(*types.Named)
		if !ok || types.IsInterface(named) {
			return "" // an interface method is not a unit
		}
		return pkg.Path() + "." + named.Obj().Name() + "." + o.Name()
	case *types.Var, *types.Const:
		if o.Parent() == pkg.Scope() {
			return pkg.Path() + "." + c.blockName(o)
		}
	}
	return ""
}

// blockName returns the unit name of a package-level var or const of
// another package: the first name of its declaration, read from its source.
func (c *checker) blockName(obj types.Object) string {
	pos := c.pass.Fset.Position(obj.Pos())
	if pos.Filename == "" {
		return obj.Name()
	}
	f, ok := c.files[pos.Filename]
	if !ok {
		f, _ = parser.ParseFile(c.fset, pos.Filename, nil, parser.SkipObjectResolution)
		c.files[pos.Filename] = f
	}
	if f == nil {
		return obj.Name()
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || (gd.Tok != token.VAR && gd.Tok != token.CONST) {
			continue
		}
		from, to := c.fset.Position(gd.Pos()).Line, c.fset.Position(gd.End()).Line
		if pos.Line < from || pos.Line > to {
			continue
		}
		for _, s := range gd.Specs {
			for _, n := range s.(*ast.ValueSpec).Names {
				if n.Name == obj.Name() {
					if name := declname.FirstName(gd); name != "" {
						return name
					}
				}
			}
		}
	}
	return obj.Name()
}

// exportedID reports whether a unit id names an exported unit, as the
// model says: by the method's name for methods, the first name for blocks.
func exportedID(id string) bool { return ast.IsExported(id[strings.LastIndex(id, ".")+1:]) }

func (c *checker) owner(id, pkg string) string {
	if c.s.b.ExcludedPackage(pkg) {
		return ""
	}
	o, err := c.s.b.Owner(lint.UnitRef{ID: id, Package: pkg, Exported: exportedID(id)})
	if err != nil {
		return "" // reported by splitter lint with the config's position
	}
	return o
}

func isService(o string) bool { return o != "" && o != lint.SharedKernel }

func (c *checker) file(f *ast.File) {
	name := c.pass.Fset.File(f.Pos()).Name()
	if strings.HasSuffix(name, "_test.go") {
		return // as splitter lint without --tests: tests may cross boundaries
	}
	if c.s.root != "" {
		if rel, err := filepath.Rel(c.s.root, name); err == nil && c.s.b.ExcludedFile(filepath.ToSlash(rel)) {
			return
		}
	}
	pkg := c.pass.Pkg.Path()
	for _, d := range f.Decls {
		// The units of the declaration: a grouped type declaration holds
		// one per spec; any other declaration is one unit.
		var units []declUnit
		add := func(n ast.Node, idents ...*ast.Ident) {
			for _, ident := range idents {
				if id, ok := c.local[c.pass.TypesInfo.Defs[ident]]; ok {
					units = append(units, declUnit{n, id})
					return
				}
			}
		}
		switch d := d.(type) {
		case *ast.FuncDecl:
			add(d, d.Name)
		case *ast.GenDecl:
			if d.Tok == token.TYPE {
				for _, s := range d.Specs {
					add(s, s.(*ast.TypeSpec).Name)
				}
			} else if d.Tok == token.VAR || d.Tok == token.CONST {
				var names []*ast.Ident
				for _, s := range d.Specs {
					names = append(names, s.(*ast.ValueSpec).Names...)
				}
				add(d, names...)
			}
		}
		for _, u := range units {
			from := c.owner(u.id, pkg)
			if !isService(from) {
				continue
			}
			c.walk(u.node, u.id, from)
		}
	}
}

type declUnit struct {
	node ast.Node
	id   string
}

// walk reports the uses of other services' units inside a unit's syntax.
func (c *checker) walk(root ast.Node, fromID, from string) {
	info := c.pass.TypesInfo
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := info.Uses[id]
		if obj == nil || obj.Pkg() == nil {
			return true
		}
		if _, isPkg := obj.(*types.PkgName); isPkg {
			return true
		}
		toID := c.unitOf(obj)
		if toID == "" || toID == fromID {
			return true
		}
		toPkg := obj.Pkg().Path()
		to := c.owner(toID, toPkg)
		if !isService(to) || to == from {
			return true
		}
		_, isFunc := obj.(*types.Func)
		call := isFunc && declname.IsCalled(stack, id)
		apiRule, depRule, verb := lint.NonAPIUse, lint.UndeclaredDependency, "uses"
		if call {
			apiRule, depRule, verb = lint.NonAPICall, lint.UndeclaredCall, "calls"
		}
		pos := id.Pos()
		if len(stack) >= 2 {
			if sel, ok := stack[len(stack)-2].(*ast.SelectorExpr); ok && sel.Sel == id {
				if x, ok := sel.X.(*ast.Ident); ok {
					if _, isPkg := info.Uses[x].(*types.PkgName); isPkg {
						pos = sel.Pos() // pkg.Name: where the expression starts
					}
				}
			}
		}
		if !c.s.b.IsAPI(to, lint.UnitRef{ID: toID, Package: toPkg, Exported: exportedID(toID)}) {
			c.report(pos, apiRule, fromID, toID, fmt.Sprintf("%s (%s) %s %s, which is not in the API of service %s: go through that API, or add it to services.%s.api",
				c.short(fromID), from, verb, c.short(toID), to, to))
		}
		if !c.s.b.MayDepend(from, to) {
			c.report(pos, depRule, fromID, toID, fmt.Sprintf("%s (%s) %s %s of service %s, but %s does not list %s in dependsOn: remove the dependency or declare it",
				c.short(fromID), from, verb, c.short(toID), to, from, to))
		}
		return true
	})
}

func (c *checker) short(id string) string {
	if m := c.s.mod; m != "" && (strings.HasPrefix(id, m+"/") || strings.HasPrefix(id, m+".")) {
		return id[len(m)+1:]
	}
	return id
}

// report emits the first use of each (rule, from, to), as splitter lint does.
func (c *checker) report(pos token.Pos, rule, from, to, msg string) {
	if _, on := c.s.sev[rule]; !on {
		return
	}
	k := lint.Key{Rule: rule, From: from, To: to}
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	c.pass.Report(analysis.Diagnostic{Pos: pos, Category: rule, Message: rule + ": " + msg})
}
