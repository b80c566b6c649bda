package suggest

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// wiring builds the adapters of one scaffold.
type wiring struct {
	m    *model.Model
	src  *source
	root string
	self string
	g    *graph
	// onPath: units the program's main reaches, with their distance
	onPath map[string]int
	// writers: var unit → the units writing it; reads: unit → vars it reads
	writers, reads map[string][]string
	// mounts: the mounts (and derived ones), with what their handler reaches
	mounts []mountInfo
	// handler: net/http.Handler, from the loaded types
	handler *types.Interface
}

type mountInfo struct {
	ep    *model.EntryPoint
	reach map[string]bool
}

func newWiring(m *model.Model, src *source, root, self string) *wiring {
	w := &wiring{m: m, src: src, root: root, self: self, g: newGraph(m), onPath: map[string]int{},
		writers: map[string][]string{}, reads: map[string][]string{}}
	for _, e := range m.Edges {
		switch e.Kind {
		case model.EdgeGlobalWrite:
			w.writers[e.To] = append(w.writers[e.To], e.From)
		case model.EdgeGlobalRead:
			w.reads[e.From] = append(w.reads[e.From], e.To)
		}
	}
	for k := range w.writers {
		sort.Strings(w.writers[k])
	}
	// The program's path: what its main programs reach (examples and
	// tests left out), by distance. When some of them run until stopped,
	// those alone: the routes are served by the long-running program,
	// and a job building the same objects for another end (kratos'
	// clidoc, which builds the command tree to document it) is not how
	// they are served.
	servers := map[string]bool{}
	for _, f := range m.Functions {
		if f.Deploy == model.DeployService {
			for _, id := range f.EntryPoints {
				servers[id] = true
			}
		}
	}
	var mains []*model.EntryPoint
	anyServer := false
	for i := range m.EntryPoints {
		ep := &m.EntryPoints[i]
		if ep.Kind != model.EntryMain || exampleOrTest(ep.File) {
			continue
		}
		mains = append(mains, ep)
		anyServer = anyServer || servers[ep.ID]
	}
	var level []int
	for _, ep := range mains {
		if !anyServer || servers[ep.ID] {
			level = append(level, w.g.roots(ep)...)
		}
	}
	dist := map[int]int{}
	for _, u := range level {
		dist[u] = 0
	}
	for d := 1; len(level) > 0; d++ {
		var next []int
		for _, u := range level {
			for _, v := range w.g.next[u] {
				if _, ok := dist[v]; !ok {
					dist[v] = d
					next = append(next, v)
				}
			}
		}
		level = next
	}
	for u, d := range dist {
		w.onPath[m.Units[u].ID] = d
	}
	for i := range m.EntryPoints {
		ep := &m.EntryPoints[i]
		if ep.Kind != model.EntryHTTP || (!ep.Mount && !catchAll(ep)) {
			continue
		}
		r := w.g.bfs(w.g.roots(ep))
		mi := mountInfo{ep: ep, reach: map[string]bool{}}
		for _, u := range r.order {
			mi.reach[m.Units[u].ID] = true
		}
		w.mounts = append(w.mounts, mi)
	}
	// The innermost mount first: the one reaching least.
	sort.SliceStable(w.mounts, func(i, j int) bool { return len(w.mounts[i].reach) < len(w.mounts[j].reach) })
	if p := src.pkgs["net/http"]; p != nil {
		_ = p
	}
	return w
}

// adapterFiles are the files of one function package.
type adapterFiles struct {
	main, setup, test []byte
	// steps documents the setup
	steps []string
}

// adapter writes a function's package, or says why it cannot.
func (w *wiring) adapter(f *model.Function) (*adapterFiles, string) {
	if w.src.loadErr != nil {
		return nil, "the module's source does not load: " + w.src.loadErr.Error()
	}
	var eps []*model.EntryPoint
	for _, id := range f.EntryPoints {
		for i := range w.m.EntryPoints {
			if w.m.EntryPoints[i].ID == id {
				eps = append(eps, &w.m.EntryPoints[i])
			}
		}
	}
	if len(eps) == 0 {
		return nil, "it has no entry point"
	}
	own := map[string]bool{}
	for _, u := range f.Units {
		own[u] = true
	}
	build := func(b *builder) (*adapterFiles, string) {
		switch eps[0].Kind {
		case model.EntryHTTP:
			return w.httpAdapter(b, f, eps)
		case model.EntryCron, model.EntryDeclared:
			return w.callAdapter(b, f, eps[0], "events.CloudWatchEvent")
		case model.EntryConsumer:
			return w.callAdapter(b, f, eps[0], "events.SQSEvent")
		}
		return nil, "entry points of kind " + string(eps[0].Kind) + " have no adapter"
	}
	// Two passes: the first finds the code the construction runs, whose
	// package-level state (a configuration it reads) the second sets
	// first, as the program does before it builds its handlers.
	first := newBuilder(w.src, newGen(w.self), w.root, w.onPath, own)
	if files, why := build(first); files == nil {
		return nil, why
	}
	units := map[string]bool{}
	for _, u := range f.Units {
		units[u] = true
	}
	var roots []int
	for id := range first.called {
		if i, ok := w.g.idx[id]; ok {
			roots = append(roots, i)
		}
	}
	sort.Ints(roots)
	for _, u := range w.g.bfs(roots).order {
		units[w.m.Units[u].ID] = true
	}
	var reads []string
	for u := range units {
		reads = append(reads, w.reads[u]...)
	}
	for v := range first.vars {
		reads = append(reads, v)
	}
	sort.Strings(reads)
	b := newBuilder(w.src, newGen(w.self), w.root, w.onPath, own)
	b.globals(w.m, reads, w.writers)
	return build(b)
}

// served is one handler the function registers.
type served struct {
	key     ast.Node // what it was built from (one handler per node)
	handler string   // the expression serving it
	method  string   // "Handle" or "HandleFunc"
	pattern string   // the program's own pattern, for a handler from a ServeMux registration
	eps     []*model.EntryPoint
	from    string // for people: "registered by x at file:line"
}

func (w *wiring) httpAdapter(b *builder, f *model.Function, eps []*model.EntryPoint) (*adapterFiles, string) {
	var hs []*served
	var missing []string
	for _, ep := range eps {
		s, err := w.serve(b, ep, hs)
		if err != nil {
			missing = append(missing, fmt.Sprintf("%s: %v", ep.TriggerText(), err))
			continue
		}
		if s != nil {
			hs = append(hs, s)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, "splitter cannot build its handlers as the program does: " + strings.Join(missing, "; ")
	}
	g := b.g
	http := g.use("net/http", "http")
	var body strings.Builder
	body.WriteString(setupDoc(f, b, hs))
	fmt.Fprintf(&body, "func setup() (%s.Handler, error) {\n", http)
	body.WriteString(b.render("\t"))
	if len(hs) == 1 {
		h := hs[0].handler
		if hs[0].method == "HandleFunc" {
			h = http + ".HandlerFunc(" + h + ")"
		}
		fmt.Fprintf(&body, "\t// %s\n\treturn %s, nil\n}\n", hs[0].from, h)
	} else {
		fmt.Fprintf(&body, "\tmux := %s.NewServeMux()\n", http)
		for _, h := range hs {
			fmt.Fprintf(&body, "\t// %s\n", h.from)
			if h.pattern != "" {
				fmt.Fprintf(&body, "\tmux.%s(%q, %s)\n", h.method, h.pattern, h.handler)
				continue
			}
			for _, ep := range h.eps {
				if pat, ok := goPattern(ep); ok {
					fmt.Fprintf(&body, "\tmux.Handle(%q, %s)\n", pat, h.handler)
				}
			}
		}
		body.WriteString("\treturn mux, nil\n}\n")
	}
	setup := "package main\n\n" + g.importBlock() + "\n" + body.String()

	mg := newGen(w.self)
	lam := mg.use("github.com/aws/aws-lambda-go/lambda", "lambda")
	lh := mg.use(w.self+"/lambdahttp", "lambdahttp")
	lg := mg.use("log", "log")
	main := header(f) + "package main\n\n" + mg.importBlock() + "\n" +
		"func main() {\n\th, err := setup()\n\tif err != nil {\n\t\t" + lg + ".Fatalf(\"" + f.Name + ": setup: %v\", err)\n\t}\n" +
		"\t" + lam + ".Start(" + lh + ".Handler(h))\n}\n"
	return &adapterFiles{main: []byte(main), setup: []byte(setup), test: httpTest(w.self, f), steps: b.steps}, ""
}

// serve finds how the program builds the handler of a route, in order:
// the handler it registers on a ServeMux (fever.NewHandler(store)); the
// exported code registering it (a Register(mux) method, a constructor
// returning an http.Handler); the handler of the innermost mount holding
// it; the registering code's callers. It returns nil when an earlier
// handler of hs already serves the route.
func (w *wiring) serve(b *builder, ep *model.EntryPoint, hs []*served) (*served, error) {
	reg := w.registration(ep)
	if reg == nil {
		return nil, wireErr("the code registering it (%s:%d) is not in the loaded source", ep.File, ep.Line)
	}
	for _, h := range hs {
		if h.key == reg.call || h.key == reg.in.decl {
			h.eps = append(h.eps, ep)
			return nil, nil
		}
	}
	var errs []string
	try := func(f func() (*served, error)) *served {
		s := b.snapshot()
		out, err := f()
		if err != nil {
			b.restore(s)
			errs = append(errs, err.Error())
			return nil
		}
		return out
	}
	if ep.Framework == "net/http" {
		if s := try(func() (*served, error) { return w.muxHandler(b, ep, reg) }); s != nil {
			return s, nil
		}
	}
	if s := try(func() (*served, error) { return w.registrar(b, ep, reg.in, hs) }); s != nil {
		return s, nil
	}
	for _, mi := range w.mounts {
		if mi.ep == ep || !mi.reach[reg.in.unit] {
			continue
		}
		mreg := w.registration(mi.ep)
		if mreg == nil || mi.ep.Framework != "net/http" {
			continue
		}
		for _, h := range hs {
			if h.key == mreg.call {
				h.eps = append(h.eps, ep)
				return nil, nil
			}
		}
		if s := try(func() (*served, error) { return w.muxHandler(b, mi.ep, mreg) }); s != nil {
			s.eps = []*model.EntryPoint{ep}
			return s, nil
		}
		break
	}
	// The callers of the registering code, three deep.
	in := reg.in
	for d := 0; d < 3; d++ {
		site, ok := b.callerOf(in)
		if !ok {
			break
		}
		in = site.in
		for _, h := range hs {
			if h.key == in.decl {
				h.eps = append(h.eps, ep)
				return nil, nil
			}
		}
		if s := try(func() (*served, error) { return w.registrar(b, ep, in, hs) }); s != nil {
			return s, nil
		}
	}
	return nil, wireErr("%s", firstErr(errs))
}

func firstErr(errs []string) string {
	if len(errs) == 0 {
		return "no exported code registers it"
	}
	return errs[0]
}

// registration is the call registering an entry point, in its function.
type registrationSite struct {
	call *ast.CallExpr
	in   *funcDecl
}

func (w *wiring) registration(ep *model.EntryPoint) *registrationSite {
	var best *registrationSite
	for _, fd := range w.src.decls {
		pos := w.src.fset.Position(fd.decl.Pos())
		end := w.src.fset.Position(fd.decl.End())
		if !strings.HasSuffix(filepathSlash(pos.Filename), "/"+ep.File) || ep.Line < pos.Line || ep.Line > end.Line {
			continue
		}
		ast.Inspect(fd.decl.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || w.src.fset.Position(call.Pos()).Line != ep.Line {
				return true
			}
			if best == nil || call.Pos() < best.call.Pos() {
				best = &registrationSite{call: call, in: fd}
			}
			return false
		})
	}
	return best
}

func filepathSlash(p string) string { return strings.ReplaceAll(p, "\\", "/") }

// muxHandler copies the handler a net/http registration passes:
// mux.Handle("/fever/", fever.Middleware(store)(fever.NewHandler(store))).
func (w *wiring) muxHandler(b *builder, ep *model.EntryPoint, reg *registrationSite) (*served, error) {
	sel, ok := ast.Unparen(reg.call.Fun).(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Handle" && sel.Sel.Name != "HandleFunc") || len(reg.call.Args) != 2 {
		return nil, wireErr("%s:%d is not a ServeMux registration", ep.File, ep.Line)
	}
	pattern := ""
	if lit, ok := reg.call.Args[0].(*ast.BasicLit); ok {
		pattern = strings.Trim(lit.Value, "\"`")
	} else {
		return nil, wireErr("%s:%d: the pattern is not a constant", ep.File, ep.Line)
	}
	h, err := b.expr(&scope{fd: reg.in}, reg.call.Args[1])
	if err != nil {
		return nil, err
	}
	return &served{key: reg.call, handler: h, method: sel.Sel.Name, pattern: pattern, eps: []*model.EntryPoint{ep},
		from: fmt.Sprintf("as %s registers it (%s:%d)", shortName(reg.in.unit), ep.File, ep.Line)}, nil
}

// registrar calls exported code that registers the route: with a router
// it makes (a Register(mux) or Routes(r) method), or for the handler it
// returns; its other arguments (and receiver) are what the program passes.
func (w *wiring) registrar(b *builder, ep *model.EntryPoint, in *funcDecl, hs []*served) (*served, error) {
	fn := in.fn
	if !fn.Exported() || !b.g.importable(fn.Pkg()) || fn.Signature().TypeParams().Len() > 0 {
		return nil, wireErr("%s, which registers it, is not exported", shortName(in.unit))
	}
	sig := fn.Signature()
	site, ok := b.callerOf(in)
	if !ok {
		// Neither called directly nor through an interface on the way
		// from main: a func value, reflection, or code main does not run.
		return nil, wireErr("no call of %s on the program's way to it from main (a func value or reflection is not followed)", shortName(in.unit))
	}
	b.effects(site)
	// The router parameter, if any.
	ri := -1
	var rt router
	for i := 0; i < sig.Params().Len(); i++ {
		if r, ok := b.g.routerFor(sig.Params().At(i).Type()); ok {
			ri, rt = i, r
			break
		}
		if r, ok := w.moduleRouter(b, sig.Params().At(i).Type()); ok {
			ri, rt = i, r
			break
		}
	}
	returnsHandler := w.isHandler(b, sig)
	if ri < 0 && !returnsHandler {
		return nil, wireErr("%s neither takes a router nor returns an http.Handler", shortName(in.unit))
	}
	c := &scope{fd: site.in}
	info := site.in.pkg.TypesInfo
	// The call itself is written below: the copy of a local it configures
	// must not copy it again (a route registered twice panics).
	if st := enclosingStmt(site.path, site.call); st != nil {
		b.done[st] = true
	}
	callee := ""
	var recvVar *types.Var // the local the registration is made on, if any
	if sig.Recv() != nil {
		sel, ok := ast.Unparen(site.call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil, wireErr("%s: the receiver is not written at the call", b.src.where(site.call, b.root))
		}
		recv, err := b.expr(c, sel.X)
		if err != nil {
			return nil, err
		}
		callee = recv + "." + fn.Name()
		if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
			recvVar, _ = info.Uses[id].(*types.Var)
		}
	} else {
		callee = b.g.use(fn.Pkg().Path(), fn.Pkg().Name()) + "." + fn.Name()
	}
	var args []string
	rv := ""
	var programRouter *types.Var // the program's own router, when copied
	for i := 0; i < sig.Params().Len(); i++ {
		if i == ri {
			if t, ok := w.programRouter(b, c, site, i, recvVar); ok {
				rv = t
				args = append(args, t)
				programRouter, _ = info.Uses[ast.Unparen(site.call.Args[i]).(*ast.Ident)].(*types.Var)
				continue
			}
			l := b.newLocal("router")
			l.used++
			b.stmts = append(b.stmts, &wstmt{lhs: []*wlocal{l}, text: []string{""}, op: ":=", rhs: rt.make})
			rv = l.name
			args = append(args, fmt.Sprintf(rt.arg, l.name))
			continue
		}
		if sig.Variadic() && i == sig.Params().Len()-1 {
			for _, a := range site.call.Args[i:] {
				t, err := b.expr(c, a)
				if err != nil {
					return nil, err
				}
				args = append(args, t)
			}
			break
		}
		if i >= len(site.call.Args) {
			return nil, wireErr("%s: too few arguments", b.src.where(site.call, b.root))
		}
		t, err := b.expr(c, site.call.Args[i])
		if err != nil {
			return nil, err
		}
		args = append(args, t)
	}
	if recvVar != nil {
		b.configureBefore(c, site, recvVar)
	}
	call := callee + "(" + strings.Join(args, ", ") + ")"
	from := fmt.Sprintf("as %s calls %s (%s)", shortName(site.in.unit), shortName(in.unit), b.src.where(site.call, b.root))
	res := sig.Results().Len()
	if ri >= 0 {
		st := &wstmt{rhs: call, where: b.src.where(site.call, b.root)}
		if res > 0 {
			st.rhs = strings.TrimSuffix(strings.Repeat("_, ", res), ", ") + " = " + call
			if res == 1 && sig.Results().At(0).Type().String() == "error" {
				l := b.newLocal("err")
				st = &wstmt{lhs: []*wlocal{l}, text: []string{""}, op: ":=", rhs: call, check: l, where: st.where}
				l.used++
			}
		}
		b.stmts = append(b.stmts, st)
		if programRouter != nil {
			if h, ok := w.servedAround(b, c, site, programRouter, recvVar); ok {
				rv = h
				from += ", served as the program serves it"
			}
		}
		return &served{key: in.decl, handler: rv, eps: []*model.EntryPoint{ep}, from: from}, nil
	}
	h := b.newLocal("handler")
	h.used++
	st := &wstmt{lhs: []*wlocal{h}, text: []string{""}, op: ":=", rhs: call, where: b.src.where(site.call, b.root)}
	for i := 1; i < res; i++ {
		if i == res-1 && sig.Results().At(i).Type().String() == "error" {
			e := b.newLocal("err")
			e.used++
			st.lhs, st.text, st.check = append(st.lhs, e), append(st.text, ""), e
			continue
		}
		st.lhs, st.text = append(st.lhs, nil), append(st.text, "_")
	}
	b.stmts = append(b.stmts, st)
	return &served{key: in.decl, handler: h.name, eps: []*model.EntryPoint{ep}, from: from}, nil
}

// programRouter is the router the program itself passes at a call site,
// when the value the routes are registered on is configured, before the
// call, with something built on that router (kratos' servePublic:
// csrf := x.NewCSRFHandler(router, r); r.WithCSRFHandler(csrf), which the
// handlers read as they register): copied with its definition, so that
// what the program builds around it is built around the same router.
// Otherwise the adapter makes a router of its own, which carries the
// function's routes alone.
func (w *wiring) programRouter(b *builder, c *scope, site *callSite, i int, recvVar *types.Var) (string, bool) {
	if i >= len(site.call.Args) || recvVar == nil {
		return "", false
	}
	info := site.in.pkg.TypesInfo
	id, ok := ast.Unparen(site.call.Args[i]).(*ast.Ident)
	if !ok {
		return "", false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok || v.Parent() == v.Pkg().Scope() {
		return "", false
	}
	if idx, recv := paramIndex(site.in, v); idx >= 0 || recv {
		return "", false
	}
	if obj, _, _ := types.LookupFieldOrMethod(v.Type(), true, nil, "ServeHTTP"); obj == nil {
		return "", false
	}
	used := false
	for _, call := range configuringCalls(site, recvVar) {
		if refersTo(site.in, call, v, map[*types.Var]bool{}, 0) {
			used = true
		}
	}
	if !used {
		return "", false
	}
	s := b.snapshot()
	t, err := b.expr(c, id)
	if err != nil {
		b.restore(s)
		return "", false
	}
	return t, true
}

// servedAround is what the program serves around its own router, in the
// function registering the routes: the handler of its http.Server{Handler:
// h} or of http.ListenAndServe(addr, h), when it is built on the router or
// on the value the routes were registered on, which was configured with
// something built on the router (kratos' negroni chain ending in
// r.CSRFHandler(), the CSRF handler wrapping the router). What
// the function then serves is the program's chain, CSRF protection
// included, not the bare router.
func (w *wiring) servedAround(b *builder, c *scope, site *callSite, router, recv *types.Var) (string, bool) {
	info := site.in.pkg.TypesInfo
	var served ast.Expr
	ast.Inspect(site.in.decl.Body, func(n ast.Node) bool {
		if served != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.CompositeLit:
			if typeKeyOf(info.TypeOf(n)) != "net/http.Server" {
				return true
			}
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Handler" {
						served = kv.Value
					}
				}
			}
		case *ast.CallExpr:
			fn := calleeOf(info, n)
			if fn == nil || fn.Pkg() == nil || fn.Pkg().Path() != "net/http" || fn.Signature().Recv() != nil {
				return true
			}
			at := map[string]int{"ListenAndServe": 1, "ListenAndServeTLS": 3, "Serve": 1, "ServeTLS": 1}
			if i, ok := at[fn.Name()]; ok && i < len(n.Args) {
				served = n.Args[i]
			}
		}
		return served == nil
	})
	if served == nil || !(refersTo(site.in, served, router, map[*types.Var]bool{}, 0) ||
		(recv != nil && refersTo(site.in, served, recv, map[*types.Var]bool{}, 0))) {
		return "", false
	}
	s := b.snapshot()
	t, err := b.expr(c, served)
	if err != nil {
		b.restore(s)
		b.steps = append(b.steps, fmt.Sprintf("not copied: %s, the handler the program serves around its router (%v): setup serves the router", b.src.where(served, b.root), err))
		return "", false
	}
	return t, true
}

// configuringCalls are the statements calling a method on v that the
// program runs before a call site, in the blocks holding it.
func configuringCalls(site *callSite, v *types.Var) []*ast.ExprStmt {
	info := site.in.pkg.TypesInfo
	var out []*ast.ExprStmt
	for i, n := range site.path {
		blk, ok := n.(*ast.BlockStmt)
		if !ok {
			continue
		}
		var holder ast.Node = site.call
		if i+1 < len(site.path) {
			holder = site.path[i+1]
		}
		for _, st := range blk.List {
			if st == holder {
				break
			}
			es, ok := st.(*ast.ExprStmt)
			if !ok {
				continue
			}
			call, ok := ast.Unparen(es.X).(*ast.CallExpr)
			if !ok {
				continue
			}
			sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
			if !ok {
				continue
			}
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && info.Uses[id] == v {
				out = append(out, es)
			}
		}
	}
	return out
}

// refersTo reports whether n uses v, directly or through the locals of
// fd it uses (their defining statements, a few levels deep).
func refersTo(fd *funcDecl, n ast.Node, v *types.Var, seen map[*types.Var]bool, depth int) bool {
	info := fd.pkg.TypesInfo
	found := false
	var locals []*types.Var
	ast.Inspect(n, func(x ast.Node) bool {
		id, ok := x.(*ast.Ident)
		if !ok || found {
			return !found
		}
		u, ok := info.Uses[id].(*types.Var)
		if !ok {
			return true
		}
		if u == v {
			found = true
		} else if u.Parent() != u.Pkg().Scope() && !u.IsField() && !seen[u] {
			seen[u] = true
			locals = append(locals, u)
		}
		return true
	})
	if found || depth >= 4 {
		return found
	}
	for _, l := range locals {
		// Its definition, and the calls of its methods (n.UseHandler(h)).
		var defs []ast.Node
		ast.Inspect(fd.decl.Body, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.AssignStmt:
				if x.Tok == token.DEFINE {
					for _, lh := range x.Lhs {
						if id, ok := lh.(*ast.Ident); ok && info.Defs[id] == l {
							defs = append(defs, x)
						}
					}
				}
			case *ast.ValueSpec:
				for _, id := range x.Names {
					if info.Defs[id] == l {
						defs = append(defs, x)
					}
				}
			case *ast.ExprStmt:
				if call, ok := ast.Unparen(x.X).(*ast.CallExpr); ok {
					if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
						if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && info.Uses[id] == l {
							defs = append(defs, call)
						}
					}
				}
			}
			return true
		})
		for _, d := range defs {
			if refersTo(fd, d, v, seen, depth+1) {
				return true
			}
		}
	}
	return false
}

// configureBefore copies the calls configuring v (a method called on it)
// that the program makes before a call site in the blocks holding it
// (kratos' r.WithCSRFHandler(csrf) before r.RegisterPublicRoutes).
func (b *builder) configureBefore(c *scope, site *callSite, v *types.Var) {
	for _, st := range configuringCalls(site, v) {
		if b.done[st] {
			continue
		}
		s := b.snapshot()
		b.done[st] = true
		t, err := b.expr(c, st.X)
		if err != nil {
			b.restore(s)
			b.steps = append(b.steps, fmt.Sprintf("not copied: %s (%v)", b.src.where(st, b.root), err))
			continue
		}
		b.stmts = append(b.stmts, &wstmt{rhs: t, where: b.src.where(st, b.root)})
	}
}

// moduleRouter makes a router type of the module's own (kratos'
// x.RouterPublic): an exported type that serves HTTP, made by an exported
// constructor of its package that takes nothing (NewRouterPublic()).
func (w *wiring) moduleRouter(b *builder, t types.Type) (router, bool) {
	n := namedType(t)
	if n == nil || n.Obj().Pkg() == nil || !n.Obj().Exported() || !b.g.importable(n.Obj().Pkg()) {
		return router{}, false
	}
	if obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(n), true, nil, "ServeHTTP"); obj == nil {
		return router{}, false
	}
	scope := n.Obj().Pkg().Scope()
	_, wantPtr := t.(*types.Pointer)
	for _, name := range scope.Names() {
		fn, ok := scope.Lookup(name).(*types.Func)
		if !ok || !fn.Exported() || !strings.HasPrefix(fn.Name(), "New") || fn.Signature().Params().Len() != 0 ||
			fn.Signature().Results().Len() != 1 || fn.Signature().TypeParams().Len() > 0 {
			continue
		}
		r := fn.Signature().Results().At(0).Type()
		_, isPtr := r.(*types.Pointer)
		if namedType(r) == n && isPtr == wantPtr {
			return router{make: b.g.use(fn.Pkg().Path(), fn.Pkg().Name()) + "." + fn.Name() + "()", arg: "%s"}, true
		}
	}
	return router{}, false
}

// isHandler: the first result implements net/http.Handler.
func (w *wiring) isHandler(b *builder, sig *types.Signature) bool {
	if sig.Results().Len() == 0 {
		return false
	}
	t := sig.Results().At(0).Type()
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	m, ok := obj.(*types.Func)
	if !ok {
		return false
	}
	ms := m.Signature()
	return ms.Params().Len() == 2 && typeKeyOf(ms.Params().At(0).Type()) == "net/http.ResponseWriter" &&
		typeKeyOf(ms.Params().At(1).Type()) == "*net/http.Request"
}

// callAdapter wires a scheduled, queued or declared entry point: the
// handler the program registers, called once per event, when it takes
// nothing but a context and returns nothing but an error.
func (w *wiring) callAdapter(b *builder, f *model.Function, ep *model.EntryPoint, event string) (*adapterFiles, string) {
	reg := w.registration(ep)
	var hexpr ast.Expr
	var sig *types.Signature
	if reg != nil && ep.Kind != model.EntryDeclared {
		info := reg.in.pkg.TypesInfo
		for i := len(reg.call.Args) - 1; i >= 0; i-- {
			if s, ok := info.TypeOf(reg.call.Args[i]).Underlying().(*types.Signature); ok {
				hexpr, sig = reg.call.Args[i], s
				break
			}
		}
	}
	var call string
	if hexpr != nil {
		t, err := b.expr(&scope{fd: reg.in}, hexpr)
		if err != nil {
			return nil, "splitter cannot build its handler as the program does: " + err.Error()
		}
		call = t
	} else {
		// A declared entry point: its handler unit, when it is an exported function.
		fd := w.src.byUnit[ep.Handler]
		if fd == nil || fd.fn.Signature().Recv() != nil || !b.callable(fd.fn) {
			return nil, "its handler " + ep.Handler + " is not an exported function splitter can call"
		}
		call, sig = b.g.use(fd.fn.Pkg().Path(), fd.fn.Pkg().Name())+"."+fd.fn.Name(), fd.fn.Signature()
	}
	var args []string
	for i := 0; i < sig.Params().Len(); i++ {
		if typeKeyOf(sig.Params().At(i).Type()) != "context.Context" {
			return nil, fmt.Sprintf("its handler takes a %s, which the adapter cannot make from the event", types.TypeString(sig.Params().At(i).Type(), nil))
		}
		args = append(args, "ctx")
	}
	returnsErr := false
	switch {
	case sig.Results().Len() == 0:
	case sig.Results().Len() == 1 && sig.Results().At(0).Type().String() == "error":
		returnsErr = true
	default:
		return nil, "its handler returns values the adapter does not know what to do with"
	}
	g := b.g
	ctxp := g.use("context", "context")
	ev := g.use("github.com/aws/aws-lambda-go/events", "events")
	evType := strings.Replace(event, "events.", ev+".", 1)
	var body strings.Builder
	body.WriteString(setupDoc(f, b, nil))
	fmt.Fprintf(&body, "func setup() (func(%s.Context, %s) error, error) {\n", ctxp, evType)
	body.WriteString(b.render("\t"))
	fmt.Fprintf(&body, "\thandler := %s\n", call)
	fmt.Fprintf(&body, "\treturn func(ctx %s.Context, event %s) error {\n", ctxp, evType)
	invoke := "handler(" + strings.Join(args, ", ") + ")"
	if len(args) == 0 {
		body.WriteString("\t\t_ = ctx\n")
	}
	if ep.Kind == model.EntryConsumer {
		body.WriteString("\t\t// One run per message: the handler reads its message as the program's consumer does.\n")
		body.WriteString("\t\tfor range event.Records {\n")
	} else {
		body.WriteString("\t\t_ = event\n")
	}
	if returnsErr {
		fmt.Fprintf(&body, "\t\tif err := %s; err != nil {\n\t\t\treturn err\n\t\t}\n", invoke)
	} else {
		fmt.Fprintf(&body, "\t\t%s\n", invoke)
	}
	if ep.Kind == model.EntryConsumer {
		body.WriteString("\t\t}\n")
	}
	body.WriteString("\t\treturn nil\n\t}, nil\n}\n")
	setup := "package main\n\n" + g.importBlock() + "\n" + body.String()
	mg := newGen(w.self)
	lam := mg.use("github.com/aws/aws-lambda-go/lambda", "lambda")
	lg := mg.use("log", "log")
	main := header(f) + "package main\n\n" + mg.importBlock() + "\n" +
		"func main() {\n\th, err := setup()\n\tif err != nil {\n\t\t" + lg + ".Fatalf(\"" + f.Name + ": setup: %v\", err)\n\t}\n" +
		"\t" + lam + ".Start(h)\n}\n"
	_ = call
	return &adapterFiles{main: []byte(main), setup: []byte(setup), test: eventTest(f, ep, event), steps: b.steps}, ""
}

// setupDoc is setup's doc comment: what the function needs, step by step.
func setupDoc(f *model.Function, b *builder, hs []*served) string {
	var d strings.Builder
	d.WriteString("// setup builds what the function " + f.Name + " serves the way the program\n")
	d.WriteString("// does before it serves: each statement below is copied from the program's\n")
	d.WriteString("// own code, at the place its comment names. It runs once per instance, in\n")
	d.WriteString("// the Lambda init phase (10 s). What it reads from the environment, the\n")
	d.WriteString("// files and the services it connects to are the function's configuration:\n")
	d.WriteString("// set them in template.yaml (Environment) before deploying.\n")
	var skipped []string
	seen := map[string]bool{}
	for _, s := range b.steps {
		if strings.HasPrefix(s, "not copied: ") && !seen[s] {
			seen[s] = true
			skipped = append(skipped, strings.TrimPrefix(s, "not copied: "))
		}
	}
	if len(skipped) > 0 {
		d.WriteString("//\n// Not copied (splitter cannot): check that the function does not need them:\n")
		for _, s := range skipped {
			d.WriteString("//   - " + s + "\n")
		}
	}
	return d.String()
}

// httpTest is the generated test of an HTTP function: one API Gateway v2
// event per route, through the same adapter Lambda runs.
func httpTest(self string, f *model.Function) []byte {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"context\"\n\t\"testing\"\n\n\t\"github.com/aws/aws-lambda-go/events\"\n\n\t\"" + self + "/lambdahttp\"\n)\n\n")
	b.WriteString("// TestRoutes builds the handler as the function's init phase does and sends\n")
	b.WriteString("// it one event per route: each must answer (any status: without its\n")
	b.WriteString("// database or the services it calls a route may fail, but it must not panic).\n")
	b.WriteString("func TestRoutes(t *testing.T) {\n\tt.Chdir(t.TempDir()) // what setup writes stays out of the package\n")
	b.WriteString("\th, err := setup()\n\tif err != nil {\n\t\tt.Fatalf(\"setup: %v\", err)\n\t}\n\tif h == nil {\n\t\tt.Fatal(\"setup returned no handler\")\n\t}\n")
	b.WriteString("\thandle := lambdahttp.Handler(h)\n")
	b.WriteString("\tfor _, r := range []struct{ method, path string }{\n")
	seen := map[string]bool{}
	for _, tr := range f.Triggers {
		if tr.Type != model.TriggerHTTP || tr.Path == "" {
			continue
		}
		method := tr.Method
		if method == "ANY" {
			method = "GET"
		}
		k := method + " " + samplePath(tr.Path)
		if seen[k] {
			continue
		}
		seen[k] = true
		fmt.Fprintf(&b, "\t\t{%q, %q},\n", method, samplePath(tr.Path))
	}
	b.WriteString("\t} {\n\t\tev := events.APIGatewayV2HTTPRequest{RawPath: r.path}\n\t\tev.RequestContext.HTTP.Method = r.method\n")
	b.WriteString("\t\tres, err := handle(context.Background(), ev)\n\t\tif err != nil {\n\t\t\tt.Errorf(\"%s %s: %v\", r.method, r.path, err)\n\t\t\tcontinue\n\t\t}\n")
	b.WriteString("\t\tif res.StatusCode < 100 || res.StatusCode > 599 {\n\t\t\tt.Errorf(\"%s %s: status %d\", r.method, r.path, res.StatusCode)\n\t\t}\n")
	b.WriteString("\t\tt.Logf(\"%s %s: %d\", r.method, r.path, res.StatusCode)\n\t}\n}\n")
	return []byte(b.String())
}

// samplePath fills a route's parameters: {id} → 1, {path+} → x.
func samplePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "+}"):
			segs[i] = "x"
		case strings.HasPrefix(s, "{"):
			segs[i] = "1"
		}
	}
	return strings.Join(segs, "/")
}

// eventTest is the generated test of a scheduled or queued function.
func eventTest(f *model.Function, ep *model.EntryPoint, event string) []byte {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"context\"\n\t\"testing\"\n\n\t\"github.com/aws/aws-lambda-go/events\"\n)\n\n")
	b.WriteString("// TestEvent builds the handler as the function's init phase does and sends it\n")
	b.WriteString("// one event: it must run without panicking (an error is an answer: without\n")
	b.WriteString("// its database or the services it calls, the job may fail).\n")
	b.WriteString("func TestEvent(t *testing.T) {\n\tt.Chdir(t.TempDir())\n\th, err := setup()\n\tif err != nil {\n\t\tt.Fatalf(\"setup: %v\", err)\n\t}\n")
	if event == "events.SQSEvent" {
		fmt.Fprintf(&b, "\tev := events.SQSEvent{Records: []events.SQSMessage{{MessageId: \"1\", Body: %q}}}\n", "{}")
	} else {
		fmt.Fprintf(&b, "\tev := events.CloudWatchEvent{DetailType: \"Scheduled Event\", Source: \"aws.events\"}\n")
	}
	b.WriteString("\tif err := h(context.Background(), ev); err != nil {\n\t\tt.Logf(\"" + f.Name + ": %v\", err)\n\t}\n}\n")
	return []byte(b.String())
}
