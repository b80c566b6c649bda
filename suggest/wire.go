package suggest

import (
	"context"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/model"
)

// The wiring: an adapter builds a function's handlers the way the program
// does. Starting from the code that registers a route (or mounts the
// sub-router holding it), it copies the expressions the program passes,
// and resolves each local variable they use to the statement defining it
// (and the calls that configure it, mux.Handle(...), r.Routes(...)), each
// parameter to the argument the program's call site passes, and each
// package-level variable the function reads and the program sets before
// it serves (config.Opts = parse(), static bundles built at start) to that
// statement. The result is one setup function per function package that a
// developer can read top to bottom. Nothing is guessed: code splitter
// cannot copy (an unexported helper of another package, a func literal, a
// flag) makes the function unbuildable, with the reason.

// source is the module's syntax and types, indexed for the wiring.
type source struct {
	fset  *token.FileSet
	pkgs  map[string]*packages.Package
	decls map[*types.Func]*funcDecl
	// calls: call sites of each module function, in file order
	calls map[*types.Func][]callSite
	// assigns: statements assigning each package-level variable
	assigns map[*types.Var][]stmtSite
	// byUnit: the declaration of each func or method unit id
	byUnit map[string]*funcDecl
	// varByUnit: the package-level variables of each var unit id
	varByUnit map[string][]*types.Var
	// varInit: the initialiser of each package-level variable; varUnit its unit id
	varInit map[*types.Var]varInit
	varUnit map[*types.Var]string
	// ifaceCalls: the interface methods called in the module, by name
	ifaceCalls map[string][]*types.Func
	files      map[string][]byte
	loadErr    error
}

type funcDecl struct {
	decl *ast.FuncDecl
	pkg  *packages.Package
	fn   *types.Func
	unit string
}

// callSite is a call in a function's body, with the nodes enclosing it
// (outermost first, the FuncDecl's body block first).
type callSite struct {
	call *ast.CallExpr
	in   *funcDecl
	path []ast.Node
}

type stmtSite struct {
	stmt ast.Stmt
	in   *funcDecl
	path []ast.Node
}

type varInit struct {
	expr ast.Expr
	pkg  *packages.Package
}

func loadSource(ctx context.Context, m *model.Model, dir string) *source {
	s := &source{pkgs: map[string]*packages.Package{}, decls: map[*types.Func]*funcDecl{}, calls: map[*types.Func][]callSite{},
		assigns: map[*types.Var][]stmtSite{}, byUnit: map[string]*funcDecl{}, varByUnit: map[string][]*types.Var{},
		varInit: map[*types.Var]varInit{}, varUnit: map[*types.Var]string{}, files: map[string][]byte{}}
	var patterns []string
	for _, p := range m.Packages {
		patterns = append(patterns, p.Path)
	}
	cfg := &packages.Config{Context: ctx, Dir: dir, Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax |
		packages.NeedTypes | packages.NeedTypesInfo | packages.NeedImports}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		s.loadErr = err
		return s
	}
	if len(pkgs) > 0 {
		s.fset = pkgs[0].Fset
	}
	for _, p := range pkgs {
		if p.Types == nil || p.TypesInfo == nil || len(p.Errors) > 0 {
			continue
		}
		s.pkgs[p.PkgPath] = p
	}
	paths := make([]string, 0, len(s.pkgs))
	for k := range s.pkgs {
		paths = append(paths, k)
	}
	sort.Strings(paths)
	for _, path := range paths {
		p := s.pkgs[path]
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				switch d := d.(type) {
				case *ast.FuncDecl:
					fn, _ := p.TypesInfo.Defs[d.Name].(*types.Func)
					if fn == nil {
						continue
					}
					fd := &funcDecl{decl: d, pkg: p, fn: fn, unit: unitID(p.PkgPath, fn)}
					s.decls[fn] = fd
					s.byUnit[fd.unit] = fd
				case *ast.GenDecl:
					if d.Tok != token.VAR {
						continue
					}
					for _, sp := range d.Specs {
						vs := sp.(*ast.ValueSpec)
						for i, n := range vs.Names {
							v, _ := p.TypesInfo.Defs[n].(*types.Var)
							if v == nil {
								continue
							}
							id := p.PkgPath + "." + varUnitName(d, vs)
							s.varByUnit[id] = append(s.varByUnit[id], v)
							s.varUnit[v] = id
							if len(vs.Values) == len(vs.Names) {
								s.varInit[v] = varInit{expr: vs.Values[i], pkg: p}
							}
						}
					}
				}
			}
		}
	}
	for _, path := range paths {
		p := s.pkgs[path]
		for _, f := range p.Syntax {
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				in := s.decls[p.TypesInfo.Defs[fd.Name].(*types.Func)]
				s.index(in)
			}
		}
	}
	return s
}

// varUnitName is the unit name of a var declaration: its first name (a
// parenthesised block is one unit named after its first var, as the
// analyzer names it).
func varUnitName(d *ast.GenDecl, vs *ast.ValueSpec) string {
	if d.Lparen.IsValid() && len(d.Specs) > 0 {
		if first, ok := d.Specs[0].(*ast.ValueSpec); ok && len(first.Names) > 0 {
			return first.Names[0].Name
		}
	}
	return vs.Names[0].Name
}

func unitID(pkg string, fn *types.Func) string {
	sig := fn.Signature()
	if sig.Recv() == nil {
		return pkg + "." + fn.Name()
	}
	if n := namedType(sig.Recv().Type()); n != nil {
		return pkg + "." + n.Obj().Name() + "." + fn.Name()
	}
	return pkg + "." + fn.Name()
}

// index records the call sites and assignments of a function's body.
func (s *source) index(in *funcDecl) {
	info := in.pkg.TypesInfo
	var stack []ast.Node
	ast.Inspect(in.decl.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if fn := calleeOf(info, n); fn != nil {
				s.calls[fn] = append(s.calls[fn], callSite{call: n, in: in, path: append([]ast.Node(nil), stack...)})
			}
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if v := pkgVar(info, l); v != nil {
					s.assigns[v] = append(s.assigns[v], stmtSite{stmt: n, in: in, path: append([]ast.Node(nil), stack...)})
				}
			}
		}
		stack = append(stack, n)
		return true
	})
}

// calleeOf is the function or method a call statically calls (nil for a
// func value, a conversion, a builtin).
func calleeOf(info *types.Info, call *ast.CallExpr) *types.Func {
	var id *ast.Ident
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		id = f
	case *ast.SelectorExpr:
		id = f.Sel
	case *ast.IndexExpr: // a generic function instantiated explicitly
		if x, ok := f.X.(*ast.Ident); ok {
			id = x
		}
	}
	if id == nil {
		return nil
	}
	fn, _ := info.Uses[id].(*types.Func)
	return fn
}

// pkgVar is the package-level variable an expression names, if any.
func pkgVar(info *types.Info, e ast.Expr) *types.Var {
	var id *ast.Ident
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = e
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if _, isPkg := info.Uses[x].(*types.PkgName); isPkg {
				id = e.Sel
			}
		}
	}
	if id == nil {
		return nil
	}
	v, _ := info.Uses[id].(*types.Var)
	if v == nil || v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return nil
	}
	return v
}

func (s *source) text(n ast.Node) string {
	f := s.fset.File(n.Pos())
	if f == nil {
		return ""
	}
	b, ok := s.files[f.Name()]
	if !ok {
		b, _ = os.ReadFile(f.Name())
		s.files[f.Name()] = b
	}
	start, end := f.Offset(n.Pos()), f.Offset(n.End())
	if start < 0 || end > len(b) || start > end {
		return ""
	}
	return string(b[start:end])
}

func (s *source) where(n ast.Node, root string) string {
	p := s.fset.Position(n.Pos())
	name := p.Filename
	if r, ok := strings.CutPrefix(name, root+string(os.PathSeparator)); ok {
		name = r
	}
	return fmt.Sprintf("%s:%d", strings.ReplaceAll(name, string(os.PathSeparator), "/"), p.Line)
}

// errWire is why the wiring cannot copy some code, for people.
type errWire struct{ msg string }

func (e *errWire) Error() string { return e.msg }

func wireErr(format string, args ...any) error { return &errWire{fmt.Sprintf(format, args...)} }

// builder writes one function's setup.
type builder struct {
	src  *source
	g    *gen
	root string // module directory, for positions
	// onPath: units the program reaches from its main (call edges):
	// where the program's own wiring is.
	onPath map[string]int
	// own: the units the function itself carries (its request path)
	own map[string]bool

	stmts []*wstmt
	names map[string]bool
	bound map[types.Object]*wlocal
	busy  map[types.Object]bool
	done  map[ast.Node]bool // statements already copied
	// steps documents the setup, one line per copied statement.
	steps []string
	depth int
	// called: the module functions the copied code calls or uses; vars:
	// the package-level variables it reads
	called, vars map[string]bool
}

// wstmt is a copied statement; its locals are named at the end, when it
// is known which are used (the others become _).
type wstmt struct {
	lhs   []*wlocal // nil entries: text in lhsText
	text  []string  // per lhs: the text when not a local
	op    string    // ":=" or "=" ("" for a plain statement in rhs)
	rhs   string
	check *wlocal // an error to check after it
	where string
	what  string
	// wrap: enclosing if conditions (copied), outermost first
	wrap []string
}

type wlocal struct {
	name string
	used int
	decl string // "var x T" when it must be declared before an = assignment
}

func newBuilder(src *source, g *gen, root string, onPath map[string]int, own map[string]bool) *builder {
	return &builder{src: src, g: g, root: root, onPath: onPath, own: own, names: map[string]bool{},
		bound: map[types.Object]*wlocal{}, busy: map[types.Object]bool{}, done: map[ast.Node]bool{}, called: map[string]bool{}, vars: map[string]bool{}}
}

type snap struct {
	stmts, steps int
	bound        map[types.Object]*wlocal
	names        map[string]bool
	done         map[ast.Node]bool
	g            genState
	used         map[*wlocal]int
}

func (b *builder) snapshot() snap {
	s := snap{stmts: len(b.stmts), steps: len(b.steps), bound: map[types.Object]*wlocal{}, names: map[string]bool{},
		done: map[ast.Node]bool{}, g: b.g.snapshot(), used: map[*wlocal]int{}}
	for k, v := range b.bound {
		s.bound[k] = v
		s.used[v] = v.used
	}
	for k, v := range b.names {
		s.names[k] = v
	}
	for k, v := range b.done {
		s.done[k] = v
	}
	return s
}

func (b *builder) restore(s snap) {
	b.stmts, b.steps = b.stmts[:s.stmts], b.steps[:s.steps]
	b.bound, b.names, b.done = s.bound, s.names, s.done
	for l, u := range s.used {
		l.used = u
	}
	b.g.restore(s.g)
}

func (b *builder) newLocal(name string) *wlocal {
	if name == "" || name == "_" {
		name = "v"
	}
	n := name
	for i := 2; b.names[n] || b.g.names[n] || token.Lookup(n).IsKeyword() || types.Universe.Lookup(n) != nil; i++ {
		n = fmt.Sprintf("%s%d", name, i)
	}
	b.names[n] = true
	return &wlocal{name: n}
}

// scope is where copied code comes from: a function declaration, with
// the bindings of its parameters when it is inlined.
type scope struct {
	fd     *funcDecl
	params map[*types.Var]*wlocal
	// site: the call site the program calls fd from, when known
	site *callSite
}

// expr copies an expression from scope c, returning its text.
func (b *builder) expr(c *scope, e ast.Expr) (string, error) {
	b.depth++
	defer func() { b.depth-- }()
	if b.depth > 40 {
		return "", wireErr("the wiring is too deep to follow")
	}
	info := c.fd.pkg.TypesInfo
	type repl struct {
		pos, end token.Pos
		text     string
	}
	var repls []repl
	var err error
	fail := func(e error) bool {
		if err == nil {
			err = e
		}
		return false
	}
	// A func literal is copied as it is written (dbal.RegisterDriver(func()
	// dbal.Driver { return driver.NewRegistryDefault() })): what it declares
	// stays as it is, what it uses of its function is resolved like any
	// other name.
	var lits []*ast.FuncLit
	inLit := func(n ast.Node) *ast.FuncLit {
		for _, l := range lits {
			if l.Pos() <= n.Pos() && n.End() <= l.End() {
				return l
			}
		}
		return nil
	}
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if err != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			lits = append(lits, n)
			return true
		case *ast.CallExpr:
			if fn := calleeOf(info, n); fn != nil && fn.Pkg() != nil {
				b.called[unitID(fn.Pkg().Path(), fn)] = true
			}
			if fn := calleeOf(info, n); fn != nil && fn.Name() == "Context" && fn.Signature().Recv() != nil &&
				typeKeyOf(fn.Signature().Recv().Type()) == cobraCommand && inLit(n) == nil {
				// The context cobra gives a running command is the program's
				// lifetime; a command that is not run has none (nil).
				repls = append(repls, repl{n.Pos(), n.End(), b.g.use("context", "context") + ".Background()"})
				return false
			}
			// A call of a module function the scaffold cannot import (in
			// package main, or unexported): inline it when it only
			// computes its result (not inside a func literal: the
			// statements it needs would run once, not per call).
			if fn := calleeOf(info, n); fn != nil && !b.callable(fn) {
				if _, isSel := n.Fun.(*ast.SelectorExpr); (isSel && fn.Signature().Recv() != nil) || inLit(n) != nil {
					return fail(wireErr("%s calls %s, which is not exported", b.src.where(n, b.root), fn.Name()))
				}
				t, e := b.inline(c, n, fn)
				if e != nil {
					return fail(e)
				}
				repls = append(repls, repl{n.Pos(), n.End(), t})
				return false
			}
		case *ast.SelectorExpr:
			if x, ok := n.X.(*ast.Ident); ok {
				if pn, ok := info.Uses[x].(*types.PkgName); ok {
					t, e := b.pkgObject(info.Uses[n.Sel], pn.Imported())
					if e != nil {
						return fail(wireErr("%s: %v", b.src.where(n, b.root), e))
					}
					repls = append(repls, repl{n.Pos(), n.End(), t})
					return false
				}
			}
			if sel := info.Selections[n]; sel != nil && !sel.Obj().Exported() && sel.Obj().Pkg() != nil {
				return fail(wireErr("%s uses %s, which is not exported", b.src.where(n, b.root), n.Sel.Name))
			}
			ast.Inspect(n.X, visit) // Sel is a field or method: nothing to rename
			return false
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok {
				if v, ok := info.Uses[k].(*types.Var); ok && v.IsField() {
					if !v.Exported() {
						return fail(wireErr("%s sets the field %s, which is not exported", b.src.where(n, b.root), k.Name))
					}
					t, e := b.expr(c, n.Value)
					if e != nil {
						return fail(e)
					}
					repls = append(repls, repl{n.Value.Pos(), n.Value.End(), t})
					return false
				}
			}
		case *ast.Ident:
			obj := info.Uses[n]
			if obj == nil {
				obj = info.Defs[n]
			}
			switch obj.(type) {
			case nil, *types.Builtin, *types.Nil, *types.Label:
				return false
			case *types.PkgName:
				return false
			}
			if obj.Pkg() == nil { // universe: true, int, error
				return false
			}
			if l := inLit(n); l != nil && l.Pos() <= obj.Pos() && obj.Pos() < l.End() {
				return false // declared in the literal
			}
			if obj.Parent() == obj.Pkg().Scope() {
				t, e := b.pkgObject(obj, obj.Pkg())
				if e != nil {
					return fail(wireErr("%s: %v", b.src.where(n, b.root), e))
				}
				repls = append(repls, repl{n.Pos(), n.End(), t})
				return false
			}
			v, ok := obj.(*types.Var)
			if !ok || v.IsField() {
				if ok { // a field name as a selector's Sel is handled by the selector
					return false
				}
				return fail(wireErr("%s uses the local %s %s", b.src.where(n, b.root), kindOf(obj), n.Name))
			}
			t, e := b.local(c, v)
			if e != nil {
				return fail(e)
			}
			repls = append(repls, repl{n.Pos(), n.End(), t})
			return false
		}
		return true
	}
	ast.Inspect(e, visit)
	if err != nil {
		return "", err
	}
	src := b.src.text(e)
	if src == "" {
		return "", wireErr("the source of %s cannot be read", b.src.where(e, b.root))
	}
	sort.Slice(repls, func(i, j int) bool { return repls[i].pos > repls[j].pos })
	base := e.Pos()
	for _, r := range repls {
		i, j := int(r.pos-base), int(r.end-base)
		if i < 0 || j > len(src) || i > j {
			continue
		}
		src = src[:i] + r.text + src[j:]
	}
	return src, nil
}

func kindOf(o types.Object) string {
	switch o.(type) {
	case *types.TypeName:
		return "type"
	case *types.Func:
		return "function"
	case *types.Const:
		return "constant"
	}
	return "name"
}

// callable reports whether the scaffold can call a module function.
func (b *builder) callable(fn *types.Func) bool {
	if fn.Pkg() == nil || !fn.Exported() || !b.g.importable(fn.Pkg()) {
		return false
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if n := namedType(recv.Type()); n != nil && !n.Obj().Exported() {
			// A method of an unexported type is callable on a value the
			// scaffold holds; the value itself is what must be reachable.
			return true
		}
	}
	return true
}

// pkgObject names a package-level object from the scaffold: pkg.Name, or
// for a variable or constant of a package it cannot import, its value.
func (b *builder) pkgObject(obj types.Object, pkg *types.Package) (string, error) {
	if obj == nil {
		return "", wireErr("an unresolved name")
	}
	if fn, ok := obj.(*types.Func); ok {
		b.called[unitID(pkg.Path(), fn)] = true
	}
	if v, ok := obj.(*types.Var); ok {
		if id, ok := b.src.varUnit[v]; ok {
			b.vars[id] = true
		}
	}
	if obj.Exported() && b.g.importable(pkg) {
		return b.g.use(pkg.Path(), pkg.Name()) + "." + obj.Name(), nil
	}
	switch o := obj.(type) {
	case *types.Const:
		if basic, ok := o.Type().Underlying().(*types.Basic); ok && basic.Info()&types.IsUntyped == 0 {
			if _, named := o.Type().(*types.Named); !named {
				return o.Type().String() + "(" + o.Val().ExactString() + ")", nil
			}
		}
		return o.Val().ExactString(), nil
	case *types.Var:
		// A variable of package main (a version stamped at build time) or
		// an unexported one: its initial value, if it has one.
		if in, ok := b.src.varInit[o]; ok {
			if b.busy[o] {
				return "", wireErr("%s refers to itself", o.Name())
			}
			b.busy[o] = true
			defer delete(b.busy, o)
			fd := &funcDecl{pkg: in.pkg}
			return b.expr(&scope{fd: fd}, in.expr)
		}
		return "", wireErr("%s.%s is not exported and has no initial value to copy", pkg.Name(), obj.Name())
	}
	return "", wireErr("%s.%s is not exported", pkg.Name(), obj.Name())
}

// local resolves a local variable of scope c: a parameter (bound, or the
// argument the program passes), or the statement defining it.
func (b *builder) local(c *scope, v *types.Var) (string, error) {
	if l, ok := b.bound[v]; ok {
		l.used++
		return l.name, nil
	}
	if c.params != nil {
		if l, ok := c.params[v]; ok {
			l.used++
			return l.name, nil
		}
	}
	if typeKeyOf(v.Type()) == "context.Context" {
		// The program's lifetime context (signal.NotifyContext...): a
		// function has none of its own.
		return b.g.use("context", "context") + ".Background()", nil
	}
	if b.busy[v] {
		return "", wireErr("%s depends on itself", v.Name())
	}
	b.busy[v] = true
	defer delete(b.busy, v)
	if c.fd.decl == nil {
		return "", wireErr("%s is not a variable splitter can follow", v.Name())
	}
	if idx, recv := paramIndex(c.fd, v); idx >= 0 || recv {
		return b.param(c, v, idx, recv)
	}
	if t, ok, err := b.cobraCommand(c, v); ok {
		return t, err
	}
	return b.define(c, v)
}

const cobraCommand = "*github.com/spf13/cobra.Command"

// cobraCommand binds the *cobra.Command parameter of a Run/RunE literal
// to the command cobra passes it: the command itself, which the enclosing
// exported constructor builds (kratos' serve.NewServeCmd), called as the
// program calls it, with its flags parsed from no arguments as cobra
// parses them before it runs the command (a function has no command line:
// every flag keeps its default). ok is false when v is not such a
// parameter.
func (b *builder) cobraCommand(c *scope, v *types.Var) (string, bool, error) {
	if typeKeyOf(v.Type()) != cobraCommand || c.fd.decl == nil {
		return "", false, nil
	}
	var lit *ast.FuncLit
	var field string
	ast.Inspect(c.fd.decl.Body, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok || lit != nil {
			return lit == nil
		}
		fl, ok := kv.Value.(*ast.FuncLit)
		k, isIdent := kv.Key.(*ast.Ident)
		if !ok || !isIdent || fl.Type.Params == nil || len(fl.Type.Params.List) == 0 || len(fl.Type.Params.List[0].Names) == 0 {
			return true
		}
		if c.fd.pkg.TypesInfo.Defs[fl.Type.Params.List[0].Names[0]] == v {
			lit, field = fl, k.Name
		}
		return lit == nil
	})
	if lit == nil {
		return "", false, nil
	}
	sig := c.fd.fn.Signature()
	if sig.Recv() != nil || sig.Results().Len() != 1 || typeKeyOf(sig.Results().At(0).Type()) != cobraCommand {
		return "", true, wireErr("%s: the command %s is given (%s) is not one %s returns", b.src.where(lit, b.root), field, v.Name(), shortName(c.fd.unit))
	}
	if !b.callable(c.fd.fn) {
		return "", true, wireErr("%s, which builds the command %s runs, is not exported", shortName(c.fd.unit), field)
	}
	var args []string
	for i := 0; i < sig.Params().Len(); i++ {
		t, err := b.local(c, sig.Params().At(i))
		if err != nil {
			return "", true, err
		}
		args = append(args, t)
	}
	l := b.newLocal(v.Name())
	l.used++
	b.bound[v] = l
	call := b.g.use(c.fd.fn.Pkg().Path(), c.fd.fn.Pkg().Name()) + "." + c.fd.fn.Name() + "(" + strings.Join(args, ", ") + ")"
	where := b.src.where(lit, b.root)
	b.stmts = append(b.stmts, &wstmt{lhs: []*wlocal{l}, text: []string{""}, op: ":=", rhs: call, where: where,
		what: "the command whose " + field + " this is"})
	e := b.newLocal("err")
	e.used++
	b.stmts = append(b.stmts, &wstmt{lhs: []*wlocal{e}, text: []string{""}, op: ":=", rhs: l.name + ".ParseFlags(nil)", check: e, where: where + " (its flags, as cobra parses them with no arguments)"})
	b.steps = append(b.steps, where+": "+v.Name()+" is "+c.fd.fn.Name()+"(...), its flags at their defaults")
	return l.name, true, nil
}

// paramIndex finds v among fd's parameters (idx) or its receiver.
func paramIndex(fd *funcDecl, v *types.Var) (int, bool) {
	sig := fd.fn.Signature()
	if sig.Recv() == v {
		return -1, true
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if sig.Params().At(i) == v {
			return i, false
		}
	}
	return -1, false
}

// param resolves a parameter to the argument at the program's call site.
func (b *builder) param(c *scope, v *types.Var, idx int, recv bool) (string, error) {
	site := c.site
	if site == nil {
		s, ok := b.callerOf(c.fd)
		if !ok {
			return "", wireErr("no call of %s on the program's way to it from main (a func value or reflection is not followed), so what it is given (%s) is unknown", shortName(c.fd.unit), v.Name())
		}
		site = s
		b.effects(site)
	}
	var arg ast.Expr
	if recv {
		sel, ok := ast.Unparen(site.call.Fun).(*ast.SelectorExpr)
		if !ok {
			return "", wireErr("%s: the receiver of %s is not written at the call", b.src.where(site.call, b.root), c.fd.fn.Name())
		}
		if viaInterface(site, c.fd) {
			// The program holds an interface value there, not the concrete
			// receiver this code uses: call it one level up, through the
			// interface, as the program does.
			return "", wireErr("%s calls %s through the interface %s, so its receiver %s is the program's %s",
				b.src.where(site.call, b.root), shortName(c.fd.unit), types.TypeString(site.in.pkg.TypesInfo.TypeOf(sel.X), types.RelativeTo(site.in.pkg.Types)), v.Name(), b.src.text(sel.X))
		}
		arg = sel.X
	} else {
		sig := c.fd.fn.Signature()
		if sig.Variadic() && idx == sig.Params().Len()-1 && !site.call.Ellipsis.IsValid() {
			// The variadic parameter is the slice of the arguments the
			// call passes from there on (nil when it passes none).
			var parts []string
			for _, a := range site.call.Args[min(idx, len(site.call.Args)):] {
				t, err := b.expr(&scope{fd: site.in}, a)
				if err != nil {
					return "", err
				}
				parts = append(parts, t)
			}
			ts := b.g.typeString(v.Type())
			if !b.g.ok {
				return "", wireErr("%s: the type of %s cannot be named here", b.src.where(site.call, b.root), v.Name())
			}
			l := b.newLocal(v.Name())
			l.used++
			rhs := ts + "(nil)"
			if len(parts) > 0 {
				rhs = ts + "{" + strings.Join(parts, ", ") + "}"
			}
			b.stmts = append(b.stmts, &wstmt{lhs: []*wlocal{l}, text: []string{""}, op: ":=", rhs: rhs, where: b.src.where(site.call, b.root)})
			b.bound[v] = l
			return l.name, nil
		}
		if idx >= len(site.call.Args) {
			return "", wireErr("%s: the call passes fewer arguments than %s takes", b.src.where(site.call, b.root), c.fd.fn.Name())
		}
		arg = site.call.Args[idx]
	}
	t, err := b.expr(&scope{fd: site.in}, arg)
	if err != nil {
		return "", err
	}
	if isSimple(arg) {
		return t, nil
	}
	l := b.newLocal(v.Name())
	l.used++
	b.stmts = append(b.stmts, &wstmt{lhs: []*wlocal{l}, text: []string{""}, op: ":=", rhs: t, where: b.src.where(arg, b.root)})
	b.bound[v] = l
	return l.name, nil
}

// effects copies the calls the program makes for their effect before it
// goes on through a call site: expression statements earlier in the
// blocks holding the call that call a function of another module
// returning nothing (kratos' dbal.RegisterDriver(func() dbal.Driver {...}),
// gin.SetMode): they set state of packages splitter does not analyse,
// which what the program builds next may read. The module's own functions
// are left to globals, which knows what they write and who reads it. What
// cannot be copied is listed in setup's doc comment.
func (b *builder) effects(site *callSite) {
	info := site.in.pkg.TypesInfo
	for i, n := range site.path {
		blk, ok := n.(*ast.BlockStmt)
		if !ok {
			continue
		}
		var holder ast.Node = site.call
		if i+1 < len(site.path) {
			holder = site.path[i+1]
		}
		for _, st := range blk.List {
			if st == holder {
				break
			}
			es, ok := st.(*ast.ExprStmt)
			if !ok || b.done[st] {
				continue
			}
			call, ok := ast.Unparen(es.X).(*ast.CallExpr)
			if !ok {
				continue
			}
			fn := calleeOf(info, call)
			if fn == nil || fn.Pkg() == nil || b.src.pkgs[fn.Pkg().Path()] != nil || stdPath(fn.Pkg().Path()) || fn.Signature().Recv() != nil ||
				fn.Signature().Results().Len() != 0 || !fn.Exported() {
				continue
			}
			snap := b.snapshot()
			b.done[st] = true
			t, err := b.expr(&scope{fd: site.in}, call)
			if err != nil {
				b.restore(snap)
				b.steps = append(b.steps, fmt.Sprintf("not copied: %s (%v)", b.src.where(st, b.root), err))
				continue
			}
			b.stmts = append(b.stmts, &wstmt{rhs: t, where: b.src.where(st, b.root)})
			b.steps = append(b.steps, b.src.where(st, b.root)+": "+oneLine(b.src.text(st)))
		}
	}
}

// stdPath: a standard library package (no dot in its first element). Its
// functions called for their effect on the way from main are the
// program's process set-up (signal.Notify, flag.Parse, log.SetOutput,
// time.Sleep, os.Exit), not state a handler is built on.
func stdPath(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// isSimple: an expression cheap and safe to repeat (a name, a selector of names).
func isSimple(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident, *ast.BasicLit:
		return true
	case *ast.SelectorExpr:
		return isSimple(e.X)
	}
	return false
}

// callerOf is the call of fd the program makes: a caller on the program's
// path (the nearest to main), first in file order. A method is also called
// through an interface its receiver implements (kratos' servePublic calls
// r.RegisterPublicRoutes on a driver.Registry): such a call is what the
// program runs too, the value it is made on being the program's own; at
// the same distance a direct call is preferred.
func (b *builder) callerOf(fd *funcDecl) (*callSite, bool) {
	var best *callSite
	bestDist, bestIface := 1<<30, true
	consider := func(sites []callSite, iface bool) {
		for i := range sites {
			s := &sites[i]
			d, ok := b.onPath[s.in.unit]
			if !ok || b.own[s.in.unit] {
				continue
			}
			if d < bestDist || (d == bestDist && bestIface && !iface) {
				best, bestDist, bestIface = s, d, iface
			}
		}
	}
	consider(b.src.calls[fd.fn], false)
	for _, im := range b.src.ifaceMethodsOf(fd.fn) {
		consider(b.src.calls[im], true)
	}
	return best, best != nil
}

// viaInterface reports whether a call site calls an interface method (so
// its receiver is an interface value, not fd's concrete receiver).
func viaInterface(site *callSite, fd *funcDecl) bool {
	fn := calleeOf(site.in.pkg.TypesInfo, site.call)
	return fn != nil && fn != fd.fn && fn.Signature().Recv() != nil && types.IsInterface(fn.Signature().Recv().Type())
}

// ifaceMethodsOf are the interface methods, called somewhere in the
// module, that a concrete method implements: same name, and its receiver
// type (or a pointer to it) implements the interface.
func (s *source) ifaceMethodsOf(fn *types.Func) []*types.Func {
	recv := fn.Signature().Recv()
	if recv == nil || types.IsInterface(recv.Type()) {
		return nil
	}
	if s.ifaceCalls == nil {
		s.ifaceCalls = map[string][]*types.Func{}
		for m := range s.calls {
			if r := m.Signature().Recv(); r != nil && types.IsInterface(r.Type()) {
				s.ifaceCalls[m.Name()] = append(s.ifaceCalls[m.Name()], m)
			}
		}
		for _, ms := range s.ifaceCalls {
			sort.Slice(ms, func(i, j int) bool { return ms[i].Pos() < ms[j].Pos() })
		}
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	var out []*types.Func
	for _, m := range s.ifaceCalls[fn.Name()] {
		it, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		if types.Implements(t, it) || types.Implements(types.NewPointer(t), it) {
			out = append(out, m)
		}
	}
	return out
}

// define copies the statement defining a local variable, then the calls
// after it that configure it (mux.Handle(...), h.Routes(r)).
func (b *builder) define(c *scope, v *types.Var) (string, error) {
	info := c.fd.pkg.TypesInfo
	var def ast.Node // *ast.AssignStmt or *ast.ValueSpec
	var block *ast.BlockStmt
	var stack []ast.Node
	ast.Inspect(c.fd.decl.Body, func(n ast.Node) bool {
		if def != nil {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && info.Defs[id] == v {
						def = n
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				if info.Defs[id] == v {
					def = n
				}
			}
		}
		if def != nil {
			for i := len(stack) - 1; i >= 0; i-- {
				if bl, ok := stack[i].(*ast.BlockStmt); ok {
					block = bl
					break
				}
			}
			return false
		}
		stack = append(stack, n)
		return true
	})
	if def == nil {
		return "", wireErr("the definition of %s in %s is not a plain assignment", v.Name(), shortName(c.fd.unit))
	}
	var lhs []ast.Expr
	var rhs []ast.Expr
	switch d := def.(type) {
	case *ast.AssignStmt:
		lhs, rhs = d.Lhs, d.Rhs
	case *ast.ValueSpec:
		for _, n := range d.Names {
			lhs = append(lhs, n)
		}
		rhs = d.Values
		if len(rhs) == 0 {
			// var x T, assigned later: the first plain assignment.
			a := b.firstAssign(c, v)
			if a == nil {
				if z, ok := b.g.zero(v.Type()); ok && z != "nil" {
					l := b.newLocal(v.Name())
					l.used++
					b.bound[v] = l
					b.stmts = append(b.stmts, &wstmt{lhs: []*wlocal{l}, text: []string{""}, op: ":=", rhs: z})
					return l.name, nil
				}
				return "", wireErr("%s is declared in %s without a value splitter can copy", v.Name(), shortName(c.fd.unit))
			}
			def, lhs, rhs = a, a.Lhs, a.Rhs
		}
	}
	if err := b.copyAssign(c, def, lhs, rhs, "defines "+v.Name()); err != nil {
		return "", err
	}
	l := b.bound[v]
	if l == nil {
		return "", wireErr("%s: %s is not set", b.src.where(def, b.root), v.Name())
	}
	l.used++
	// The calls configuring it, in the same block after its definition.
	if block != nil {
		after := false
		for _, st := range block.List {
			if st.Pos() <= def.Pos() && def.End() <= st.End() {
				after = true
				continue
			}
			if !after {
				continue
			}
			if loop, ok := st.(*ast.RangeStmt); ok && !b.done[st] && configuresIn(b, info, loop.Body, v) {
				// A loop configuring it (kratos: for _, mw := range
				// slOpts.HTTPMiddlewares() { n.UseFunc(mw) }) is not copied: say so.
				b.done[st] = true
				b.steps = append(b.steps, fmt.Sprintf("not copied: %s (a loop configuring %s)", b.src.where(st, b.root), v.Name()))
				continue
			}
			es, ok := st.(*ast.ExprStmt)
			if !ok {
				continue
			}
			call, ok := es.X.(*ast.CallExpr)
			if !ok || !b.configures(info, call, v) || b.done[st] {
				continue
			}
			s := b.snapshot()
			b.done[st] = true
			t, err := b.expr(c, call)
			if err != nil {
				b.restore(s)
				b.steps = append(b.steps, fmt.Sprintf("not copied: %s (%v)", b.src.where(st, b.root), err))
				continue
			}
			b.stmts = append(b.stmts, &wstmt{rhs: t, where: b.src.where(st, b.root)})
		}
	}
	return l.name, nil
}

// configures reports whether a call configures v: a method called on it
// (v.Use(mw), v.SetX(...)), or, for a router, a call it is passed to
// (h.Routes(r), api.Register(mux)). Passing a handler to a router
// (mux.Handle(p, v)) configures the router, not v.
func (b *builder) configures(info *types.Info, call *ast.CallExpr, v *types.Var) bool {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		root := sel.X
		for {
			if s, ok := root.(*ast.SelectorExpr); ok {
				root = s.X
				continue
			}
			break
		}
		if id, ok := root.(*ast.Ident); ok && info.Uses[id] == v {
			return true
		}
	}
	if _, isRouter := b.g.routerFor(v.Type()); !isRouter {
		return false
	}
	for _, a := range call.Args {
		if id, ok := ast.Unparen(a).(*ast.Ident); ok && info.Uses[id] == v {
			return true
		}
	}
	return false
}

// configuresIn reports whether a block holds a call configuring v.
func configuresIn(b *builder, info *types.Info, body *ast.BlockStmt, v *types.Var) bool {
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if es, ok := n.(*ast.ExprStmt); ok {
			if call, ok := es.X.(*ast.CallExpr); ok && b.configures(info, call, v) {
				found = true
			}
		}
		return !found
	})
	return found
}

func (b *builder) firstAssign(c *scope, v *types.Var) *ast.AssignStmt {
	info := c.fd.pkg.TypesInfo
	var out *ast.AssignStmt
	ast.Inspect(c.fd.decl.Body, func(n ast.Node) bool {
		if out != nil {
			return false
		}
		if a, ok := n.(*ast.AssignStmt); ok && a.Tok == token.ASSIGN {
			for _, l := range a.Lhs {
				if id, ok := l.(*ast.Ident); ok && info.Uses[id] == v {
					out = a
				}
			}
		}
		return out == nil
	})
	return out
}

// copyAssign copies an assignment (or var spec) with its error check.
func (b *builder) copyAssign(c *scope, def ast.Node, lhs, rhs []ast.Expr, what string) error {
	if b.done[def] {
		return nil
	}
	info := c.fd.pkg.TypesInfo
	var rt []string
	for _, r := range rhs {
		t, err := b.expr(c, r)
		if err != nil {
			return err
		}
		rt = append(rt, t)
	}
	st := &wstmt{op: ":=", rhs: strings.Join(rt, ", "), where: b.src.where(def, b.root), what: what}
	var pre []*wstmt
	for i, l := range lhs {
		id, isIdent := l.(*ast.Ident)
		if isIdent && id.Name == "_" {
			st.lhs, st.text = append(st.lhs, nil), append(st.text, "_")
			continue
		}
		var v *types.Var
		if isIdent {
			v, _ = info.Defs[id].(*types.Var)
			if v == nil {
				v, _ = info.Uses[id].(*types.Var)
			}
		}
		if v != nil && v.Parent() != v.Pkg().Scope() {
			nl := b.newLocal(v.Name())
			b.bound[v] = nl
			st.lhs, st.text = append(st.lhs, nl), append(st.text, "")
			if i == len(lhs)-1 && typeKeyOf(v.Type()) == "" && v.Type().String() == "error" {
				st.check = nl
			}
			continue
		}
		// A package-level variable (config.Opts): written as the program does.
		t, err := b.expr(c, l)
		if err != nil {
			return err
		}
		st.lhs, st.text = append(st.lhs, nil), append(st.text, t)
		st.op = "="
	}
	if st.op == "=" {
		// Locals assigned with = next to a global must be declared first.
		for i, l := range st.lhs {
			if l == nil {
				continue
			}
			var v *types.Var
			if id, ok := lhs[i].(*ast.Ident); ok {
				v, _ = info.Defs[id].(*types.Var)
				if v == nil {
					v, _ = info.Uses[id].(*types.Var)
				}
			}
			ts := types.TypeString(v.Type(), b.g.qualifier)
			if !b.g.ok {
				return wireErr("%s: the type of %s cannot be named here", b.src.where(def, b.root), v.Name())
			}
			pre = append(pre, &wstmt{rhs: "var " + l.name + " " + ts, where: ""})
			l.decl = "var"
		}
	}
	if st.check != nil {
		st.check.used++
	}
	b.done[def] = true
	b.stmts = append(b.stmts, pre...)
	b.stmts = append(b.stmts, st)
	return nil
}

// inline copies the result of a call to a module function the scaffold
// cannot call: its parameters bound to the arguments, its single return
// expression copied, with the statements it needs.
func (b *builder) inline(c *scope, call *ast.CallExpr, fn *types.Func) (string, error) {
	fd := b.src.decls[fn]
	if fd == nil || fd.decl.Body == nil {
		return "", wireErr("%s calls %s, which is not exported and not in the module", b.src.where(call, b.root), fn.Name())
	}
	if fn.Signature().Results().Len() != 1 || fn.Signature().Variadic() {
		return "", wireErr("%s calls %s, which is not exported: export it", b.src.where(call, b.root), fn.Name())
	}
	body := fd.decl.Body.List
	if len(body) == 0 {
		return "", wireErr("%s: %s has an empty body", b.src.where(call, b.root), fn.Name())
	}
	ret, ok := body[len(body)-1].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return "", wireErr("%s calls %s, which is not exported and does more than compute its result: export it", b.src.where(call, b.root), fn.Name())
	}
	returns := 0
	ast.Inspect(fd.decl.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if _, ok := n.(*ast.ReturnStmt); ok {
			returns++
		}
		return true
	})
	if returns != 1 {
		return "", wireErr("%s calls %s, which is not exported and has several returns: export it", b.src.where(call, b.root), fn.Name())
	}
	inner := &scope{fd: fd, params: map[*types.Var]*wlocal{}}
	sig := fn.Signature()
	for i := 0; i < sig.Params().Len(); i++ {
		if i >= len(call.Args) {
			return "", wireErr("%s: too few arguments", b.src.where(call, b.root))
		}
		t, err := b.expr(c, call.Args[i])
		if err != nil {
			return "", err
		}
		p := sig.Params().At(i)
		if isSimple(call.Args[i]) {
			inner.params[p] = &wlocal{name: t, decl: "alias"} // a name: no copy needed
			continue
		}
		l := b.newLocal(p.Name())
		b.stmts = append(b.stmts, &wstmt{lhs: []*wlocal{l}, text: []string{""}, op: ":=", rhs: t, where: b.src.where(call.Args[i], b.root)})
		inner.params[p] = l
	}
	return b.expr(inner, ret.Results[0])
}

// render writes the setup statements, naming unused locals _.
func (b *builder) render(indent string) string {
	var out strings.Builder
	for _, s := range b.stmts {
		var line string
		switch {
		case s.op == "":
			line = s.rhs
		default:
			var names []string
			anyNew := false
			for i, l := range s.lhs {
				if l == nil {
					names = append(names, s.text[i])
					continue
				}
				if l.used == 0 && l.decl == "" {
					names = append(names, "_")
					continue
				}
				names = append(names, l.name)
				if l.decl == "" {
					anyNew = true
				}
			}
			op := s.op
			if op == ":=" && !anyNew {
				op = "="
			}
			line = strings.Join(names, ", ") + " " + op + " " + s.rhs
			if op == "=" && allBlank(names) {
				line = "_ = " + s.rhs
				if len(names) > 1 {
					line = strings.Join(names, ", ") + " = " + s.rhs
				}
			}
		}
		if s.where != "" {
			out.WriteString(indent + "// " + s.where + "\n")
		}
		ind := indent
		for _, w := range s.wrap {
			out.WriteString(ind + "if " + w + " {\n")
			ind += "\t"
		}
		out.WriteString(ind + line + "\n")
		for _, l := range s.lhs {
			if l != nil && l.decl != "" && l.used == 0 {
				out.WriteString(ind + "_ = " + l.name + "\n")
			}
		}
		if s.check != nil {
			fmt.Fprintf(&out, "%sif %s != nil {\n%s\treturn nil, %s.Errorf(\"%s: %%w\", %s)\n%s}\n", ind, s.check.name, ind,
				b.g.use("fmt", "fmt"), strings.ReplaceAll(s.where, `"`, `'`), s.check.name, ind)
		}
		for range s.wrap {
			ind = ind[:len(ind)-1]
			out.WriteString(ind + "}\n")
		}
	}
	return out.String()
}

func allBlank(names []string) bool {
	for _, n := range names {
		if n != "_" {
			return false
		}
	}
	return true
}

// globals copies, for the package-level variables the function reads,
// the statements with which the program sets them before it serves
// (parsing its configuration, building its template bundles): an
// assignment to the variable, or a call of a function that writes it,
// in code the program runs from main and the function does not. A
// statement nested in ifs is copied with its conditions.
func (b *builder) globals(m *model.Model, reads []string, writers map[string][]string) {
	type cand struct {
		stmt ast.Stmt
		in   *funcDecl
		path []ast.Node
		v    string
		dist int
		top  bool
	}
	var cands []cand
	seenVar := map[string]bool{}
	for _, vid := range reads {
		if seenVar[vid] {
			continue
		}
		seenVar[vid] = true
		for _, v := range b.src.varByUnit[vid] {
			for _, a := range b.src.assigns[v] {
				if d, ok := b.onPath[a.in.unit]; ok && !b.own[a.in.unit] {
					cands = append(cands, cand{stmt: a.stmt, in: a.in, path: a.path, v: vid, dist: d})
				}
			}
		}
		for _, w := range writers[vid] {
			if b.own[w] {
				continue
			}
			fd := b.src.byUnit[w]
			if fd == nil || fd.decl.Name.Name == "init" {
				continue
			}
			for _, s := range b.src.calls[fd.fn] {
				d, ok := b.onPath[s.in.unit]
				if !ok || b.own[s.in.unit] {
					continue
				}
				st := enclosingStmt(s.path, s.call)
				if st == nil {
					continue
				}
				cands = append(cands, cand{stmt: st, in: s.in, path: s.path, v: vid, dist: d})
			}
		}
	}
	// The directories the program creates at start (its data and upload
	// directories), which what it opens next often expects.
	for fn, sites := range b.src.calls {
		if fn.Pkg() == nil || fn.Pkg().Path() != "os" || (fn.Name() != "MkdirAll" && fn.Name() != "Mkdir") {
			continue
		}
		for _, s := range sites {
			d, ok := b.onPath[s.in.unit]
			if !ok || b.own[s.in.unit] {
				continue
			}
			if st := enclosingStmt(s.path, s.call); st != nil {
				cands = append(cands, cand{stmt: st, in: s.in, path: s.path, v: "mkdir:" + b.src.where(s.call, b.root), dist: d})
			}
		}
	}
	for i := range cands {
		cands[i].top = len(ifChain(cands[i].path, cands[i].stmt, cands[i].in)) == 0
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, c := cands[i], cands[j]
		if a.dist != c.dist {
			return a.dist < c.dist
		}
		pa, pc := b.src.fset.Position(a.stmt.Pos()), b.src.fset.Position(c.stmt.Pos())
		if pa.Filename != pc.Filename {
			return pa.Filename < pc.Filename
		}
		return pa.Offset < pc.Offset
	})
	set := map[string]bool{}
	// Top-level statements first: a nested one (if a flag is set) is the
	// exception to the program's usual path.
	for _, top := range []bool{true, false} {
		for _, cd := range cands {
			if cd.top != top || set[cd.v] || b.done[cd.stmt] {
				continue
			}
			s := b.snapshot()
			if err := b.copyStmt(&scope{fd: cd.in}, cd.stmt, cd.path); err != nil {
				b.restore(s)
				continue
			}
			set[cd.v] = true
		}
	}
}

// enclosingStmt is the statement directly holding a call: an expression
// statement, an assignment, or an if whose init is one of those.
func enclosingStmt(path []ast.Node, call *ast.CallExpr) ast.Stmt {
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.ExprStmt:
			if n.X == call {
				return n
			}
			return nil
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if r == call {
					if i > 0 {
						if ifs, ok := path[i-1].(*ast.IfStmt); ok && ifs.Init == n {
							return ifs
						}
					}
					return n
				}
			}
			return nil
		case *ast.CallExpr, *ast.SelectorExpr, *ast.ParenExpr:
			continue
		default:
			return nil
		}
	}
	return nil
}

// ifChain is the if conditions around a statement, outermost first; nil
// with ok=false semantics folded in: a statement in an else, a loop, a
// switch or a func literal yields a chain holding a nil entry.
func ifChain(path []ast.Node, st ast.Stmt, in *funcDecl) []*ast.IfStmt {
	var out []*ast.IfStmt
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *ast.BlockStmt:
			if n == in.decl.Body {
				return out
			}
		case *ast.IfStmt:
			if n == st {
				continue
			}
			if i+1 < len(path) && path[i+1] == n.Else {
				return append(out, nil)
			}
			out = append([]*ast.IfStmt{n}, out...)
		case ast.Stmt:
			if n != st {
				if _, isExpr := n.(*ast.ExprStmt); !isExpr {
					if _, isAssign := n.(*ast.AssignStmt); !isAssign {
						return append(out, nil)
					}
				}
			}
		case *ast.FuncLit:
			return append(out, nil)
		}
	}
	return out
}

// copyStmt copies a statement that sets state: an assignment, a call, or
// `if err := call(); err != nil {...}` (the error is returned instead).
func (b *builder) copyStmt(c *scope, st ast.Stmt, path []ast.Node) error {
	chain := ifChain(path, st, c.fd)
	var wrap []string
	for _, ifs := range chain {
		if ifs == nil {
			return wireErr("in a branch splitter does not follow")
		}
		if ifs.Init != nil {
			return wireErr("a condition with an init statement")
		}
		t, err := b.expr(c, ifs.Cond)
		if err != nil {
			return err
		}
		wrap = append(wrap, t)
	}
	n := len(b.stmts)
	switch s := st.(type) {
	case *ast.AssignStmt:
		if err := b.copyAssign(c, s, s.Lhs, s.Rhs, "sets "+b.src.text(s.Lhs[0])); err != nil {
			return err
		}
	case *ast.ExprStmt:
		t, err := b.expr(c, s.X)
		if err != nil {
			return err
		}
		b.stmts = append(b.stmts, &wstmt{rhs: t, where: b.src.where(s, b.root)})
	case *ast.IfStmt:
		a, ok := s.Init.(*ast.AssignStmt)
		if !ok || len(a.Rhs) != 1 {
			return wireErr("an if splitter does not follow")
		}
		if err := b.copyAssign(c, a, a.Lhs, a.Rhs, "runs "+b.src.text(a.Rhs[0])); err != nil {
			return err
		}
	default:
		return wireErr("a statement splitter does not copy")
	}
	b.done[st] = true
	if len(wrap) > 0 && len(b.stmts) > n {
		// Only the statement itself goes in the ifs: what it needs was
		// copied before it.
		last := b.stmts[len(b.stmts)-1]
		last.wrap = wrap
		for _, l := range last.lhs {
			if l != nil && l.decl == "" && l != last.check {
				return wireErr("a conditional definition")
			}
		}
	}
	b.steps = append(b.steps, b.src.where(st, b.root)+": "+oneLine(b.src.text(st)))
	return nil
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 90 {
		s = s[:87] + "..."
	}
	return s
}
