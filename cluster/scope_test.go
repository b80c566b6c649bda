package cluster

import (
	"reflect"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

func pkgs(mod string, specs ...[]string) *model.Model {
	m := &model.Model{Module: mod}
	for _, sp := range specs {
		p := model.Package{Path: mod, Name: sp[1]}
		if sp[0] != "" {
			p.Path = mod + "/" + sp[0]
		}
		for _, imp := range sp[2:] {
			p.Imports = append(p.Imports, mod+"/"+imp)
		}
		m.Packages = append(m.Packages, p)
	}
	return m
}

func TestScope(t *testing.T) {
	for _, c := range []struct {
		name string
		m    *model.Model
		want map[string]model.Role
	}{{
		name: "application",
		m: pkgs("ex.com/app",
			[]string{"", "main", "internal/orders", "internal/latest", "internal/attestation"},
			[]string{"internal/orders", "orders"},
			[]string{"internal/latest", "latest"},           // "test" in the name, but the application imports it
			[]string{"internal/attestation", "attestation"}, // likewise
			[]string{"internal/testutil", "testutil", "internal/orders"},
			[]string{"internal/orders/ordertest", "ordertest", "internal/testutil"},
			[]string{"internal/mocks", "mocks"},
			[]string{"examples/hello", "main", "internal/orders", "examples/lib"},
			[]string{"examples/lib", "lib"},
			[]string{"cmd/demo-server", "main", "internal/orders"},
			[]string{"cmd/test-exporter", "main", "internal/correctness"}, // a test tool by a word of its name
			[]string{"internal/correctness", "correctness", "internal/orders"},
			[]string{"cmd/attestor", "main", "internal/orders"}, // not a word "test"
			[]string{"cmd/app-gen", "main", "internal/orders"},  // a generator by a word of its name (authelia-gen)
			[]string{"cmd/app-scripts", "main", "internal/orders"},
			[]string{"cmd/app-suites", "main", "internal/suites"}, // integration test suites
			[]string{"internal/suites", "suites", "internal/orders"},
			[]string{"cmd/genesis", "main", "internal/orders"}, // not a word "gen"
			[]string{"tools/gen", "main", "internal/genlib"},
			[]string{"internal/genlib", "genlib"},
			[]string{"client", "client"},                                        // the SDK the application's users import
			[]string{"cmd/query-tee", "main", "tools/querytee", "internal/log"}, // a program built on tool code (cortex)
			[]string{"tools/querytee", "querytee", "internal/log"},
			[]string{"internal/log", "log"},
			[]string{"cmd/server", "main", "internal/orders", "internal/build", "internal/log"}, // "build" holds the version: not a tool
			[]string{"internal/build", "build"},
		),
		want: map[string]model.Role{
			"ex.com/app/internal/testutil":         model.RoleTest,
			"ex.com/app/internal/orders/ordertest": model.RoleTest,
			"ex.com/app/internal/mocks":            model.RoleTest,
			"ex.com/app/examples/hello":            model.RoleExample,
			"ex.com/app/examples/lib":              model.RoleExample,
			"ex.com/app/cmd/demo-server":           model.RoleExample,
			"ex.com/app/cmd/test-exporter":         model.RoleTest,
			"ex.com/app/cmd/app-gen":               model.RoleTool,
			"ex.com/app/cmd/app-scripts":           model.RoleTool,
			"ex.com/app/cmd/app-suites":            model.RoleTest,
			"ex.com/app/internal/suites":           model.RoleTest, // only the test suites import it
			"ex.com/app/internal/correctness":      model.RoleTest, // only the test tool imports it
			"ex.com/app/tools/gen":                 model.RoleTool,
			"ex.com/app/internal/genlib":           model.RoleTool, // only a tool imports it
			"ex.com/app/client":                    model.RoleUnused,
			"ex.com/app/cmd/query-tee":             model.RoleTool,
			"ex.com/app/tools/querytee":            model.RoleTool, // only a tool imports it
		},
	}, {
		// hydra's cmd does not type-check against the published SDK: the
		// program that imports it reaches the application through it.
		name: "skipped program",
		m: func() *model.Model {
			m := pkgs("ex.com/app",
				[]string{"", "main", "cmd"},
				[]string{"internal/oauth2", "oauth2"},
				[]string{"internal/jwk", "jwk"},
				[]string{"internal/old", "old"},
			)
			m.Skipped = []model.SkippedPackage{
				{Package: "ex.com/app/cmd", Name: "cmd", Imports: []string{"ex.com/app/internal/oauth2", "ex.com/app/cmd/server"}},
				{Package: "ex.com/app/cmd/server", Name: "server", Imports: []string{"ex.com/app/internal/jwk"}},
				{Package: "ex.com/app/tools/gen", Name: "main", Imports: []string{"ex.com/app/internal/old"}},
			}
			m.Packages[0].Imports = []string{"ex.com/app/cmd"}
			return m
		}(),
		want: map[string]model.Role{
			"ex.com/app/internal/old": model.RoleTool, // only a (skipped) tool imports it
		},
	}, {
		// gitea's routers/web/devtest: the router imports it, to serve a
		// developer's pages. A test-named package serving a real route stays.
		name: "developer pages",
		m: func() *model.Model {
			m := pkgs("ex.com/app",
				[]string{"", "main", "routers"},
				[]string{"routers", "routers", "routers/devtest", "routers/usertest", "routers/latest"},
				[]string{"routers/devtest", "devtest"},
				[]string{"routers/usertest", "usertest"},
				[]string{"routers/latest", "latest"},
			)
			for _, u := range []string{"routers/devtest.List", "routers/devtest.MailPreview", "routers/usertest.Page", "routers/latest.Feed"} {
				i := len(u) - len(u[strings.LastIndex(u, "."):])
				m.Units = append(m.Units, model.Unit{ID: "ex.com/app/" + u, Package: "ex.com/app/" + u[:i]})
			}
			for path, h := range map[string]string{"/devtest": "routers/devtest.List", "/devtest/mail/{name}": "routers/devtest.MailPreview",
				"/test/page": "routers/usertest.Page", "/user/settings": "routers/usertest.Page", "/latest": "routers/latest.Feed"} {
				m.EntryPoints = append(m.EntryPoints, model.EntryPoint{Kind: model.EntryHTTP, Trigger: model.Trigger{Path: path}, Handler: "ex.com/app/" + h})
			}
			return m
		}(),
		want: map[string]model.Role{
			"ex.com/app/routers/devtest": model.RoleTest,
		},
	}, {
		// jaeger's storage/elasticsearch/mocks: mockery's output, imported
		// by a test helper in a production file. A hand-written mock the
		// application uses stays.
		name: "generated mocks",
		m: func() *model.Model {
			m := pkgs("ex.com/app",
				[]string{"", "main", "storage"},
				[]string{"storage", "storage", "storage/mocks", "storage/fakes"},
				[]string{"storage/mocks", "mocks"},
				[]string{"storage/fakes", "fakes"},
			)
			m.Units = []model.Unit{
				{ID: "ex.com/app/storage/mocks.Client", Package: "ex.com/app/storage/mocks", Generated: true},
				{ID: "ex.com/app/storage/mocks.Index", Package: "ex.com/app/storage/mocks", Generated: true},
				{ID: "ex.com/app/storage/fakes.Clock", Package: "ex.com/app/storage/fakes"},
				{ID: "ex.com/app/storage/fakes.Gen", Package: "ex.com/app/storage/fakes", Generated: true},
			}
			return m
		}(),
		want: map[string]model.Role{
			"ex.com/app/storage/mocks": model.RoleTest,
		},
	}, {
		name: "library without programs",
		m: pkgs("ex.com/lib",
			[]string{"", "lib", "parse"},
			[]string{"parse", "parse"},
			[]string{"extra", "extra"}, // nothing imports it, but a library has no programs to reach it from
			[]string{"internal/testenv", "testenv"},
		),
		want: map[string]model.Role{
			"ex.com/lib/internal/testenv": model.RoleTest,
		},
	}} {
		t.Run(c.name, func(t *testing.T) {
			if got := Scope(c.m); !reflect.DeepEqual(got, c.want) {
				t.Errorf("Scope =\n%v\nwant\n%v", got, c.want)
			}
		})
	}
}

func TestOperational(t *testing.T) {
	for path, want := range map[string]bool{
		"/":                       true,
		"/healthz":                true,
		"/v1/health":              true,
		"/monitor/up/health":      true,
		"/admin/debug/profiler":   true,
		"/metrics":                true,
		"/static/*filepath":       true,
		"/index.html":             true,
		"/manifest.json":          true,
		"/install/db/check":       true,
		"/__stop":                 true,
		"/__debug__/":             true,
		"/devtest/mail-preview":   true,
		"/test/{sub}":             true,
		"/latest":                 false,
		"/tests-results/{id}":     false,
		"/*":                      true,
		"/{rest...}":              true,
		"/_matrix/client/v3/sync": false,
		"/v1/orders":              false,
		"/v1/orders/{id}/status":  false,
		"/users/{id}":             false,
		"/{id}":                   false,
		"/feeds/{feedID}/refresh": false,
	} {
		ep := model.EntryPoint{Kind: model.EntryHTTP, Trigger: model.Trigger{Path: path}}
		if got := operational(ep); got != want {
			t.Errorf("operational(%q) = %v, want %v", path, got, want)
		}
	}
	// An RPC is judged by its service, not as a path: the standard health
	// protocol is a probe, a service with "health" in a path-like name is not.
	for svc, want := range map[string]bool{
		"grpc.health.v1.Health": true,
		"Health":                true,
		"orders.v1.Orders":      false,
		"metrics.v1.Reports":    false,
	} {
		ep := model.EntryPoint{Kind: model.EntryGRPC, Trigger: model.Trigger{Service: svc, RPC: "Check"}}
		if got := operational(ep); got != want {
			t.Errorf("operational(grpc %s) = %v, want %v", svc, got, want)
		}
	}
}

func TestOpCommand(t *testing.T) {
	for cmd, want := range map[string]bool{
		"serve":        true,
		"migrate sql":  true,
		"readyz":       true,
		"healthz":      true,
		"ping":         true,
		"liveness":     true,
		"users create": false,
		"import":       false,
		"reindex":      false,
		"pizza":        false, // ends in z, is no probe
	} {
		if got := opCommand(cmd); got != want {
			t.Errorf("opCommand(%q) = %v, want %v", cmd, got, want)
		}
	}
}

// TestOpWorker: a background worker that operates the program (its
// listener, update checks, metrics) owns no use case; one that does the
// application's work does.
func TestOpWorker(t *testing.T) {
	for name, want := range map[string]bool{
		"main.checkUpdates":            true,
		"web.Server.ListenAndServe":    true,
		"metrics.Reporter.Run":         false, // judged by its function's name, not its package
		"telemetry.sendTelemetry":      true,
		"dispatch.Dispatcher.Run":      false,
		"manager.Manager.Run":          false,
		"inhibit.Inhibitor.Run":        false,
		"mailer.processUpdateQueue":    true, // "update" is a word of the name: an operation, by the rule
		"feeds.Refresher.refreshAll":   false,
		"main.reloadConfigOnSIGHUP":    true,
		"api.Server.ServeHTTP":         true,
		"scheduler.HTTPPoller.pollAll": false,
	} {
		if got := opWorker(name); got != want {
			t.Errorf("opWorker(%q) = %v, want %v", name, got, want)
		}
	}
	for id, want := range map[string][]string{
		"checkUpdates": {"check", "updates"},
		"ServeHTTP":    {"serve", "http"},
		"HTTPPoller":   {"http", "poller"},
		"run":          {"run"},
		"do_work":      {"do", "work"},
	} {
		if got := words(id); !reflect.DeepEqual(got, want) {
			t.Errorf("words(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestTrimMountPrefix(t *testing.T) {
	paths := []string{"/answer/api/v1/question", "/answer/api/v1/question/{id}", "/answer/api/v1/answer",
		"/answer/api/v1/tags", "/answer/admin/api/users", "/answer/admin/api/siteinfo", "/healthz"}
	eps := make([]model.EntryPoint, len(paths))
	for i, p := range paths {
		eps[i] = model.EntryPoint{Kind: model.EntryHTTP, Trigger: model.Trigger{Path: p}}
	}
	trimMountPrefix(eps)
	var got []string
	for _, ep := range eps {
		got = append(got, ep.Trigger.Path)
	}
	want := []string{"/question", "/question/{id}", "/answer", "/tags", "/admin/api/users", "/admin/api/siteinfo", "/healthz"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("trimmed paths = %q,\nwant %q", got, want)
	}
	var res []string
	for _, ep := range eps {
		res = append(res, resource(ep))
	}
	wantRes := []string{"http:question", "http:question", "http:answer", "http:tags", "http:admin", "http:admin", "http:healthz"}
	if !reflect.DeepEqual(res, wantRes) {
		t.Errorf("resources = %q,\nwant %q", res, wantRes)
	}
}

func TestAssignMin(t *testing.T) {
	for _, c := range []struct {
		cost [][]float64
		want []int
	}{
		{[][]float64{{4, 1, 3}, {2, 0, 5}, {3, 2, 2}}, []int{1, 0, 2}},
		// More columns than rows: each row its best distinct column.
		{[][]float64{{-1, -5, 0, 0}, {-1, -4, -3, 0}}, []int{1, 2}},
		// More rows than columns: one row goes without.
		{[][]float64{{-3}, {-5}, {-1}}, []int{-1, 0, -1}},
		// The greedy choice (row 0 takes its best) is not the optimum.
		{[][]float64{{-10, -9}, {-10, -1}}, []int{1, 0}},
	} {
		if got := assignMin(c.cost); !reflect.DeepEqual(got, c.want) {
			t.Errorf("assignMin(%v) = %v, want %v", c.cost, got, c.want)
		}
	}
}

func TestLayout(t *testing.T) {
	modular := pkgs("ex.com/m",
		[]string{"cmd/m", "main", "internal/billing", "internal/identity", "internal/scheduling"},
		[]string{"internal/billing", "billing", "internal/billing/app", "internal/platform/db"},
		[]string{"internal/billing/app", "app", "internal/billing/domain", "internal/platform/db"},
		[]string{"internal/billing/domain", "domain"},
		[]string{"internal/identity", "identity", "internal/identity/app"},
		[]string{"internal/identity/app", "app", "internal/identity/domain", "internal/platform/db"},
		[]string{"internal/identity/domain", "domain"},
		[]string{"internal/scheduling", "scheduling", "internal/scheduling/app", "internal/identity"},
		[]string{"internal/scheduling/app", "app", "internal/scheduling/domain", "internal/platform/db"},
		[]string{"internal/scheduling/domain", "domain"},
		[]string{"internal/platform/db", "db"},
	)
	for i := range modular.Packages {
		modular.Units = append(modular.Units, model.Unit{ID: modular.Packages[i].Path + ".X", Package: modular.Packages[i].Path})
	}
	l := detectLayout(modular, nil)
	if !l.modular || l.module("ex.com/m/internal/billing/app") != "internal/billing" || l.module("ex.com/m/internal/platform/db") != "" {
		t.Errorf("modular layout: modular %v, modules %v", l.modular, l.modules())
	}
	layered := pkgs("ex.com/l",
		[]string{"", "main", "handlers", "services", "repositories", "models"},
		[]string{"handlers", "handlers", "services", "models"},
		[]string{"services", "services", "repositories", "models"},
		[]string{"repositories", "repositories", "models"},
		[]string{"models", "models"},
	)
	for i := range layered.Packages {
		layered.Units = append(layered.Units, model.Unit{ID: layered.Packages[i].Path + ".X", Package: layered.Packages[i].Path})
	}
	if l := detectLayout(layered, nil); l.modular || len(l.modules()) != 0 {
		t.Errorf("layered layout taken for modules: %v", l.modules())
	}
}

// Two services must not be named by forms of one word.
func TestNameKey(t *testing.T) {
	same := [][2]string{{"integration", "integrations"}, {"categories", "category"}, {"api-keys", "api-key"}, {"Entries", "entry"}}
	for _, p := range same {
		if nameKey(p[0]) != nameKey(p[1]) {
			t.Errorf("nameKey(%q) = %q, nameKey(%q) = %q: want the same", p[0], nameKey(p[0]), p[1], nameKey(p[1]))
		}
	}
	if nameKey("read") == nameKey("feeds") || nameKey("users") == nameKey("sessions") {
		t.Error("nameKey conflates different words")
	}
}

func TestTestFileName(t *testing.T) {
	for file, want := range map[string]bool{
		"plugin/manager_test_norace.go":        true,
		"pkg/cache/mock.go":                    true,
		"pkg/x/fake_clock.go":                  true,
		"pkg/q/test_shard_by_query_utils.go":   true,
		"pkg/x/testing.go":                     true,
		"pkg/x/latest.go":                      false,
		"pkg/x/attestation.go":                 false,
		"pkg/x/contest_test.go":                false, // a test file proper is never in the model
		"pkg/x/manifest.go":                    false,
		"internal/storage/integration_test.go": false,
	} {
		if got := testFileName(file); got != want {
			t.Errorf("testFileName(%q) = %v, want %v", file, got, want)
		}
	}
}

// A mock file is left out unless the application itself uses it.
func TestTestFiles(t *testing.T) {
	m := &model.Model{
		Units: []model.Unit{
			{ID: "ex.com/a/cache.Cache", Package: "ex.com/a/cache", File: "cache/cache.go"},
			{ID: "ex.com/a/cache.NewMock", Package: "ex.com/a/cache", File: "cache/mock.go"},
			{ID: "ex.com/a/clock.Fake", Package: "ex.com/a/clock", File: "clock/fake.go"},
			{ID: "ex.com/a/server.Run", Package: "ex.com/a/server", File: "server/run.go"},
			{ID: "ex.com/a/proxy.rt.Do", Package: "ex.com/a/proxy", File: "proxy/rt.go", Kind: model.KindMethod},
			{ID: "ex.com/a/proxy.mockRT", Package: "ex.com/a/proxy", File: "proxy/test_utils.go", Kind: model.KindType},
			{ID: "ex.com/a/proxy.mockRT.RoundTrip", Package: "ex.com/a/proxy", File: "proxy/test_utils.go", Kind: model.KindMethod},
		},
		Edges: []model.Edge{
			{From: "ex.com/a/cache.NewMock", To: "ex.com/a/cache.Cache", Kind: model.EdgeRef, Weight: 1},
			{From: "ex.com/a/server.Run", To: "ex.com/a/clock.Fake", Kind: model.EdgeCall, Weight: 1},
			// an interface call the call graph resolved to the fake too
			{From: "ex.com/a/proxy.rt.Do", To: "ex.com/a/proxy.mockRT.RoundTrip", Kind: model.EdgeCall, Weight: 1},
		},
	}
	got := TestFiles(m, nil)
	if !got["cache/mock.go"] || got["clock/fake.go"] || got["cache/cache.go"] || !got["proxy/test_utils.go"] || len(got) != 2 {
		t.Errorf("TestFiles = %v, want cache/mock.go and proxy/test_utils.go (clock/fake.go is used by server; a call of the fake's method is no use of it)", got)
	}
}
