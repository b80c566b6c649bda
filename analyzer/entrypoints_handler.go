package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
)

// handlerRef is a resolved handler.
type handlerRef struct {
	unit     string
	function string
	targets  []string
	// factory: the handler is what a module function returns; if that
	// function registers routes itself, this registration only mounts them.
	factory bool
	// mount: the handler is (or wraps) a router value.
	mount bool
	root  types.Object // the local router variable it is, for chi's Mount
	// catchAll: registered by a mount method (chi Mount).
	catchAll bool
	lit      *ast.FuncLit // the func literal it is, for its targets from SSA
}

// handlerAdapters are library functions that turn a function of another
// shape into a handler: the argument at the index is the real handler.
var handlerAdapters = map[string]int{
	// go-kit: a transport server wraps an endpoint (makeXEndpoint(svc)).
	"github.com/go-kit/kit/transport/http.NewServer": 0,
	"github.com/go-kit/kit/transport/grpc.NewServer": 0,
}

// handlerMethod is the method a handler value of type t is called through:
// the one method of a one-method interface (http.Handler's ServeHTTP,
// cron.Job's Run, asynq.Handler's ProcessTask), else ServeHTTP.
func handlerMethod(t types.Type) string {
	if t != nil {
		if it, ok := t.Underlying().(*types.Interface); ok && it.NumMethods() == 1 {
			return it.Method(0).Name()
		}
	}
	return "ServeHTTP"
}

// resolveHandler finds the unit behind a handler expression passed where
// the framework expects a value of type htype: a func or method value, a
// func literal, a value whose type has the method the framework calls, a
// conversion, a middleware wrapping one of these, a factory of the module,
// or a local variable set from one of these. When nothing in the module can
// be named, the enclosing unit handles it.
func (f *epFinder) resolveHandler(e ast.Expr, htype types.Type) handlerRef {
	return f.resolveHandlerWant(e, handlerMethod(htype), htype)
}

func (f *epFinder) resolveHandlerWant(e ast.Expr, want string, htype types.Type) handlerRef {
	h, ok := f.tryHandler(e, want, htype, 0)
	if !ok {
		// Nothing of the module handles it (gin.WrapH(http.FileServer(fs))):
		// the enclosing unit is named, and nothing is reached from it.
		u := f.t.units[f.unit].unit
		h = handlerRef{unit: u.ID, function: u.ID, targets: []string{}}
	}
	if root, ok := f.reachesRouter(e, 0); ok {
		// A router built here (mux.Handle("/", r), StripPrefix(p, app)) is
		// handled here; a module function returning one is named.
		direct := false
		if c, ok := ast.Unparen(e).(*ast.CallExpr); ok {
			fn := f.calleeOf(c)
			direct = fn != nil && f.t.unitOf(fn) >= 0
		}
		if !direct {
			u := f.t.units[f.unit].unit
			h = handlerRef{unit: u.ID, function: u.ID, targets: []string{}}
		}
		h.mount = true
		h.root = root
	}
	return h
}

func (f *epFinder) unitRef(u int) handlerRef {
	uu := f.t.units[u].unit
	return handlerRef{unit: uu.ID, function: uu.ID, targets: []string{uu.ID}}
}

// reachesRouter reports whether a handler expression is, or wraps, a router
// value (mux.Handle("/api/", apiRouter), http.StripPrefix(p, appMux)), and
// the local variable holding it.
func (f *epFinder) reachesRouter(e ast.Expr, depth int) (types.Object, bool) {
	if e == nil || depth > 6 {
		return nil, false
	}
	e = ast.Unparen(e)
	if t := f.info.TypeOf(e); t != nil && f.det.isRouterType(t) {
		if id, ok := e.(*ast.Ident); ok {
			if obj := f.info.Uses[id]; obj != nil {
				if p, ok := f.prefix[obj]; ok && p.root != nil {
					return p.root, true
				}
			}
		}
		return nil, true
	}
	switch x := e.(type) {
	case *ast.Ident:
		if v, ok := f.info.Uses[x].(*types.Var); ok {
			for _, a := range f.lastAssigned(v, x.Pos()) {
				if r, ok := f.reachesRouter(a.rhs, depth+1); ok {
					return r, true
				}
			}
		}
	case *ast.CallExpr:
		if f.rpcCall(x) != nil {
			return nil, true // a generated RPC handler: its methods are the entry points
		}
		for _, a := range x.Args {
			if lit := compositeOf(a); lit != nil {
				if root, _ := f.gqlgenRoot(lit); root != nil {
					return nil, true // a GraphQL server: its resolvers are the entry points
				}
			}
		}
		if tv, ok := f.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return f.reachesRouter(x.Args[0], depth+1)
		}
		// An adapter or middleware, mw(h): what it wraps, when it takes it
		// as an interface (a router passed as a dependency is not wrapped).
		var sig *types.Signature
		if fn := f.calleeOf(x); fn != nil {
			sig = fn.Signature()
		} else if s, ok := f.info.TypeOf(x.Fun).Underlying().(*types.Signature); ok {
			sig = s
		}
		for i, a := range x.Args {
			if sig == nil {
				break
			}
			pt := paramType(sig, i)
			if pt == nil {
				continue
			}
			if _, isIface := pt.Underlying().(*types.Interface); !isIface {
				continue
			}
			if r, ok := f.reachesRouter(a, depth+1); ok {
				return r, true
			}
		}

	}
	return nil, false
}

func (f *epFinder) tryHandler(e ast.Expr, want string, htype types.Type, depth int) (handlerRef, bool) {
	if depth > 6 || e == nil {
		return handlerRef{}, false
	}
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.FuncLit:
		return f.literalHandler(x), true
	case *ast.Ident, *ast.SelectorExpr:
		var obj types.Object
		if id, ok := x.(*ast.Ident); ok {
			obj = f.info.Uses[id]
		} else {
			sx := x.(*ast.SelectorExpr)
			if sel := f.info.Selections[sx]; sel != nil {
				obj = sel.Obj()
				if fn, ok := obj.(*types.Func); ok && sel.Kind() == types.MethodVal && f.t.unitOf(fn) < 0 {
					// h.ServeHTTP where h is an interface value: what is h?
					return f.tryHandler(sx.X, fn.Name(), nil, depth+1)
				}
			} else {
				obj = f.info.Uses[sx.Sel]
			}
		}
		switch o := obj.(type) {
		case *types.Func:
			if u := f.t.unitOf(o); u >= 0 {
				return f.unitRef(u), true
			}
			return handlerRef{}, false
		case *types.Var:
			for _, a := range f.lastAssigned(o, e.Pos()) {
				if h, ok := f.tryHandler(a.rhs, want, htype, depth+1); ok {
					return h, true
				}
			}
		}
	case *ast.CallExpr:
		if tv, ok := f.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return f.tryHandler(x.Args[0], want, htype, depth+1) // http.HandlerFunc(f)
		}
		if fn := f.calleeOf(x); fn != nil {
			if i, ok := handlerAdapters[fnKey(fn)]; ok && i < len(x.Args) {
				return f.tryHandler(x.Args[i], "", nil, depth+1)
			}
		}
		// A middleware or adapter: the handler is the argument of a handler's
		// type (http.StripPrefix(prefix, h), mw(h)); a callback of another
		// type (serveFile(name, convert)) is not it.
		for _, a := range x.Args {
			if !f.handlerLike(f.info.TypeOf(a), want, htype) {
				continue
			}
			if h, ok := f.tryHandler(a, want, htype, depth+1); ok {
				return h, true
			}
		}
		// A handler factory of the module: newHandler(store).
		if fn := f.calleeOf(x); fn != nil {
			if u := f.t.unitOf(fn); u >= 0 {
				h := f.unitRef(u)
				h.factory = true
				return h, true
			}
		}
		if inner, ok := ast.Unparen(x.Fun).(*ast.CallExpr); ok {
			return f.tryHandler(inner, want, htype, depth+1) // mw(store)(h)
		}
		return handlerRef{}, false
	}
	// A value whose type has the wanted method: &ordersHandler{}, h.
	if want != "" {
		if t := f.info.TypeOf(e); t != nil {
			if m := methodNamed(t, want); m != nil {
				if u := f.t.unitOf(m); u >= 0 {
					return f.unitRef(u), true
				}
			}
		}
	}
	return handlerRef{}, false
}

// methodNamed returns the method name of t (or *t), if it has one and t is
// not a func type.
func methodNamed(t types.Type, name string) *types.Func {
	if _, isSig := t.Underlying().(*types.Signature); isSig {
		return nil
	}
	mset := types.NewMethodSet(t)
	if _, isPtr := t.(*types.Pointer); !isPtr && namedOf(t) != nil {
		mset = types.NewMethodSet(types.NewPointer(t))
	}
	for i := 0; i < mset.Len(); i++ {
		if fn, ok := mset.At(i).Obj().(*types.Func); ok && fn.Name() == name {
			return fn
		}
	}
	return nil
}

// handlerLike reports whether an argument of type t can be the handler a
// middleware wraps: a value of the handler's type, an http.Handler, a func
// taking the framework's request or context, or a value with the method
// the framework calls.
func (f *epFinder) handlerLike(t types.Type, want string, htype types.Type) bool {
	if t == nil {
		return false
	}
	if htype != nil && types.AssignableTo(t, htype) {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return false
	case *types.Signature:
		return f.handlerShaped(u, htype)
	case *types.Interface:
		if u.Empty() {
			return false
		}
	}
	if methodNamed(t, "ServeHTTP") != nil {
		return true
	}
	if want != "" && methodNamed(t, want) != nil {
		return true
	}
	_, isIface := t.Underlying().(*types.Interface)
	return isIface
}

// handlerShaped reports whether a func type looks like a handler: one of
// its parameters is an *http.Request, or a type of the package that
// defines the expected handler type (*gin.Context, echo.Context).
func (f *epFinder) handlerShaped(sig *types.Signature, htype types.Type) bool {
	var fw string
	if n := namedOf(htype); n != nil && n.Obj().Pkg() != nil {
		fw = n.Obj().Pkg().Path()
	} else if hs, ok := types.Unalias(htype).(*types.Signature); ok {
		for i := 0; i < hs.Params().Len(); i++ {
			if n := namedOf(hs.Params().At(i).Type()); n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() != "context" {
				fw = n.Obj().Pkg().Path()
				break
			}
		}
	}
	for i := 0; i < sig.Params().Len(); i++ {
		n := namedOf(sig.Params().At(i).Type())
		if n == nil || n.Obj().Pkg() == nil {
			continue
		}
		p := n.Obj().Pkg().Path()
		if (p == "net/http" && n.Obj().Name() == "Request") || (fw != "" && p == fw) {
			return true
		}
	}
	return false
}

// literalHandler resolves a func literal: when its body only forwards to one
// unit of the module, that unit; otherwise the enclosing unit, whose code it
// is. Its targets are the units its body calls (from SSA once the call
// graph is built), never the enclosing function.
func (f *epFinder) literalHandler(lit *ast.FuncLit) handlerRef {
	encl := f.t.units[f.unit].unit
	name := f.litNames[lit]
	if name == "" {
		name = encl.ID + "$?"
	}
	targets := slices.DeleteFunc(f.t.calledUnits(f.info, lit.Body), func(id string) bool { return id == encl.ID })
	if len(lit.Body.List) == 1 {
		var call *ast.CallExpr
		switch s := lit.Body.List[0].(type) {
		case *ast.ExprStmt:
			call, _ = ast.Unparen(s.X).(*ast.CallExpr)
		case *ast.ReturnStmt:
			if len(s.Results) == 1 {
				call, _ = ast.Unparen(s.Results[0]).(*ast.CallExpr)
			}
		}
		if call != nil {
			if fn := f.calleeOf(call); fn != nil {
				if u := f.t.unitOf(fn); u >= 0 && f.t.units[u].unit.ID != encl.ID {
					h := f.unitRef(u)
					h.function, h.lit = name, lit
					return h
				}
			}
		}
	}
	if targets == nil {
		targets = []string{}
	}
	return handlerRef{unit: encl.ID, function: name, targets: targets, lit: lit}
}
