package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/splitter-go/splitter/model"
)

// Entry points are found by the types of the calls that register them, never
// by names alone: a method called GET on a type of the user's own is not a
// route. Each framework is recognised by its package path and receiver type.

// fnKey names a function or method as "pkgpath.Name" or "pkgpath.Recv.Name",
// with major-version elements removed from the path
// (github.com/jackc/pgx/v5/pgxpool → github.com/jackc/pgx/pgxpool).
func fnKey(fn *types.Func) string {
	if fn == nil || fn.Pkg() == nil {
		return ""
	}
	p := stripMajor(fn.Pkg().Path())
	if recv := fn.Signature().Recv(); recv != nil {
		if n := namedOf(recv.Type()); n != nil {
			return p + "." + n.Obj().Name() + "." + fn.Name()
		}
		return p + ".?." + fn.Name()
	}
	return p + "." + fn.Name()
}

// httpVerbs maps a framework's method names to HTTP methods.
var httpVerbs = map[string]string{
	"GET": "GET", "POST": "POST", "PUT": "PUT", "PATCH": "PATCH", "DELETE": "DELETE",
	"HEAD": "HEAD", "OPTIONS": "OPTIONS", "CONNECT": "CONNECT", "TRACE": "TRACE",
	"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
	"Head": "HEAD", "Options": "OPTIONS", "Connect": "CONNECT", "Trace": "TRACE",
}

// routerFramework describes one HTTP router library.
type routerFramework struct {
	name  string
	pkg   string          // import path without major version
	types map[string]bool // receiver types whose methods register routes
	// handlerArg picks the handler among the args: -1 means the last one
	// (middleware come first), n > 0 the n-th after the path.
	handlerArg int
	// verbArgs: method name → index of the method arg (for Handle/Add/Method),
	// or -1 when the name is the verb or means "any method".
	anyMethods map[string]bool // names that register for any method
	verbArgs   map[string]int  // names whose first arg is the HTTP method
	groups     map[string]bool // names that return a prefixed router: Group(prefix, ...)
	scoped     map[string]bool // names that pass a prefixed router to a func literal: Route(prefix, fn)
	keep       map[string]bool // names that return the same router: With, Group(fn)
}

var routers = []*routerFramework{
	{name: "gin", pkg: "github.com/gin-gonic/gin",
		types:      set("RouterGroup", "Engine", "IRoutes", "IRouter"),
		handlerArg: -1,
		anyMethods: set("Any"), verbArgs: map[string]int{"Handle": 0},
		groups: set("Group")},
	{name: "echo", pkg: "github.com/labstack/echo",
		types:      set("Echo", "Group"),
		handlerArg: 1,
		anyMethods: set("Any"), verbArgs: map[string]int{"Add": 0},
		groups: set("Group")},
	{name: "chi", pkg: "github.com/go-chi/chi",
		types:      set("Mux", "Router", "Routes"),
		handlerArg: -1,
		anyMethods: set("Handle", "HandleFunc"), verbArgs: map[string]int{"Method": 0, "MethodFunc": 0},
		scoped: set("Route"), keep: set("Group", "With")},
	{name: "fiber", pkg: "github.com/gofiber/fiber",
		types:      set("App", "Router", "Group"),
		handlerArg: -1,
		anyMethods: set("All", "Use"), verbArgs: map[string]int{"Add": 0},
		groups: set("Group"), scoped: set("Route")},
}

func set(xs ...string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// epFinder finds the entry points registered in one package.
type epFinder struct {
	t    *unitTable
	ld   *loaded
	p    *packages.Package
	info *types.Info
	out  []model.EntryPoint
	// Per enclosing unit:
	unit      int
	prefix    map[types.Object]rprefix  // router variables → route prefix
	params    map[types.Object]int      // the enclosing func's parameters → index
	relative  []relRoute                // routes on a router passed in as a parameter
	bindings  []routerBinding           // routers with a prefix passed to module funcs
	factories []int                     // routes whose handler is a factory's result
	registrar []string                  // for each entry point, the unit that registers it
	assigned  map[types.Object]ast.Expr // local variables → the expression they were last set from
	cmdUse    map[types.Object]string   // cobra command variables → command name
	litNames  map[*ast.FuncLit]string   // func literals → SSA-style names (F$1, F$1$2)
}

// pkgEntries is what one package contributes to the entry points.
type pkgEntries struct {
	eps       []model.EntryPoint
	relative  []relRoute
	bindings  []routerBinding
	factories []int
	registrar []string
}

func findEntryPoints(t *unitTable, ld *loaded, p *packages.Package, units []int) pkgEntries {
	f := &epFinder{t: t, ld: ld, p: p, info: p.TypesInfo}
	for _, u := range units {
		f.scanUnit(u)
	}
	return pkgEntries{f.out, f.relative, f.bindings, f.factories, f.registrar}
}

// resolveRoutePrefixes completes the routes registered on routers that
// functions receive as parameters (func (h *Handler) Routes(r chi.Router)),
// with the prefixes their callers mount them at, through any number of
// forwarding calls. A route mounted at several prefixes is repeated; one
// whose router comes from nowhere known keeps its own path.
func resolveRoutePrefixes(all []pkgEntries) []model.EntryPoint {
	type slot struct {
		unit  string
		param int
	}
	bindings := map[slot][]routerBinding{}
	for _, pe := range all {
		for _, b := range pe.bindings {
			s := slot{b.callee, b.param}
			bindings[s] = append(bindings[s], b)
		}
	}
	memo := map[slot][]string{}
	var prefixes func(s slot, depth int) []string
	prefixes = func(s slot, depth int) []string {
		if ps, ok := memo[s]; ok {
			return ps
		}
		memo[s] = nil // cuts recursion cycles
		var out []string
		for _, b := range bindings[s] {
			if b.prefix.param < 0 {
				out = append(out, b.prefix.path)
				continue
			}
			outer := prefixes(slot{b.caller, b.prefix.param}, depth+1)
			if len(outer) == 0 {
				outer = []string{""}
			}
			for _, o := range outer {
				out = append(out, o+b.prefix.path)
			}
		}
		slices.Sort(out)
		out = slices.Compact(out)
		memo[s] = out
		return out
	}
	// appMux.Handle("/v1/", api.NewHandler(store)) where NewHandler
	// registers the /v1 routes itself: a mount, not an entry point.
	registers := map[string]bool{}
	for _, pe := range all {
		for i, ep := range pe.eps {
			if ep.Kind == model.EntryHTTP {
				registers[pe.registrar[i]] = true
			}
		}
	}
	var eps []model.EntryPoint
	for _, pe := range all {
		mount := map[int]bool{}
		for _, i := range pe.factories {
			if h := pe.eps[i].Handler; registers[h] && h != pe.registrar[i] {
				mount[i] = true
			}
		}
		rel := map[int]relRoute{}
		for _, r := range pe.relative {
			rel[r.ep] = r
		}
		for i, ep := range pe.eps {
			if mount[i] {
				continue
			}
			r, ok := rel[i]
			if !ok {
				eps = append(eps, ep)
				continue
			}
			ps := prefixes(slot{r.unit, r.param}, 0)
			if len(ps) == 0 {
				eps = append(eps, ep)
				continue
			}
			for _, p := range ps {
				e := ep
				e.Trigger.Path = p + ep.Trigger.Path
				e.ID = entryID(e)
				eps = append(eps, e)
			}
		}
	}
	return eps
}

func (f *epFinder) scanUnit(u int) {
	ud := f.t.units[u]
	f.unit = u
	f.prefix = map[types.Object]rprefix{}
	f.params = map[types.Object]int{}
	f.assigned = map[types.Object]ast.Expr{}
	f.cmdUse = map[types.Object]string{}
	f.litNames = map[*ast.FuncLit]string{}
	if fd, ok := ud.decl.(*ast.FuncDecl); ok {
		if fd.Body != nil {
			f.nameLits(fd.Body, ud.unit.ID)
		}
		i := 0
		for _, field := range fd.Type.Params.List {
			for _, n := range field.Names {
				if obj := f.info.Defs[n]; obj != nil {
					f.params[obj] = i
				}
				i++
			}
			if len(field.Names) == 0 {
				i++
			}
		}
		if fd.Recv == nil && fd.Body != nil {
			switch {
			case fd.Name.Name == "main" && f.p.Name == "main":
				f.add(model.EntryPoint{Kind: model.EntryMain, Trigger: model.Trigger{Command: lastElem(stripMajor(f.p.PkgPath))},
					Handler: ud.unit.ID, Function: ud.unit.ID, Targets: []string{ud.unit.ID}}, fd.Pos())
			case fd.Name.Name == "init":
				f.add(model.EntryPoint{Kind: model.EntryInit, Handler: ud.unit.ID, Function: ud.unit.ID,
					Targets: []string{ud.unit.ID}}, fd.Pos())
			}
		}
	} else {
		f.nameLits(ud.decl, ud.unit.ID)
	}
	var root ast.Node = ud.decl
	if ud.spec != nil {
		return // type declarations register nothing
	}
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.AssignStmt:
			f.assign(n)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if i < len(n.Values) && len(n.Names) == len(n.Values) {
					if obj := f.info.Defs[name]; obj != nil {
						f.track(obj, n.Values[i])
					}
				}
			}
		case *ast.CallExpr:
			f.call(n, stack)
		case *ast.CompositeLit:
			f.cobraLiteral(n, stack)
		}
		return true
	})
}

// nameLits names func literals the way SSA does: F$1, F$2 for the literals
// directly in F, F$1$1 for one nested in F$1.
func (f *epFinder) nameLits(root ast.Node, parent string) {
	if root == nil {
		return
	}
	n := 0
	ast.Inspect(root, func(node ast.Node) bool {
		if lit, ok := node.(*ast.FuncLit); ok && node != root {
			n++
			name := fmt.Sprintf("%s$%d", parent, n)
			f.litNames[lit] = name
			f.nameLits(lit.Body, name)
			return false
		}
		return true
	})
}

func lastElem(p string) string {
	if i := strings.LastIndex(p, "/"); i >= 0 {
		return p[i+1:]
	}
	return p
}

func (f *epFinder) assign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, l := range as.Lhs {
		switch l := l.(type) {
		case *ast.Ident:
			obj := f.info.Defs[l]
			if obj == nil {
				obj = f.info.Uses[l]
			}
			if obj != nil {
				f.track(obj, as.Rhs[i])
			}
		case *ast.SelectorExpr:
			f.cobraAssign(l, as.Rhs[i], as)
		}
	}
}

// track remembers what a variable was set from: its route prefix when it is
// a router, its command name when it is a cobra command.
func (f *epFinder) track(obj types.Object, rhs ast.Expr) {
	f.assigned[obj] = rhs
	if p, ok := f.routerPrefix(rhs, 0); ok {
		f.prefix[obj] = p
	}
	if lit := compositeOf(rhs); lit != nil && isCobraCommand(f.info.TypeOf(lit)) {
		if use, ok := f.fieldString(lit, "Use"); ok {
			f.cmdUse[obj] = firstWord(use)
		}
	}
}

// add appends an entry point registered at pos.
func (f *epFinder) add(ep model.EntryPoint, pos token.Pos) {
	f.registrar = append(f.registrar, f.t.units[f.unit].unit.ID)
	position := f.p.Fset.Position(pos)
	ep.File = f.ld.rel(position.Filename)
	ep.Line = position.Line
	ep.ID = entryID(ep)
	if ep.Targets == nil {
		ep.Targets = []string{}
	}
	f.out = append(f.out, ep)
}

func entryID(ep model.EntryPoint) string {
	tr := ep.Trigger
	switch ep.Kind {
	case model.EntryHTTP:
		m := tr.Method
		if m == "" {
			m = "ANY"
		}
		return "http:" + m + " " + tr.Path
	case model.EntryGRPC:
		return "grpc:" + tr.Service + "/" + tr.RPC
	case model.EntryCLI:
		return "cli:" + tr.Command
	case model.EntryCron:
		return "cron:" + tr.Schedule
	case model.EntryConsumer:
		return "consumer:" + tr.Broker + " " + tr.Topic
	case model.EntryMain:
		return "main:" + strings.TrimSuffix(ep.Handler, ".main")
	default:
		return string(ep.Kind) + ":" + ep.Handler
	}
}

// constString returns the constant string value of e, if it has one.
func (f *epFinder) constString(e ast.Expr) (string, bool) {
	tv, ok := f.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

func (f *epFinder) calleeOf(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(f.info, call).(*types.Func)
	return fn
}

// receiver returns the receiver expression of a method call x.M(...).
func receiver(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

func (f *epFinder) call(call *ast.CallExpr, stack []ast.Node) {
	fn := f.calleeOf(call)
	if fn == nil {
		return
	}
	key := fnKey(fn)
	switch key {
	case "net/http.HandleFunc", "net/http.Handle", "net/http.ServeMux.HandleFunc", "net/http.ServeMux.Handle":
		f.netHTTP(call)
		return
	case "github.com/gorilla/mux.Router.HandleFunc", "github.com/gorilla/mux.Router.Handle",
		"github.com/gorilla/mux.Route.HandlerFunc", "github.com/gorilla/mux.Route.Handler":
		f.gorilla(call, fn, stack)
		return
	case "github.com/robfig/cron.Cron.AddFunc", "github.com/robfig/cron.Cron.AddJob":
		f.cron(call, fn)
		return
	case "github.com/nats-io/nats.go.Conn.Subscribe", "github.com/nats-io/nats.go.Conn.QueueSubscribe",
		"github.com/nats-io/nats.go.EncodedConn.Subscribe", "github.com/nats-io/nats.go.EncodedConn.QueueSubscribe",
		"github.com/nats-io/nats.go.JetStream.Subscribe", "github.com/nats-io/nats.go.JetStream.QueueSubscribe",
		"github.com/nats-io/nats.go.JetStreamContext.Subscribe", "github.com/nats-io/nats.go.JetStreamContext.QueueSubscribe":
		f.nats(call, fn)
		return
	case "github.com/IBM/sarama.ConsumerGroup.Consume", "github.com/Shopify/sarama.ConsumerGroup.Consume":
		f.sarama(call)
		return
	case "github.com/rabbitmq/amqp091-go.Channel.Consume", "github.com/streadway/amqp.Channel.Consume":
		f.amqp(call)
		return
	}
	if strings.HasPrefix(fn.Name(), "Register") && strings.HasSuffix(fn.Name(), "Server") {
		f.grpc(call, fn)
		return
	}
	if rf, name := f.routerMethod(fn); rf != nil {
		f.route(call, rf, name)
		return
	}
	f.bindRouterArgs(call, fn)
}

// routerMethod recognises a method of one of the router frameworks.
func (f *epFinder) routerMethod(fn *types.Func) (*routerFramework, string) {
	recv := fn.Signature().Recv()
	if recv == nil || fn.Pkg() == nil {
		return nil, ""
	}
	n := namedOf(recv.Type())
	if n == nil {
		return nil, ""
	}
	p := stripMajor(fn.Pkg().Path())
	for _, rf := range routers {
		if rf.pkg == p && rf.types[n.Obj().Name()] {
			return rf, fn.Name()
		}
	}
	return nil, ""
}

// route handles a route registration (or scope) on a router framework.
func (f *epFinder) route(call *ast.CallExpr, rf *routerFramework, name string) {
	recvPrefix, _ := f.routerPrefix(receiver(call), 0)
	if rf.scoped[name] && len(call.Args) >= 2 {
		// r.Route("/v1", func(r chi.Router) {...}): the literal's router has
		// the prefix; r.Route("/v1", mod.Routes): so has Routes' parameter.
		if p, ok := f.constString(call.Args[0]); ok {
			scoped := rprefix{recvPrefix.path + p, recvPrefix.param}
			if !f.scopeLiteral(call.Args[1], scoped) {
				if h, ok := f.tryHandler(call.Args[1], "", 0); ok && h.unit != "" {
					f.bind(h.unit, 0, scoped)
				}
			}
		}
		return
	}
	if rf.keep[name] {
		for _, a := range call.Args {
			f.scopeLiteral(a, recvPrefix)
		}
		return
	}
	method, pathArg := "", 0
	switch {
	case httpVerbs[name] != "":
		method = httpVerbs[name]
	case rf.anyMethods[name]:
		if name == "Use" {
			return // middleware, not a route
		}
	case hasKey(rf.verbArgs, name):
		m, ok := f.constString(call.Args[rf.verbArgs[name]])
		if !ok {
			m = "?"
		}
		method, pathArg = strings.ToUpper(m), rf.verbArgs[name]+1
	default:
		return
	}
	if len(call.Args) <= pathArg+1 && !(rf.handlerArg == -1 && len(call.Args) > pathArg) {
		return
	}
	path, ok := f.constString(call.Args[pathArg])
	if !ok {
		path = "?"
	} else {
		path = recvPrefix.path + path
	}
	hi := len(call.Args) - 1
	if rf.handlerArg > 0 && pathArg+rf.handlerArg < len(call.Args) {
		hi = pathArg + rf.handlerArg
	}
	if hi <= pathArg {
		return
	}
	if isMountedRouter(f.info.TypeOf(call.Args[hi])) {
		return
	}
	h := f.resolveHandler(call.Args[hi], "ServeHTTP", 0)
	f.addHTTP(model.EntryPoint{Kind: model.EntryHTTP, Framework: rf.name,
		Trigger: model.Trigger{Method: method, Path: path}, Handler: h.unit, Function: h.function, Targets: h.targets}, call.Pos(), h)
	if recvPrefix.param >= 0 && path != "?" {
		f.relative = append(f.relative, relRoute{ep: len(f.out) - 1, unit: f.t.units[f.unit].unit.ID, param: recvPrefix.param})
	}
}

// rprefix is a route prefix, relative to the prefix of the enclosing
// function's param-th parameter when param >= 0 (a router passed in).
type rprefix struct {
	path  string
	param int
}

var absolute = rprefix{param: -1}

// relRoute is a route registered on a router that came in as a parameter:
// its path is completed once the callers that pass the router are known.
type relRoute struct {
	ep    int // index in the package's entry points
	unit  string
	param int
}

// routerBinding records that caller passes a router with prefix to the
// param-th parameter of callee (when prefix.param >= 0, relative to the
// caller's own parameter).
type routerBinding struct {
	callee string
	param  int
	caller string
	prefix rprefix
}

func (f *epFinder) bind(callee string, param int, p rprefix) {
	f.bindings = append(f.bindings, routerBinding{callee: callee, param: param, caller: f.t.units[f.unit].unit.ID, prefix: p})
}

// bindRouterArgs records the routers a call to a module function passes on.
func (f *epFinder) bindRouterArgs(call *ast.CallExpr, fn *types.Func) {
	u := f.t.unitOf(fn)
	if u < 0 {
		return
	}
	for i, a := range call.Args {
		if p, ok := f.routerPrefix(a, 0); ok && (p.path != "" || p.param >= 0) {
			f.bind(f.t.units[u].unit.ID, i, p)
		}
	}
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// scopeLiteral gives a func literal's router parameter a route prefix. It
// reports whether e is a func literal.
func (f *epFinder) scopeLiteral(e ast.Expr, prefix rprefix) bool {
	lit, ok := ast.Unparen(e).(*ast.FuncLit)
	if !ok {
		return false
	}
	if len(lit.Type.Params.List) > 0 && len(lit.Type.Params.List[0].Names) > 0 {
		if obj := f.info.Defs[lit.Type.Params.List[0].Names[0]]; obj != nil {
			f.prefix[obj] = prefix
		}
	}
	return true
}

// routerPrefix computes the route prefix of a router expression: a variable
// set from a Group/PathPrefix/Subrouter call, a scoped func literal
// parameter, a router parameter of the enclosing function, or such a call
// itself. ok is false when e is not known to be a router.
func (f *epFinder) routerPrefix(e ast.Expr, depth int) (rprefix, bool) {
	if e == nil || depth > 8 {
		return absolute, false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		obj := f.info.Uses[e]
		if obj == nil {
			obj = f.info.Defs[e]
		}
		if p, ok := f.prefix[obj]; ok {
			return p, true
		}
		if i, ok := f.params[obj]; ok && isRouterType(obj.Type()) {
			return rprefix{param: i}, true
		}
	case *ast.SelectorExpr:
		if obj := f.info.Uses[e.Sel]; obj != nil {
			if p, ok := f.prefix[obj]; ok {
				return p, true
			}
		}
	case *ast.CallExpr:
		fn := f.calleeOf(e)
		if fn == nil {
			return absolute, false
		}
		switch fnKey(fn) {
		case "github.com/gorilla/mux.Route.Subrouter":
			c, _ := f.gorillaRoute(receiver(e), 0)
			return rprefix{c.path, c.base}, true
		case "github.com/gorilla/mux.Router.NewRoute":
			return f.routerPrefix(receiver(e), depth+1)
		}
		if rf, name := f.routerMethod(fn); rf != nil {
			base, _ := f.routerPrefix(receiver(e), depth+1)
			switch {
			case rf.groups[name] && len(e.Args) > 0:
				if p, ok := f.constString(e.Args[0]); ok {
					return rprefix{base.path + p, base.param}, true
				}
				return base, true
			case rf.keep[name]:
				return base, true
			case rf.scoped[name] && len(e.Args) > 0:
				if p, ok := f.constString(e.Args[0]); ok {
					return rprefix{base.path + p, base.param}, true
				}
			}
		}
	}
	return absolute, false
}

// isRouterType reports whether t is a router of one of the frameworks.
func isRouterType(t types.Type) bool {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil {
		return false
	}
	p := stripMajor(n.Obj().Pkg().Path())
	if p == "github.com/gorilla/mux" {
		return n.Obj().Name() == "Router"
	}
	for _, rf := range routers {
		if rf.pkg == p && rf.types[n.Obj().Name()] {
			return true
		}
	}
	return false
}

// netHTTP handles net/http's Handle and HandleFunc, with Go 1.22 patterns.
func (f *epFinder) netHTTP(call *ast.CallExpr) {
	if len(call.Args) != 2 {
		return
	}
	method, path := "", "?"
	if pat, ok := f.constString(call.Args[0]); ok {
		method, path = splitPattern(pat)
	}
	if isMountedRouter(f.info.TypeOf(call.Args[1])) {
		return // mux.Handle("/api/", chiRouter): its own routes are the entry points
	}
	h := f.resolveHandler(call.Args[1], "ServeHTTP", 0)
	f.addHTTP(model.EntryPoint{Kind: model.EntryHTTP, Framework: "net/http",
		Trigger: model.Trigger{Method: method, Path: path}, Handler: h.unit, Function: h.function, Targets: h.targets}, call.Pos(), h)
}

// addHTTP adds an HTTP route and remembers whether it may only mount the
// routes of the handler factory it calls.
func (f *epFinder) addHTTP(ep model.EntryPoint, pos token.Pos, h handlerRef) {
	f.add(ep, pos)
	if h.factory {
		f.factories = append(f.factories, len(f.out)-1)
	}
}

// isMountedRouter reports whether a handler value is itself a router.
func isMountedRouter(t types.Type) bool {
	if isRouterType(t) {
		return true
	}
	n := namedOf(t)
	return n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "net/http" && n.Obj().Name() == "ServeMux"
}

// splitPattern splits a ServeMux pattern "[METHOD ][HOST]/[PATH]".
func splitPattern(pat string) (method, path string) {
	pat = strings.TrimSpace(pat)
	if i := strings.IndexAny(pat, " \t"); i > 0 {
		m := pat[:i]
		if strings.ToUpper(m) == m && !strings.Contains(m, "/") {
			return m, strings.TrimSpace(pat[i+1:])
		}
	}
	return "", pat
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
				c.path += p
			} else {
				c.path += "?"
			}
		}
	case "Methods":
		c.methods = append(c.methods, f.constStrings(call.Args)...)
	}
	return c, true
}

func (f *epFinder) constStrings(args []ast.Expr) []string {
	var out []string
	for _, a := range args {
		if s, ok := f.constString(a); ok {
			out = append(out, strings.ToUpper(s))
		} else {
			out = append(out, "?")
		}
	}
	return out
}

// gorilla handles Router.HandleFunc/Handle and Route.HandlerFunc/Handler,
// reading .Methods(...) and .Path(...) on both sides of the call.
func (f *epFinder) gorilla(call *ast.CallExpr, fn *types.Func, stack []ast.Node) {
	if len(call.Args) == 0 {
		return
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
			c.methods = append(c.methods, f.constStrings(outer.Args)...)
		case "Path", "PathPrefix":
			if len(outer.Args) > 0 {
				if p, ok := f.constString(outer.Args[0]); ok {
					c.path += p
				}
			}
		}
		cur = outer
		i--
	}
	if isMountedRouter(f.info.TypeOf(call.Args[len(call.Args)-1])) {
		return
	}
	h := f.resolveHandler(call.Args[len(call.Args)-1], "ServeHTTP", 0)
	if len(c.methods) == 0 {
		c.methods = []string{""}
	}
	for _, m := range c.methods {
		f.addHTTP(model.EntryPoint{Kind: model.EntryHTTP, Framework: "gorilla/mux",
			Trigger: model.Trigger{Method: m, Path: c.path}, Handler: h.unit, Function: h.function, Targets: h.targets}, call.Pos(), h)
		if c.base >= 0 {
			f.relative = append(f.relative, relRoute{ep: len(f.out) - 1, unit: f.t.units[f.unit].unit.ID, param: c.base})
		}
	}
}

func (f *epFinder) cron(call *ast.CallExpr, fn *types.Func) {
	if len(call.Args) != 2 {
		return
	}
	spec, ok := f.constString(call.Args[0])
	if !ok {
		spec = "?"
	}
	h := f.resolveHandler(call.Args[1], "Run", 0)
	f.add(model.EntryPoint{Kind: model.EntryCron, Framework: "robfig/cron",
		Trigger: model.Trigger{Schedule: spec}, Handler: h.unit, Function: h.function, Targets: h.targets}, call.Pos())
}

func (f *epFinder) nats(call *ast.CallExpr, fn *types.Func) {
	hi := 1
	if fn.Name() == "QueueSubscribe" {
		hi = 2
	}
	if len(call.Args) <= hi {
		return
	}
	subj, ok := f.constString(call.Args[0])
	if !ok {
		subj = "?"
	}
	h := f.resolveHandler(call.Args[hi], "", 0)
	f.add(model.EntryPoint{Kind: model.EntryConsumer, Framework: "nats",
		Trigger: model.Trigger{Broker: "nats", Topic: subj}, Handler: h.unit, Function: h.function, Targets: h.targets}, call.Pos())
}

func (f *epFinder) sarama(call *ast.CallExpr) {
	if len(call.Args) != 3 {
		return
	}
	h := f.resolveHandler(call.Args[2], "ConsumeClaim", 0)
	topics := []string{"?"}
	if lit, ok := ast.Unparen(call.Args[1]).(*ast.CompositeLit); ok && len(lit.Elts) > 0 {
		topics = f.constStrings(lit.Elts)
		for i := range topics {
			if s, ok := f.constString(lit.Elts[i]); ok {
				topics[i] = s // keep the topic's case
			}
		}
	}
	for _, t := range topics {
		f.add(model.EntryPoint{Kind: model.EntryConsumer, Framework: "sarama",
			Trigger: model.Trigger{Broker: "kafka", Topic: t}, Handler: h.unit, Function: h.function, Targets: h.targets}, call.Pos())
	}
}

// amqp handles Channel.Consume, which returns a delivery channel read by the
// enclosing function: that function is the handler.
func (f *epFinder) amqp(call *ast.CallExpr) {
	if len(call.Args) == 0 {
		return
	}
	q, ok := f.constString(call.Args[0])
	if !ok {
		q = "?"
	}
	u := f.t.units[f.unit].unit
	f.add(model.EntryPoint{Kind: model.EntryConsumer, Framework: "amqp",
		Trigger: model.Trigger{Broker: "amqp", Topic: q}, Handler: u.ID, Function: u.ID, Targets: []string{u.ID}}, call.Pos())
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

// cobra: &cobra.Command{Use: "x", RunE: f}.
func isCobraCommand(t types.Type) bool {
	n := namedOf(t)
	return n != nil && n.Obj().Pkg() != nil && stripMajor(n.Obj().Pkg().Path()) == "github.com/spf13/cobra" && n.Obj().Name() == "Command"
}

func compositeOf(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

func (f *epFinder) fieldString(lit *ast.CompositeLit, field string) (string, bool) {
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == field {
			return f.constString(kv.Value)
		}
	}
	return "", false
}

func firstWord(s string) string {
	if fs := strings.Fields(s); len(fs) > 0 {
		return fs[0]
	}
	return ""
}

func (f *epFinder) cobraLiteral(lit *ast.CompositeLit, stack []ast.Node) {
	if !isCobraCommand(f.info.TypeOf(lit)) {
		return
	}
	var run ast.Expr
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && (k.Name == "RunE" || (k.Name == "Run" && run == nil)) {
			run = kv.Value
		}
	}
	if run == nil {
		return // a parent command only groups others
	}
	use, _ := f.fieldString(lit, "Use")
	pos := lit.Pos()
	// Report at the & of &cobra.Command{...}, where the expression starts.
	if len(stack) >= 2 {
		if u, ok := stack[len(stack)-2].(*ast.UnaryExpr); ok && u.Op == token.AND && u.X == lit {
			pos = u.Pos()
		}
	}
	f.cobraEntry(firstWord(use), run, pos)
}

func (f *epFinder) cobraEntry(name string, run ast.Expr, pos token.Pos) {
	if name == "" {
		name = "?"
	}
	h := f.resolveHandler(run, "", 0)
	f.add(model.EntryPoint{Kind: model.EntryCLI, Framework: "cobra",
		Trigger: model.Trigger{Command: name}, Handler: h.unit, Function: h.function, Targets: h.targets}, pos)
}

// cobraAssign handles cmd.RunE = handler after construction.
func (f *epFinder) cobraAssign(l *ast.SelectorExpr, rhs ast.Expr, as *ast.AssignStmt) {
	if l.Sel.Name != "Run" && l.Sel.Name != "RunE" {
		return
	}
	if !isCobraCommand(f.info.TypeOf(l.X)) {
		return
	}
	name := "?"
	if id, ok := ast.Unparen(l.X).(*ast.Ident); ok {
		if n, ok := f.cmdUse[f.info.Uses[id]]; ok {
			name = n
		}
	}
	f.cobraEntry(name, rhs, as.Pos())
}

// handlerRef is a resolved handler.
type handlerRef struct {
	unit     string
	function string
	targets  []string
	// factory: the handler is what a module function returns (or the
	// enclosing unit, for lack of better); if that function registers routes
	// itself, this registration only mounts them.
	factory bool
}

// resolveHandler finds the unit behind a handler expression: a func or
// method value, a func literal, a value whose type has the method named
// want (ServeHTTP, Run, ConsumeClaim), a conversion, a middleware wrapping
// one of these, or a local variable set from one of these. When nothing in
// the module can be named, the enclosing unit handles it.
func (f *epFinder) resolveHandler(e ast.Expr, want string, depth int) handlerRef {
	if h, ok := f.tryHandler(e, want, depth); ok {
		return h
	}
	u := f.t.units[f.unit].unit
	return handlerRef{unit: u.ID, function: u.ID, targets: []string{u.ID}, factory: true}
}

func (f *epFinder) unitRef(u int) handlerRef {
	uu := f.t.units[u].unit
	return handlerRef{unit: uu.ID, function: uu.ID, targets: []string{uu.ID}}
}

func (f *epFinder) tryHandler(e ast.Expr, want string, depth int) (handlerRef, bool) {
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
			if rhs, ok := f.assigned[o]; ok && rhs != e {
				if h, ok := f.tryHandler(rhs, want, depth+1); ok {
					return h, true
				}
			}
		}
	case *ast.CallExpr:
		if tv, ok := f.info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			return f.tryHandler(x.Args[0], want, depth+1) // http.HandlerFunc(f)
		}
		// A middleware or adapter: the handler is among its arguments.
		for _, a := range x.Args {
			if !mayBeHandler(f.info.TypeOf(a)) {
				continue // http.StripPrefix(prefix, h): the prefix is no handler
			}
			if h, ok := f.tryHandler(a, want, depth+1); ok {
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
			return f.tryHandler(inner, want, depth+1) // mw(store)(h)
		}
		return handlerRef{}, false
	}
	// A value whose type has the wanted method: &ordersHandler{}, h.
	if want != "" {
		if t := f.info.TypeOf(e); t != nil {
			if _, isSig := t.Underlying().(*types.Signature); !isSig {
				mset := types.NewMethodSet(t)
				if _, isPtr := t.(*types.Pointer); !isPtr {
					if n := namedOf(t); n != nil {
						mset = types.NewMethodSet(types.NewPointer(t))
					}
				}
				for i := 0; i < mset.Len(); i++ {
					if mset.At(i).Obj().Name() == want {
						if u := f.t.unitOf(mset.At(i).Obj()); u >= 0 {
							return f.unitRef(u), true
						}
					}
				}
			}
		}
	}
	return handlerRef{}, false
}

// mayBeHandler reports whether a value of type t can be (or hold) a
// handler: a func, an interface, or a named type with methods.
func mayBeHandler(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Signature, *types.Interface:
		return true
	case *types.Pointer:
		return namedOf(u.Elem()) != nil
	case *types.Basic:
		return false
	}
	return namedOf(t) != nil
}

// literalHandler resolves a func literal: when its body only forwards to one
// unit of the module, that unit; otherwise the enclosing unit.
func (f *epFinder) literalHandler(lit *ast.FuncLit) handlerRef {
	encl := f.t.units[f.unit].unit
	name := f.litNames[lit]
	if name == "" {
		name = encl.ID + "$?"
	}
	targets := f.t.calledUnits(f.info, lit.Body)
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
				if u := f.t.unitOf(fn); u >= 0 {
					h := f.unitRef(u)
					h.function = name
					return h
				}
			}
		}
	}
	if len(targets) == 0 {
		targets = []string{encl.ID}
	}
	return handlerRef{unit: encl.ID, function: name, targets: targets}
}
