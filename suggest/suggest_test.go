package suggest

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

const shop = "example.com/shop/"

var (
	layeredOnce  sync.Once
	layeredModel []byte
	layeredErr   error
)

// layered returns a fresh copy of the layered example's model (analysed once).
func layered(t *testing.T) *model.Model {
	t.Helper()
	layeredOnce.Do(func() {
		m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: filepath.Join("..", "testdata", "layered")})
		if err != nil {
			layeredErr = err
			return
		}
		var buf bytes.Buffer
		layeredErr = m.Encode(&buf)
		layeredModel = buf.Bytes()
	})
	if layeredErr != nil {
		t.Fatal(layeredErr)
	}
	m, err := model.Decode(bytes.NewReader(layeredModel))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type ruleUnit struct{ rule, unit string }

// planted lists every finding PLANTED.md expects on testdata/layered (its
// rows 1-14), plus the goroutine that hazard 6 also starts.
var planted = []ruleUnit{
	{"SPL101", "handlers.CatalogHandler.getProduct"},          // 1: recentViews[p.ID]++
	{"SPL101", "handlers.OrderHandler.placeOrder"},            // 2: atomic.AddInt64(&ordersPlacedTotal, 1)
	{"SPL102", "handlers.CatalogHandler.getProduct"},          // 3: recentViewsMu
	{"SPL102", "handlers.CatalogHandler.trending"},            // 3
	{"SPL102", "services.CatalogService.ListCategories"},      // 4: categoryCache sync.Map
	{"SPL102", "services.CatalogService.CreateCategory"},      // 4
	{"SPL103", "services.OrderService.PlaceOrder"},            // 5: go s.sendConfirmationEmail
	{"SPL104", "handlers.adminHandler.startProfiler"},         // 6: net.Listen
	{"SPL103", "handlers.adminHandler.startProfiler"},         // 6: go http.Serve
	{"SPL105", "handlers.ShippingHandler.streamTracking"},     // 7: SSE
	{"SPL106", "services.CatalogService.ExportCSV"},           // 8: exports/
	{"SPL103", "services.InventoryService.Adjust"},            // 9: go s.watchLowStock()
	{"SPL107", "services.InventoryService.watchLowStock"},     // 9: ticker + for-select
	{"SPL107", "services.PaymentService.Charge"},              // 10: time.AfterFunc
	{"SPL108", "services.init"},                               // 11: os.ReadFile in init
	{"SPL108", "services.zoneTable"},                          // 12: var initialiser → loadZoneTable
	{"SPL109", "handlers.PaymentHandler.rotateWebhookSecret"}, // 13: os.Setenv
	{"SPL109", "handlers.adminHandler.restart"},               // 14: os.Exit
}

// lookAlikes are PLANTED.md's clean look-alikes: no finding may sit in
// these units (any rule).
var lookAlikes = []string{
	"cmd/shop.main", "cmd/shop.run", "cmd/shopctl.main",
	"handlers.OrderHandler.getOrderOverview",
	"handlers.CustomerHandler.importCSV",
	"jobs.Runner.sendReviewDigest",
	"services.ShippingService.QuoteRates", "services.ShippingService.CreateShipment",
	"services.CatalogService.Reindex",
	"services.InventoryService.checkLowStock",
	"platform/grpcx.init",
	"models.orderTransitions", "models.shippableCountries", "models.bannedReviewWords", "services.defaultZones",
	"services.webhookSecret", "platform/config.Load",
	"handlers.health", "handlers.OrderHandler.stats",
}

func findingsOf(m *model.Model) map[ruleUnit]model.Finding {
	out := map[ruleUnit]model.Finding{}
	for _, f := range m.Findings {
		out[ruleUnit{f.Rule, strings.TrimPrefix(f.Unit, shop)}] = f
	}
	return out
}

// TestPlantedHazards: every planted hazard is reported, with a chain from
// an entry point to the unit, and nothing else is: no look-alike, no
// other finding.
func TestPlantedHazards(t *testing.T) {
	m := layered(t)
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	got := findingsOf(m)
	for _, p := range planted {
		f, ok := got[p]
		if !ok {
			t.Errorf("planted %s in %s is not reported", p.rule, p.unit)
			continue
		}
		if f.Suppressed != "" || f.File == "" || f.Line == 0 || f.Message == "" || len(f.Functions) == 0 {
			t.Errorf("%s in %s: incomplete finding %+v", p.rule, p.unit, f)
		}
		switch {
		case len(f.Chain) == 0:
			t.Errorf("%s in %s: no chain", p.rule, p.unit)
		case p.rule == "SPL108" && f.Chain[0] != shop+p.unit:
			t.Errorf("%s in %s: the chain %v does not start at the initialiser", p.rule, p.unit, f.Chain)
		case p.rule != "SPL108" && f.Chain[len(f.Chain)-1] != shop+p.unit:
			t.Errorf("%s in %s: the chain %v does not end at the unit", p.rule, p.unit, f.Chain)
		}
		if p.rule != "SPL108" && f.EntryPoint == "" {
			t.Errorf("%s in %s: no entry point", p.rule, p.unit)
		}
	}
	want := map[ruleUnit]bool{}
	for _, p := range planted {
		want[p] = true
	}
	for k, f := range got {
		if !want[k] {
			t.Errorf("unexpected finding %s at %s:%d in %s: %s", f.Rule, f.File, f.Line, k.unit, f.Message)
		}
	}
	for _, la := range lookAlikes {
		for k := range got {
			if k.unit == la {
				t.Errorf("look-alike %s is flagged %s", la, k.rule)
			}
		}
	}
	// Specific detail the planted table names.
	if f := got[ruleUnit{"SPL108", "services.zoneTable"}]; strings.Join(f.Chain, " ") != shop+"services.zoneTable "+shop+"services.loadZoneTable" {
		t.Errorf("zoneTable chain %v: want the initialiser then loadZoneTable", f.Chain)
	}
	if f := got[ruleUnit{"SPL107", "services.InventoryService.watchLowStock"}]; len(f.Chain) < 3 ||
		f.Chain[len(f.Chain)-2] != shop+"services.InventoryService.Adjust" {
		t.Errorf("watchLowStock chain %v: want it through Adjust", f.Chain)
	}
	if f := got[ruleUnit{"SPL101", "handlers.CatalogHandler.getProduct"}]; f.File != "handlers/catalog.go" || !strings.Contains(f.Message, "recentViews") {
		t.Errorf("recentViews finding: %+v", f)
	}
}

func TestFunctionsOnLayered(t *testing.T) {
	m := layered(t)
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	byName := map[string]model.Function{}
	byEP := map[string]string{}
	for _, f := range m.Functions {
		byName[f.Name] = f
		for _, ep := range f.EntryPoints {
			if prev, ok := byEP[ep]; ok {
				t.Errorf("entry point %s is in %s and %s", ep, prev, f.Name)
			}
			byEP[ep] = f.Name
		}
		if f.ExclusiveLOC+f.SharedLOC != f.LOC || f.EstimatedSize <= 0 || len(f.Triggers) < len(f.EntryPoints) {
			t.Errorf("%s: inconsistent numbers %+v", f.Name, f)
		}
	}
	for _, ep := range m.EntryPoints {
		if _, ok := byEP[ep.ID]; !ok && ep.Kind != model.EntryInit && !ep.Mount {
			t.Errorf("entry point %s is in no function", ep.ID)
		}
	}
	// Every catalog route is one function: its parts share too much to split.
	cat := byName["catalog"]
	if len(cat.EntryPoints) != 8 || cat.Deploy != model.DeployFunction {
		t.Errorf("catalog: %d entry points, deploy %s", len(cat.EntryPoints), cat.Deploy)
	}
	// Triggers by kind.
	checks := map[string]model.TriggerType{
		"http:POST /v1/orders":                     model.TriggerHTTP,
		"cron:0 8 * * MON":                         model.TriggerSchedule,
		"consumer:nats orders.created":             model.TriggerQueue,
		"grpc:shipping.v1.Fulfillment/GetShipment": model.TriggerHTTP2,
		"main:example.com/shop/cmd/shop":           model.TriggerProcess,
	}
	for epID, want := range checks {
		name, ok := byEP[epID]
		if !ok {
			t.Errorf("%s is in no function", epID)
			continue
		}
		for _, tr := range byName[name].Triggers {
			if tr.EntryPoint == epID && tr.Type != want {
				t.Errorf("%s: trigger %s, want %s", epID, tr.Type, want)
			}
		}
	}
	if f := byName[byEP["grpc:shipping.v1.Fulfillment/GetShipment"]]; f.Deploy != model.DeployContainer || !strings.Contains(f.Note, "HTTP/2") {
		t.Errorf("gRPC: deploy %s, note %q", f.Deploy, f.Note)
	}
	if f := byName[byEP["cron:0 8 * * MON"]]; f.Triggers[0].Expression != "cron(0 8 ? * MON *)" {
		t.Errorf("cron expression %q", f.Triggers[0].Expression)
	}
}

// TestCapSize: no function carries more than MaxShare of the module's code
// unless it is a single route. Grouped by resource, layered's orders
// carried 1,847 of the module's 5,521 lines: its reads (555 lines) with
// placing and cancelling an order (1,653); split by weight they are two.
func TestCapSize(t *testing.T) {
	m := layered(t)
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, u := range m.Units {
		total += u.LOC
	}
	byName := map[string]model.Function{}
	for _, f := range m.Functions {
		byName[f.Name] = f
		if f.Deploy == model.DeployFunction && len(f.EntryPoints) > 1 && float64(f.LOC) > MaxShare*float64(total) {
			t.Errorf("%s carries %d of the module's %d lines", f.Name, f.LOC, total)
		}
	}
	want := map[string]string{
		"orders":      "http:POST /v1/orders http:POST /v1/orders/{id}/cancel",
		"orders-read": "http:GET /v1/orders http:GET /v1/orders/stats http:GET /v1/orders/{id} http:GET /v1/orders/{id}/overview",
	}
	for name, eps := range want {
		if got := strings.Join(byName[name].EntryPoints, " "); got != eps {
			t.Errorf("%s: %s, want %s", name, got, eps)
		}
	}
}

func TestGranularities(t *testing.T) {
	count := func(g Granularity) (httpFns, routes int) {
		m := layered(t)
		if err := Suggest(m, Options{Granularity: g}); err != nil {
			t.Fatal(err)
		}
		for _, f := range m.Functions {
			if len(f.Triggers) > 0 && f.Triggers[0].Type == model.TriggerHTTP {
				httpFns++
				routes += len(f.EntryPoints)
			}
		}
		return
	}
	rf, routes := count(Route)
	if rf != routes {
		t.Errorf("route granularity: %d functions for %d routes", rf, routes)
	}
	sf, _ := count(Service)
	if sf != 1 {
		t.Errorf("service granularity without services: %d HTTP functions, want 1", sf)
	}
	res, _ := count(Resource)
	if res <= 1 || res >= rf {
		t.Errorf("resource granularity: %d functions, want between 1 and %d", res, rf)
	}
	if err := Suggest(layered(t), Options{Granularity: "module"}); err == nil {
		t.Error("an unknown granularity must be an error")
	}
}

// TestWithServices gives the model the services of truth.json: functions
// stay inside their service and take its name.
func TestWithServices(t *testing.T) {
	m := layered(t)
	b, err := os.ReadFile(filepath.Join("..", "testdata", "layered", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]string
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	svc := map[string]*model.Service{}
	name := func(d string) string {
		if d == "_shared" {
			return model.SharedService
		}
		return d
	}
	for i := range m.Units {
		d, ok := truth[m.Units[i].ID]
		if !ok {
			continue
		}
		n := name(d)
		m.Units[i].Service = n
		if svc[n] == nil {
			svc[n] = &model.Service{Name: n}
		}
		svc[n].Units = append(svc[n].Units, m.Units[i].ID)
	}
	for _, ep := range m.EntryPoints {
		if d, ok := truth[ep.Handler]; ok && svc[name(d)] != nil {
			svc[name(d)].EntryPoints = append(svc[name(d)].EntryPoints, ep.ID)
		}
	}
	var names []string
	for n := range svc {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		m.Services = append(m.Services, *svc[n])
	}
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Functions {
		if f.Service == "" {
			t.Errorf("%s has no service", f.Name)
			continue
		}
		if f.Name != f.Service && !strings.HasPrefix(f.Name, f.Service+"-") {
			t.Errorf("%s does not carry its service %s in its name", f.Name, f.Service)
		}
		for _, ep := range f.EntryPoints {
			found := false
			for _, s := range m.Services {
				if s.Name == f.Service {
					for _, x := range s.EntryPoints {
						found = found || x == ep
					}
				}
			}
			if !found {
				t.Errorf("%s (service %s) serves %s, which its service does not list", f.Name, f.Service, ep)
			}
		}
	}
	// The planted findings do not depend on the services.
	got := findingsOf(m)
	for _, p := range planted {
		if _, ok := got[p]; !ok {
			t.Errorf("with services, planted %s in %s is not reported", p.rule, p.unit)
		}
	}
}

func TestDeterministic(t *testing.T) {
	enc := func() string {
		m := layered(t)
		if err := Suggest(m, Options{}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if enc() != enc() {
		t.Fatal("two runs encode differently")
	}
}

func TestScheduleExpression(t *testing.T) {
	cases := map[string]string{
		"@every 15m":     "rate(15 minutes)",
		"@every 1h":      "rate(1 hour)",
		"@every 48h":     "rate(2 days)",
		"@every 90m":     "rate(90 minutes)",
		"@every 30s":     "",
		"@daily":         "cron(0 0 * * ? *)",
		"@hourly":        "cron(0 * * * ? *)",
		"@weekly":        "cron(0 0 ? * SUN *)",
		"0 3 * * *":      "cron(0 3 * * ? *)",
		"0 8 * * MON":    "cron(0 8 ? * MON *)",
		"30 6 * * 1-5":   "cron(30 6 ? * 2-6 *)",
		"0 0 * * 0,6":    "cron(0 0 ? * 1,7 *)",
		"*/5 * * * *":    "cron(*/5 * * * ? *)",
		"0 0 1 * *":      "cron(0 0 1 * ? *)",
		"0 0 1 * MON":    "",
		"0 30 8 * * *":   "cron(30 8 * * ? *)",
		"15 30 8 * * *":  "",
		"0 0 * * */2":    "",
		"TZ=UTC 0 3 * *": "",
		"nonsense":       "",
	}
	for spec, want := range cases {
		got, ok := scheduleExpression(spec)
		if got != want || ok != (want != "") {
			t.Errorf("%q: got %q %v, want %q", spec, got, ok, want)
		}
	}
}

func TestGatewayPath(t *testing.T) {
	cases := []struct{ path, framework, want string }{
		{"/v1/orders/{id}", "net/http", "/v1/orders/{id}"},
		{"/files/{path...}", "net/http", "/files/{path+}"},
		{"/debug/pprof/", "net/http", "/debug/pprof/{proxy+}"},
		{"/exact/{$}", "net/http", "/exact"},
		{"/", "net/http", "/{proxy+}"},
		{"/users/{id:[0-9]+}", "chi", "/users/{id}"},
		{"/users/:id", "gin", "/users/{id}"},
		{"/static/*", "chi", "/static/{proxy+}"},
		{"/assets/*filepath", "gin", "/assets/{filepath+}"},
		{"?", "net/http", ""},
	}
	for _, c := range cases {
		if got := gatewayPath(c.path, c.framework); got != c.want {
			t.Errorf("%s (%s): got %q, want %q", c.path, c.framework, got, c.want)
		}
	}
}

func TestResourceOf(t *testing.T) {
	cases := map[string][2]string{
		"/v1/catalog/products/{id}": {"catalog", "products"},
		"/api/v2/orders":            {"orders", ""},
		"/orders/{id}/items":        {"orders", "items"},
		"/healthz":                  {"healthz", ""},
		"/reader/api/0/tag/list":    {"reader", "tag"},
		"/reader/api/0/":            {"reader", ""},
		"/feeds/v2/{id}/entries":    {"feeds", "entries"},
		"/":                         {"root", ""},
		"?":                         {"other", ""},
	}
	for p, want := range cases {
		if r, s := resourceOf(p); r != want[0] || s != want[1] {
			t.Errorf("%s: got %s/%s, want %s/%s", p, r, s, want[0], want[1])
		}
	}
}

// TestJoinAndSplit runs the resource grouping on a synthetic model: two
// resources reaching the same code are joined; a resource whose
// sub-resources reach disjoint code of their own is split.
func TestJoinAndSplit(t *testing.T) {
	m := &model.Model{Module: "x"}
	unit := func(id string, loc int) {
		m.Units = append(m.Units, model.Unit{ID: id, Package: "x/p", Name: id, Kind: model.KindFunc, LOC: loc})
	}
	call := func(from, to string) {
		m.Edges = append(m.Edges, model.Edge{From: from, To: to, Kind: model.EdgeCall, Weight: 1})
	}
	route := func(method, path, handler string) {
		m.EntryPoints = append(m.EntryPoints, model.EntryPoint{ID: "http:" + method + " " + path, Kind: model.EntryHTTP,
			Framework: "net/http", Trigger: model.Trigger{Method: method, Path: path}, Handler: handler, Targets: []string{handler}})
	}
	// a and b: two resources over the same big piece of code.
	unit("core", 400)
	for _, h := range []string{"ha", "hb"} {
		unit(h, 5)
		call(h, "core")
	}
	route("GET", "/v1/a", "ha")
	route("GET", "/v1/b", "hb")
	// c: items and tags sub-resources with disjoint code of their own.
	unit("items", 300)
	unit("tags", 300)
	unit("hi", 5)
	unit("ht", 5)
	call("hi", "items")
	call("ht", "tags")
	route("GET", "/v1/c/items", "hi")
	route("GET", "/v1/c/tags", "ht")
	// d: a small tail that is not worth a function of its own.
	unit("d1", 200)
	unit("d2", 20)
	unit("hd1", 5)
	unit("hd2", 5)
	call("hd1", "d1")
	call("hd2", "d2")
	route("GET", "/v1/d", "hd1")
	route("GET", "/v1/d/small", "hd2")
	if err := Suggest(m, Options{}); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range m.Functions {
		names = append(names, f.Name+"="+strings.Join(f.EntryPoints, ","))
	}
	want := []string{
		"a-b=http:GET /v1/a,http:GET /v1/b",
		"c-items=http:GET /v1/c/items",
		"c-tags=http:GET /v1/c/tags",
		"d=http:GET /v1/d,http:GET /v1/d/small",
	}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("got  %q\nwant %q", names, want)
	}
}

// TestSuppression: a //splitter:ignore comment and a config suppression
// keep the finding, marked suppressed, out of the counts.
func TestSuppression(t *testing.T) {
	ar := txtar.Parse([]byte(`-- go.mod --
module example.com/sup

go 1.26
-- api/api.go --
package api

import (
	"net/http"
	"os"
)

var hits int

func Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /restart", restart)
	mux.HandleFunc("GET /count", count)
	mux.HandleFunc("GET /env", env)
}

func restart(w http.ResponseWriter, r *http.Request) {
	//splitter:ignore SPL109 the orchestrator restarts us on purpose
	os.Exit(3)
}

func count(w http.ResponseWriter, r *http.Request) {
	hits++
}

func env(w http.ResponseWriter, r *http.Request) {
	os.Setenv("A", "b")
}
`))
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Suppress: []Suppression{{Rule: "SPL101", Path: "api/", Reason: "a debug counter"}}}
	if err := Suggest(m, opts); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range m.Findings {
		got[f.Rule] = f.Suppressed
	}
	if len(m.Findings) != 3 {
		t.Fatalf("findings %+v: want os.Exit, hits++ and os.Setenv", m.Findings)
	}
	var exit, setenv *model.Finding
	for i := range m.Findings {
		f := &m.Findings[i]
		if strings.HasSuffix(f.Unit, ".restart") {
			exit = f
		}
		if strings.HasSuffix(f.Unit, ".env") {
			setenv = f
		}
	}
	if exit == nil || !strings.Contains(exit.Suppressed, "orchestrator restarts us") {
		t.Errorf("os.Exit: want suppressed by the comment, got %+v", exit)
	}
	if setenv == nil || setenv.Suppressed != "" {
		t.Errorf("os.Setenv: want a live finding, got %+v", setenv)
	}
	if got["SPL101"] != "config: a debug counter" {
		t.Errorf("hits++: want suppressed by the config, got %q", got["SPL101"])
	}
	errs := 0
	for _, f := range m.Functions {
		errs += f.Findings.Error
	}
	if errs != 1 {
		t.Errorf("the functions count %d errors: want only the live os.Setenv", errs)
	}
}
