package suggest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/splitter-go/splitter/model"
)

// TestEmitSAM writes the scaffold for testdata/layered outside the module,
// checks the template's resources and events, and builds every adapter
// (and runs the http adapter's own test) against the layered module. It
// needs the module proxy, or a module cache holding aws-lambda-go.
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

	// The template: valid YAML, one function per proposed function, the
	// events of its triggers.
	b, err := os.ReadFile(filepath.Join(out, "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var tpl struct {
		Transform string `yaml:"Transform"`
		Globals   struct {
			Function map[string]any `yaml:"Function"`
		} `yaml:"Globals"`
		Resources map[string]struct {
			Type       string `yaml:"Type"`
			Properties struct {
				CodeUri string `yaml:"CodeUri"`
				Events  map[string]struct {
					Type       string         `yaml:"Type"`
					Properties map[string]any `yaml:"Properties"`
				} `yaml:"Events"`
			} `yaml:"Properties"`
		} `yaml:"Resources"`
	}
	if err := yaml.Unmarshal(b, &tpl); err != nil {
		t.Fatalf("template.yaml does not parse: %v", err)
	}
	if tpl.Transform != "AWS::Serverless-2016-10-31" || tpl.Globals.Function["Runtime"] != "provided.al2023" ||
		tpl.Globals.Function["Handler"] != "bootstrap" || !strings.Contains(strings.Join(toStrings(tpl.Globals.Function["Architectures"]), ","), "arm64") {
		t.Errorf("globals: %+v", tpl.Globals.Function)
	}
	wantEvents := map[string]int{}
	fns := 0
	for _, f := range m.Functions {
		if f.Deploy != model.DeployFunction {
			if _, ok := tpl.Resources[logicalID(f.Name)+"Function"]; ok {
				t.Errorf("%s (%s) must not be a function in the template", f.Name, f.Deploy)
			}
			continue
		}
		fns++
		id := logicalID(f.Name) + "Function"
		r, ok := tpl.Resources[id]
		if !ok {
			t.Errorf("no resource %s", id)
			continue
		}
		if r.Type != "AWS::Serverless::Function" || r.Properties.CodeUri != "functions/"+f.Name+"/" {
			t.Errorf("%s: %+v", id, r)
		}
		got := map[string]int{}
		for _, ev := range r.Properties.Events {
			got[ev.Type]++
			switch ev.Type {
			case "HttpApi":
				if ev.Properties["Method"] == "" || !strings.HasPrefix(ev.Properties["Path"].(string), "/") {
					t.Errorf("%s: HTTP event %+v", id, ev.Properties)
				}
			case "Schedule":
				s, _ := ev.Properties["Schedule"].(string)
				if !strings.HasPrefix(s, "rate(") && !strings.HasPrefix(s, "cron(") {
					t.Errorf("%s: schedule %q", id, s)
				}
			}
		}
		want := map[string]int{}
		for _, tr := range f.Triggers {
			switch tr.Type {
			case model.TriggerHTTP:
				want["HttpApi"]++
			case model.TriggerSchedule:
				want["Schedule"]++
			case model.TriggerQueue:
				want["SQS"]++
				if q := tpl.Resources[logicalID(f.Name)+"Queue"]; q.Type != "AWS::SQS::Queue" {
					t.Errorf("%s: no queue", id)
				}
			}
		}
		for k, n := range want {
			wantEvents[k] += n
			if got[k] != n {
				t.Errorf("%s: %d %s events, want %d", id, got[k], k, n)
			}
		}
	}
	if api := tpl.Resources["HttpApi"]; api.Type != "AWS::Serverless::HttpApi" {
		t.Error("no HttpApi resource")
	}
	if fns == 0 || wantEvents["HttpApi"] < 40 || wantEvents["Schedule"] != 4 || wantEvents["SQS"] != 3 {
		t.Errorf("functions %d, events %v", fns, wantEvents)
	}
	// HTTP functions with exported registration code are wired.
	for _, name := range []string{"catalog", "orders", "shipping", "healthz"} {
		if !e.Wired[name] {
			t.Errorf("%s: adapter not wired", name)
		}
	}
	main, _ := os.ReadFile(filepath.Join(out, "functions", "catalog", "main.go"))
	if !strings.Contains(string(main), "handlers.NewCatalogHandler(") || !strings.Contains(string(main), ".Routes(h1)") {
		t.Errorf("catalog adapter does not use the module's registration:\n%s", main)
	}

	// The adapters build against the module, and the http adapter works.
	for _, args := range [][]string{{"build", "./..."}, {"test", "./lambdahttp"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = out
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s in the scaffold: %v\n%s", strings.Join(args, " "), err, b)
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
