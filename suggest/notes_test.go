package suggest

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

// TestNotesScaffold is the scaffold on testdata/notes (module path
// example.com/notes/v2): it builds, vets and its generated tests pass with
// no network, and each route answers the status worked out by hand from the
// code (testdata/notes/README.md); no route is declared twice, no mount is
// a route, the feed API (a mounted handler with no routes inside) is a
// function with its bare prefix, wired to feed.NewHandler, and the example
// program is not proposed.
func TestNotesScaffold(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests the scaffold: not in -short mode")
	}
	dir := filepath.Join("..", "testdata", "notes")
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, u := range m.Units {
		total += u.LOC
	}
	names := map[string]model.Function{}
	for _, f := range m.Functions {
		names[f.Name] = f
		if f.Deploy == model.DeployFunction && 3*f.LOC > total {
			t.Errorf("%s carries %d of the module's %d lines", f.Name, f.LOC, total)
		}
		for _, tr := range f.Triggers {
			if tr.Type == model.TriggerHTTP && (tr.Path == "/" || tr.Path == "/{proxy+}" || strings.HasPrefix(tr.Path, "/v1/{")) {
				t.Errorf("%s: the mount %s %s is a route", f.Name, tr.Method, tr.Path)
			}
		}
		for _, ep := range f.EntryPoints {
			if strings.Contains(ep, "examples/") {
				t.Errorf("%s: the example program %s is proposed", f.Name, ep)
			}
		}
	}
	var paths []string
	for _, tr := range names["feed"].Triggers {
		paths = append(paths, tr.Method+" "+tr.Path)
	}
	if strings.Join(paths, ", ") != "ANY /feed/, ANY /feed/{proxy+}" {
		t.Errorf("feed routes: %v", paths)
	}
	if f := names["robots-txt"]; f.LOC != 0 {
		t.Errorf("robots-txt carries %d lines: its two-line literal calls no code of the module", f.LOC)
	}

	out := t.TempDir()
	e, err := EmitSAM(context.Background(), m, EmitOptions{ModuleDir: dir, OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	checkTemplate(t, m, out, e)
	gomod, _ := os.ReadFile(filepath.Join(out, "go.mod"))
	if !strings.Contains(string(gomod), "example.com/notes/v2 v2.0.0-00010101000000-000000000000") {
		t.Errorf("go.mod does not require the module at a v2 pseudo-version:\n%s", gomod)
	}
	var wired []string
	for n := range e.Wired {
		wired = append(wired, n)
	}
	sort.Strings(wired)
	if strings.Join(wired, " ") != "about feed notes robots-txt search" {
		t.Errorf("generated %v", wired)
	}
	if why := e.Unbuilt["healthz"]; !strings.Contains(why, "server.health is not exported") {
		t.Errorf("healthz: %q", why)
	}
	setup, _ := os.ReadFile(filepath.Join(out, "functions", "feed", "setup.go"))
	for _, want := range []string{"config.Opts, err = config.Parse()", "store.New(config.Opts.Seed)", "feed.NewHandler(s)"} {
		if !strings.Contains(string(setup), want) {
			t.Errorf("the feed's setup does not do what the program does (%s):\n%s", want, setup)
		}
	}

	goIn(t, out, "vet", "./...")
	log := goIn(t, out, "test", "-count=1", "-v", "./functions/...")
	want := map[string]string{
		"GET /v1/notes": "200", "GET /v1/notes/1": "200", "POST /v1/notes": "400", "DELETE /v1/notes/1": "401",
		"GET /feed/": "200", "GET /feed/x": "200", "GET /robots.txt": "200", "GET /about": "200", "GET /search": "404",
	}
	got := map[string]string{}
	for _, mm := range regexp.MustCompile(`main_test\.go:\d+: (\S+ \S+): (\d+)`).FindAllStringSubmatch(log, -1) {
		got[mm[1]] = mm[2]
	}
	for route, status := range want {
		if got[route] != status {
			t.Errorf("%s answered %q, want %s (worked out from the code)", route, got[route], status)
		}
	}
	if len(got) != len(want) {
		t.Errorf("routes tested: %v", got)
	}
}
