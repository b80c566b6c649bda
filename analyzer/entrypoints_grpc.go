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
	if _, isIface := implT.Underlying().(*types.Interface); isIface {
		// RegisterIngester(i Ingester) { RegisterIngesterServer(s, i) }: the
		// servers are the concrete values its callers pass (resolveGRPC).
		if id, ok := ast.Unparen(call.Args[1]).(*ast.Ident); ok {
			if i, ok := f.params[f.info.Uses[id]]; ok && i >= 0 {
				var rpcs []string
				for j := 0; j < iface.NumMethods(); j++ {
					if m := iface.Method(j); m.Exported() {
						rpcs = append(rpcs, m.Name())
					}
				}
				pos := f.p.Fset.Position(call.Pos())
				f.res.grpcParams = append(f.res.grpcParams, grpcPending{unit: f.unitID(), param: i, service: service,
					rpcs: rpcs, file: f.ld.rel(pos.Filename), line: pos.Line})
			}
		}
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
	u := f.t.unitOf(fn)
	if u < 0 {
		return strings.TrimSuffix(strings.TrimPrefix(fn.Name(), "Register"), "Server")
	}
	id := f.t.units[u].unit.ID
	if f.t.units[u].stub {
		// A partial run: the last run's finding (partial.go).
		if name, ok := f.det.lastGRPCNames[id]; ok {
			return name
		}
		panic(needSource{id})
	}
	name := f.grpcServiceNameOf(fn, u)
	f.det.grpcNames.Store(id, name)
	return name
}

func (f *epFinder) grpcServiceNameOf(fn *types.Func, u int) string {
	fallback := strings.TrimSuffix(strings.TrimPrefix(fn.Name(), "Register"), "Server")
	ud := f.t.units[u]
	info := ud.pkg().TypesInfo
	name := ""
	ast.Inspect(ud.decl(), func(n ast.Node) bool {
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
	ast.Inspect(ud.decl(), func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok || name != "" {
			return name == ""
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ServiceName" {
			if tv, ok := ud.pkg().TypesInfo.Types[kv.Value]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
				name = constant.StringVal(tv.Value)
			}
		}
		return true
	})
	return name
}

// grpcPending is a gRPC registration of a server that came in as a
// parameter of interface type.
type grpcPending struct {
	unit    string
	param   int
	service string
	rpcs    []string
	file    string
	line    int
}

// implBinding records the concrete type a call passes to a parameter of
// an interface type of the module: the units implementing its methods.
type implBinding struct {
	callee string
	param  int
	impls  map[string]string // method → unit id
}

// bindImpls records, for a call of a module function, the methods that
// the concrete values given to its interface parameters implement.
func (f *epFinder) bindImpls(call *ast.CallExpr, fn *types.Func, callee string) {
	for i, a := range call.Args {
		pt := paramType(fn.Signature(), i)
		n := namedOf(pt)
		if n == nil || f.t.unitOf(n.Obj()) < 0 {
			continue
		}
		it, ok := n.Underlying().(*types.Interface)
		if !ok || it.NumMethods() == 0 {
			continue
		}
		at := f.info.TypeOf(a)
		if at == nil {
			continue
		}
		if _, isIface := at.Underlying().(*types.Interface); isIface {
			continue
		}
		mset := types.NewMethodSet(at)
		impls := map[string]string{}
		for j := 0; j < it.NumMethods(); j++ {
			m := it.Method(j)
			sel := mset.Lookup(m.Pkg(), m.Name())
			if sel == nil {
				continue
			}
			if u := f.t.unitOf(sel.Obj()); u >= 0 {
				uu := f.t.units[u].unit
				if !uu.Generated && !strings.HasPrefix(uu.Recv, "Unimplemented") {
					impls[m.Name()] = uu.ID
				}
			}
		}
		if len(impls) > 0 {
			f.res.impls = append(f.res.impls, implBinding{callee: callee, param: i, impls: impls})
		}
	}
}

// resolveGRPC turns the registrations of interface-typed servers into
// entry points, one per method the concrete servers passed implement.
func resolveGRPC(all []pkgEntries) []model.EntryPoint {
	type slot struct {
		unit  string
		param int
	}
	impls := map[slot][]implBinding{}
	for _, pe := range all {
		for _, b := range pe.impls {
			impls[slot{b.callee, b.param}] = append(impls[slot{b.callee, b.param}], b)
		}
	}
	var out []model.EntryPoint
	seen := map[string]bool{}
	for _, pe := range all {
		for _, g := range pe.grpcParams {
			for _, b := range impls[slot{g.unit, g.param}] {
				for _, rpc := range g.rpcs {
					h, ok := b.impls[rpc]
					if !ok || seen[g.service+"/"+rpc+" "+h] {
						continue
					}
					seen[g.service+"/"+rpc+" "+h] = true
					ep := model.EntryPoint{Kind: model.EntryGRPC, Framework: "grpc", Trigger: model.Trigger{Service: g.service, RPC: rpc},
						Handler: h, Function: h, Targets: []string{h}, File: g.file, Line: g.line}
					ep.ID = entryID(ep)
					out = append(out, ep)
				}
			}
		}
	}
	return out
}
