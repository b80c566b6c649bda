package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/splitter-go/splitter/analyzer/epdecl"
	"github.com/splitter-go/splitter/model"
)

// RouterDecl describes the methods of a router type that register routes.
// The built-in routers are written as RouterDecls (entrypoints_<name>.go)
// and splitter.yaml's routers: entries become RouterDecls too; both are
// compiled by compileRouter.
type RouterDecl struct {
	// Framework names it in the output ("gin"); default: the package's last element.
	Framework string
	// Package is the import path of the router's package (major version
	// elements such as /v5 are ignored).
	Package string
	// Type is the receiver type whose methods register routes.
	Type string
	// Methods maps a method name to what it does: a verb ("GET"), verbs
	// ("GET,HEAD"), "ANY", "argN" (the verb is the N-th argument), "argsN"
	// (a []string of verbs is the N-th argument), or a role: "group"
	// (returns a router under the prefix in its first argument), "keep"
	// (returns the same router: Use, With), "scope" (passes a router under
	// the prefix to its func argument: chi Route), "closure" (registrations
	// on the same router inside its func argument get the prefix: macaron
	// Group), "mount" (mounts a handler under the prefix: chi Mount).
	// Options may follow, separated by spaces: path=N, handler=N|none,
	// suffix=S (appended to the path, as gin's Static adds /*filepath).
	Methods map[string]string
	// Path is the index of the path argument (after the verb argument for
	// argN methods).
	Path int
	// Handler is the index of the handler argument (after the verb argument
	// for argN methods); -1 means the last one.
	Handler int
	// Groups lists more methods with the role "group".
	Groups []string
	// Join says how a group's prefix and a path combine: "concat" (the
	// default), "gin" (path.Join, keeping a trailing slash, root "/"),
	// "echo", "chi", "fiber".
	Join string
	// Where locates a declaration in splitter.yaml, for messages.
	Where string
}

// methodKind is what a router method does (epdecl.Kind).
type methodKind = epdecl.Kind

const (
	mRoute   = epdecl.Route
	mGroup   = epdecl.Group
	mKeep    = epdecl.Keep
	mScope   = epdecl.Scope
	mClosure = epdecl.Closure
	mMount   = epdecl.Mount
)

// methodSpec is one compiled router method.
type methodSpec struct {
	kind       methodKind
	verbs      []string // fixed verbs; none means any method
	verbArg    int      // the argument holding the verb, or -1
	verbsArg   int      // the argument holding a []string of verbs, or -1
	pathArg    int      // -1: no path of its own (NoRoute, a combo's methods)
	handlerArg int      // -1: the last argument; noHandler: none
	suffix     string
}

const noHandler = epdecl.NoHandler

// routerSpec is a compiled RouterDecl.
type routerSpec struct {
	framework string
	key       string // package.Type
	methods   map[string]*methodSpec
	join      joinRule
}

var httpVerb = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true,
	"HEAD": true, "OPTIONS": true, "CONNECT": true, "TRACE": true}

// compileRouter checks a RouterDecl and compiles it.
func compileRouter(d RouterDecl) (*routerSpec, error) {
	where := d.Where
	if where == "" {
		where = "router " + d.Package + "." + d.Type
	}
	if d.Package == "" || d.Type == "" {
		return nil, fmt.Errorf("%s: package and type are required", where)
	}
	join, ok := joins[d.Join]
	if !ok {
		return nil, fmt.Errorf("%s: join %q: want one of concat, gin, echo, chi, fiber", where, d.Join)
	}
	fw := d.Framework
	if fw == "" {
		fw = lastElem(stripMajor(d.Package))
	}
	rs := &routerSpec{framework: fw, key: stripMajor(d.Package) + "." + d.Type, methods: map[string]*methodSpec{}, join: join}
	if d.Path < 0 {
		return nil, fmt.Errorf("%s: path %d: want an argument index (0 for the first)", where, d.Path)
	}
	if d.Handler < -1 {
		return nil, fmt.Errorf("%s: handler %d: want an argument index, or -1 for the last", where, d.Handler)
	}
	for _, g := range d.Groups {
		if _, dup := d.Methods[g]; dup {
			return nil, fmt.Errorf("%s: method %s is both in methods and in groups", where, g)
		}
	}
	names := make([]string, 0, len(d.Methods)+len(d.Groups))
	for n := range d.Methods {
		names = append(names, n)
	}
	names = append(names, d.Groups...)
	slices.Sort(names)
	for _, name := range names {
		v, ok := d.Methods[name]
		if !ok {
			v = "group"
		}
		m, err := compileMethod(v, d.Path, d.Handler)
		if err != nil {
			return nil, fmt.Errorf("%s: method %s: %v", where, name, err)
		}
		rs.methods[name] = m
	}
	return rs, nil
}

// compileMethod reads one Methods value (epdecl's grammar).
func compileMethod(v string, path, handler int) (*methodSpec, error) {
	m, err := epdecl.ParseMethod(v, path, handler)
	if err != nil {
		return nil, err
	}
	return &methodSpec{kind: methodKind(m.Kind), verbs: m.Verbs, verbArg: m.VerbArg, verbsArg: m.VerbsArg,
		pathArg: m.Path, handlerArg: m.Handler, suffix: m.Suffix}, nil
}

// builtinRouters are the routers splitter knows, added by the detectors' files.
var builtinRouters []RouterDecl

// routerMethod recognises a method of a known router type.
func (d *detectors) routerMethod(fn *types.Func) (*routerSpec, *methodSpec) {
	recv := fn.Signature().Recv()
	if recv == nil || fn.Pkg() == nil {
		return nil, nil
	}
	n := namedOf(recv.Type())
	if n == nil {
		return nil, nil
	}
	rs := d.routers[pkgKey(fn.Pkg())+"."+n.Obj().Name()]
	if rs == nil {
		if _, isIface := n.Underlying().(*types.Interface); isIface {
			return d.routerByInterface(fn)
		}
		// A router type of another module that wraps a known one (ory/x's
		// httprouterx.RouterAdmin, whose GET(path, httprouter.Handle)
		// forwards to httprouter): its body is not loaded, so the wrapper
		// cannot be followed; its signature says what it registers. The
		// module's own wrappers are followed instead (entrypoints_wrapper.go).
		if d.units == nil || d.units.unitOf(n.Obj()) < 0 {
			return d.routerByInterface(fn)
		}
		return nil, nil
	}
	m := rs.methods[fn.Name()]
	if m == nil {
		return nil, nil
	}
	return rs, m
}

// routerByInterface recognises a method of an interface the application
// declares over a router (type router interface { GET(path string, handle
// httprouter.Handle) }): a method named as a registration method of a known
// router whose parameters use that router's package.
func (d *detectors) routerByInterface(fn *types.Func) (*routerSpec, *methodSpec) {
	sig := fn.Signature()
	for i := 0; i < sig.Params().Len(); i++ {
		n := namedOf(sig.Params().At(i).Type())
		if n == nil || n.Obj().Pkg() == nil {
			continue
		}
		for _, rs := range d.byPackage[stripMajor(n.Obj().Pkg().Path())] {
			if m := rs.methods[fn.Name()]; m != nil && m.kind == mRoute {
				return rs, m
			}
		}
	}
	return nil, nil
}

// isRouterType reports whether t is a router: a known router type, a
// net/http ServeMux, gorilla's Router, or a type of the module that embeds one.
func (d *detectors) isRouterType(t types.Type) bool {
	return d.routerType(t, 0)
}

func (d *detectors) routerType(t types.Type, depth int) bool {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil || depth > 2 {
		return false
	}
	key := stripMajor(n.Obj().Pkg().Path()) + "." + n.Obj().Name()
	if d.routers[key] != nil || key == "net/http.ServeMux" || key == "github.com/gorilla/mux.Router" {
		return true
	}
	if d.wrapperRouter(n) != nil {
		return true
	}
	if it, ok := n.Underlying().(*types.Interface); ok && d.units != nil && d.units.unitOf(n.Obj()) >= 0 {
		for i := 0; i < it.NumMethods(); i++ {
			if d.concreteOf(it.Method(i)) != nil {
				return true
			}
		}
	}
	if it, ok := n.Underlying().(*types.Interface); ok {
		for i := 0; i < it.NumMethods(); i++ {
			if rs, _ := d.routerByInterface(it.Method(i)); rs != nil {
				return true
			}
		}
	}
	if st, ok := n.Underlying().(*types.Struct); ok {
		for i := 0; i < st.NumFields(); i++ {
			if fl := st.Field(i); fl.Embedded() && d.routerType(fl.Type(), depth+1) {
				return true
			}
		}
	}
	return false
}

// rprefix is a route prefix, relative to the prefix of the enclosing
// function's param-th parameter when param >= 0 (a router passed in). root
// is the local variable holding the router it was made from, if any.
type rprefix struct {
	path  string
	param int
	root  types.Object
}

var absolute = rprefix{param: -1}

// resultParam stands for a function's result in bindings: the router it
// returns gets the prefix its caller mounts it at.
const resultParam = -2

// relRoute is a route registered on a router that came in as a parameter
// (or is returned): its path is completed once the callers are known.
type relRoute struct {
	ep    int // index in the package's entry points
	unit  string
	param int
	join  joinRule
}

// localRoute is a route on a router made in the enclosing unit.
type localRoute struct {
	ep   int
	root types.Object
	join joinRule
}

// closureScope is a macaron-style group: registrations on obj between pos
// and end get prefix.
type closureScope struct {
	pos, end token.Pos
	obj      types.Object
	prefix   rprefix
}

// routerBinding records that caller passes a router with prefix to the
// param-th parameter of callee (when prefix.param >= 0, relative to the
// caller's own parameter).
type routerBinding struct {
	callee string
	param  int
	caller string
	prefix rprefix
	join   joinRule
}

func (f *epFinder) bind(callee string, param int, p rprefix, j joinRule) {
	f.res.bindings = append(f.res.bindings, routerBinding{callee: callee, param: param, caller: f.unitID(), prefix: p, join: j})
}

// bindRouterArgs records the routers a call to a module function passes on.
func (f *epFinder) bindRouterArgs(call *ast.CallExpr, fn *types.Func) {
	u := f.t.unitOf(fn)
	if u < 0 {
		return
	}
	f.cobraArgs(call, fn)
	f.bindImpls(call, fn, f.t.units[u].unit.ID)
	for i, a := range call.Args {
		p, ok := f.routerPrefix(a, 0)
		if !ok {
			continue
		}
		// A wrapper type of the module passed as an interface
		// (config.NewConfigHashHandler(m, adminRouter)): the routes the
		// callee registers through the interface go through the wrapper's
		// path change (kratos' RouterAdmin puts them under /admin).
		if pt := paramType(fn.Signature(), i); pt != nil && p.path != "?" {
			if _, isIface := pt.Underlying().(*types.Interface); isIface {
				if steps := f.wrapperSteps(f.info.TypeOf(a)); steps != nil {
					p.path = joinConcat.join(p.path, applySteps("", steps))
				}
			}
		}
		f.bind(f.t.units[u].unit.ID, i, p, joinConcat)
	}
}

// wrapperSteps returns the path change of a module router type's wrapper
// methods (the first one found), or nil.
func (f *epFinder) wrapperSteps(t types.Type) []pathStep {
	if t == nil {
		return nil
	}
	mset := types.NewMethodSet(t)
	for i := 0; i < mset.Len(); i++ {
		if fn, ok := mset.At(i).Obj().(*types.Func); ok && httpVerb[fn.Name()] {
			if w := f.det.wrapperOf(f.t, fn); w != nil && len(w.steps) > 0 {
				return w.steps
			}
		}
	}
	return nil
}

// route handles a call to a router method.
func (f *epFinder) route(call *ast.CallExpr, fn *types.Func, rs *routerSpec, m *methodSpec) {
	recv, _ := f.routerPrefix(receiver(call), 0)
	args := call.Args
	switch m.kind {
	case mGroup, mKeep:
		// r.Group(func(r chi.Router) {...}): the literal's router is this one.
		p := recv
		if m.kind == mGroup {
			p, _ = f.routerPrefix(call, 0)
		}
		for _, a := range args {
			f.scopeLiteral(a, p)
		}
		return
	case mScope, mClosure:
		if len(args) < 2 || m.pathArg < 0 || m.pathArg >= len(args) {
			return
		}
		scoped := recv
		if s, ok := f.pathValue(args[m.pathArg]); ok {
			scoped.path = rs.join.join(recv.path, s)
		} else {
			scoped.path = "?"
		}
		for i, a := range args {
			if i == m.pathArg {
				continue
			}
			if m.kind == mClosure {
				lit, ok := ast.Unparen(a).(*ast.FuncLit)
				if !ok {
					continue
				}
				if id, ok := ast.Unparen(receiver(call)).(*ast.Ident); ok {
					if obj := f.info.Uses[id]; obj != nil {
						f.scopes = append(f.scopes, closureScope{lit.Pos(), lit.End(), obj, scoped})
					}
				}
				continue
			}
			if f.scopeLiteral(a, scoped) {
				continue
			}
			// r.Route("/v1", mod.Routes): Routes' router parameter has the prefix.
			if _, isSig := f.info.TypeOf(a).Underlying().(*types.Signature); isSig {
				if h, ok := f.tryHandler(a, "", nil, 0); ok && h.unit != "" && !h.factory {
					f.bind(h.unit, 0, scoped, rs.join)
				}
			}
		}
		return
	}
	if f.insideWrapper() && f.fromParams(call) {
		return // a wrapper of the module: its callers register the routes
	}
	if rs.framework == "kratos" && f.inKratosRegistrar() {
		return // a generated RegisterXHTTPServer: its call sites name the handlers
	}
	verbs := m.verbs
	switch {
	case m.verbArg >= 0:
		if m.verbArg >= len(args) {
			return
		}
		verbs = f.verbValues(args[m.verbArg])
	case m.verbsArg >= 0:
		if m.verbsArg >= len(args) {
			return
		}
		verbs = []string{"?"}
		if lit, ok := ast.Unparen(args[m.verbsArg]).(*ast.CompositeLit); ok && len(lit.Elts) > 0 {
			verbs = f.constStrings(lit.Elts, true)
		}
	}
	p, known := "", true
	if m.pathArg >= 0 {
		if m.pathArg >= len(args) {
			return
		}
		p, known = f.pathValue(args[m.pathArg])
	}
	full := "?"
	if known && recv.path != "?" {
		full = rs.join.join(recv.path, p+m.suffix)
		if recv.param < 0 {
			full = rs.join.finish(full)
		}
	}
	hi := m.handlerArg
	if hi == -1 {
		hi = len(args) - 1
	}
	h := handlerRef{unit: f.unitID(), function: f.unitID(), targets: []string{}}
	if hi > m.pathArg && hi > m.verbArg && hi > m.verbsArg && hi < len(args) {
		h = f.resolveHandler(args[hi], paramType(fn.Signature(), hi))
	} else if m.kind == mMount {
		return
	}
	if m.kind == mMount {
		h.catchAll = true
		if h.factory && h.unit != f.unitID() && known {
			f.bind(h.unit, resultParam, rprefix{path: rs.join.join(recv.path, p), param: recv.param}, rs.join)
		}
		if h.root != nil && known {
			f.mountLocal(h.root, rs.join.join(recv.path, p), rs.join)
		}
	}
	if len(verbs) == 0 {
		verbs = []string{""}
	}
	for _, v := range verbs {
		i := f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: rs.framework,
			Trigger: model.Trigger{Method: v, Path: full}}, call.Pos(), h)
		f.placed(i, recv, full, rs.join)
	}
}

// placed records what a route's path still depends on: the router
// parameter it was registered on, or the local router it may be mounted with.
func (f *epFinder) placed(i int, recv rprefix, full string, j joinRule) {
	if full == "?" {
		return
	}
	if recv.param >= 0 {
		f.res.relative = append(f.res.relative, relRoute{ep: i, unit: f.unitID(), param: recv.param, join: j})
	} else if recv.root != nil {
		f.local = append(f.local, localRoute{ep: i, root: recv.root, join: j})
	}
}

// mountLocal prefixes the routes already registered on a local router that
// is now mounted under prefix (chi's r.Mount("/api", api)).
func (f *epFinder) mountLocal(root types.Object, prefix string, j joinRule) {
	for _, r := range f.local {
		if r.root != root {
			continue
		}
		ep := &f.res.eps[r.ep]
		ep.Trigger.Path = j.join(prefix, ep.Trigger.Path)
		ep.ID = entryID(*ep)
	}
}

// paramType is the type of the i-th argument of a call to sig (the element
// type for variadic arguments).
func paramType(sig *types.Signature, i int) types.Type {
	n := sig.Params().Len()
	if n == 0 {
		return nil
	}
	if sig.Variadic() && i >= n-1 {
		if s, ok := sig.Params().At(n - 1).Type().(*types.Slice); ok {
			return s.Elem()
		}
	}
	if i < n {
		return sig.Params().At(i).Type()
	}
	return nil
}

// scopeLiteral gives a func literal's router parameter a route prefix. It
// reports whether e is a func literal.
func (f *epFinder) scopeLiteral(e ast.Expr, prefix rprefix) bool {
	lit, ok := ast.Unparen(e).(*ast.FuncLit)
	if !ok {
		return false
	}
	if len(lit.Type.Params.List) > 0 && len(lit.Type.Params.List[0].Names) > 0 {
		if obj := f.info.Defs[lit.Type.Params.List[0].Names[0]]; obj != nil && f.det.isRouterType(obj.Type()) {
			f.prefix[obj] = prefix
		}
	}
	return true
}

// routerPrefix computes the route prefix of a router expression: a variable
// set from a Group/PathPrefix/Subrouter call, a scoped func literal
// parameter, a router parameter of the enclosing function, or such a call
// itself. ok is false when e is not known to be a router.
func (f *epFinder) routerPrefix(e ast.Expr, depth int) (rprefix, bool) {
	if e == nil || depth > 8 {
		return absolute, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := f.info.Uses[e]
		if obj == nil {
			obj = f.info.Defs[e]
		}
		if obj == nil {
			return absolute, false
		}
		p, ok := f.prefix[obj]
		if !ok {
			if i, isParam := f.params[obj]; isParam && i >= 0 && f.det.isRouterType(obj.Type()) {
				p, ok = rprefix{param: i}, true
			}
		}
		// m.Group("/user", func() { m.Get(...) }): the innermost scope wins.
		for i := len(f.scopes) - 1; i >= 0; i-- {
			if s := f.scopes[i]; s.obj == obj && s.pos <= e.Pos() && e.Pos() < s.end {
				return s.prefix, true
			}
		}
		return p, ok
	case *ast.SelectorExpr:
		if obj := f.info.Uses[e.Sel]; obj != nil {
			if p, ok := f.prefix[obj]; ok {
				return p, true
			}
		}
	case *ast.CallExpr:
		fn := f.calleeOf(e)
		if fn == nil {
			return absolute, false
		}
		if h := prefixHooks[fnKey(fn)]; h != nil {
			return h(f, e, depth)
		}
		if c := f.det.concreteOf(fn); c != nil {
			fn = c
		}
		if p, ok := f.wrapperPrefix(e, fn, depth); ok {
			return p, true
		}
		rs, m := f.det.routerMethod(fn)
		if rs == nil {
			if f.det.isRouterType(f.info.TypeOf(e)) {
				return absolute, true // chi.NewRouter(), http.NewServeMux()
			}
			return absolute, false
		}
		base, _ := f.routerPrefix(receiver(e), depth+1)
		switch m.kind {
		case mGroup, mScope:
			if m.pathArg >= 0 && m.pathArg < len(e.Args) {
				if p, ok := f.pathValue(e.Args[m.pathArg]); ok && base.path != "?" {
					base.path = rs.join.join(base.path, p)
				} else {
					base.path = "?"
				}
			}
			return base, true
		case mKeep:
			return base, true
		case mRoute:
			// Combo("/x").Get(a).Post(b): a route method returning its
			// receiver keeps the router.
			if res := fn.Signature().Results(); res.Len() == 1 && types.Identical(res.At(0).Type(), fn.Signature().Recv().Type()) {
				return base, true
			}
		}
	}
	// &AdminRouter{Router: httprouter.New()}: a router value made here.
	if t := f.info.TypeOf(e); t != nil && f.det.isRouterType(t) {
		return absolute, true
	}
	return absolute, false
}

// prefixHooks compute the prefix of routers made by calls that are not
// router methods described by data (gorilla's Subrouter).
var prefixHooks = map[string]func(f *epFinder, call *ast.CallExpr, depth int) (rprefix, bool){}

// insideWrapper reports whether the enclosing unit is a registration
// wrapper (its callers register the routes).
func (f *epFinder) insideWrapper() bool {
	fn, ok := f.t.units[f.unit].decl().(*ast.FuncDecl)
	if !ok {
		return false
	}
	obj, _ := f.info.Defs[fn.Name].(*types.Func)
	return obj != nil && f.det.wrapperOf(f.t, obj) != nil
}

// fromParams reports whether a call's arguments are computed from the
// enclosing function's parameters (the path, verb or handler a wrapper
// forwards), through its locals and helpers.
func (f *epFinder) fromParams(call *ast.CallExpr) bool {
	if f.wcUnit != f.unit || f.wcCache == nil {
		fd, _ := f.t.units[f.unit].decl().(*ast.FuncDecl)
		if fd == nil || fd.Body == nil {
			return false
		}
		f.wcCache = &wrapperCtx{info: f.info, params: f.params, locals: localValues(f.info, fd.Body)}
		f.wcUnit = f.unit
	}
	for _, a := range call.Args {
		if _, ok := f.wcCache.derived(a, 0); ok {
			return true
		}
	}
	return false
}

func isStringType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}
