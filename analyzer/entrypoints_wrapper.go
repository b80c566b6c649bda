package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"path"
	"slices"

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
	pathParam    int
	steps        []pathStep // turn the caller's path into the registered one
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
	fd, ok := t.units[u].decl.(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return nil
	}
	info := t.units[u].pkg.TypesInfo
	params := map[types.Object]int{}
	i := 0
	for _, field := range fd.Type.Params.List {
		for _, n := range field.Names {
			if obj := info.Defs[n]; obj != nil {
				params[obj] = i
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	if fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 {
		if obj := info.Defs[fd.Recv.List[0].Names[0]]; obj != nil {
			params[obj] = recvParam
		}
	}
	wc := wrapperCtx{info: info, params: params}
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
		if rs, m := d.routerMethod(cfn); rs != nil && m.kind == mRoute && m.verbsArg < 0 && m.pathArg >= 0 {
			w = &wrapperSpec{rs: rs, verbs: m.verbs, verbParam: m.verbArg, pathParam: m.pathArg,
				handlerParam: m.handlerArg, routerParam: recvParam}
			if w.handlerParam == -1 {
				w.handlerParam = len(call.Args) - 1
			}
		} else if t.unitOf(cfn) >= 0 {
			w = d.wrapperLocked(t, cfn, depth+1)
		}
		if w == nil {
			return true
		}
		found = wc.forward(call, w)
		return found == nil
	})
	d.wrappers[fn] = found
	return found
}

// wrapperShaped: a wrapper takes a path (a string) and a handler.
func wrapperShaped(sig *types.Signature) bool {
	str, other := false, false
	for i := 0; i < sig.Params().Len(); i++ {
		switch u := sig.Params().At(i).Type().Underlying().(type) {
		case *types.Basic:
			if u.Info()&types.IsString != 0 {
				str = true
			}
		case *types.Signature, *types.Interface, *types.Pointer, *types.Struct:
			other = true
		}
	}
	return str && other
}

type wrapperCtx struct {
	info   *types.Info
	params map[types.Object]int
}

// forward builds the wrapper summary of the function making call, which
// registers through w, when the path, handler and router come from the
// function's parameters.
func (wc wrapperCtx) forward(call *ast.CallExpr, w *wrapperSpec) *wrapperSpec {
	args := call.Args
	if w.pathParam >= len(args) || w.handlerParam < 0 || w.handlerParam >= len(args) {
		return nil
	}
	out := &wrapperSpec{rs: w.rs, verbs: w.verbs, verbParam: -1}
	if w.verbParam >= 0 {
		if w.verbParam >= len(args) {
			return nil
		}
		if tv, ok := wc.info.Types[args[w.verbParam]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
			out.verbs = []string{constant.StringVal(tv.Value)}
		} else if i, ok := wc.param(args[w.verbParam]); ok && i >= 0 {
			out.verbParam = i
		} else {
			return nil
		}
	}
	pp, steps, ok := wc.pathOf(args[w.pathParam])
	if !ok {
		return nil
	}
	out.pathParam, out.steps = pp, append(steps, w.steps...)
	out.handlerParam = -1
	ast.Inspect(args[w.handlerParam], func(n ast.Node) bool {
		if i, ok := wc.param(n); ok && i >= 0 && out.handlerParam < 0 {
			out.handlerParam = i
		}
		return out.handlerParam < 0
	})
	if out.handlerParam < 0 {
		return nil
	}
	var r ast.Expr
	switch {
	case w.routerParam == recvParam:
		r = receiver(call)
	case w.routerParam >= 0 && w.routerParam < len(args):
		r = args[w.routerParam]
	}
	out.routerParam = -1
	if r != nil {
		if sel, ok := ast.Unparen(r).(*ast.SelectorExpr); ok {
			r = sel.X // r.Router: the receiver's embedded router
		}
		if i, ok := wc.param(r); ok {
			out.routerParam = i
		}
	}
	return out
}

// param reports which parameter an identifier is.
func (wc wrapperCtx) param(n ast.Node) (int, bool) {
	id, ok := n.(*ast.Ident)
	if !ok {
		if e, isExpr := n.(ast.Expr); isExpr {
			id, ok = ast.Unparen(e).(*ast.Ident)
		}
		if !ok {
			return 0, false
		}
	}
	i, ok := wc.params[wc.info.Uses[id]]
	return i, ok
}

// pathOf reads a path built from a string parameter: p, "/x"+p, p+"/",
// path.Join("/admin", p).
func (wc wrapperCtx) pathOf(e ast.Expr) (int, []pathStep, bool) {
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
		if i, ok := wc.param(x); ok && i >= 0 && isStringType(wc.info.TypeOf(x)) {
			return i, nil, true
		}
	case *ast.BinaryExpr:
		if l, ok := constOf(x.X); ok {
			if i, steps, ok := wc.pathOf(x.Y); ok {
				return i, append(steps, pathStep{'p', l}), true
			}
		}
		if r, ok := constOf(x.Y); ok {
			if i, steps, ok := wc.pathOf(x.X); ok {
				return i, append(steps, pathStep{'s', r}), true
			}
		}
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(wc.info, x).(*types.Func)
		if fn != nil && fnKey(fn) == "path.Join" && len(x.Args) == 2 {
			if l, ok := constOf(x.Args[0]); ok {
				if i, steps, ok := wc.pathOf(x.Args[1]); ok {
					return i, append(steps, pathStep{'j', l}), true
				}
			}
		}
	}
	return 0, nil, false
}

// wrapped handles a call to a registration wrapper of the module.
func (f *epFinder) wrapped(call *ast.CallExpr, fn *types.Func, w *wrapperSpec) {
	args := call.Args
	if w.pathParam >= len(args) || w.handlerParam >= len(args) {
		return
	}
	if f.insideWrapper() && f.fromParams(call) {
		return
	}
	verbs := w.verbs
	if w.verbParam >= 0 && w.verbParam < len(args) {
		verbs = f.verbValues(args[w.verbParam])
	}
	var recv rprefix = absolute
	switch {
	case w.routerParam == recvParam:
		recv, _ = f.routerPrefix(receiver(call), 0)
	case w.routerParam >= 0 && w.routerParam < len(args):
		recv, _ = f.routerPrefix(args[w.routerParam], 0)
	}
	full := "?"
	if p, ok := f.pathValue(args[w.pathParam]); ok && recv.path != "?" {
		full = w.rs.join.join(recv.path, applySteps(p, w.steps))
		if recv.param < 0 {
			full = w.rs.join.finish(full)
		}
	}
	h := f.resolveHandler(args[w.handlerParam], paramType(fn.Signature(), w.handlerParam))
	if len(verbs) == 0 {
		verbs = []string{""}
	}
	for _, v := range slices.Compact(verbs) {
		i := f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: w.rs.framework,
			Trigger: model.Trigger{Method: v, Path: full}}, call.Pos(), h)
		f.placed(i, recv, full, w.rs.join)
	}
}
