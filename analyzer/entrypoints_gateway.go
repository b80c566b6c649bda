package analyzer

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/splitter-go/splitter/model"
)

// grpc-gateway: the generated RegisterXHandlerServer(ctx, mux, impl)
// registers mux.Handle("GET", pattern_X_M_0, func(...) { local_request_X_M_0(
// ..., server, ...) }) per RPC; each is an HTTP route handled by impl's
// method M, its path decoded from the pattern's op codes. The generated
// function's own mux.Handle calls are left to its call sites. (The
// FromEndpoint and Client forms forward to a remote server, whose methods
// are its entry points.)

const gatewayRuntime = "github.com/grpc-ecosystem/grpc-gateway/runtime"

func init() {
	hook(func(f *epFinder, call *ast.CallExpr, fn *types.Func, _ []ast.Node) {}, gatewayRuntime+".ServeMux.Handle")
	builtinRouters = append(builtinRouters, RouterDecl{Framework: "grpc-gateway", Package: gatewayRuntime, Type: "ServeMux",
		Methods: map[string]string{"HandlePath": "arg0"}, Handler: -1})
	nameHooks = append(nameHooks, func(f *epFinder, call *ast.CallExpr, fn *types.Func) bool {
		if !isGatewayRegistrar(fn) {
			return false
		}
		f.gatewayServer(call, fn)
		return true
	})
	families = append(families, family{name: "grpc-gateway", frameworks: []string{"grpc-gateway", "grpc"}, pkgs: []string{gatewayRuntime}})
}

// isGatewayRegistrar: RegisterXHandlerServer(ctx, mux *runtime.ServeMux, server XServer) error.
func isGatewayRegistrar(fn *types.Func) bool {
	if !strings.HasPrefix(fn.Name(), "Register") || !strings.HasSuffix(fn.Name(), "HandlerServer") {
		return false
	}
	sig := fn.Signature()
	if sig.Recv() != nil || sig.Params().Len() != 3 {
		return false
	}
	n := namedOf(sig.Params().At(1).Type())
	if n == nil || n.Obj().Pkg() == nil || stripMajor(n.Obj().Pkg().Path())+"."+n.Obj().Name() != gatewayRuntime+".ServeMux" {
		return false
	}
	_, isIface := sig.Params().At(2).Type().Underlying().(*types.Interface)
	return isIface
}

func (f *epFinder) gatewayServer(call *ast.CallExpr, fn *types.Func) {
	u := f.t.unitOf(fn)
	if u < 0 || len(call.Args) != 3 {
		return
	}
	fd, ok := f.t.units[u].decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return
	}
	info := f.t.units[u].pkg().TypesInfo
	impl := f.info.TypeOf(call.Args[2])
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || len(c.Args) != 3 {
			return true
		}
		cfn, _ := typeutil.Callee(info, c).(*types.Func)
		if cfn == nil || fnKey(cfn) != gatewayRuntime+".ServeMux.Handle" {
			return true
		}
		method, ok := constIn(info, c.Args[0])
		if !ok {
			method = "?"
		}
		path := f.gatewayPattern(info, c.Args[1])
		h := handlerRef{unit: f.unitID(), function: f.unitID(), targets: []string{}}
		if lit, ok := c.Args[2].(*ast.FuncLit); ok {
			h = f.gatewayHandler(info, lit, impl)
		}
		f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: "grpc-gateway",
			Trigger: model.Trigger{Method: method, Path: path}}, call.Pos(), h)
		return true
	})
}

// gatewayPattern decodes pattern_X = runtime.MustPattern(runtime.NewPattern(
// 1, []int{ops...}, []string{pool...}, verb)) into a path template.
func (f *epFinder) gatewayPattern(info *types.Info, e ast.Expr) string {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return "?"
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return "?"
	}
	u := f.t.unitOf(v)
	if u < 0 {
		return "?"
	}
	var newPattern *ast.CallExpr
	uinfo := f.t.units[u].pkg().TypesInfo
	ast.Inspect(f.t.units[u].decl(), func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || newPattern != nil {
			return newPattern == nil
		}
		for i, name := range vs.Names {
			if uinfo.Defs[name] == v && i < len(vs.Values) {
				ast.Inspect(vs.Values[i], func(m ast.Node) bool {
					if c, ok := m.(*ast.CallExpr); ok && newPattern == nil {
						if cfn, _ := typeutil.Callee(uinfo, c).(*types.Func); cfn != nil && cfn.Name() == "NewPattern" && len(c.Args) == 4 {
							newPattern = c
						}
					}
					return newPattern == nil
				})
			}
		}
		return true
	})
	if newPattern == nil {
		return "?"
	}
	ints := func(e ast.Expr) ([]int, bool) {
		lit, ok := ast.Unparen(e).(*ast.CompositeLit)
		if !ok {
			return nil, false
		}
		var out []int
		for _, el := range lit.Elts {
			tv, ok := uinfo.Types[el]
			if !ok || tv.Value == nil {
				return nil, false
			}
			n, err := strconv.Atoi(tv.Value.ExactString())
			if err != nil {
				return nil, false
			}
			out = append(out, n)
		}
		return out, true
	}
	ops, ok := ints(newPattern.Args[1])
	if !ok || len(ops)%2 != 0 {
		return "?"
	}
	var pool []string
	if lit, ok := ast.Unparen(newPattern.Args[2]).(*ast.CompositeLit); ok {
		for _, el := range lit.Elts {
			s, _ := constIn(uinfo, el)
			pool = append(pool, s)
		}
	}
	verb, _ := constIn(uinfo, newPattern.Args[3])
	return decodeGatewayPattern(ops, pool, verb)
}

// decodeGatewayPattern turns grpc-gateway's op codes back into the path
// template they match: /v1/{name=messages/*}:publish.
func decodeGatewayPattern(ops []int, pool []string, verb string) string {
	var stack []string
	str := func(i int) string {
		if i >= 0 && i < len(pool) {
			return pool[i]
		}
		return "?"
	}
	for i := 0; i+1 < len(ops); i += 2 {
		switch op, arg := ops[i], ops[i+1]; op {
		case 1: // OpPush
			stack = append(stack, "*")
		case 2: // OpLitPush
			stack = append(stack, str(arg))
		case 3: // OpPushM
			stack = append(stack, "**")
		case 4: // OpConcatN
			if arg > len(stack) || arg <= 0 {
				return "?"
			}
			joined := strings.Join(stack[len(stack)-arg:], "/")
			stack = append(stack[:len(stack)-arg], joined)
		case 5: // OpCapture
			if len(stack) == 0 {
				return "?"
			}
			top := stack[len(stack)-1]
			if top == "*" {
				stack[len(stack)-1] = "{" + str(arg) + "}"
			} else {
				stack[len(stack)-1] = "{" + str(arg) + "=" + top + "}"
			}
		}
	}
	p := "/" + strings.Join(stack, "/")
	if verb != "" {
		p += ":" + verb
	}
	return p
}

// gatewayHandler finds impl's method behind the handler literal: the one
// the local_request_X_M_0 it calls calls on its server parameter.
func (f *epFinder) gatewayHandler(info *types.Info, lit *ast.FuncLit, impl types.Type) handlerRef {
	fallback := handlerRef{unit: f.unitID(), function: f.unitID(), targets: []string{}}
	method := ""
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok || method != "" {
			return method == ""
		}
		gfn, _ := typeutil.Callee(info, c).(*types.Func)
		if gfn == nil || !strings.HasPrefix(gfn.Name(), "local_request_") {
			return true
		}
		gu := f.t.unitOf(gfn)
		if gu < 0 {
			return true
		}
		gd, ok := f.t.units[gu].decl().(*ast.FuncDecl)
		if !ok || gd.Body == nil {
			return true
		}
		ginfo := f.t.units[gu].pkg().TypesInfo
		var server types.Object
		for _, fl := range gd.Type.Params.List {
			for _, n := range fl.Names {
				if n.Name == "server" {
					server = ginfo.Defs[n]
				}
			}
		}
		ast.Inspect(gd.Body, func(m ast.Node) bool {
			if sel, ok := m.(*ast.SelectorExpr); ok && method == "" {
				if id, ok := sel.X.(*ast.Ident); ok && server != nil && ginfo.Uses[id] == server {
					method = sel.Sel.Name
				}
			}
			return method == ""
		})
		return method == ""
	})
	if m := methodNamed(impl, method); m != nil && impl != nil {
		if u := f.t.unitOf(m); u >= 0 {
			return f.unitRef(u)
		}
	}
	return fallback
}
