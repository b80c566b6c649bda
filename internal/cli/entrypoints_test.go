package cli

import (
	"bytes"
	"strings"
	"testing"
)

// declModule is a module with a router and a bus of its own, which store
// handlers in maps: nothing registers through a known framework, so only
// splitter.yaml's declarations make its entry points visible.
var declModule = map[string]string{
	"go.mod": "module example.com/decl\n\ngo 1.26\n",
	"web/web.go": `package web

type Handler func()

type Router struct {
	prefix string
	routes map[string]Handler
}

func (r *Router) Get(path string, h Handler)  { r.routes["GET "+r.prefix+path] = h }
func (r *Router) Handle(method, path string, h Handler) { r.routes[method+" "+r.prefix+path] = h }
func (r *Router) Group(prefix string) *Router { return &Router{prefix: r.prefix + prefix, routes: r.routes} }
`,
	"bus/bus.go": `package bus

type Bus struct{ subs map[string]func([]byte) }

func (b *Bus) Subscribe(topic string, h func([]byte)) { b.subs[topic] = h }
`,
	"app/app.go": `package app

import (
	"example.com/decl/bus"
	"example.com/decl/web"
)

func listUsers()          {}
func deleteUser()         {}
func onOrder(body []byte) {}

func Wire(r *web.Router, b *bus.Bus) {
	api := r.Group("/api")
	api.Get("/users", listUsers)
	api.Handle("DELETE", "/users/{id}", deleteUser)
	b.Subscribe("orders", onOrder)
}
`,
}

func TestDeclaredRoutersFromConfig(t *testing.T) {
	files := map[string]string{"splitter.yaml": `routers:
  - package: example.com/decl/web
    type: Router
    methods: {Get: GET, Handle: arg0}
    path: 0
    handler: -1
    groups: [Group]
consumers:
  - package: example.com/decl/bus
    type: Bus
    methods: [Subscribe]
    topic: 0
    handler: 1
`}
	for k, v := range declModule {
		files[k] = v
	}
	dir := writeFiles(t, files)
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "-C", dir, "--format", "json", "--no-services"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	s := out.String()
	for _, want := range []string{`"id": "http:GET /api/users"`, `"id": "http:DELETE /api/users/{id}"`, `"id": "consumer:bus orders"`,
		`"handler": "example.com/decl/app.listUsers"`, `"handler": "example.com/decl/app.onOrder"`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %s in:\n%s", want, s)
		}
	}
}

func TestBadRouterDeclarationIsUsageErrorWithPosition(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"routers:\n  - package: example.com/decl/web\n    type: Router\n    methods: {Get: FETCH}\n", `splitter.yaml:4:20: routers[0].methods.Get: "FETCH" is not an HTTP method`},
		{"routers:\n  - package: example.com/decl/web\n    type: Router\n    methods: {Get: GET}\n    handler: -5\n", "splitter.yaml:5:14: routers[0]: handler -5"},
		{"routers:\n  - type: Router\n    methods: {Get: GET}\n", "routers[0]: package is required"},
		{"routers:\n  - package: example.com/decl/web\n    type: Router\n    metods: {Get: GET}\n", "metods"},
		{"consumers:\n  - package: example.com/decl/bus\n    methods: [Subscribe]\n    kind: queue\n", `splitter.yaml:4:11: consumers[0]: kind "queue"`},
	} {
		files := map[string]string{"splitter.yaml": c.yaml}
		for k, v := range declModule {
			files[k] = v
		}
		dir := writeFiles(t, files)
		var out, errOut bytes.Buffer
		code := Main([]string{"analyze", "-C", dir, "--no-report"}, &out, &errOut)
		if code != ExitUsage || !strings.Contains(errOut.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q: want exit 2 with %q", c.yaml, code, errOut.String(), c.want)
		}
	}
}
