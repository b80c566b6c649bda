package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/splitter-go/splitter/model"
)

// Entry points are found by the types of the calls that register them, never
// by names alone: a method called GET on a type of the user's own is not a
// route. Each framework is recognised by its package path and receiver type.
//
// The detectors live one per file (entrypoints_<framework>.go). Routers and
// consumers are described by data (RouterDecl, ConsumerDecl), the same shape
// splitter.yaml's routers: and consumers: declarations take, and compiled by
// one function, so a built-in framework and a declared one take one path.
// Detectors that need code (gRPC, cobra, gorilla's chains) register a call
// hook by the callee's key.

// fnKey names a function or method as "pkgpath.Name" or "pkgpath.Recv.Name",
// with major-version elements removed from the path
// (github.com/jackc/pgx/v5/pgxpool → github.com/jackc/pgx/pgxpool).
func fnKey(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	p := pkgKey(fn.Pkg())
	if recv := fn.Signature().Recv(); recv != nil {
		if n := namedOf(recv.Type()); n != nil {
			return p + "." + n.Obj().Name() + "." + fn.Name()
		}
		return p + ".?." + fn.Name()
	}
	return p + "." + fn.Name()
}

var pkgKeys sync.Map // *types.Package → its path without major versions

// pkgKey is stripMajor of a package's path, computed once per package: it
// is asked for every call the detectors look at.
func pkgKey(p *types.Package) string {
	if k, ok := pkgKeys.Load(p); ok {
		return k.(string)
	}
	k := stripMajor(p.Path())
	pkgKeys.Store(p, k)
	return k
}

// callHook is a detector written as code, run on calls whose callee has
// its key.
type callHook func(f *epFinder, call *ast.CallExpr, fn *types.Func, stack []ast.Node)

// callHooks maps fnKey → detector; filled by the detectors' files.
var callHooks = map[string]callHook{}

func hook(h callHook, keys ...string) {
	for _, k := range keys {
		callHooks[k] = h
	}
}

// nameHooks are detectors keyed by the shape of a generated function's
// name (RegisterXServer, NewXServiceHandler) and checked by its types.
var nameHooks []func(f *epFinder, call *ast.CallExpr, fn *types.Func) bool

// litHooks run on composite literals (cobra commands, urfave/cli, gqlgen).
var litHooks []func(f *epFinder, lit *ast.CompositeLit, stack []ast.Node)

// epFinder finds the entry points registered in one package.
type epFinder struct {
	t    *unitTable
	ld   *loaded
	det  *detectors
	p    *packages.Package
	info *types.Info
	res  pkgEntries
	// Per enclosing unit:
	unit      int
	prefix    map[types.Object]rprefix      // router variables → route prefix
	params    map[types.Object]int          // the enclosing func's parameters → index
	assigned  map[types.Object][]assignment // local variables → what they were set from, in order
	litNames  map[*ast.FuncLit]string       // func literals → SSA-style names (F$1, F$1$2)
	scopes    []closureScope                // macaron-style Group(prefix, func() {...}) scopes
	roots     map[types.Object]bool         // router variables a return statement returns
	local     []localRoute                  // routes on local routers, for the fix-ups at the unit's end
	cmdNode   map[types.Object]string       // cobra command variables → their node
	ranged    map[types.Object]ast.Expr     // range value variables → what they range over
	deferred  map[*ast.FuncLit]types.Object // func literals kept in a variable that groups or calls take → the variable
	wcCache   *wrapperCtx                   // the unit's parameters and locals, for fromParams
	wcUnit    int
	depth     int                       // deferred literals being visited
	fields    map[*types.Var][]ast.Expr // struct fields → what the package sets them to
	pkgVars   map[*types.Var][]ast.Expr // package variables → what the package sets them to
	resolving map[*types.Var]bool       // package variables whose value pathValue is reading
	// kingpinParams: a kingpin clause parameter's command path, per package.
	kingpinParams map[kingpinParamKey][]string
}

// assignment is one value a variable was set from, at pos.
type assignment struct {
	rhs ast.Expr
	pos token.Pos
}

// pkgEntries is what one package contributes to the entry points.
type pkgEntries struct {
	eps        []model.EntryPoint
	relative   []relRoute
	bindings   []routerBinding
	factories  []int
	registrar  []string
	mounts     []int                   // entries whose handler is a router value
	lits       map[string]*ast.FuncLit // Function of a literal handler → the literal
	cobra      cobraGraph
	cobraKeys  map[int]string // cli entry → its command's node in cobra
	pkg        string
	imports    map[string]bool // framework families imported, for the diagnostics
	diags      []model.Diagnostic
	grpcParams []grpcPending // gRPC servers registered from an interface parameter
	impls      []implBinding // concrete values calls pass to interface parameters
}

func findEntryPoints(t *unitTable, ld *loaded, det *detectors, p *packages.Package, units []int) pkgEntries {
	f := &epFinder{t: t, ld: ld, det: det, p: p, info: p.TypesInfo}
	f.res.lits = map[string]*ast.FuncLit{}
	f.res.cobra = newCobraGraph()
	f.res.cobraKeys = map[int]string{}
	f.res.pkg = p.PkgPath
	for _, u := range units {
		f.scanUnit(u)
	}
	f.res.imports = det.importedFrameworks(p)
	return f.res
}

func (f *epFinder) unitID() string { return f.t.units[f.unit].unit.ID }

func (f *epFinder) scanUnit(u int) {
	ud := f.t.units[u]
	f.unit = u
	f.prefix = map[types.Object]rprefix{}
	f.params = map[types.Object]int{}
	f.assigned = map[types.Object][]assignment{}
	f.litNames = map[*ast.FuncLit]string{}
	f.scopes = nil
	f.roots = nil
	f.local = nil
	f.cmdNode = map[types.Object]string{}
	f.ranged = map[types.Object]ast.Expr{}
	if fd, ok := ud.decl().(*ast.FuncDecl); ok {
		if fd.Body != nil {
			f.nameLits(fd.Body, ud.unit.ID)
		}
		i := 0
		for _, field := range fd.Type.Params.List {
			for _, n := range field.Names {
				if obj := f.info.Defs[n]; obj != nil {
					f.params[obj] = i
				}
				i++
			}
			if len(field.Names) == 0 {
				i++
			}
		}
		if fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 {
			if obj := f.info.Defs[fd.Recv.List[0].Names[0]]; obj != nil {
				f.params[obj] = recvParam
			}
		}
		if fd.Recv == nil && fd.Body != nil {
			switch {
			case fd.Name.Name == "main" && f.p.Name == "main":
				f.add(model.EntryPoint{Kind: model.EntryMain, Trigger: model.Trigger{Command: lastElem(stripMajor(f.p.PkgPath))},
					Handler: ud.unit.ID, Function: ud.unit.ID, Targets: []string{ud.unit.ID}}, fd.Pos())
			case fd.Name.Name == "init":
				f.add(model.EntryPoint{Kind: model.EntryInit, Handler: ud.unit.ID, Function: ud.unit.ID,
					Targets: []string{ud.unit.ID}}, fd.Pos())
			}
		}
	} else {
		f.nameLits(ud.decl(), ud.unit.ID)
	}
	if ud.spec() != nil {
		return // type declarations register nothing
	}
	f.deferred = f.deferredLits(ud.decl())
	f.walk(ud.decl())
	f.finishUnit()
}

// walk visits the registrations under n. Func literals that are deferred
// are visited when the call they are given to is.
func (f *epFinder) walk(n ast.Node) {
	var stack []ast.Node
	ast.Inspect(n, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if lit, ok := n.(*ast.FuncLit); ok && f.deferred[lit] != nil {
			return false
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.AssignStmt:
			f.assign(n)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if i < len(n.Values) && len(n.Names) == len(n.Values) {
					if obj := f.info.Defs[name]; obj != nil {
						f.track(obj, n.Values[i], n.Pos())
					}
				}
			}
		case *ast.ReturnStmt:
			f.returned(n)
		case *ast.RangeStmt:
			if v, ok := n.Value.(*ast.Ident); ok {
				if obj := f.info.Defs[v]; obj != nil {
					f.ranged[obj] = n.X
				}
			}
		case *ast.GoStmt:
			f.worker(n) // its call is visited next, as any call
		case *ast.CallExpr:
			f.call(n, stack)
		case *ast.CompositeLit:
			for _, h := range litHooks {
				h(f, n, stack)
			}
		}
		return true
	})
}

// recvParam is the params index of a method's receiver.
const recvParam = -3

// nameLits names func literals the way SSA does: F$1, F$2 for the literals
// directly in F, F$1$1 for one nested in F$1.
func (f *epFinder) nameLits(root ast.Node, parent string) {
	if root == nil {
		return
	}
	n := 0
	ast.Inspect(root, func(node ast.Node) bool {
		if lit, ok := node.(*ast.FuncLit); ok && node != root {
			n++
			name := fmt.Sprintf("%s$%d", parent, n)
			f.litNames[lit] = name
			f.nameLits(lit.Body, name)
			return false
		}
		return true
	})
}

func lastElem(p string) string {
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

func (f *epFinder) assign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		// path, h := svcconnect.NewXServiceHandler(impl): each is set from the call.
		if len(as.Rhs) == 1 {
			for _, l := range as.Lhs {
				if id, ok := l.(*ast.Ident); ok {
					if obj := f.objOf(id); obj != nil {
						f.assigned[obj] = append(f.assigned[obj], assignment{as.Rhs[0], as.Pos()})
					}
				}
			}
		}
		return
	}
	for i, l := range as.Lhs {
		switch l := l.(type) {
		case *ast.Ident:
			obj := f.info.Defs[l]
			if obj == nil {
				obj = f.info.Uses[l]
			}
			if obj != nil {
				f.track(obj, as.Rhs[i], as.Pos())
			}
		case *ast.SelectorExpr:
			f.cobraAssign(l, as.Rhs[i], as)
			f.swaggerAssign(l, as.Rhs[i], as)
		}
	}
}

// track remembers what a variable was set from: its route prefix when it is
// a router, its command when it is a cobra command.
func (f *epFinder) track(obj types.Object, rhs ast.Expr, pos token.Pos) {
	f.assigned[obj] = append(f.assigned[obj], assignment{rhs, pos})
	if p, ok := f.routerPrefix(rhs, 0); ok {
		if p.root == nil && p.param == absolute.param {
			p.root = obj // a router made here: its routes may be mounted later
		}
		f.prefix[obj] = p
	}
	f.cobraTrack(obj, rhs)
}

// lastAssigned returns the latest value obj was set from before pos.
func (f *epFinder) lastAssigned(obj types.Object, pos token.Pos) []assignment {
	as := f.assigned[obj]
	var out []assignment
	for i := len(as) - 1; i >= 0; i-- {
		if as[i].pos < pos && !(as[i].rhs.Pos() <= pos && pos < as[i].rhs.End()) {
			out = append(out, as[i])
		}
	}
	return out
}

// add appends an entry point registered at pos.
func (f *epFinder) add(ep model.EntryPoint, pos token.Pos) {
	f.res.registrar = append(f.res.registrar, f.unitID())
	position := f.p.Fset.Position(pos)
	ep.File = f.ld.rel(position.Filename)
	ep.Line = position.Line
	ep.ID = entryID(ep)
	if ep.Targets == nil {
		ep.Targets = []string{}
	}
	f.res.eps = append(f.res.eps, ep)
}

// addHandled appends an entry point handled by h.
func (f *epFinder) addHandled(ep model.EntryPoint, pos token.Pos, h handlerRef) int {
	ep.Handler, ep.Function, ep.Targets = h.unit, h.function, h.targets
	f.add(ep, pos)
	i := len(f.res.eps) - 1
	if h.lit != nil {
		f.res.lits[h.function] = h.lit
	}
	if h.factory {
		f.res.factories = append(f.res.factories, i)
	}
	if h.mount {
		f.res.mounts = append(f.res.mounts, i)
	}
	return i
}

func entryID(ep model.EntryPoint) string {
	tr := ep.Trigger
	switch ep.Kind {
	case model.EntryHTTP:
		m := tr.Method
		if m == "" {
			m = "ANY"
		}
		return "http:" + m + " " + tr.Path
	case model.EntryGRPC:
		return "grpc:" + tr.Service + "/" + tr.RPC
	case model.EntryGraphQL:
		return "graphql:" + tr.Service + "." + tr.RPC
	case model.EntryCLI:
		return "cli:" + tr.Command
	case model.EntryCron:
		return "cron:" + tr.Schedule
	case model.EntryConsumer:
		return "consumer:" + tr.Broker + " " + tr.Topic
	case model.EntryFunction:
		return "function:" + tr.Command
	case model.EntryMain:
		return "main:" + strings.TrimSuffix(ep.Handler, ".main")
	default:
		return string(ep.Kind) + ":" + ep.Handler
	}
}

// constString returns the constant string value of e, if it has one.
func (f *epFinder) constString(e ast.Expr) (string, bool) {
	tv, ok := f.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

func (f *epFinder) objOf(id *ast.Ident) types.Object {
	if obj := f.info.Defs[id]; obj != nil {
		return obj
	}
	return f.info.Uses[id]
}

// pathValue is constString extended to the ways paths are built from
// constants: fmt.Sprintf("/%s/:id", SchemasPath), path.Join(a, b).
func (f *epFinder) pathValue(e ast.Expr) (string, bool) {
	if s, ok := f.constString(e); ok {
		return s, true
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		// path, h := svcconnect.NewXServiceHandler(impl): the path it serves.
		if v, ok := f.info.Uses[id].(*types.Var); ok {
			if as := f.lastAssigned(v, id.Pos()); len(as) > 0 {
				if r := f.rpcCall(as[0].rhs); r != nil {
					return r.path, true
				}
			}
			// webClientFilesPath, a package variable set once, at start-up,
			// to path.Join(baseURL, "/web/client/files") (sftpgo).
			if x := f.packageVarValue(v); x != nil && !f.resolving[v] {
				if f.resolving == nil {
					f.resolving = map[*types.Var]bool{}
				}
				f.resolving[v] = true
				defer delete(f.resolving, v)
				return f.pathValue(x)
			}
		}
		return "", false
	}
	if be, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && be.Op == token.ADD {
		return f.concatPath(be)
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return "", false
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "PathPrefix" {
		// twirp: mux.Handle(server.PathPrefix(), server).
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			if v, ok := f.info.Uses[id].(*types.Var); ok {
				if as := f.lastAssigned(v, id.Pos()); len(as) > 0 {
					if r := f.rpcCall(as[0].rhs); r != nil {
						return r.path, true
					}
				}
			}
		}
	}
	fn := f.calleeOf(call)
	if fn == nil || len(call.Args) == 0 {
		return "", false
	}
	var vals []string
	for i, a := range call.Args {
		v, ok := f.pathValue(a)
		if !ok && i == 0 && fnKey(fn) == "path.Join" && len(call.Args) > 1 && f.runtimePrefix(a) {
			v, ok = "/", true // path.Join(base, "health"): see concatPath
		}
		if !ok {
			return "", false
		}
		vals = append(vals, v)
	}
	switch fnKey(fn) {
	case "fmt.Sprintf":
		format := vals[0]
		if strings.Count(format, "%") != strings.Count(format, "%s")+strings.Count(format, "%v") || len(vals)-1 != strings.Count(format, "%") {
			return "", false
		}
		args := make([]any, len(vals)-1)
		for i, v := range vals[1:] {
			args[i] = v
		}
		return fmt.Sprintf(format, args...), true
	case "path.Join":
		return path.Join(vals...), true
	}
	return "", false
}

// packageVarValue is the one expression a package-level variable of this
// package is set to (its initializer or a single assignment anywhere in the
// package), or nil when there is none or more than one.
func (f *epFinder) packageVarValue(v *types.Var) ast.Expr {
	if v.Pkg() != f.p.Types || v.Parent() != v.Pkg().Scope() {
		return nil
	}
	f.scanSetValues()
	if xs := f.pkgVars[v]; len(xs) == 1 {
		return xs[0]
	}
	return nil
}

// scanSetValues reads, once per package, what its code sets struct fields
// (composite literals, assignments) and package variables (initializers,
// assignments) to: fieldValue and packageVarValue answer from it.
func (f *epFinder) scanSetValues() {
	if f.fields != nil {
		return
	}
	f.fields, f.pkgVars = map[*types.Var][]ast.Expr{}, map[*types.Var][]ast.Expr{}
	pkgScope := f.p.Types.Scope()
	for _, file := range f.p.Syntax {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if id, ok := n.Key.(*ast.Ident); ok {
					if fv, ok := f.info.Uses[id].(*types.Var); ok && fv.IsField() {
						f.fields[fv] = append(f.fields[fv], n.Value)
					}
				}
			case *ast.ValueSpec:
				if len(n.Values) != len(n.Names) {
					return true
				}
				for i, name := range n.Names {
					if pv, ok := f.info.Defs[name].(*types.Var); ok && pv.Parent() == pkgScope {
						f.pkgVars[pv] = append(f.pkgVars[pv], n.Values[i])
					}
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					return true
				}
				for i, l := range n.Lhs {
					switch l := l.(type) {
					case *ast.SelectorExpr:
						if sel, ok := f.info.Selections[l]; ok && sel.Kind() == types.FieldVal {
							f.fields[sel.Obj().(*types.Var)] = append(f.fields[sel.Obj().(*types.Var)], n.Rhs[i])
						}
					case *ast.Ident:
						if pv, ok := f.info.Uses[l].(*types.Var); ok && pv.Parent() == pkgScope {
							f.pkgVars[pv] = append(f.pkgVars[pv], n.Rhs[i])
						}
					}
				}
			}
			return true
		})
	}
}

// concatPath reads a pattern built with +. Its first path part may be a
// variable ("GET " + config.Webroot + "api/v1/messages", prefix + "/users"):
// a base path set at run time, which a route table shows relative to its
// root ("GET /api/v1/messages"), the way a mount's routes are shown under
// it. Anything else that is not constant leaves the pattern unknown.
func (f *epFinder) concatPath(be *ast.BinaryExpr) (string, bool) {
	var ops []ast.Expr
	var flatten func(e ast.Expr)
	flatten = func(e ast.Expr) {
		if b, ok := ast.Unparen(e).(*ast.BinaryExpr); ok && b.Op == token.ADD {
			if _, isConst := f.constString(b); !isConst {
				flatten(b.X)
				flatten(b.Y)
				return
			}
		}
		ops = append(ops, e)
	}
	flatten(be)
	var head, rest strings.Builder // head: before the run-time base (a method)
	prefixed := false
	for _, op := range ops {
		v, ok := f.pathValue(op)
		if id, isID := ast.Unparen(op).(*ast.Ident); !ok && isID {
			// route := "/users"; mux.HandleFunc(route+"/{id}", h): a local
			// set to a constant is that constant, no base.
			if as := f.lastAssigned(f.info.Uses[id], id.Pos()); len(as) > 0 {
				v, ok = f.pathValue(as[0].rhs)
			}
		}
		if ok {
			if prefixed {
				rest.WriteString(v)
			} else {
				head.WriteString(v)
			}
			continue
		}
		if prefixed || strings.ContainsAny(head.String(), "/.") || !f.runtimePrefix(op) {
			return "", false
		}
		prefixed = true
	}
	if !prefixed {
		return head.String(), true // constant parts only (a + of calls like path.Join)
	}
	// "GET " + webroot alone is the root of what is served under it.
	return head.String() + "/" + strings.TrimLeft(rest.String(), "/"), true
}

// runtimePrefix reports whether e is a variable or a field (config.Webroot,
// s.basePath, prefix), the way a configurable base path is held.
func (f *epFinder) runtimePrefix(e ast.Expr) bool {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		_, ok := f.info.Uses[x].(*types.Var)
		return ok
	case *ast.SelectorExpr:
		_, ok := f.info.Uses[x.Sel].(*types.Var)
		return ok
	}
	return false
}

// verbValues reads a verb argument: a constant, or the variable of a range
// over a list of constants (for _, m := range []string{"GET", "POST"}).
func (f *epFinder) verbValues(e ast.Expr) []string {
	if s, ok := f.constString(e); ok {
		// "GET,POST" (macaron's Route), "GET POST" (iris' HandleMany).
		return strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == ',' || r == ' ' })
	}
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if x, ok := f.ranged[f.info.Uses[id]]; ok {
			if lit, ok := ast.Unparen(x).(*ast.CompositeLit); ok && len(lit.Elts) > 0 {
				return f.constStrings(lit.Elts, true)
			}
		}
	}
	return []string{"?"}
}

// constStrings reads a []string{...} literal of constants (upper-cased when
// upper is set); "?" stands for an element that is not constant.
func (f *epFinder) constStrings(args []ast.Expr, upper bool) []string {
	var out []string
	for _, a := range args {
		s, ok := f.constString(a)
		switch {
		case !ok:
			s = "?"
		case upper:
			s = strings.ToUpper(s)
		}
		out = append(out, s)
	}
	return out
}

func (f *epFinder) calleeOf(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(f.info, call).(*types.Func)
	return fn
}

// receiver returns the receiver expression of a method call x.M(...).
func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

func (f *epFinder) call(call *ast.CallExpr, stack []ast.Node) {
	if f.callDeferred(call) {
		return
	}
	fn := f.calleeOf(call)
	if fn == nil {
		return
	}
	if c := f.det.concreteOf(fn); c != nil {
		fn = c // through an interface of the module over its own router
	}
	if h := callHooks[fnKey(fn)]; h != nil {
		h(f, call, fn, stack)
		return
	}
	if spec, m := f.det.routerMethod(fn); m != nil {
		f.route(call, fn, spec, m)
		return
	}
	if c := f.det.consumerMethod(fn); c != nil {
		f.consume(call, fn, c)
		return
	}
	for _, h := range nameHooks {
		if h(f, call, fn) {
			return
		}
	}
	if w := f.det.wrapperOf(f.t, fn); w != nil {
		f.wrapped(call, fn, w)
		return
	}
	if cw := f.det.consumerWrapperOf(f.t, fn); cw != nil {
		f.consumeWrapped(call, fn, cw)
		return
	}
	if cg := f.det.closureOf(fn); cg.rs != nil {
		f.closureGroup(call, cg)
		return
	}
	f.bindRouterArgs(call, fn)
}

// finishUnit applies what is known only at the end of a unit: routes on a
// local router that is returned become relative to the caller's mount.
func (f *epFinder) finishUnit() {
	for _, r := range f.local {
		if f.roots[r.root] {
			f.res.relative = append(f.res.relative, relRoute{ep: r.ep, unit: f.unitID(), param: resultParam, join: r.join})
		}
	}
}

// returned records the routers (and cobra commands) a return statement
// hands back.
func (f *epFinder) returned(rs *ast.ReturnStmt) {
	f.cobraReturned(rs)
	for _, r := range rs.Results {
		id, ok := ast.Unparen(r).(*ast.Ident)
		if !ok {
			continue
		}
		if p, ok := f.prefix[f.info.Uses[id]]; ok && p.root != nil {
			if f.roots == nil {
				f.roots = map[types.Object]bool{}
			}
			f.roots[p.root] = true
		}
	}
}

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
