package suggest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/awslabs/goformation/v7/schema"
	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

var (
	samOnce   sync.Once
	samSchema *jsonschema.Schema
	samErr    error
)

// validateSAM checks a template against the SAM JSON schema goformation
// ships. Like goformation, it resolves intrinsic functions first (the
// schema describes a template whose Ref and Fn:: values are resolved):
// each becomes a string.
func validateSAM(t *testing.T, data []byte) {
	t.Helper()
	samOnce.Do(func() {
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft4)
		// The schema's $id is draft 4's own URL: drop it, or it would
		// stand for the meta-schema.
		src := strings.Replace(schema.SamSchema, `"$id": "http://json-schema.org/draft-04/schema#",`, "", 1)
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(src))
		if err != nil {
			samErr = err
			return
		}
		if samErr = c.AddResource("sam.schema.json", doc); samErr != nil {
			return
		}
		samSchema, samErr = c.Compile("sam.schema.json")
	})
	if samErr != nil {
		t.Fatalf("the SAM schema does not compile: %v", samErr)
	}
	var tpl any
	if err := yaml.Unmarshal(data, &tpl); err != nil {
		t.Fatalf("template.yaml does not parse: %v", err)
	}
	b, err := json.Marshal(resolveIntrinsics(tpl))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if err := samSchema.Validate(inst); err != nil {
		t.Errorf("template.yaml is not a valid SAM template: %v", err)
	}
}

func resolveIntrinsics(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for k := range x {
				if k == "Ref" || strings.HasPrefix(k, "Fn::") {
					return "resolved:" + k
				}
			}
		}
		out := map[string]any{}
		for k, e := range x {
			out[k] = resolveIntrinsics(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = resolveIntrinsics(e)
		}
		return out
	}
	return v
}

// samTpl is what the tests read of a template.
type samTpl struct {
	Transform string `yaml:"Transform"`
	Globals   struct {
		Function map[string]any `yaml:"Function"`
	} `yaml:"Globals"`
	Resources map[string]struct {
		Type       string `yaml:"Type"`
		Properties struct {
			CodeURI string `yaml:"CodeUri"`
			Events  map[string]struct {
				Type       string         `yaml:"Type"`
				Properties map[string]any `yaml:"Properties"`
			} `yaml:"Events"`
		} `yaml:"Properties"`
	} `yaml:"Resources"`
}

// checkTemplate validates a scaffold's template and checks what every
// scaffold must: each generated function is a resource with its code,
// nothing else is, and no route is declared twice.
func checkTemplate(t *testing.T, m *model.Model, dir string, e *Emitted) samTpl {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	validateSAM(t, b)
	var tpl samTpl
	if err := yaml.Unmarshal(b, &tpl); err != nil {
		t.Fatal(err)
	}
	if tpl.Transform != "AWS::Serverless-2016-10-31" || tpl.Globals.Function["Runtime"] != "provided.al2023" ||
		tpl.Globals.Function["Handler"] != "bootstrap" {
		t.Errorf("globals: %+v", tpl.Globals.Function)
	}
	routes := map[string]string{}
	for _, f := range m.Functions {
		id := logicalID(f.Name) + "Function"
		r, ok := tpl.Resources[id]
		if !e.Wired[f.Name] {
			if ok {
				t.Errorf("%s (%s, not generated: %q) must not be in the template", f.Name, f.Deploy, e.Unbuilt[f.Name])
			}
			continue
		}
		if !ok || r.Type != "AWS::Serverless::Function" || r.Properties.CodeURI != "functions/"+f.Name+"/" {
			t.Errorf("%s: resource %+v", id, r)
			continue
		}
		for _, ev := range r.Properties.Events {
			if ev.Type != "HttpApi" {
				continue
			}
			k, _ := ev.Properties["Method"].(string)
			p, _ := ev.Properties["Path"].(string)
			k += " " + p
			if !strings.HasPrefix(p, "/") || strings.Contains(p, "//") {
				t.Errorf("%s: path %q", id, p)
			}
			if prev, ok := routes[k]; ok {
				t.Errorf("route %s in %s and %s", k, prev, f.Name)
			}
			routes[k] = f.Name
		}
	}
	return tpl
}

// goIn runs the go command in a scaffold as a team would (no -mod=mod: the
// go.mod and go.sum must be complete).
func goIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s in the scaffold: %v\n%s", strings.Join(args, " "), err, b)
	}
	return string(b)
}

// TestEmitSAM writes the scaffold for testdata/layered outside the module:
// the template is a valid SAM template, the scaffold builds and vets as it
// is, the catalog function is built as the program builds it, and the
// functions whose handlers the program builds with unexported code are
// listed with the reason. The generated tests run with the program's
// configuration pointing at a fake PostgreSQL that opens, pings and fails
// every statement, and one route per function answers the status worked
// out by hand from the code.
func TestEmitSAM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the scaffold: not in -short mode")
	}
	m := layered(t)
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	e, err := EmitSAM(context.Background(), m, EmitOptions{ModuleDir: filepath.Join("..", "testdata", "layered"), OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if e.Module != "example.com/shop/deploy" {
		t.Errorf("scaffold module %q", e.Module)
	}
	checkTemplate(t, m, out, e)
	for _, name := range []string{"catalog", "orders", "shipping", "healthz"} {
		if !e.Wired[name] {
			t.Errorf("%s: not generated: %s", name, e.Unbuilt[name])
		}
	}
	setup, _ := os.ReadFile(filepath.Join(out, "functions", "catalog", "setup.go"))
	for _, want := range []string{"config.Load()", "db.Open(", "handlers.NewCatalogHandler(svc.Catalog, opts.AdminToken).Routes(router)"} {
		if !strings.Contains(string(setup), want) {
			t.Errorf("catalog's setup does not do what the program does (%s):\n%s", want, setup)
		}
	}
	// The cron jobs run unexported methods: not generated, with the reason.
	if why := e.Unbuilt["cron-reconcile-payments"]; !strings.Contains(why, "reconcilePayments, which is not exported") {
		t.Errorf("reconcile-payments: %q", why)
	}
	// vet type-checks every package and test (linking all the functions
	// takes a minute here: TestNotesScaffold builds and runs a scaffold,
	// and suggest/testdata/real-subjects.sh the real ones).
	goIn(t, out, "vet", "./...")
	// The functions' own tests, with the program's configuration pointing
	// at a fake database that opens, pings and fails every statement.
	t.Setenv("SHOP_DATABASE_URL", fakePostgres(t))
	log := goIn(t, out, "test", "-count=1", "-v", "./...")
	// One route per function, its status worked out from the code: no
	// SHOP_ADMIN_TOKEN, so httpx.RequireAdmin answers 401; an empty body is
	// apperr.Invalid from httpx.ReadJSON (422); a failed query that is not
	// "no rows" is apperr.Internal (500); what reads no table answers 200.
	want := map[string]string{
		"POST /admin/restart":              "401", // guard(admin.restart)
		"GET /v1/catalog/trending":         "200", // in-process view counts
		"GET /v1/catalog/products/1":       "500", // Store.GetProduct: Internal
		"POST /v1/customers":               "422", // ReadJSON: request body is empty
		"POST /v1/customers/1/addresses":   "422", // ReadJSON: request body is empty
		"GET /debug/pprof/cmdline":         "200", // net/http/pprof
		"GET /healthz":                     "200", // health: the version only
		"GET /readyz":                      "200", // Store.Ping: the fake answers the empty query
		"GET /v1/inventory/1":              "500", // Store.GetStock: Internal
		"POST /v1/inventory/1/adjustments": "401",
		"GET /v1/orders/stats":             "200", // an atomic counter
		"POST /v1/orders":                  "422", // ReadJSON: request body is empty
		"POST /v1/payments/webhook-secret": "401",
		"POST /v1/payments/1/refunds":      "401",
		"POST /v1/reviews":                 "422", // ReadJSON: request body is empty
		"POST /v1/reviews/1/moderation":    "401",
		"POST /v1/shipping/shipments":      "401",
		"POST /v1/webhooks/payments/1":     "202", // provider "1" is not the gateway's: NotFound, acknowledged
	}
	got := map[string]string{}   // route → status
	checked := map[string]bool{} // function → one of its routes is in want
	var block []string
	for _, line := range strings.Split(log, "\n") {
		if mm := regexp.MustCompile(`main_test\.go:\d+: (\S+ \S+): (\d+)`).FindStringSubmatch(line); mm != nil {
			got[mm[1]] = mm[2]
			block = append(block, mm[1])
			continue
		}
		if mm := regexp.MustCompile(`^ok\s+example\.com/shop/deploy/functions/(\S+)`).FindStringSubmatch(line); mm != nil {
			for _, r := range block {
				if _, ok := want[r]; ok {
					checked[mm[1]] = true
				}
			}
			block = nil
		}
	}
	for route, status := range want {
		if got[route] != status {
			t.Errorf("%s answered %q, want %s (worked out from the code)", route, got[route], status)
		}
	}
	for name := range e.Wired {
		if !checked[name] {
			t.Errorf("%s: none of its routes has a status worked out by hand", name)
		}
	}
}

func toStrings(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, x := range l {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// TestEmitNothingToDeploy emits the scaffold of a module whose only entry
// point is a program that runs and exits (a job): no template.yaml is
// written, since a template without resources is invalid, and the scaffold
// says why.
func TestEmitNothingToDeploy(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod":  "module example.com/tool\n\ngo 1.26\n",
		"main.go": "// Command tool prints a greeting and exits.\npackage main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Functions {
		if f.Deploy == model.DeployFunction {
			t.Fatalf("%s is proposed as a function: a program that exits is a job", f.Name)
		}
	}
	out := t.TempDir()
	e, err := EmitSAM(context.Background(), m, EmitOptions{ModuleDir: dir, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if e.NoTemplate == "" {
		t.Errorf("NoTemplate is empty: the scaffold must say why there is no template")
	}
	if _, err := os.Stat(filepath.Join(out, "template.yaml")); !os.IsNotExist(err) {
		t.Errorf("template.yaml was written with nothing to deploy (%v)", err)
	}
	readme, _ := os.ReadFile(filepath.Join(out, "README.md"))
	if !strings.Contains(string(readme), e.NoTemplate) {
		t.Errorf("the scaffold's README does not say %q:\n%s", e.NoTemplate, readme)
	}
}

// TestEmitInWorkspace: a module built in a go.work, whose handlers come
// from another module of the workspace that no go.mod requires at a
// version: the scaffold replaces it by its directory and builds, vets and
// passes its generated tests outside the workspace (GOWORK=off), and the
// route answers the status worked out from the code (the greeting, 200).
func TestEmitInWorkspace(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the scaffold: not in -short mode")
	}
	ws := t.TempDir()
	files := map[string]string{
		"go.work":        "go 1.26\n\nuse (\n\t./app\n\t./greet\n)\n",
		"greet/go.mod":   "module example.com/greet\n\ngo 1.26\n",
		"greet/greet.go": "// Package greet serves a greeting.\npackage greet\n\nimport \"net/http\"\n\n// NewHandler greets name.\nfunc NewHandler(name string) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(\"hello \" + name)) })\n}\n",
		"app/go.mod":     "module example.com/app\n\ngo 1.26\n",
		"app/main.go":    "// Command app serves the greeting.\npackage main\n\nimport (\n\t\"net/http\"\n\n\t\"example.com/greet\"\n)\n\nfunc main() {\n\tmux := http.NewServeMux()\n\tmux.Handle(\"GET /hello\", greet.NewHandler(\"world\"))\n\thttp.ListenAndServe(\":8080\", mux)\n}\n",
	}
	for name, text := range files {
		p := filepath.Join(ws, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Join(ws, "app")
	t.Setenv("GOWORK", filepath.Join(ws, "go.work"))
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	e, err := EmitSAM(context.Background(), m, EmitOptions{ModuleDir: dir, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Wired) != 1 {
		t.Fatalf("generated %v; not generated: %v", e.Wired, e.Unbuilt)
	}
	gomod, _ := os.ReadFile(filepath.Join(out, "go.mod"))
	if !regexp.MustCompile(`replace example.com/greet => \S*greet`).Match(gomod) {
		t.Errorf("go.mod does not replace the workspace's other module by its directory:\n%s", gomod)
	}
	goIn(t, out, "vet", "./...")
	log := goIn(t, out, "test", "-count=1", "-v", "./functions/...")
	if !strings.Contains(log, "GET /hello: 200") {
		t.Errorf("GET /hello did not answer 200:\n%s", log)
	}
}
