package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// gorilla/mux: Router.HandleFunc/Handle and Route.HandlerFunc/Handler,
// reading .Methods(...) and .Path(...) on both sides of the call and the
// prefix of PathPrefix(...).Subrouter(). Written as code: a route is a
// chain of calls, not one call.

func init() {
	hook(gorilla, "github.com/gorilla/mux.Router.HandleFunc", "github.com/gorilla/mux.Router.Handle",
		"github.com/gorilla/mux.Route.HandlerFunc", "github.com/gorilla/mux.Route.Handler")
	prefixHooks["github.com/gorilla/mux.Route.Subrouter"] = func(f *epFinder, call *ast.CallExpr, _ int) (rprefix, bool) {
		c, _ := f.gorillaRoute(receiver(call), 0)
		return rprefix{path: c.path, param: c.base}, true
	}
	prefixHooks["github.com/gorilla/mux.Router.NewRoute"] = func(f *epFinder, call *ast.CallExpr, depth int) (rprefix, bool) {
		return f.routerPrefix(receiver(call), depth+1)
	}
	families = append(families, family{name: "gorilla/mux", frameworks: []string{"gorilla/mux"}, pkgs: []string{"github.com/gorilla/mux"}})
}

// gorillaChain is what a chain of *mux.Route calls says about a route.
type gorillaChain struct {
	path    string
	methods []string
	base    int // the router parameter the chain starts from, or -1
}

// gorillaRoute walks down a *mux.Route (or *mux.Router) expression: its
// Path/PathPrefix/Methods calls and the prefix of the router it started from.
func (f *epFinder) gorillaRoute(e ast.Expr, depth int) (gorillaChain, bool) {
	c := gorillaChain{base: -1}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || depth > 16 {
		p, ok := f.routerPrefix(e, 0)
		c.path, c.base = p.path, p.param
		return c, ok
	}
	fn := f.calleeOf(call)
	if fn == nil {
		return c, false
	}
	key := fnKey(fn)
	if !strings.HasPrefix(key, "github.com/gorilla/mux.Route") {
		p, ok := f.routerPrefix(e, 0)
		c.path, c.base = p.path, p.param
		return c, ok
	}
	c, _ = f.gorillaRoute(receiver(call), depth+1)
	switch fn.Name() {
	case "Path", "PathPrefix", "HandleFunc", "Handle":
		if len(call.Args) > 0 {
			if p, ok := f.constString(call.Args[0]); ok {
				c.path = joinGorilla.join(c.path, p)
			} else {
				c.path += "?"
			}
		}
	case "Methods":
		c.methods = append(c.methods, f.constStrings(call.Args, true)...)
	}
	return c, true
}

func gorilla(f *epFinder, call *ast.CallExpr, fn *types.Func, stack []ast.Node) {
	if len(call.Args) == 0 {
		return
	}
	if f.insideWrapper() && f.fromParams(call) {
		return // a wrapper of the module: its callers register the routes
	}
	c, _ := f.gorillaRoute(call, 0)
	// Calls chained after this one: r.HandleFunc(...).Methods("GET").Name("x").
	cur := ast.Node(call)
	for i := len(stack) - 1; i >= 1; i-- {
		if stack[i] == cur {
			continue
		}
		sel, ok := stack[i].(*ast.SelectorExpr)
		if !ok || sel.X != cur {
			break
		}
		outer, ok := stack[i-1].(*ast.CallExpr)
		if !ok || outer.Fun != sel {
			break
		}
		ofn := f.calleeOf(outer)
		if ofn == nil || !strings.HasPrefix(fnKey(ofn), "github.com/gorilla/mux.Route.") {
			break
		}
		switch ofn.Name() {
		case "Methods":
			c.methods = append(c.methods, f.constStrings(outer.Args, true)...)
		case "Path", "PathPrefix":
			if len(outer.Args) > 0 {
				if p, ok := f.constString(outer.Args[0]); ok {
					c.path = joinGorilla.join(c.path, p)
				}
			}
		}
		cur = outer
		i--
	}
	if strings.Contains(c.path, "?") {
		c.path = "?"
	}
	last := len(call.Args) - 1
	h := f.resolveHandler(call.Args[last], paramType(fn.Signature(), last))
	if len(c.methods) == 0 {
		c.methods = []string{""}
	}
	for _, m := range c.methods {
		i := f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: "gorilla/mux",
			Trigger: model.Trigger{Method: m, Path: c.path}}, call.Pos(), h)
		f.placed(i, rprefix{param: c.base}, c.path, joinGorilla)
	}
}
