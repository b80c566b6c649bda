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
	// Wired lists the functions generated (their handlers built as the
	// program builds them); Unbuilt the others, with the reason.
	Wired   map[string]bool
	Unbuilt map[string]string
	// NoTemplate says why no template.yaml was written ("" when it was).
	NoTemplate string
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
	out := &Emitted{Wired: map[string]bool{}, Unbuilt: map[string]string{}}
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

	src := loadSource(ctx, m, modDir)
	w := newWiring(m, src, modDir, out.Module)
	deploy := map[string]bool{}
	for i := range m.Functions {
		f := &m.Functions[i]
		if f.Deploy != model.DeployFunction {
			continue
		}
		files, why := w.adapter(f)
		if files == nil {
			out.Unbuilt[f.Name] = why
			continue
		}
		for _, x := range []struct {
			name string
			src  []byte
		}{{"main.go", files.main}, {"setup.go", files.setup}, {"main_test.go", files.test}} {
			formatted, err := format.Source(x.src)
			if err != nil {
				return nil, fmt.Errorf("internal error: %s of %s does not parse: %v\n%s", x.name, f.Name, err, x.src)
			}
			if err := write("functions/"+f.Name+"/"+x.name, formatted); err != nil {
				return nil, err
			}
		}
		out.Wired[f.Name] = true
		deploy[f.Name] = true
	}
	tpl, comments := buildTemplate(m, deploy)
	if tpl == nil {
		out.NoTemplate = "no function can be deployed"
		if len(out.Unbuilt) == 0 {
			out.NoTemplate = "the proposal has no serverless function"
		}
	} else {
		for _, name := range sortedNames(out.Unbuilt) {
			comments = append(comments, name+": not generated: "+out.Unbuilt[name])
		}
		for _, f := range m.Functions {
			if f.Deploy != model.DeployFunction {
				comments = append(comments, fmt.Sprintf("%s (%s): %s", f.Name, f.Deploy, f.Group))
			}
		}
		b, err := templateYAML(tpl, comments)
		if err != nil {
			return nil, fmt.Errorf("internal error: writing template.yaml: %w", err)
		}
		if err := write("template.yaml", b); err != nil {
			return nil, err
		}
	}
	if err := write("README.md", []byte(scaffoldReadme(m, out, inside))); err != nil {
		return nil, err
	}
	sort.Strings(out.Files)
	return out, nil
}

func sortedNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// scaffoldReadme explains the scaffold to the team.
func scaffoldReadme(m *model.Model, e *Emitted, inside bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Serverless scaffold for %s\n\n", m.Module)
	b.WriteString("Generated by `splitter suggest functions --emit sam`. Each function package\n")
	b.WriteString("under `functions/` has `setup.go`, which builds its handlers the way the\n")
	b.WriteString("program does (each statement copied from the program, with its place),\n")
	b.WriteString("`main.go`, the Lambda entry point, and `main_test.go`, which sends the handler\n")
	b.WriteString("one synthetic event per route. See docs/SUGGEST.md in splitter for what is\n")
	b.WriteString("left to do by hand.\n\n```sh\n")
	if inside {
		fmt.Fprintf(&b, "go get github.com/aws/aws-lambda-go@%s   # once: the scaffold is part of the module\n", LambdaVersion)
	}
	b.WriteString("go build ./... && go vet ./... && go test ./...\n")
	if e.NoTemplate == "" {
		b.WriteString("sam build && sam deploy --guided\n")
	}
	b.WriteString("```\n\n")
	for _, n := range e.notes {
		b.WriteString("- " + n + "\n")
	}
	if e.NoTemplate != "" {
		b.WriteString("No template.yaml: " + e.NoTemplate + ".\n\n")
	}
	if len(e.Wired) > 0 {
		b.WriteString("| function | triggers |\n|---|---|\n")
		for _, f := range m.Functions {
			if !e.Wired[f.Name] {
				continue
			}
			var ts []string
			for _, t := range f.Triggers {
				ts = append(ts, "`"+triggerLabel(t)+"`")
			}
			fmt.Fprintf(&b, "| %s | %s |\n", f.Name, strings.Join(ts, ", "))
		}
	}
	if len(e.Unbuilt) > 0 {
		b.WriteString("\nNot generated (splitter cannot build their handlers as the program does):\n\n")
		for _, name := range sortedNames(e.Unbuilt) {
			fmt.Fprintf(&b, "- %s: %s\n", name, e.Unbuilt[name])
		}
	}
	var other []string
	for _, f := range m.Functions {
		if f.Deploy != model.DeployFunction {
			other = append(other, fmt.Sprintf("- %s (%s): %s", f.Name, f.Deploy, f.Note))
		}
	}
	if len(other) > 0 {
		b.WriteString("\nNot functions:\n\n" + strings.Join(other, "\n") + "\n")
	}
	return b.String()
}

func triggerLabel(t model.FunctionTrigger) string {
	switch t.Type {
	case model.TriggerHTTP:
		if t.Path != "" {
			return t.Method + " " + t.Path
		}
	case model.TriggerSchedule:
		if t.Expression != "" {
			return t.Expression
		}
	}
	return t.EntryPoint
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

// gen accumulates one adapter's imports and code.
type gen struct {
	self    string            // the scaffold's module path
	imports map[string]string // path → local name
	names   map[string]bool
	ok      bool // every type could be named
}

func newGen(self string) *gen {
	return &gen{self: self, imports: map[string]string{}, names: map[string]bool{"main": true, "lambda": true, "events": true,
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
	if path == g.self+"/lambdahttp" {
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
		return strings.HasPrefix(g.self+"/", parent+"/")
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
