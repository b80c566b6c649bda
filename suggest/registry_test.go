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
)

// TestRegistryScaffold is the scaffold on testdata/registry, built like
// ory/kratos: the routes are registered by handlers a registry builds,
// reached from main only through a call on the registry's interface in
// unexported code, inside a cobra command's RunE. Each function's setup
// must build the registry as the serving program does (not as the clidoc
// job does), with the driver registered on the other module's registry,
// the command's persistent flags parsed, and the CSRF handler set on the
// registry before the routes are registered, serving what the program's
// listener serves (the CSRF handler around the router); its generated tests pass
// and each route answers the status worked out by hand
// (testdata/registry/README.md).
func TestRegistryScaffold(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests the scaffold: not in -short mode")
	}
	dir := filepath.Join("..", "testdata", "registry")
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
	checkTemplate(t, m, out, e)
	var wired []string
	for n := range e.Wired {
		wired = append(wired, n)
	}
	sort.Strings(wired)
	if strings.Join(wired, " ") != "health sessions" {
		t.Errorf("generated %v; not generated: %v", wired, e.Unbuilt)
	}
	gomod, _ := os.ReadFile(filepath.Join(out, "go.mod"))
	if !regexp.MustCompile(`replace example.com/dbal => \S+/testdata/registry/third_party/dbal`).Match(gomod) {
		t.Errorf("go.mod does not carry the module's replace of example.com/dbal:\n%s", gomod)
	}
	setup, _ := os.ReadFile(filepath.Join(out, "functions", "sessions", "setup.go"))
	for _, want := range []string{
		"dbal.RegisterDriver(func() dbal.Driver { return driver.NewMemoryDriver() })", // the other module's registry, set in Execute
		`[]driver.Option{driver.WithName("idp")}`,                                     // the serving program's options, not clidoc's
		"cmd := serve.NewServeCmd(opts)",                                              // the command RunE is given
		"cmd.ParseFlags(nil)",                                                         // its persistent flags, as cobra merges them
		"driver.New(context.Background(), cmd.Flags(), opts)",
		"csrf := x.NewCSRFHandler(router)",                     // built on the router the routes go on
		"d.WithCSRFHandler(csrf)",                              // set before the routes are registered
		"d.RegisterPublicRoutes(context.Background(), router)", // through the interface, as servePublic does
		"return d.CSRFHandler(), nil",                          // what its listener serves, not the bare router
		"(a loop configuring csrf)",                            // listed as not copied
	} {
		if !strings.Contains(string(setup), want) {
			t.Errorf("the sessions setup does not do what the program does (%s):\n%s", want, setup)
		}
	}
	if n := strings.Count(string(setup), "RegisterPublicRoutes("); n != 1 {
		t.Errorf("the routes are registered %d times (a pattern registered twice panics):\n%s", n, setup)
	}

	goIn(t, out, "vet", "./...")
	log := goIn(t, out, "test", "-count=1", "-v", "./functions/...")
	want := map[string]string{
		"GET /sessions/whoami": "401", "DELETE /sessions": "403", "GET /health/alive": "200", "GET /health/ready": "200",
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
