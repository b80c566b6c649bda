package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/splitter-go/splitter/model"
)

// go-kratos (github.com/go-kratos/kratos/v2): transport/http's Router (the
// handler right after the path, filters after it, prefixes joined with
// path.Join), and the HTTP servers protoc-gen-go-http generates:
// RegisterXHTTPServer(s, impl) registers r.GET(path, _X_M0_HTTP_Handler(srv))
// for each RPC; the entry point is handled by impl's method M (the
// generated function's own routes, whose handler is an interface, are left
// to the call sites).

const kratosHTTP = "github.com/go-kratos/kratos/transport/http"

func init() {
	builtinRouters = append(builtinRouters,
		RouterDecl{Framework: "kratos", Package: kratosHTTP, Type: "Router", Handler: 1, Join: "gin", Methods: map[string]string{
			"GET": "GET", "POST": "POST", "PUT": "PUT", "PATCH": "PATCH", "DELETE": "DELETE",
			"HEAD": "HEAD", "OPTIONS": "OPTIONS", "CONNECT": "CONNECT", "TRACE": "TRACE",
			"Handle": "arg0", "Group": "group"}},
		RouterDecl{Framework: "kratos", Package: kratosHTTP, Type: "Server", Handler: 1, Join: "gin", Methods: map[string]string{
			"Route": "group", "Handle": "ANY", "HandleFunc": "ANY", "HandlePrefix": "mount suffix=/*"}})
	nameHooks = append(nameHooks, func(f *epFinder, call *ast.CallExpr, fn *types.Func) bool {
		if !isKratosRegistrar(fn) {
			return false
		}
		f.kratosServer(call, fn)
		return true
	})
	families = append(families, family{name: "go-kratos", frameworks: []string{"kratos"}, pkgs: []string{kratosHTTP}})
}

// isKratosRegistrar: RegisterXHTTPServer(s *http.Server, srv XHTTPServer).
func isKratosRegistrar(fn *types.Func) bool {
	if !strings.HasPrefix(fn.Name(), "Register") || !strings.HasSuffix(fn.Name(), "HTTPServer") {
		return false
	}
	sig := fn.Signature()
	if sig.Recv() != nil || sig.Params().Len() != 2 {
		return false
	}
	n := namedOf(sig.Params().At(0).Type())
	if n == nil || n.Obj().Pkg() == nil || stripMajor(n.Obj().Pkg().Path())+"."+n.Obj().Name() != kratosHTTP+".Server" {
		return false
	}
	_, isIface := sig.Params().At(1).Type().Underlying().(*types.Interface)
	return isIface
}

// inKratosRegistrar reports whether the enclosing unit is a generated
// RegisterXHTTPServer.
func (f *epFinder) inKratosRegistrar() bool {
	fd, ok := f.t.units[f.unit].decl().(*ast.FuncDecl)
	if !ok {
		return false
	}
	fn, _ := f.info.Defs[fd.Name].(*types.Func)
	return fn != nil && isKratosRegistrar(fn)
}

func (f *epFinder) kratosServer(call *ast.CallExpr, fn *types.Func) {
	u := f.t.unitOf(fn)
	if u < 0 || len(call.Args) != 2 {
		return
	}
	fd, ok := f.t.units[u].decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return
	}
	info := f.t.units[u].pkg().TypesInfo
	impl := f.info.TypeOf(call.Args[1])
	base, _ := f.routerPrefix(call.Args[0], 0)
	prefixes := map[types.Object]string{}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			// r := s.Route("/")
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 {
				if id, ok := n.Lhs[0].(*ast.Ident); ok {
					if c, ok := n.Rhs[0].(*ast.CallExpr); ok {
						if cfn, _ := typeutil.Callee(info, c).(*types.Func); cfn != nil && cfn.Name() == "Route" && len(c.Args) > 0 {
							if p, ok := constIn(info, c.Args[0]); ok {
								prefixes[info.Defs[id]] = p
							}
						}
					}
				}
			}
		case *ast.CallExpr:
			cfn, _ := typeutil.Callee(info, n).(*types.Func)
			if cfn == nil || fnKey(cfn) != kratosHTTP+".Router."+cfn.Name() || !httpVerb[cfn.Name()] || len(n.Args) < 2 {
				return true
			}
			p, ok := constIn(info, n.Args[0])
			if !ok {
				return true
			}
			prefix := ""
			if id, ok := ast.Unparen(receiver(n)).(*ast.Ident); ok {
				prefix = prefixes[info.Uses[id]]
			}
			full := "?"
			if base.path != "?" {
				full = joinGin.finish(joinGin.join(joinGin.join(base.path, prefix), p))
			}
			h := f.kratosHandler(info, n.Args[1], impl)
			i := f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: "kratos",
				Trigger: model.Trigger{Method: cfn.Name(), Path: full}}, call.Pos(), h)
			f.placed(i, base, full, joinGin)
		}
		return true
	})
}

func constIn(info *types.Info, e ast.Expr) (string, bool) {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return "", false
	}
	return strings.Trim(tv.Value.ExactString(), `"`), true
}

// kratosHandler resolves _X_M0_HTTP_Handler(srv) to impl's method M, the
// one the generated handler calls on srv.
func (f *epFinder) kratosHandler(info *types.Info, e ast.Expr, impl types.Type) handlerRef {
	fallback := handlerRef{unit: f.unitID(), function: f.unitID(), targets: []string{}}
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return fallback
	}
	gfn, _ := typeutil.Callee(info, c).(*types.Func)
	if gfn == nil {
		return fallback
	}
	gu := f.t.unitOf(gfn)
	if gu < 0 {
		return fallback
	}
	gd, ok := f.t.units[gu].decl().(*ast.FuncDecl)
	if !ok || gd.Body == nil || len(gd.Type.Params.List) == 0 || len(gd.Type.Params.List[0].Names) == 0 {
		return f.unitRef(gu)
	}
	ginfo := f.t.units[gu].pkg().TypesInfo
	srv := ginfo.Defs[gd.Type.Params.List[0].Names[0]]
	method := ""
	ast.Inspect(gd.Body, func(n ast.Node) bool {
		sel, ok := n.(*ast.SelectorExpr)
		if !ok || method != "" {
			return method == ""
		}
		if id, ok := sel.X.(*ast.Ident); ok && ginfo.Uses[id] == srv {
			method = sel.Sel.Name
		}
		return true
	})
	if m := methodNamed(impl, method); m != nil && impl != nil {
		if u := f.t.unitOf(m); u >= 0 {
			return f.unitRef(u)
		}
	}
	return f.unitRef(gu)
}
