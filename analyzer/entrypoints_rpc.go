package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// RPC layers over HTTP whose code is generated into the module:
//   - connect-go: NewXServiceHandler(impl) returns (path, http.Handler);
//   - twirp: NewXServer(impl) returns a TwirpServer;
// each method of the service interface that impl implements is an entry
// point (kind grpc, framework connect or twirp), and the mux.Handle(path,
// h) that serves the returned handler is a mount.

func init() {
	nameHooks = append(nameHooks, func(f *epFinder, call *ast.CallExpr, fn *types.Func) bool {
		r := rpcConstructor(fn)
		if r == nil {
			return false
		}
		f.rpcService(call, r)
		return true
	})
	families = append(families,
		family{name: "connect", frameworks: []string{"connect"}, pkgs: []string{"connectrpc.com/connect", "github.com/bufbuild/connect-go"}},
		family{name: "twirp", frameworks: []string{"twirp"}, pkgs: []string{"github.com/twitchtv/twirp"}})
}

// rpcInfo describes a generated handler constructor.
type rpcInfo struct {
	framework string
	service   string // package.Service
	path      string // the path prefix it serves
}

// rpcConstructor recognises connect's NewXHandler and twirp's NewXServer
// by their types, and reads the service name from the generated constants.
func rpcConstructor(fn *types.Func) *rpcInfo {
	sig := fn.Signature()
	if sig.Recv() != nil || sig.Params().Len() < 1 || !strings.HasPrefix(fn.Name(), "New") || fn.Pkg() == nil {
		return nil
	}
	if _, isIface := sig.Params().At(0).Type().Underlying().(*types.Interface); !isIface {
		return nil
	}
	scope := fn.Pkg().Scope()
	constant := func(name string) string {
		if c, ok := scope.Lookup(name).(*types.Const); ok && c.Val().Kind() == constantString {
			return constantValue(c)
		}
		return ""
	}
	res := sig.Results()
	switch {
	case strings.HasSuffix(fn.Name(), "Handler") && res.Len() == 2 && isStringType(res.At(0).Type()) && isNamed(res.At(1).Type(), "net/http", "Handler"):
		base := strings.TrimSuffix(strings.TrimPrefix(fn.Name(), "New"), "Handler")
		svc := constant(base + "Name")
		if svc == "" {
			return nil
		}
		return &rpcInfo{framework: "connect", service: svc, path: "/" + svc + "/"}
	case strings.HasSuffix(fn.Name(), "Server") && res.Len() == 1 && isNamed(res.At(0).Type(), fn.Pkg().Path(), "TwirpServer"):
		base := strings.TrimSuffix(strings.TrimPrefix(fn.Name(), "New"), "Server")
		prefix := constant(base + "PathPrefix")
		if prefix == "" {
			return nil
		}
		svc := strings.TrimSuffix(prefix[strings.LastIndex(strings.TrimSuffix(prefix, "/"), "/")+1:], "/")
		return &rpcInfo{framework: "twirp", service: svc, path: prefix}
	}
	return nil
}

func isNamed(t types.Type, pkg, name string) bool {
	n := namedOf(t)
	return n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

// rpcService adds an entry point per method impl implements.
func (f *epFinder) rpcService(call *ast.CallExpr, r *rpcInfo) {
	fn := f.calleeOf(call)
	if len(call.Args) == 0 || fn == nil {
		return
	}
	iface, _ := fn.Signature().Params().At(0).Type().Underlying().(*types.Interface)
	implT := f.info.TypeOf(call.Args[0])
	if iface == nil || implT == nil {
		return
	}
	for i := 0; i < iface.NumMethods(); i++ {
		m := iface.Method(i)
		impl := methodNamed(implT, m.Name())
		if impl == nil {
			continue
		}
		u := f.t.unitOf(impl)
		if u < 0 || strings.HasPrefix(f.t.units[u].unit.Recv, "Unimplemented") {
			continue
		}
		f.addHandled(model.EntryPoint{Kind: model.EntryGRPC, Framework: r.framework,
			Trigger: model.Trigger{Service: r.service, RPC: m.Name()}}, call.Pos(), f.unitRef(u))
	}
}

// rpcCall reports whether e is a call to a generated RPC handler constructor.
func (f *epFinder) rpcCall(e ast.Expr) *rpcInfo {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return nil
	}
	if fn := f.calleeOf(c); fn != nil {
		return rpcConstructor(fn)
	}
	return nil
}

const constantString = constant.String

func constantValue(c *types.Const) string { return constant.StringVal(c.Val()) }
