package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/splitter-go/splitter/model"
)

// Routers wrapped by the application's own code (kratos' x.RouterPublic
// whose GET forwards to httprouter's Handle; a helper get(r, path, h)) are
// followed through the calls they make, not recognised by name: a function
// of the module whose body registers a route with a path, verb and handler
// taken from its own parameters is a registration method itself, and its
// callers register the routes.

// wrapperSpec is what a wrapper forwards where.
type wrapperSpec struct {
	rs           *routerSpec
	verbs        []string // fixed verbs (none: any), when verbParam < 0
	verbParam    int
	verbRest     bool       // the verbs are the arguments from verbParam on (method string, methods ...string)
	pathParam    int        // -1: no path of its own (a combo's Get, NotFound): the router's prefix is the path
	steps        []pathStep // turn the caller's path into the registered one
	mount        bool       // it mounts the handler under the path (chi's Mount behind it)
	handlerParam int
	routerParam  int // recvParam: the receiver; >= 0: a parameter; -1: a router of its own
}

// pathStep is one change a wrapper makes to the path it is given.
type pathStep struct {
	kind byte // 'p': s+p, 's': p+s, 'j': path.Join(s, p)
	s    string
}

func applySteps(p string, steps []pathStep) string {
	for _, st := range steps {
		switch st.kind {
		case 'p':
			p = st.s + p
		case 's':
			p += st.s
		case 'j':
			p = path.Join(st.s, p)
		}
	}
	return p
}

// wrapperOf returns the wrapper summary of a module function, or nil.
func (d *detectors) wrapperOf(t *unitTable, fn *types.Func) *wrapperSpec {
	if fn == nil || t.unitOf(fn) < 0 {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.wrapperLocked(t, fn, 0)
}

func (d *detectors) wrapperLocked(t *unitTable, fn *types.Func, depth int) *wrapperSpec {
	if w, ok := d.wrappers[fn]; ok {
		return w
	}
	d.wrappers[fn] = nil // cuts cycles
	if depth > 8 || !wrapperShaped(fn.Signature()) {
		return nil
	}
	u := t.unitOf(fn.Origin())
	if u < 0 {
		return nil
	}
	if t.units[u].stub {
		// A partial run: the last run's finding (partial.go).
		w := d.lastWrapper(t.units[u].unit.ID)
		d.wrappers[fn] = w
		return w
	}
	fd, ok := t.units[u].decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return nil
	}
	info := t.units[u].pkg().TypesInfo
	wc := wrapperCtx{info: info, params: funcParams(info, fd), locals: localValues(info, fd.Body)}
	var found *wrapperSpec
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found != nil {
			return found == nil
		}
		cfn, _ := typeutil.Callee(info, call).(*types.Func)
		if cfn == nil {
			return true
		}
		var w *wrapperSpec
		if gorillaRegistration[fnKey(cfn)] {
			found = wc.gorillaForward(d, call)
			return found == nil
		}
		if rs, m := d.routerMethod(cfn); rs != nil && (m.kind == mRoute || m.kind == mMount) && m.verbsArg < 0 && m.handlerArg != noHandler {
			w = &wrapperSpec{rs: rs, verbs: m.verbs, verbParam: m.verbArg, pathParam: m.pathArg,
				handlerParam: m.handlerArg, routerParam: recvParam, mount: m.kind == mMount}
			if m.suffix != "" {
				w.steps = []pathStep{{'s', m.suffix}}
			}
			if w.handlerParam == -1 {
				w.handlerParam = len(call.Args) - 1
			}
		} else if t.unitOf(cfn) >= 0 {
			w = d.wrapperLocked(t, cfn, depth+1)
		}
		if w == nil {
			return true
		}
		found = wc.forward(d, call, w)
		return found == nil
	})
	d.wrappers[fn] = found
	return found
}

// wrapperShaped: a wrapper takes a handler (and usually a path, which a
// combo's methods take from their receiver).
func wrapperShaped(sig *types.Signature) bool {
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		if s, ok := t.(*types.Slice); ok && sig.Variadic() && i == sig.Params().Len()-1 {
			t = s.Elem() // h ...any
		}
		switch t.Underlying().(type) {
		case *types.Signature, *types.Interface, *types.Pointer, *types.Struct:
			return true
		}
	}
	return false
}

type wrapperCtx struct {
	info   *types.Info
	params map[types.Object]int
	locals map[types.Object][]ast.Expr // local variables → what they are set from
}

// localValues maps the local variables of a body to the expressions they
// are set from: an assignment's right side (the call, for a, b := f()), a
// range's operand for its variables.
func localValues(info *types.Info, body *ast.BlockStmt) map[types.Object][]ast.Expr {
	out := map[types.Object][]ast.Expr{}
	add := func(l ast.Expr, r ast.Expr) {
		if id, ok := l.(*ast.Ident); ok {
			obj := info.Defs[id]
			if obj == nil {
				obj = info.Uses[id]
			}
			if obj != nil {
				out[obj] = append(out[obj], r)
			}
		}
	}
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				switch {
				case len(n.Lhs) == len(n.Rhs):
					add(l, n.Rhs[i])
				case len(n.Rhs) == 1:
					add(l, n.Rhs[0])
				}
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				switch {
				case len(n.Names) == len(n.Values):
					add(name, n.Values[i])
				case len(n.Values) == 1:
					add(name, n.Values[0])
				}
			}
		case *ast.RangeStmt:
			if n.Key != nil {
				add(n.Key, n.X)
			}
			if n.Value != nil {
				add(n.Value, n.X)
			}
		}
		return true
	})
	return out
}

// derived reports the parameter an expression's value is computed from: the
// parameter itself, a local set from it, a call taking it (strings.TrimSpace(m),
// wrapHandler(h)), a field or element of it.
func (wc wrapperCtx) derived(e ast.Expr, depth int) (int, bool) {
	if e == nil || depth > 6 {
		return 0, false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := wc.info.Uses[x]
		if i, ok := wc.params[obj]; ok {
			return i, i >= 0
		}
		for _, r := range wc.locals[obj] {
			if i, ok := wc.derived(r, depth+1); ok {
				return i, true
			}
		}
	case *ast.CallExpr:
		if fn, _ := typeutil.Callee(wc.info, x).(*types.Func); fn == nil {
			if _, isConv := wc.info.Types[x.Fun]; !isConv {
				return 0, false
			}
		}
		for _, a := range x.Args {
			if i, ok := wc.derived(a, depth+1); ok {
				return i, true
			}
		}
	case *ast.SelectorExpr:
		if s, ok := wc.info.Selections[x]; ok && s.Kind() == types.FieldVal {
			return wc.derived(x.X, depth+1)
		}
	case *ast.IndexExpr:
		return wc.derived(x.X, depth+1)
	case *ast.SliceExpr:
		return wc.derived(x.X, depth+1)
	case *ast.StarExpr:
		return wc.derived(x.X, depth+1)
	case *ast.UnaryExpr:
		return wc.derived(x.X, depth+1)
	case *ast.CompositeLit:
		for _, el := range x.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			if i, ok := wc.derived(el, depth+1); ok {
				return i, true
			}
		}
	}
	return 0, false
}

// routerRoot reports the parameter (or the receiver) a router expression
// comes from: r, r.mux (a field of it), r.mux.With(mw...) (a method of a
// known router returning the same router), a local set from one of those.
func (wc wrapperCtx) routerRoot(d *detectors, e ast.Expr, depth int) (int, bool) {
	if e == nil || depth > 6 {
		return 0, false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := wc.info.Uses[x]
		if i, ok := wc.params[obj]; ok {
			return i, true
		}
		if rs := wc.locals[obj]; len(rs) == 1 {
			return wc.routerRoot(d, rs[0], depth+1)
		}
	case *ast.SelectorExpr:
		if s, ok := wc.info.Selections[x]; ok && s.Kind() == types.FieldVal {
			return wc.routerRoot(d, x.X, depth+1)
		}
	case *ast.StarExpr:
		return wc.routerRoot(d, x.X, depth+1)
	case *ast.CallExpr:
		if fn, _ := typeutil.Callee(wc.info, x).(*types.Func); fn != nil {
			if _, m := d.routerMethod(fn); m != nil && m.kind == mKeep {
				return wc.routerRoot(d, receiver(x), depth+1)
			}
		}
	}
	return 0, false
}

// recvField reports whether e is a field of the receiver (c.pattern).
func (wc wrapperCtx) recvField(e ast.Expr) bool {
	x, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if s, ok := wc.info.Selections[x]; !ok || s.Kind() != types.FieldVal {
		return false
	}
	id, ok := ast.Unparen(x.X).(*ast.Ident)
	return ok && wc.params[wc.info.Uses[id]] == recvParam && isStringType(wc.info.TypeOf(x))
}

// forward builds the wrapper summary of the function making call, which
// registers through w, when the path, handler and router come from the
// function's parameters.
func (wc wrapperCtx) forward(d *detectors, call *ast.CallExpr, w *wrapperSpec) *wrapperSpec {
	args := call.Args
	if w.pathParam >= len(args) || w.handlerParam < 0 || w.handlerParam >= len(args) {
		return nil
	}
	out := &wrapperSpec{rs: w.rs, verbs: w.verbs, verbParam: -1, mount: w.mount}
	if w.verbParam >= 0 {
		if w.verbParam >= len(args) {
			return nil
		}
		if tv, ok := wc.info.Types[args[w.verbParam]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
			out.verbs = []string{constant.StringVal(tv.Value)}
		} else if i, ok := wc.derived(args[w.verbParam], 0); ok {
			out.verbParam = i
		} else {
			return nil
		}
	}
	out.pathParam = -1
	out.steps = w.steps
	if w.pathParam >= 0 {
		pp, steps, ok := wc.pathOf(args[w.pathParam], 0)
		switch {
		case ok:
			out.pathParam, out.steps = pp, append(steps, w.steps...)
		case wc.recvField(args[w.pathParam]):
			// c.r.Get(c.pattern, h...): the path the receiver was made with,
			// which its prefix holds.
		default:
			return nil
		}
	}
	hi, ok := wc.derived(args[w.handlerParam], 0)
	if !ok || hi == out.pathParam || hi == out.verbParam {
		return nil
	}
	out.handlerParam = hi
	var r ast.Expr
	switch {
	case w.routerParam == recvParam:
		r = receiver(call)
	case w.routerParam >= 0 && w.routerParam < len(args):
		r = args[w.routerParam]
	}
	out.routerParam = -1
	if r != nil {
		if i, ok := wc.routerRoot(d, r, 0); ok {
			out.routerParam = i
		}
	}
	return out
}

// pathOf reads a path built from a string parameter: p, "/x"+p, p+"/",
// path.Join("/admin", p), a local set from one of those, or what a helper
// of the module makes of it (r.getPattern(p), which adds the group prefix
// the router's own prefix stands for).
func (wc wrapperCtx) pathOf(e ast.Expr, depth int) (int, []pathStep, bool) {
	if depth > 6 {
		return 0, nil, false
	}
	e = ast.Unparen(e)
	constOf := func(e ast.Expr) (string, bool) {
		tv, ok := wc.info.Types[e]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(tv.Value), true
	}
	switch x := e.(type) {
	case *ast.Ident:
		if !isStringType(wc.info.TypeOf(x)) {
			return 0, nil, false
		}
		obj := wc.info.Uses[x]
		if i, ok := wc.params[obj]; ok && i >= 0 {
			return i, nil, true
		}
		if rs := wc.locals[obj]; len(rs) == 1 {
			return wc.pathOf(rs[0], depth+1)
		}
	case *ast.BinaryExpr:
		if l, ok := constOf(x.X); ok {
			if i, steps, ok := wc.pathOf(x.Y, depth+1); ok {
				return i, append(steps, pathStep{'p', l}), true
			}
		}
		if r, ok := constOf(x.Y); ok {
			if i, steps, ok := wc.pathOf(x.X, depth+1); ok {
				return i, append(steps, pathStep{'s', r}), true
			}
		}
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(wc.info, x).(*types.Func)
		if fn == nil {
			return 0, nil, false
		}
		if fnKey(fn) == "path.Join" && len(x.Args) == 2 {
			if l, ok := constOf(x.Args[0]); ok {
				if i, steps, ok := wc.pathOf(x.Args[1], depth+1); ok {
					return i, append(steps, pathStep{'j', l}), true
				}
			}
			return 0, nil, false
		}
		// A method of the module's router type taking the one string
		// parameter and returning a string: the path as the router sees it.
		if res := fn.Signature().Results(); fn.Signature().Recv() != nil && res.Len() == 1 && isStringType(res.At(0).Type()) && len(x.Args) == 1 {
			if rr, ok := wc.routerRootRecv(receiver(x)); ok && rr {
				return wc.pathOf(x.Args[0], depth+1)
			}
		}
	}
	return 0, nil, false
}

// routerRootRecv reports whether e is the receiver itself.
func (wc wrapperCtx) routerRootRecv(e ast.Expr) (bool, bool) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false, false
	}
	i, ok := wc.params[wc.info.Uses[id]]
	return i == recvParam, ok
}

// wrapped handles a call to a registration wrapper of the module.
func (f *epFinder) wrapped(call *ast.CallExpr, fn *types.Func, w *wrapperSpec) {
	args := call.Args
	if w.pathParam >= len(args) || w.handlerParam >= len(args) || (w.verbParam >= 0 && w.verbParam >= len(args)) {
		return
	}
	if f.insideWrapper() && f.fromParams(call) {
		return
	}
	verbs := w.verbs
	switch {
	case w.verbRest:
		verbs = f.constStrings(args[w.verbParam:], true)
	case w.verbParam >= 0:
		verbs = f.verbValues(args[w.verbParam])
	}
	var recv rprefix = absolute
	switch {
	case w.routerParam == recvParam:
		recv, _ = f.routerPrefix(receiver(call), 0)
	case w.routerParam >= 0 && w.routerParam < len(args):
		recv, _ = f.routerPrefix(args[w.routerParam], 0)
	}
	p, known := "", true
	if w.pathParam >= 0 {
		p, known = f.pathValue(args[w.pathParam])
	}
	join := w.rs.join
	if w.routerParam == recvParam && fn.Signature().Recv() != nil {
		join = f.det.typeJoin(fn.Signature().Recv().Type(), join)
	}
	full := "?"
	if known && recv.path != "?" {
		full = join.join(recv.path, applySteps(p, w.steps))
		if recv.param < 0 {
			full = join.finish(full)
		}
	}
	// h ...any: middleware come first, the handler is the last argument.
	hi := w.handlerParam
	if sig := fn.Signature(); sig.Variadic() && hi == sig.Params().Len()-1 {
		hi = len(args) - 1
	}
	if hi < 0 || hi >= len(args) {
		return
	}
	he := args[hi]
	if call.Ellipsis.IsValid() {
		// Get("/metrics", append(mid, Metrics)...): the last one appended.
		if c, ok := ast.Unparen(he).(*ast.CallExpr); ok && len(c.Args) > 1 {
			if b, ok := f.info.Uses[identOf(c.Fun)].(*types.Builtin); ok && b.Name() == "append" && !c.Ellipsis.IsValid() {
				he = c.Args[len(c.Args)-1]
			}
		}
	}
	h := f.resolveHandler(he, paramType(fn.Signature(), hi))
	if w.mount {
		h.catchAll = true
		if h.factory && h.unit != f.unitID() && known {
			f.bind(h.unit, resultParam, rprefix{path: w.rs.join.join(recv.path, p), param: recv.param}, w.rs.join)
		}
		if h.root != nil && known {
			f.mountLocal(h.root, w.rs.join.join(recv.path, p), w.rs.join)
		}
	}
	if len(verbs) == 0 {
		verbs = []string{""}
	}
	for _, v := range slices.Compact(verbs) {
		i := f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: w.rs.framework,
			Trigger: model.Trigger{Method: v, Path: full}}, call.Pos(), h)
		f.placed(i, recv, full, join)
	}
}

// wrapperRouter returns the router behind a type of the module whose
// methods register routes through wrappers (a Router over chi whose Get
// forwards to chi's Method), or nil: variables, parameters and results of
// such a type are routers, with prefixes, like the router they wrap.
func (d *detectors) wrapperRouter(n *types.Named) *routerSpec {
	if d.units == nil {
		return nil
	}
	n = n.Origin()
	if v, ok := d.wrapTypes.Load(n); ok {
		return v.(*routerSpec)
	}
	var rs *routerSpec
	if d.units.unitOf(n.Obj()) >= 0 {
		for i := 0; i < n.NumMethods() && rs == nil; i++ {
			if w := d.wrapperOf(d.units, n.Method(i)); w != nil && w.routerParam == recvParam {
				rs = w.rs
			}
		}
	}
	d.wrapTypes.Store(n, rs)
	return rs
}

// wrapperRouterOf is wrapperRouter of a (pointer to a) named type.
func (d *detectors) wrapperRouterOf(t types.Type) *routerSpec {
	if t == nil {
		return nil
	}
	if n := namedOf(t); n != nil {
		return d.wrapperRouter(n)
	}
	return nil
}

// wrapperPrefix is the prefix of a router made by a method of a wrapper
// router type: a route wrapper returning its receiver keeps it
// (Combo("/x").Get(a).Post(b)); a method returning a wrapper router and
// taking a string makes one under that prefix (Combo("/x"), Group("/v1")).
func (f *epFinder) wrapperPrefix(call *ast.CallExpr, fn *types.Func, depth int) (rprefix, bool) {
	sig := fn.Signature()
	if sig.Recv() == nil || sig.Results().Len() != 1 || f.t.unitOf(fn) < 0 {
		return absolute, false
	}
	rs := f.det.wrapperRouterOf(sig.Results().At(0).Type())
	if rs == nil || f.det.wrapperRouterOf(sig.Recv().Type()) == nil {
		return absolute, false
	}
	base, _ := f.routerPrefix(receiver(call), depth+1)
	if w := f.det.wrapperOf(f.t, fn); w != nil {
		return base, true
	}
	for i := 0; i < sig.Params().Len() && i < len(call.Args); i++ {
		if !isStringType(sig.Params().At(i).Type()) {
			continue
		}
		if p, ok := f.pathValue(call.Args[i]); ok && base.path != "?" {
			base.path = f.det.typeJoin(sig.Recv().Type(), rs.join).join(base.path, p)
		} else {
			base.path = "?"
		}
		return base, true
	}
	return base, true
}

// closureGroup is a method of a wrapper router type that scopes the
// routes registered inside a func() argument under a prefix (a group kept
// in the router's state while the function runs: r.Group("/user", func()
// { r.Get("/login", h) })).
type closureGroup struct {
	rs            *routerSpec
	pathArg, fArg int
	join          joinRule // how the group's prefix and the routes' paths combine
}

// closureOf recognises a closure group by its shape: a method of a
// wrapper router type taking a string and a func() that its body calls.
func (d *detectors) closureOf(fn *types.Func) closureGroup {
	if v, ok := d.closureFns.Load(fn); ok {
		return v.(closureGroup)
	}
	cg := d.findClosure(fn)
	d.closureFns.Store(fn, cg)
	return cg
}

func (d *detectors) findClosure(fn *types.Func) closureGroup {
	sig := fn.Signature()
	if sig.Recv() == nil || d.units == nil {
		return closureGroup{}
	}
	rs := d.wrapperRouterOf(sig.Recv().Type())
	if rs == nil {
		return closureGroup{}
	}
	cg := closureGroup{rs: rs, pathArg: -1, fArg: -1}
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		if s, ok := t.Underlying().(*types.Signature); ok && s.Params().Len() == 0 && cg.fArg < 0 {
			cg.fArg = i
		} else if isStringType(t) && cg.pathArg < 0 {
			cg.pathArg = i
		}
	}
	if cg.pathArg < 0 || cg.fArg < 0 {
		return closureGroup{}
	}
	u := d.units.unitOf(fn.Origin())
	if u < 0 {
		return closureGroup{}
	}
	fd, ok := d.units.units[u].decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return closureGroup{}
	}
	info := d.units.units[u].pkg().TypesInfo
	var fObj types.Object
	i := 0
	for _, field := range fd.Type.Params.List {
		for _, n := range field.Names {
			if i == cg.fArg {
				fObj = info.Defs[n]
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	called := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok && fObj != nil && info.Uses[id] == fObj {
				called = true
			}
		}
		return !called
	})
	if !called {
		return closureGroup{}
	}
	// r.prefix += pattern: the type keeps the prefix in its state and puts
	// it before each route's path itself, by concatenation (the router it
	// wraps only sees the full path).
	cg.join = rs.join
	var pObj types.Object
	i = 0
	for _, field := range fd.Type.Params.List {
		for _, n := range field.Names {
			if i == cg.pathArg {
				pObj = info.Defs[n]
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		if _, isField := ast.Unparen(as.Lhs[0]).(*ast.SelectorExpr); !isField {
			return true
		}
		rhs := ast.Unparen(as.Rhs[0])
		if b, ok := rhs.(*ast.BinaryExpr); ok && as.Tok == token.ASSIGN && b.Op == token.ADD {
			rhs = ast.Unparen(b.Y)
		} else if as.Tok != token.ADD_ASSIGN {
			return true
		}
		if id, ok := rhs.(*ast.Ident); ok && pObj != nil && info.Uses[id] == pObj {
			cg.join = joinConcat
		}
		return true
	})
	return cg
}

// typeJoin is how a wrapper router type combines its group prefix with a
// route's path: by its closure group's rule when it has one.
func (d *detectors) typeJoin(t types.Type, def joinRule) joinRule {
	n := namedOf(t)
	if n == nil {
		return def
	}
	if v, ok := d.typeJoins.Load(n.Origin()); ok {
		if j := v.(int); j >= 0 {
			return joinRule(j)
		}
		return def
	}
	j := -1
	for i := 0; i < n.Origin().NumMethods(); i++ {
		if cg := d.closureOf(n.Origin().Method(i)); cg.rs != nil {
			j = int(cg.join)
			break
		}
	}
	d.typeJoins.Store(n.Origin(), j)
	if j >= 0 {
		return joinRule(j)
	}
	return def
}

// closureGroup gives the registrations on the receiver inside a func
// literal argument the group's prefix.
func (f *epFinder) closureGroup(call *ast.CallExpr, cg closureGroup) {
	args := call.Args
	if cg.pathArg >= len(args) || cg.fArg >= len(args) {
		return
	}
	recv, _ := f.routerPrefix(receiver(call), 0)
	scoped := recv
	if s, ok := f.pathValue(args[cg.pathArg]); ok {
		scoped.path = cg.join.join(recv.path, s)
	} else {
		scoped.path = "?"
	}
	lit, ok := ast.Unparen(args[cg.fArg]).(*ast.FuncLit)
	deferred := false
	if !ok {
		if lit = f.deferredLit(args[cg.fArg]); lit == nil || f.depth > 8 {
			return
		}
		deferred = true
	}
	id, ok := ast.Unparen(receiver(call)).(*ast.Ident)
	if !ok || f.info.Uses[id] == nil {
		return
	}
	f.scopes = append(f.scopes, closureScope{lit.Pos(), lit.End(), f.info.Uses[id], scoped})
	if deferred {
		// Used by several groups: visited now under this one's prefix only.
		n := len(f.scopes)
		f.depth++
		f.walk(lit.Body)
		f.depth--
		f.scopes = append(f.scopes[:n-1], f.scopes[n:]...)
	}
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	return id
}

// gorillaSpec names the routes gorilla wrappers register.
var gorillaSpec = &routerSpec{framework: "gorilla/mux", key: "github.com/gorilla/mux.Router", join: joinGorilla}

var gorillaRegistration = set("github.com/gorilla/mux.Router.HandleFunc", "github.com/gorilla/mux.Router.Handle",
	"github.com/gorilla/mux.Route.HandlerFunc", "github.com/gorilla/mux.Route.Handler")

// gorillaForward summarises a wrapper registering on gorilla/mux through
// a chain (a.router.Path(path).Methods(methods...).Handler(h)): the path
// and the handler come from its parameters, the methods from parameters
// or constants.
func (wc wrapperCtx) gorillaForward(d *detectors, call *ast.CallExpr) *wrapperSpec {
	if len(call.Args) == 0 {
		return nil
	}
	out := &wrapperSpec{rs: gorillaSpec, verbParam: -1, pathParam: -1, routerParam: -1}
	hi, ok := wc.derived(call.Args[len(call.Args)-1], 0)
	if !ok {
		return nil
	}
	out.handlerParam = hi
	pathSeen := false
	readPath := func(e ast.Expr) bool {
		pathSeen = true
		pp, steps, ok := wc.pathOf(e, 0)
		if ok {
			out.pathParam, out.steps = pp, steps
		}
		return ok
	}
	var e ast.Expr = call
	for depth := 0; depth < 12; depth++ {
		c, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		fn, _ := typeutil.Callee(wc.info, c).(*types.Func)
		if fn == nil || !strings.HasPrefix(fnKey(fn), "github.com/gorilla/mux.Route") {
			break
		}
		switch fn.Name() {
		case "Path", "PathPrefix", "HandleFunc", "Handle":
			if len(c.Args) > 0 && !readPath(c.Args[0]) {
				return nil
			}
		case "Methods":
			if c.Ellipsis.IsValid() && len(c.Args) == 1 {
				// methods = append([]string{method}, methods...): from the first.
				if i, ok := wc.firstParam(c.Args[0]); ok {
					out.verbParam, out.verbRest = i, true
				}
			} else {
				for _, a := range c.Args {
					if tv, ok := wc.info.Types[a]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
						out.verbs = append(out.verbs, strings.ToUpper(constant.StringVal(tv.Value)))
					}
				}
			}
		}
		e = receiver(c)
	}
	if !pathSeen || out.handlerParam == out.pathParam {
		return nil
	}
	if i, ok := wc.routerRoot(d, e, 0); ok {
		out.routerParam = i
	}
	return out
}

// firstParam is the lowest-numbered parameter an expression uses, directly
// or through the values its locals (and reassigned parameters) were set from.
func (wc wrapperCtx) firstParam(e ast.Expr) (int, bool) {
	best, seen := -1, map[types.Object]bool{}
	var walk func(n ast.Node, depth int)
	walk = func(n ast.Node, depth int) {
		if depth > 6 {
			return
		}
		ast.Inspect(n, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := wc.info.Uses[id]
			if obj == nil || seen[obj] {
				return true
			}
			seen[obj] = true
			if i, ok := wc.params[obj]; ok && i >= 0 && (best < 0 || i < best) {
				best = i
			}
			for _, r := range wc.locals[obj] {
				walk(r, depth+1)
			}
			return true
		})
	}
	walk(e, 0)
	return best, best >= 0
}

// deferredLits finds the func literals a unit keeps in a variable and then
// hands to a closure group (m.Group("/{type:issues}", addIssueRoutes)) or
// calls with a router (addActionsRoutes(m, ...)). Their registrations
// depend on where they are used, not where they are written: the walk
// skips them and visits them at each use, with that use's prefix.
func (f *epFinder) deferredLits(decl ast.Node) map[*ast.FuncLit]types.Object {
	lits := map[types.Object]*ast.FuncLit{}
	sets := map[types.Object]int{}
	ast.Inspect(decl, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != len(as.Rhs) {
			return true
		}
		for i, l := range as.Lhs {
			id, ok := l.(*ast.Ident)
			if !ok {
				continue
			}
			obj := f.objOf(id)
			if obj == nil {
				continue
			}
			sets[obj]++
			if lit, ok := ast.Unparen(as.Rhs[i]).(*ast.FuncLit); ok {
				lits[obj] = lit
			}
		}
		return true
	})
	if len(lits) == 0 {
		return nil
	}
	var out map[*ast.FuncLit]types.Object
	use := func(obj types.Object) {
		if lit := lits[obj]; lit != nil && sets[obj] == 1 {
			if out == nil {
				out = map[*ast.FuncLit]types.Object{}
			}
			out[lit] = obj
		}
	}
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
			// addRoutes(m, ...), or addRoutes() over a router it captures.
			if lit := lits[f.info.Uses[id]]; lit != nil && (f.routerParams(lit) != nil || lit.Type.Params.NumFields() == 0) {
				use(f.info.Uses[id])
			}
			return true
		}
		fn := f.calleeOf(call)
		if fn == nil {
			return true
		}
		if cg := f.det.closureOf(fn); cg.rs != nil && cg.fArg < len(call.Args) {
			if id, ok := ast.Unparen(call.Args[cg.fArg]).(*ast.Ident); ok {
				use(f.info.Uses[id])
			}
		}
		return true
	})
	return out
}

// routerParams lists a func literal's parameters that are routers, by index.
func (f *epFinder) routerParams(lit *ast.FuncLit) map[int]types.Object {
	var out map[int]types.Object
	i := 0
	for _, field := range lit.Type.Params.List {
		for _, n := range field.Names {
			if obj := f.info.Defs[n]; obj != nil && f.det.isRouterType(obj.Type()) {
				if out == nil {
					out = map[int]types.Object{}
				}
				out[i] = obj
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return out
}

// deferredLit returns the deferred func literal a variable holds.
func (f *epFinder) deferredLit(e ast.Expr) *ast.FuncLit {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok || len(f.deferred) == 0 {
		return nil
	}
	obj := f.info.Uses[id]
	for lit, o := range f.deferred {
		if o == obj {
			return lit
		}
	}
	return nil
}

// callDeferred visits a deferred literal called with routers: its router
// parameters get the prefixes of the arguments.
func (f *epFinder) callDeferred(call *ast.CallExpr) bool {
	lit := f.deferredLit(call.Fun)
	if lit == nil || f.depth > 8 {
		return false
	}
	saved := map[types.Object]rprefix{}
	for i, obj := range f.routerParams(lit) {
		if i >= len(call.Args) {
			continue
		}
		if old, ok := f.prefix[obj]; ok {
			saved[obj] = old
		}
		p, _ := f.routerPrefix(call.Args[i], 0)
		f.prefix[obj] = p
	}
	// The groups open at the call are open in the literal.
	n := len(f.scopes)
	for _, sc := range f.scopes[:n] {
		if sc.pos <= call.Pos() && call.Pos() < sc.end {
			f.scopes = append(f.scopes, closureScope{lit.Pos(), lit.End(), sc.obj, sc.prefix})
		}
	}
	f.depth++
	f.walk(lit.Body)
	f.depth--
	f.scopes = f.scopes[:n]
	for _, obj := range f.routerParams(lit) {
		if old, ok := saved[obj]; ok {
			f.prefix[obj] = old
		} else {
			delete(f.prefix, obj)
		}
	}
	return true
}

// concreteOf maps a method of an interface type of the module to the
// method of the one wrapper router type of the module implementing that
// interface (type Router interface { Get(p string, h ...any) } over the
// application's own Router), or nil: the routes registered through the
// interface are those of its implementation. With several implementations
// it is nil, unless all of them forward the method the same way.
func (d *detectors) concreteOf(fn *types.Func) *types.Func {
	if d.units == nil || fn.Signature().Recv() == nil {
		return nil
	}
	n := namedOf(fn.Signature().Recv().Type())
	if n == nil || d.units.unitOf(n.Obj()) < 0 {
		return nil
	}
	it, ok := n.Underlying().(*types.Interface)
	if !ok {
		return nil
	}
	if v, ok := d.concrete.Load(fn); ok {
		return v.(*types.Func)
	}
	var out *types.Func
	var first *wrapperSpec
	same := true
	for _, t := range d.routerTypes() {
		var recv types.Type = t
		if !types.Implements(recv, it) {
			recv = types.NewPointer(t)
			if !types.Implements(recv, it) {
				continue
			}
		}
		obj, _, _ := types.LookupFieldOrMethod(recv, true, fn.Pkg(), fn.Name())
		m, _ := obj.(*types.Func)
		if m == nil {
			continue
		}
		w := d.wrapperOf(d.units, m)
		if out == nil {
			out, first = m, w
			continue
		}
		if w == nil || first == nil || w.pathParam != first.pathParam || w.handlerParam != first.handlerParam ||
			w.verbParam != first.verbParam || !slices.Equal(w.verbs, first.verbs) || !slices.Equal(w.steps, first.steps) {
			same = false
		}
	}
	if !same {
		out = nil
	}
	d.concrete.Store(fn, out)
	return out
}

// routerTypes lists the module's named types that are wrapper routers.
func (d *detectors) routerTypes() []*types.Named {
	d.rtOnce.Do(func() {
		d.rtDone = true
		var clean []*types.Named
		if d.lastRouterTypes != nil {
			// A partial run: the unchanged packages' router types are the
			// last run's, and they come first only where their package does.
			var err error
			if clean, err = d.lastRouterTypes(); err != nil {
				panic(needSource{err.Error()})
			}
		}
		defer func() {
			if clean == nil {
				return
			}
			all := append(clean, d.rtypes...)
			sort.SliceStable(all, func(i, j int) bool { return all[i].Obj().Pkg().Path() < all[j].Obj().Pkg().Path() })
			d.rtypes = all
		}()
		for _, u := range d.units.units {
			if u.stub {
				continue
			}
			ts := u.spec()
			if ts == nil {
				continue
			}
			tn, _ := u.pkg().TypesInfo.Defs[ts.Name].(*types.TypeName)
			if tn == nil {
				continue
			}
			n, _ := tn.Type().(*types.Named)
			if n == nil {
				continue
			}
			if _, isIface := n.Underlying().(*types.Interface); isIface {
				continue
			}
			if d.wrapperRouter(n) != nil {
				d.rtypes = append(d.rtypes, n)
			}
		}
	})
	return d.rtypes
}
