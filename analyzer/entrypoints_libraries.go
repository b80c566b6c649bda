package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Functions of dependencies that register fixed routes on the router they
// are given. Dependencies come from export data, without bodies, so what
// they register cannot be read: it is written here. The routes go through
// the router's own path rules (an application wrapper such as kratos'
// RouterAdmin puts them under /admin).

type libraryRoutes struct {
	router int      // the argument holding the router; recvParam: none
	routes []string // "METHOD /path"
}

var libraryHelpers = map[string]libraryRoutes{
	// github.com/ory/x: the health, version and metrics endpoints of the
	// ory servers (kratos, hydra, keto).
	"github.com/ory/x/healthx.Handler.SetHealthRoutes":  {0, []string{"GET /health/alive", "GET /health/ready"}},
	"github.com/ory/x/healthx.Handler.SetVersionRoutes": {0, []string{"GET /version"}},
	"github.com/ory/x/prometheusx.Handler.SetRoutes":    {0, []string{"GET /metrics/prometheus"}},
}

func init() {
	for k := range libraryHelpers {
		hook(libraryHelper, k)
	}
}

func libraryHelper(f *epFinder, call *ast.CallExpr, fn *types.Func, _ []ast.Node) {
	lr := libraryHelpers[fnKey(fn)]
	if lr.router >= len(call.Args) {
		return
	}
	arg := call.Args[lr.router]
	recv, _ := f.routerPrefix(arg, 0)
	t := f.info.TypeOf(arg)
	for _, r := range lr.routes {
		verb, p, _ := strings.Cut(r, " ")
		if m := methodNamed(t, verb); m != nil {
			if w := f.det.wrapperOf(f.t, m); w != nil {
				p = applySteps(p, w.steps)
			}
		}
		full := joinConcat.join(recv.path, p)
		h := handlerRef{unit: f.unitID(), function: fnKey(fn), targets: []string{}}
		i := f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: lastElem(fn.Pkg().Path()),
			Trigger: model.Trigger{Method: verb, Path: full}}, call.Pos(), h)
		f.placed(i, recv, full, joinConcat)
	}
}
