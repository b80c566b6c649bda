package suggest

import (
	"context"
	_ "embed"
	"fmt"
	"go/format"
	"go/types"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/model"
)

// LambdaVersion is the github.com/aws/aws-lambda-go version the scaffold requires.
const LambdaVersion = "v1.55.1"

//go:embed scaffold/lambdahttp.go.txt
var lambdaHTTPSource string

//go:embed scaffold/lambdahttp_test.go.txt
var lambdaHTTPTestSource string

// EmitOptions says where the scaffold goes and what it builds against.
type EmitOptions struct {
	// ModuleDir is the root directory of the analysed module; Module its path.
	ModuleDir string
	Module    string
	// OutDir receives template.yaml, functions/<name>/main.go and the
	// lambdahttp adapter. Inside ModuleDir the scaffold is part of the
	// module; elsewhere it is its own module (go.mod with a replace
	// directive pointing at ModuleDir).
	OutDir string
}

// Emitted describes a written scaffold.
type Emitted struct {
	// Files lists the files written, relative to OutDir.
	Files []string
	// Wired maps each function with an adapter to whether its adapter
	// calls the module's own code (false: a stub with a TODO).
	Wired map[string]bool
	// Module is the import path of the scaffold's packages.
	Module string
	notes  []string
}

// EmitSAM writes an AWS SAM scaffold for m's functions (those whose Deploy
// is "function"): template.yaml and one main.go adapter per function. It
// loads the module's types (from export data) to find exported code that
// registers or runs each entry point.
func EmitSAM(ctx context.Context, m *model.Model, opts EmitOptions) (*Emitted, error) {
	if opts.ModuleDir == "" || opts.OutDir == "" {
		return nil, fmt.Errorf("the module directory and the output directory are required")
	}
	modDir, err := filepath.Abs(opts.ModuleDir)
	if err != nil {
		return nil, err
	}
	outDir, err := filepath.Abs(opts.OutDir)
	if err != nil {
		return nil, err
	}
	module := opts.Module
	if module == "" {
		module = m.Module
	}
	out := &Emitted{Wired: map[string]bool{}}
	inside := false
	if rel, err := filepath.Rel(modDir, outDir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		inside = true
		out.Module = module
		if rel != "." {
			out.Module = module + "/" + filepath.ToSlash(rel)
		}
	} else {
		out.Module = scaffoldModule(m, module)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the output directory: %w", err)
	}
	write := func(rel string, data []byte) error {
		p := filepath.Join(outDir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
		out.Files = append(out.Files, rel)
		return nil
	}
	if !inside {
		gm, err := buildGoMod(ctx, modDir, outDir, module, out.Module)
		if err != nil {
			return nil, err
		}
		if err := write("go.mod", gm.gomod); err != nil {
			return nil, err
		}
		if err := write("go.sum", gm.gosum); err != nil {
			return nil, err
		}
		out.notes = gm.notes
	}
	if err := write("lambdahttp/lambdahttp.go", []byte(lambdaHTTPSource)); err != nil {
		return nil, err
	}
	if err := write("lambdahttp/lambdahttp_test.go", []byte(lambdaHTTPTestSource)); err != nil {
		return nil, err
	}

	w := newWirer(ctx, m, modDir, out.Module)
	for i := range m.Functions {
		f := &m.Functions[i]
		if f.Deploy != model.DeployFunction {
			continue
		}
		src, wired := w.adapter(f)
		formatted, err := format.Source(src)
		if err != nil {
			return nil, fmt.Errorf("internal error: the adapter of %s does not parse: %v\n%s", f.Name, err, src)
		}
		if err := write("functions/"+f.Name+"/main.go", formatted); err != nil {
			return nil, err
		}
		out.Wired[f.Name] = wired
	}
	if err := write("template.yaml", []byte(samTemplate(m))); err != nil {
		return nil, err
	}
	if err := write("README.md", []byte(scaffoldReadme(m, out, inside))); err != nil {
		return nil, err
	}
	sort.Strings(out.Files)
	return out, nil
}

// scaffoldModule is the scaffold's module path outside the module:
// <module>/deploy, so that it may import the module's internal packages
// (the go command checks internal by import path), unless the module has
// packages there.
func scaffoldModule(m *model.Model, module string) string {
	for _, name := range []string{"deploy", "serverless", "splitter-deploy"} {
		taken := false
		for _, p := range m.Packages {
			if p.Path == module+"/"+name || strings.HasPrefix(p.Path, module+"/"+name+"/") {
				taken = true
			}
		}
		if !taken {
			return module + "/" + name
		}
	}
	return module + "/splitter-deploy-scaffold"
}

// wirer finds, with go/types, the exported code that can build each
// function's handlers.
type wirer struct {
	m       *model.Model
	self    string // the scaffold's module path
	types   map[string]*types.Package
	callers map[string][]string // unit → units calling it
	handler *types.Interface    // net/http.Handler
	loadErr error
}

func newWirer(ctx context.Context, m *model.Model, dir, self string) *wirer {
	w := &wirer{m: m, self: self, types: map[string]*types.Package{}, callers: map[string][]string{}}
	for _, e := range m.Edges {
		if e.Kind == model.EdgeCall {
			w.callers[e.To] = append(w.callers[e.To], e.From)
		}
	}
	for k := range w.callers {
		sort.Strings(w.callers[k])
	}
	patterns := []string{"net/http"}
	for _, p := range m.Packages {
		patterns = append(patterns, p.Path)
	}
	cfg := &packages.Config{Context: ctx, Dir: dir, Mode: packages.NeedName | packages.NeedTypes}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		w.loadErr = err
		return w
	}
	for _, p := range pkgs {
		if p.Types != nil && len(p.Errors) == 0 {
			w.types[p.PkgPath] = p.Types
		}
	}
	if hp := w.types["net/http"]; hp != nil {
		if obj, ok := hp.Scope().Lookup("Handler").(*types.TypeName); ok {
			w.handler, _ = obj.Type().Underlying().(*types.Interface)
		}
	}
	return w
}

// gen accumulates one adapter's imports and code.
type gen struct {
	w       *wirer
	imports map[string]string // path → local name
	names   map[string]bool
	ok      bool // every type could be named
}

func (w *wirer) newGen() *gen {
	return &gen{w: w, imports: map[string]string{}, names: map[string]bool{"main": true, "lambda": true, "events": true,
		"context": true, "http": true, "lambdahttp": true, "fmt": true}, ok: true}
}

// use imports path and returns its local name.
func (g *gen) use(path, name string) string {
	if n, ok := g.imports[path]; ok {
		return n
	}
	fixed := map[string]string{"context": "context", "net/http": "http", "fmt": "fmt",
		"github.com/aws/aws-lambda-go/lambda": "lambda", "github.com/aws/aws-lambda-go/events": "events"}
	if n, ok := fixed[path]; ok {
		g.imports[path] = n
		return n
	}
	if path == g.w.self+"/lambdahttp" {
		g.imports[path] = "lambdahttp"
		return "lambdahttp"
	}
	local := name
	for i := 2; g.names[local]; i++ {
		local = fmt.Sprintf("%s%d", name, i)
	}
	g.names[local] = true
	g.imports[path] = local
	return local
}

// importable reports whether the scaffold can import a package.
func (g *gen) importable(p *types.Package) bool {
	if p == nil || p.Name() == "main" {
		return false
	}
	path := p.Path()
	if i := strings.LastIndex(path, "/internal/"); i >= 0 || strings.HasSuffix(path, "/internal") || strings.HasPrefix(path, "internal/") {
		parent := path
		if i >= 0 {
			parent = path[:i]
		} else {
			parent = strings.TrimSuffix(path, "/internal")
		}
		return strings.HasPrefix(g.w.self+"/", parent+"/")
	}
	return true
}

func (g *gen) qualifier(p *types.Package) string {
	if !g.importable(p) {
		g.ok = false
		return p.Name()
	}
	return g.use(p.Path(), p.Name())
}

// zero writes a value of type t the adapter can pass: nil, 0, "", a
// composite literal, or a sensible default (context.Background()).
func (g *gen) zero(t types.Type) (string, bool) {
	switch typeKeyOf(t) {
	case "context.Context":
		return g.use("context", "context") + ".Background()", true
	case "*log/slog.Logger":
		return g.use("log/slog", "slog") + ".Default()", true
	case "*log.Logger":
		return g.use("log", "log") + ".Default()", true
	case "*net/http.Client":
		return g.use("net/http", "http") + ".DefaultClient", true
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Map, *types.Slice, *types.Chan, *types.Signature:
		return "nil", true
	case *types.Basic:
		switch {
		case u.Info()&types.IsNumeric != 0:
			if _, named := t.(*types.Named); named {
				return g.typeString(t) + "(0)", g.ok
			}
			return "0", true
		case u.Info()&types.IsString != 0:
			if _, named := t.(*types.Named); named {
				return g.typeString(t) + `("")`, g.ok
			}
			return `""`, true
		case u.Info()&types.IsBoolean != 0:
			return "false", true
		}
		return "", false
	case *types.Struct, *types.Array:
		if n, ok := t.(*types.Named); ok && (n.TypeArgs().Len() > 0 || !n.Obj().Exported()) {
			return "", false
		}
		s := g.typeString(t) + "{}"
		return s, g.ok
	}
	return "", false
}

func (g *gen) typeString(t types.Type) string { return types.TypeString(t, g.qualifier) }

func typeKeyOf(t types.Type) string {
	ptr := ""
	if p, ok := t.(*types.Pointer); ok {
		ptr = "*"
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return ""
	}
	return ptr + n.Obj().Pkg().Path() + "." + n.Obj().Name()
}

// router says how to make a router the registration code takes.
type router struct {
	make string // expression creating the servable router
	arg  string // how to pass it ("%s" or "&%s.RouterGroup")
}

func (g *gen) routerFor(t types.Type) (router, bool) {
	key := typeKeyOf(t)
	p, base := "", ""
	if n := namedType(t); n != nil && n.Obj().Pkg() != nil {
		p = n.Obj().Pkg().Path()
		base = stripMajor(p) + "." + n.Obj().Name()
	}
	switch base {
	case "net/http.ServeMux":
		if strings.HasPrefix(key, "*") {
			return router{make: g.use("net/http", "http") + ".NewServeMux()", arg: "%s"}, true
		}
	case "github.com/go-chi/chi.Router", "github.com/go-chi/chi.Mux":
		return router{make: g.use(p, "chi") + ".NewRouter()", arg: "%s"}, true
	case "github.com/gorilla/mux.Router":
		return router{make: g.use(p, "mux") + ".NewRouter()", arg: "%s"}, true
	case "github.com/gin-gonic/gin.Engine", "github.com/gin-gonic/gin.IRouter", "github.com/gin-gonic/gin.IRoutes":
		return router{make: g.use(p, "gin") + ".New()", arg: "%s"}, true
	case "github.com/gin-gonic/gin.RouterGroup":
		return router{make: g.use(p, "gin") + ".New()", arg: "&%s.RouterGroup"}, true
	case "github.com/labstack/echo.Echo":
		return router{make: g.use(p, "echo") + ".New()", arg: "%s"}, true
	case "github.com/labstack/echo.Group":
		return router{make: g.use(p, "echo") + ".New()", arg: `%s.Group("")`}, true
	}
	return router{}, false
}

func namedType(t types.Type) *types.Named {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// lookup finds the types object of a unit: its func, or its method with the
// receiver's type.
func (w *wirer) lookup(u *model.Unit) (*types.Func, *types.TypeName) {
	p := w.types[u.Package]
	if p == nil {
		return nil, nil
	}
	if u.Recv == "" {
		fn, _ := p.Scope().Lookup(u.Name).(*types.Func)
		return fn, nil
	}
	tn, ok := p.Scope().Lookup(u.Recv).(*types.TypeName)
	if !ok {
		return nil, nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), false, p, u.Name)
	fn, _ := obj.(*types.Func)
	return fn, tn
}

// receiver writes an expression for a value of tn: a constructor call
// (NewT, New, or any exported func returning T or *T), else a literal.
func (g *gen) receiver(tn *types.TypeName, ptr bool) (string, bool) {
	if !tn.Exported() || !g.importable(tn.Pkg()) {
		return "", false
	}
	if n, ok := tn.Type().(*types.Named); ok && n.TypeParams().Len() > 0 {
		return "", false
	}
	scope := tn.Pkg().Scope()
	var cands []*types.Func
	for _, name := range scope.Names() {
		fn, ok := scope.Lookup(name).(*types.Func)
		if !ok || !fn.Exported() || fn.Signature().Results().Len() == 0 || fn.Signature().TypeParams().Len() > 0 {
			continue
		}
		r := fn.Signature().Results().At(0).Type()
		if namedType(r) != nil && namedType(r).Obj() == tn {
			cands = append(cands, fn)
		}
	}
	rank := func(f *types.Func) int {
		switch f.Name() {
		case "New" + tn.Name():
			return 0
		case "New":
			return 1
		}
		return 2
	}
	sort.SliceStable(cands, func(i, j int) bool { return rank(cands[i]) < rank(cands[j]) })
	for _, c := range cands {
		if c.Signature().Results().Len() > 1 {
			continue // (T, error) constructors need error handling: prefer others
		}
		if args, ok := g.args(c.Signature(), nil); ok {
			call := g.use(tn.Pkg().Path(), tn.Pkg().Name()) + "." + c.Name() + "(" + args + ")"
			_, isPtr := c.Signature().Results().At(0).Type().(*types.Pointer)
			if ptr && !isPtr {
				return "", false
			}
			return call, true
		}
	}
	if _, isStruct := tn.Type().Underlying().(*types.Struct); isStruct {
		lit := g.use(tn.Pkg().Path(), tn.Pkg().Name()) + "." + tn.Name() + "{}"
		if ptr {
			lit = "(&" + lit + ")" // (&T{}).M: &T{}.M takes the address of the call
		}
		return lit, true
	}
	return "", false
}

// args writes zero-value arguments for sig's parameters; routerArg, when
// set, is used for the parameter at routerIdx.
func (g *gen) args(sig *types.Signature, router map[int]string) (string, bool) {
	var parts []string
	params := sig.Params()
	for i := 0; i < params.Len(); i++ {
		if sig.Variadic() && i == params.Len()-1 {
			break
		}
		if r, ok := router[i]; ok {
			parts = append(parts, r)
			continue
		}
		z, ok := g.zero(params.At(i).Type())
		if !ok {
			return "", false
		}
		parts = append(parts, z)
	}
	return strings.Join(parts, ", "), true
}

// unitAt returns the func or method unit declared at file:line.
func (w *wirer) unitAt(file string, line int) *model.Unit {
	var best *model.Unit
	for i := range w.m.Units {
		u := &w.m.Units[i]
		if u.File != file || line < u.Line || line > u.EndLine || (u.Kind != model.KindFunc && u.Kind != model.KindMethod) {
			continue
		}
		if best == nil || u.Line > best.Line {
			best = u
		}
	}
	return best
}

// registration is exported code that builds a servable handler for some routes.
type registration struct {
	unit  string
	stmts []string // statements declaring the handler variable
	serve string   // the http.Handler expression
}

// register finds the nearest exported code (the unit registering the
// route, then its callers, 3 deep) that the adapter can call.
func (g *gen) register(ep *model.EntryPoint, v string) (registration, bool) {
	start := g.w.unitAt(ep.File, ep.Line)
	if start == nil {
		return registration{}, false
	}
	seen := map[string]bool{start.ID: true}
	level := []string{start.ID}
	for depth := 0; depth < 4 && len(level) > 0; depth++ {
		var next []string
		for _, id := range level {
			i := -1
			for k := range g.w.m.Units {
				if g.w.m.Units[k].ID == id {
					i = k
					break
				}
			}
			if i >= 0 {
				if r, ok := g.tryRegistrar(&g.w.m.Units[i], v); ok {
					return r, true
				}
			}
			for _, c := range g.w.callers[id] {
				if !seen[c] {
					seen[c] = true
					next = append(next, c)
				}
			}
		}
		level = next
	}
	return registration{}, false
}

// tryRegistrar: an exported func or method taking a router (we make it and
// serve it) or returning an http.Handler (we serve the result).
func (g *gen) tryRegistrar(u *model.Unit, v string) (registration, bool) {
	fn, tn := g.w.lookup(u)
	if fn == nil || !fn.Exported() || !g.importable(fn.Pkg()) || fn.Signature().TypeParams().Len() > 0 {
		return registration{}, false
	}
	saved := g.snapshot()
	fail := func() (registration, bool) { g.restore(saved); return registration{}, false }
	sig := fn.Signature()
	callee := ""
	if tn != nil {
		_, ptr := sig.Recv().Type().(*types.Pointer)
		recv, ok := g.receiver(tn, ptr)
		if !ok {
			return fail()
		}
		callee = recv + "." + fn.Name()
	} else {
		callee = g.use(fn.Pkg().Path(), fn.Pkg().Name()) + "." + fn.Name()
	}
	// A router parameter?
	params := sig.Params()
	for i := 0; i < params.Len(); i++ {
		r, ok := g.routerFor(params.At(i).Type())
		if !ok {
			continue
		}
		args, ok := g.args(sig, map[int]string{i: fmt.Sprintf(r.arg, v)})
		if !ok {
			return fail()
		}
		call := callee + "(" + args + ")"
		if sig.Results().Len() > 0 {
			blanks := strings.TrimSuffix(strings.Repeat("_, ", sig.Results().Len()), ", ")
			call = blanks + " = " + call
		}
		return registration{unit: u.ID, stmts: []string{v + " := " + r.make, call}, serve: v}, g.ok
	}
	// A handler result?
	if sig.Results().Len() >= 1 && g.w.handler != nil && types.Implements(sig.Results().At(0).Type(), g.w.handler) {
		args, ok := g.args(sig, nil)
		if !ok {
			return fail()
		}
		lhs := v
		if sig.Results().Len() > 1 {
			lhs += strings.Repeat(", _", sig.Results().Len()-1)
		}
		return registration{unit: u.ID, stmts: []string{lhs + " := " + callee + "(" + args + ")"}, serve: v}, g.ok
	}
	return fail()
}

type genState struct {
	imports map[string]string
	names   map[string]bool
	ok      bool
}

func (g *gen) snapshot() genState {
	s := genState{imports: map[string]string{}, names: map[string]bool{}, ok: g.ok}
	for k, v := range g.imports {
		s.imports[k] = v
	}
	for k, v := range g.names {
		s.names[k] = v
	}
	return s
}

func (g *gen) restore(s genState) { g.imports, g.names, g.ok = s.imports, s.names, s.ok }

// adapter writes a function's main.go; wired is false for a stub.
func (w *wirer) adapter(f *model.Function) ([]byte, bool) {
	g := w.newGen()
	var eps []*model.EntryPoint
	for _, id := range f.EntryPoints {
		for i := range w.m.EntryPoints {
			if w.m.EntryPoints[i].ID == id {
				eps = append(eps, &w.m.EntryPoints[i])
			}
		}
	}
	if len(eps) == 0 {
		return w.stub(g, f, "no entry point"), false
	}
	switch eps[0].Kind {
	case model.EntryHTTP:
		return w.httpAdapter(g, f, eps)
	case model.EntryCron, model.EntryDeclared:
		return w.callAdapter(g, f, eps[0], "events.CloudWatchEvent")
	case model.EntryConsumer:
		return w.callAdapter(g, f, eps[0], "events.SQSEvent")
	}
	return w.stub(g, f, "entry points of kind "+string(eps[0].Kind)+" have no adapter"), false
}

func header(f *model.Function) string {
	var b strings.Builder
	fmt.Fprintf(&b, "// Command %s is the AWS Lambda adapter of the function %q proposed by splitter.\n", f.Name, f.Name)
	b.WriteString("// It serves:\n")
	for _, t := range f.Triggers {
		fmt.Fprintf(&b, "//   - %s\n", t.EntryPoint)
	}
	b.WriteString("//\n// Build it for provided.al2023 with\n")
	b.WriteString("//\n//\tGOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -o bootstrap .\n")
	return b.String()
}

func (g *gen) importBlock() string {
	var std, other []string
	for p := range g.imports {
		if strings.Contains(strings.Split(p, "/")[0], ".") {
			other = append(other, p)
		} else {
			std = append(std, p)
		}
	}
	sort.Strings(std)
	sort.Strings(other)
	paths := std
	if len(std) > 0 && len(other) > 0 {
		paths = append(paths, "")
	}
	paths = append(paths, other...)
	var b strings.Builder
	b.WriteString("import (\n")
	for _, p := range paths {
		if p == "" {
			b.WriteString("\n")
			continue
		}
		name := g.imports[p]
		last := p[strings.LastIndex(p, "/")+1:]
		if name == last {
			fmt.Fprintf(&b, "\t%q\n", p)
		} else {
			fmt.Fprintf(&b, "\t%s %q\n", name, p)
		}
	}
	b.WriteString(")\n")
	return b.String()
}

// goPattern turns a route into a Go 1.22 ServeMux pattern.
func goPattern(ep *model.EntryPoint) (string, bool) {
	p := ep.Trigger.Path
	if p == "" || p == "?" {
		return "", false
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		switch {
		case strings.HasPrefix(s, "{") && strings.Contains(s, ":"):
			segs[i] = s[:strings.Index(s, ":")] + "}"
		case strings.HasPrefix(s, ":"):
			segs[i] = "{" + s[1:] + "}"
		case s == "*":
			segs[i] = "{rest...}"
		case strings.HasPrefix(s, "*"):
			segs[i] = "{" + s[1:] + "...}"
		}
	}
	pat := strings.Join(segs, "/")
	if ep.Trigger.Method != "" {
		pat = ep.Trigger.Method + " " + pat
	}
	return pat, true
}

func (w *wirer) httpAdapter(g *gen, f *model.Function, eps []*model.EntryPoint) ([]byte, bool) {
	// One registration per distinct registering code.
	type reg struct {
		registration
		eps []*model.EntryPoint
	}
	var regs []*reg
	var missing []string
	for _, ep := range eps {
		found := false
		for _, r := range regs {
			if start := w.unitAt(ep.File, ep.Line); start != nil && w.reaches(r.unit, start.ID) {
				r.eps = append(r.eps, ep)
				found = true
				break
			}
		}
		if found {
			continue
		}
		r, ok := g.register(ep, fmt.Sprintf("h%d", len(regs)+1))
		if !ok {
			missing = append(missing, ep.ID)
			continue
		}
		regs = append(regs, &reg{registration: r, eps: []*model.EntryPoint{ep}})
	}
	if len(regs) == 0 {
		return w.stub(g, f, "no exported function or method registers "+strings.Join(missing, ", ")+
			": export one (a Register(mux) or Routes(r) method, or a constructor returning an http.Handler) and call it here"), false
	}
	lam := g.use("github.com/aws/aws-lambda-go/lambda", "lambda")
	lh := g.use(w.self+"/lambdahttp", "lambdahttp")
	http := g.use("net/http", "http")
	var body strings.Builder
	body.WriteString("func main() {\n\t" + lam + ".Start(" + lh + ".Handler(newHandler()))\n}\n\n")
	body.WriteString("// newHandler builds this function's routes with the module's own registration\n")
	body.WriteString("// code. TODO: pass real dependencies (a database, clients, configuration) in\n")
	body.WriteString("// place of the zero values below, as the program's main package does.\n")
	fmt.Fprintf(&body, "func newHandler() %s.Handler {\n", http)
	for _, r := range regs {
		fmt.Fprintf(&body, "\t// registered by %s\n", r.unit)
		for _, s := range r.stmts {
			body.WriteString("\t" + s + "\n")
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(&body, "\t// TODO: no exported code registers %s; they are not served.\n", strings.Join(missing, ", "))
	}
	if len(regs) == 1 {
		fmt.Fprintf(&body, "\treturn %s\n}\n", regs[0].serve)
	} else {
		fmt.Fprintf(&body, "\tmux := %s.NewServeMux()\n", http)
		for _, r := range regs {
			for _, ep := range r.eps {
				if pat, ok := goPattern(ep); ok {
					fmt.Fprintf(&body, "\tmux.Handle(%q, %s)\n", pat, r.serve)
				}
			}
		}
		body.WriteString("\treturn mux\n}\n")
	}
	src := header(f) + "package main\n\n" + g.importBlock() + "\n" + body.String()
	return []byte(src), g.ok && len(missing) == 0
}

// reaches reports whether the unit from calls (transitively, 4 deep) the unit to.
func (w *wirer) reaches(from, to string) bool {
	if from == to {
		return true
	}
	level := []string{to}
	seen := map[string]bool{to: true}
	for d := 0; d < 4 && len(level) > 0; d++ {
		var next []string
		for _, x := range level {
			for _, c := range w.callers[x] {
				if c == from {
					return true
				}
				if !seen[c] {
					seen[c] = true
					next = append(next, c)
				}
			}
		}
		level = next
	}
	return false
}

// callAdapter wires a scheduled, queued or declared entry point whose
// handler is exported and takes nothing, a context, or (NATS) a message.
func (w *wirer) callAdapter(g *gen, f *model.Function, ep *model.EntryPoint, event string) ([]byte, bool) {
	var u *model.Unit
	for i := range w.m.Units {
		if w.m.Units[i].ID == ep.Handler {
			u = &w.m.Units[i]
		}
	}
	if u == nil {
		return w.stub(g, f, "the handler "+ep.Handler+" is not a unit of the module"), false
	}
	fn, tn := w.lookup(u)
	if fn == nil || !fn.Exported() || !g.importable(fn.Pkg()) || (tn != nil && !tn.Exported()) {
		return w.stub(g, f, "its handler "+ep.Handler+" is not exported: export it (or add an exported wrapper) and call it here"), false
	}
	saved := g.snapshot()
	callee := ""
	if tn != nil {
		_, ptr := fn.Signature().Recv().Type().(*types.Pointer)
		recv, ok := g.receiver(tn, ptr)
		if !ok {
			g.restore(saved)
			return w.stub(g, f, "no exported constructor builds the receiver of "+ep.Handler), false
		}
		callee = recv + "." + fn.Name()
	} else {
		callee = g.use(fn.Pkg().Path(), fn.Pkg().Name()) + "." + fn.Name()
	}
	sig := fn.Signature()
	ctxName := g.use("context", "context")
	ev := g.use("github.com/aws/aws-lambda-go/events", "events")
	var args []string
	msg := false
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		switch {
		case typeKeyOf(t) == "context.Context":
			args = append(args, "ctx")
		case ep.Kind == model.EntryConsumer && ep.Trigger.Broker == "nats" && strings.HasSuffix(typeKeyOf(t), "/nats.go.Msg"):
			n := namedType(t)
			args = append(args, "&"+g.use(n.Obj().Pkg().Path(), "nats")+".Msg{Subject: "+fmt.Sprintf("%q", ep.Trigger.Topic)+", Data: []byte(rec.Body)}")
			msg = true
		default:
			g.restore(saved)
			return w.stub(g, f, "its handler "+ep.Handler+" takes a "+types.TypeString(t, nil)+" the adapter cannot build"), false
		}
	}
	if ep.Kind == model.EntryConsumer && !msg {
		g.restore(saved)
		return w.stub(g, f, "the adapter cannot turn a queue message into what "+ep.Handler+" takes"), false
	}
	call := callee + "(" + strings.Join(args, ", ") + ")"
	returnsErr := sig.Results().Len() == 1 && sig.Results().At(0).Type().String() == "error"
	lam := g.use("github.com/aws/aws-lambda-go/lambda", "lambda")
	var body strings.Builder
	fmt.Fprintf(&body, "func main() {\n\t%s.Start(handle)\n}\n\n", lam)
	body.WriteString("// handle runs the entry point once per event. TODO: pass real dependencies in\n")
	body.WriteString("// place of the zero values below, as the program's main package does.\n")
	evType := strings.Replace(event, "events.", ev+".", 1)
	fmt.Fprintf(&body, "func handle(ctx %s.Context, event %s) error {\n", ctxName, evType)
	if ep.Kind == model.EntryConsumer {
		body.WriteString("\tfor _, rec := range event.Records {\n")
		if returnsErr {
			fmt.Fprintf(&body, "\t\tif err := %s; err != nil {\n\t\t\treturn err\n\t\t}\n", call)
		} else {
			fmt.Fprintf(&body, "\t\t%s\n", call)
		}
		body.WriteString("\t}\n\treturn nil\n}\n")
	} else {
		body.WriteString("\t_ = event\n")
		if !strings.Contains(call, "ctx") {
			body.WriteString("\t_ = ctx\n")
		}
		if returnsErr {
			fmt.Fprintf(&body, "\treturn %s\n}\n", call)
		} else {
			fmt.Fprintf(&body, "\t%s\n\treturn nil\n}\n", call)
		}
	}
	src := header(f) + "package main\n\n" + g.importBlock() + "\n" + body.String()
	return []byte(src), g.ok
}

// stub writes an adapter that compiles and says what is missing.
func (w *wirer) stub(g *gen, f *model.Function, why string) []byte {
	g.imports = map[string]string{}
	lam := g.use("github.com/aws/aws-lambda-go/lambda", "lambda")
	ctx := g.use("context", "context")
	fmtp := g.use("fmt", "fmt")
	var body strings.Builder
	fmt.Fprintf(&body, "func main() {\n\t%s.Start(handle)\n}\n\n", lam)
	body.WriteString("// handle is not wired yet. TODO: " + strings.ReplaceAll(why, "\n", " ") + ".\n")
	fmt.Fprintf(&body, "func handle(ctx %s.Context) error {\n\treturn %s.Errorf(%q)\n}\n", ctx, fmtp, "function "+f.Name+" is not wired yet: see the TODO in its main.go")
	return []byte(header(f) + "package main\n\n" + g.importBlock() + "\n" + body.String())
}
