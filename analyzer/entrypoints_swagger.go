package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/model"
)

// go-swagger: the generated API type routes each operation in its
// initHandlerCache,
//
//	o.handlers["GET"]["/alerts"] = alert.NewGetAlerts(o.context, o.AlertGetAlertsHandler)
//
// and the application sets the operation's field to its handler,
//
//	api.AlertGetAlertsHandler = alert_ops.GetAlertsHandlerFunc(h.getAlerts)
//
// Each such assignment is an HTTP route (the method and path of the
// generated table, relative to the spec's base path) handled by what it
// assigns. The generated code is the module's own, so its table is read
// from its syntax; nothing is keyed on names but the map indexing shape.

// swaggerRoute is one operation of a generated routing table.
type swaggerRoute struct{ method, path string }

type swaggerTable struct {
	once   sync.Once
	routes map[*types.Var][]swaggerRoute // the API type's handler field → its routes
}

// swaggerRoutes returns the routes of a handler field of a generated API
// type, reading every routing table of the module the first time.
func (d *detectors) swaggerRoutes(field *types.Var) []swaggerRoute {
	d.swagger.once.Do(func() {
		d.swagger.routes = map[*types.Var][]swaggerRoute{}
		if d.units == nil {
			return
		}
		// In a partial run an unchanged package's unit has no syntax and
		// reading it starts the run again in full (partial.go): only
		// assignments to a swagger-shaped API type get here.
		for _, u := range d.units.units {
			fd, ok := u.decl().(*ast.FuncDecl)
			if !ok || fd.Body == nil || u.pkg() == nil || u.pkg().TypesInfo == nil {
				continue
			}
			readSwaggerTable(u.pkg().TypesInfo, fd.Body, func(v *types.Var, r swaggerRoute) {
				d.swagger.routes[v] = append(d.swagger.routes[v], r)
			})
		}
	})
	return d.swagger.routes[field]
}

// readSwaggerTable calls add for each route a generated routing table in body
// gives a handler field.
func readSwaggerTable(info *types.Info, body *ast.BlockStmt, add func(*types.Var, swaggerRoute)) {
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		r, ok := swaggerIndex(info, as.Lhs[0])
		if !ok {
			return true
		}
		call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		sel, ok := ast.Unparen(call.Args[len(call.Args)-1]).(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if v, ok := info.Uses[sel.Sel].(*types.Var); ok && v.IsField() {
			add(v, r)
		}
		return true
	})
}

// swaggerTables reports whether any function of p holds a routing table.
func swaggerTables(p *packages.Package) bool {
	found := false
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil && !found {
				readSwaggerTable(p.TypesInfo, fd.Body, func(*types.Var, swaggerRoute) { found = true })
			}
		}
	}
	return found
}

// swaggerIndex matches x.f[METHOD][PATH] with constant strings, x.f a map
// of maps.
func swaggerIndex(info *types.Info, e ast.Expr) (swaggerRoute, bool) {
	outer, ok := ast.Unparen(e).(*ast.IndexExpr)
	if !ok {
		return swaggerRoute{}, false
	}
	inner, ok := ast.Unparen(outer.X).(*ast.IndexExpr)
	if !ok {
		return swaggerRoute{}, false
	}
	if _, ok := ast.Unparen(inner.X).(*ast.SelectorExpr); !ok {
		return swaggerRoute{}, false
	}
	str := func(e ast.Expr) (string, bool) {
		tv, ok := info.Types[e]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			return "", false
		}
		return constant.StringVal(tv.Value), true
	}
	method, ok1 := str(inner.Index)
	path, ok2 := str(outer.Index)
	if !ok1 || !ok2 || !httpVerb[method] || len(path) == 0 || path[0] != '/' {
		return swaggerRoute{}, false
	}
	return swaggerRoute{method, path}, true
}

// swaggerAssign records the routes an assignment to a generated API type's
// handler field serves.
func (f *epFinder) swaggerAssign(l *ast.SelectorExpr, rhs ast.Expr, pos ast.Node) {
	v, ok := f.info.Uses[l.Sel].(*types.Var)
	if !ok || !v.IsField() || !swaggerShaped(f.info.TypeOf(l.X)) {
		return
	}
	routes := f.det.swaggerRoutes(v)
	if len(routes) == 0 {
		return
	}
	if swaggerStub(f.info, rhs) {
		return // the scaffold's default, which the application replaces
	}
	h := f.resolveHandler(rhs, v.Type())
	for _, r := range routes {
		f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: "go-swagger",
			Trigger: model.Trigger{Method: r.method, Path: r.path}}, pos.Pos(), h)
	}
}

// swaggerStub reports whether a handler is go-swagger's scaffold default:
// a func literal (converted to the operation's HandlerFunc) that only
// returns NotImplemented(...).
func swaggerStub(info *types.Info, e ast.Expr) bool {
	e = ast.Unparen(e)
	if c, ok := e.(*ast.CallExpr); ok && len(c.Args) == 1 {
		if tv, ok := info.Types[c.Fun]; ok && tv.IsType() {
			e = ast.Unparen(c.Args[0])
		}
	}
	lit, ok := e.(*ast.FuncLit)
	if !ok || lit.Body == nil || len(lit.Body.List) != 1 {
		return false
	}
	ret, ok := lit.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return false
	}
	call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch fn := ast.Unparen(call.Fun).(type) {
	case *ast.SelectorExpr:
		return fn.Sel.Name == "NotImplemented"
	case *ast.Ident:
		return fn.Name == "NotImplemented"
	}
	return false
}

// swaggerShaped reports whether t is (a pointer to) a struct with a routing
// table of the generated shape: a field map[string]map[string]V.
func swaggerShaped(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if t == nil {
		return false
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		m, ok := st.Field(i).Type().Underlying().(*types.Map)
		if !ok || !isStringType(m.Key()) {
			continue
		}
		if inner, ok := m.Elem().Underlying().(*types.Map); ok && isStringType(inner.Key()) {
			return true
		}
	}
	return false
}
