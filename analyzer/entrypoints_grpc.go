package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// gRPC: RegisterXServer(s, impl) with a grpc.ServiceRegistrar: every method
// of the service interface that impl implements itself is an entry point
// (not those its embedded Unimplemented stub answers); the service name is
// read from the generated ServiceDesc.

func init() {
	nameHooks = append(nameHooks, func(f *epFinder, call *ast.CallExpr, fn *types.Func) bool {
		sig := fn.Signature()
		if strings.HasPrefix(fn.Name(), "Register") && strings.HasSuffix(fn.Name(), "Server") &&
			sig.Recv() == nil && sig.Params().Len() == 2 && isGRPCRegistrar(sig.Params().At(0).Type()) {
			f.grpc(call, fn)
			return true
		}
		return false
	})
}

// grpc handles RegisterXServer(s, impl): every method of the service
// interface that impl implements itself is an entry point.
func (f *epFinder) grpc(call *ast.CallExpr, fn *types.Func) {
	sig := fn.Signature()
	if sig.Recv() != nil || sig.Params().Len() != 2 || len(call.Args) != 2 {
		return
	}
	if !isGRPCRegistrar(sig.Params().At(0).Type()) {
		return
	}
	iface, ok := types.Unalias(sig.Params().At(1).Type()).Underlying().(*types.Interface)
	if !ok {
		return
	}
	service := f.grpcServiceName(fn)
	implT := f.info.TypeOf(call.Args[1])
	if implT == nil {
		return
	}
	mset := types.NewMethodSet(implT)
	for i := 0; i < iface.NumMethods(); i++ {
		m := iface.Method(i)
		if !m.Exported() {
			continue // mustEmbedUnimplemented...
		}
		sel := mset.Lookup(m.Pkg(), m.Name())
		if sel == nil {
			continue
		}
		impl, _ := sel.Obj().(*types.Func)
		u := f.t.unitOf(impl)
		if u < 0 {
			continue
		}
		uu := f.t.units[u].unit
		if uu.Generated || strings.HasPrefix(uu.Recv, "Unimplemented") {
			continue // not implemented by the server: the generated stub answers
		}
		f.add(model.EntryPoint{Kind: model.EntryGRPC, Framework: "grpc",
			Trigger: model.Trigger{Service: service, RPC: m.Name()}, Handler: uu.ID, Function: uu.ID, Targets: []string{uu.ID}}, call.Pos())
	}
}

func isGRPCRegistrar(t types.Type) bool {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil || n.Obj().Pkg().Path() != "google.golang.org/grpc" {
		return false
	}
	name := n.Obj().Name()
	return name == "ServiceRegistrar" || name == "Server"
}

// grpcServiceName reads ServiceName from the grpc.ServiceDesc that the
// register function passes to RegisterService, when its source is in the
// module; otherwise it derives it from the function's name.
func (f *epFinder) grpcServiceName(fn *types.Func) string {
	fallback := strings.TrimSuffix(strings.TrimPrefix(fn.Name(), "Register"), "Server")
	u := f.t.unitOf(fn)
	if u < 0 {
		return fallback
	}
	ud := f.t.units[u]
	info := ud.pkg.TypesInfo
	name := ""
	ast.Inspect(ud.decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || name != "" {
			return name == ""
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "RegisterService" || len(call.Args) != 2 {
			return true
		}
		arg := ast.Unparen(call.Args[0])
		if ue, ok := arg.(*ast.UnaryExpr); ok {
			arg = ue.X
		}
		var obj types.Object
		switch a := arg.(type) {
		case *ast.Ident:
			obj = info.Uses[a]
		case *ast.SelectorExpr:
			obj = info.Uses[a.Sel]
		}
		if du := f.t.unitOf(obj); du >= 0 {
			name = serviceNameIn(f.t.units[du])
		}
		return false
	})
	if name == "" {
		return fallback
	}
	return name
}

func serviceNameIn(ud *unitDecl) string {
	name := ""
	ast.Inspect(ud.decl, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok || name != "" {
			return name == ""
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ServiceName" {
			if tv, ok := ud.pkg.TypesInfo.Types[kv.Value]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				name = constant.StringVal(tv.Value)
			}
		}
		return true
	})
	return name
}
