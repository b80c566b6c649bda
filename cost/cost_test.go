package cost

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/score"
)

// The layered example's model, analysed once for the package's tests.
var layeredOnce struct {
	sync.Once
	m   *model.Model
	err error
}

func layeredModel(t *testing.T) *model.Model {
	t.Helper()
	layeredOnce.Do(func() {
		layeredOnce.m, layeredOnce.err = analyzer.Analyze(context.Background(),
			analyzer.Config{Dir: filepath.Join("..", "testdata", "layered")})
	})
	if layeredOnce.err != nil {
		t.Fatal(layeredOnce.err)
	}
	return layeredOnce.m
}

// truthCut is the layered example's intended cut (its truth.json: one
// service per domain, platform/ and the wiring in the kernel), with the
// payment gateway's HTTP client taken out as a service of its own,
// "paygate": a cut pinned here, so that changes to the clustering do not
// move the expectations, and one that has a remote call in a loop and a
// chain of two remote calls.
func truthCut(t *testing.T, m *model.Model) Assignment {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "layered", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	truth, err := score.LoadTruth(f)
	if err != nil {
		t.Fatal(err)
	}
	a := Assignment{}
	for id, g := range truth.Resolve(m.Units) {
		if g == score.Shared {
			g = model.SharedService
		}
		a[id] = g
	}
	const shop = "example.com/shop/services."
	for _, id := range []string{"HTTPGateway", "HTTPGateway.Authorize", "HTTPGateway.Refund", "HTTPGateway.Lookup", "HTTPGateway.do", "NewHTTPGateway"} {
		if _, ok := a[shop+id]; !ok {
			t.Fatalf("no unit %s in the layered example", shop+id)
		}
		a[shop+id] = "paygate"
	}
	return a
}

func entry(t *testing.T, r *Result, id string) model.EntryCost {
	t.Helper()
	for _, e := range r.Entries {
		if e.ID == id {
			return e.Cost
		}
	}
	t.Fatalf("no entry point %s in the result", id)
	return model.EntryCost{}
}

// TestLayeredCosts checks costs worked out by hand from the layered
// example's code under truthCut.
func TestLayeredCosts(t *testing.T) {
	m := layeredModel(t)
	r := Compute(m, truthCut(t, m), Options{})
	cases := []struct {
		id     string
		want   model.EntryCost
		kernel int // -1: not checked (too many to count by hand)
	}{
		// No remote call: OrderHandler.stats writes its JSON with
		// httpx.WriteJSON, the one call into the kernel.
		{"http:GET /v1/orders/stats", model.EntryCost{Services: []string{"orders"}}, 1},
		// No remote call, but a foreign table: Store.orderItems joins
		// products, which only catalog writes.
		{"http:GET /v1/orders/{id}", model.EntryCost{Services: []string{"orders"}, ForeignTables: []string{"products"}}, -1},
		// One remote call, through an interface: PaymentService.Refund
		// calls s.gw.Refund on its Gateway, which is HTTPGateway.Refund.
		{"http:POST /v1/payments/{id}/refunds", model.EntryCost{RemoteCalls: 1, Depth: 1, Services: []string{"paygate", "payments"},
			Hops: []model.Hop{{From: "payments", To: "paygate", Calls: 1}}}, -1},
		// One remote call in a loop: the nightly job's Reconcile calls
		// s.gw.Lookup for every open payment.
		{"cron:0 3 * * *", model.EntryCost{RemoteCalls: 1, Depth: 1, LoopCalls: 1, Services: []string{"paygate", "payments"},
			Hops: []model.Hop{{From: "payments", To: "paygate", Calls: 1, Loop: 1}}}, -1},
		// Several: PlaceOrder calls customers (Get, AddressOf), catalog
		// (PriceProducts), inventory through StockReserver (Reserve, and
		// Release in releaseQuietly) and payments through PaymentCharger
		// (Charge), which calls the gateway (Authorize): seven remote
		// calls, a chain of two (orders → payments → paygate).
		{"http:POST /v1/orders", model.EntryCost{RemoteCalls: 7, Depth: 2,
			Services: []string{"catalog", "customers", "inventory", "orders", "paygate", "payments"},
			Hops: []model.Hop{
				{From: "orders", To: "catalog", Calls: 1}, {From: "orders", To: "customers", Calls: 2},
				{From: "orders", To: "inventory", Calls: 2}, {From: "orders", To: "payments", Calls: 1},
				{From: "payments", To: "paygate", Calls: 1},
			}}, -1},
	}
	for _, c := range cases {
		got := entry(t, r, c.id)
		if c.kernel < 0 {
			got.KernelCalls = 0
		} else {
			c.want.KernelCalls = c.kernel
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got  %+v\n want %+v", c.id, got, c.want)
		}
	}
	// The gateway dependency serves five use cases: placing and
	// cancelling an order (Charge, Refund), refunds, the nightly
	// reconciliation (in a loop) and the hourly clean-up of abandoned
	// orders (which cancels them), each with one call per request.
	var gw *Link
	for i := range r.Links {
		if r.Links[i].From == "payments" && r.Links[i].To == "paygate" {
			gw = &r.Links[i]
		}
	}
	if gw == nil || gw.UseCases != 5 || gw.PerRequest != 1 || gw.Loop != 1 {
		t.Errorf("payments → paygate: %+v, want 5 use cases, 1 call per request, 1 in a loop", gw)
	}
	for _, e := range r.Entries {
		for _, k := range []model.EntryKind{model.EntryMain, model.EntryInit} {
			if e.ID[:len(k)+1] == string(k)+":" {
				t.Errorf("%s has a cost: main and init are not use cases", e.ID)
			}
		}
	}
}

// TestAnnotate checks that the cost lands in the model: every business
// entry point's Cost, and the dependencies' use cases and calls per
// request on both ends of each service link.
func TestAnnotate(t *testing.T) {
	m := *layeredModel(t)
	m.EntryPoints = append([]model.EntryPoint(nil), m.EntryPoints...)
	m.Units = append([]model.Unit(nil), m.Units...)
	a := truthCut(t, &m)
	for i := range m.Units {
		m.Units[i].Service = a[m.Units[i].ID]
	}
	m.Services = []model.Service{
		{Name: "orders", DependsOn: []model.ServiceLink{{Service: "payments", Calls: 3}, {Service: "reviews", Calls: 1}}},
		{Name: "payments", UsedBy: []model.ServiceLink{{Service: "orders", Calls: 3}}},
	}
	r := Compute(&m, FromModel(&m), Options{})
	Annotate(&m, r)
	for _, ep := range m.EntryPoints {
		business := ep.Kind != model.EntryMain && ep.Kind != model.EntryInit && !ep.Mount // mounts have no cost
		if business != (ep.Cost != nil) {
			t.Errorf("%s: cost %v", ep.ID, ep.Cost)
		}
		if ep.ID == "http:POST /v1/orders" && ep.Cost.RemoteCalls != 7 {
			t.Errorf("%s: %d remote calls in the model, want 7", ep.ID, ep.Cost.RemoteCalls)
		}
	}
	// orders → payments: placing an order (Charge), its overview page
	// (GetByOrder), cancelling it and the hourly clean-up (GetByOrder and
	// Refund: two calls per request).
	dep, used := m.Services[0].DependsOn[0], m.Services[1].UsedBy[0]
	if dep.UseCases != 4 || dep.PerRequest != 2 || used.UseCases != dep.UseCases || used.PerRequest != dep.PerRequest {
		t.Errorf("orders → payments: depends %+v, used by %+v", dep, used)
	}
	if none := m.Services[0].DependsOn[1]; none.UseCases != 0 || none.PerRequest != 0 {
		t.Errorf("orders → reviews has no remote call per request, got %+v", none)
	}
}

// TestDepth checks the longest chain of remote hops over service graphs
// with and without cycles.
func TestDepth(t *testing.T) {
	cases := []struct {
		name string
		hops [][2]int
		want int
	}{
		{"none", nil, 0},
		{"one hop", [][2]int{{0, 1}}, 1},
		{"chain", [][2]int{{0, 1}, {1, 2}, {2, 3}}, 3},
		{"fan out", [][2]int{{0, 1}, {0, 2}, {0, 3}}, 1},
		{"diamond", [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}}, 2},
		{"two calling each other", [][2]int{{0, 1}, {1, 0}}, 1},
		{"cycle of three", [][2]int{{0, 1}, {1, 2}, {2, 0}}, 2},
		{"cycle then a hop", [][2]int{{0, 1}, {1, 0}, {1, 2}}, 2},
		{"hop into a cycle", [][2]int{{5, 0}, {0, 1}, {1, 0}}, 2},
		{"two paths, the longer wins", [][2]int{{0, 1}, {0, 2}, {2, 3}, {3, 4}}, 3},
	}
	for _, c := range cases {
		if got := depth(c.hops); got != c.want {
			t.Errorf("%s: depth %d, want %d", c.name, got, c.want)
		}
	}
}

// TestTableOwners checks the owner rule: most writing units, the first
// service by name on a tie, the kernel when only it writes, the one
// toucher, none; declared owners win; schema statements never count.
func TestTableOwners(t *testing.T) {
	m := &model.Model{}
	a := Assignment{}
	add := func(id, svc string, uses ...model.TableUse) {
		m.Units = append(m.Units, model.Unit{ID: id, Tables: uses})
		a[id] = svc
	}
	w := func(t string) model.TableUse { return model.TableUse{Table: t, Op: "write"} }
	r := func(t string) model.TableUse { return model.TableUse{Table: t, Op: "read"} }
	add("a1", "a", w("most"), w("tie"), r("kernels"), r("unowned"))
	add("a2", "a", w("most"), model.TableUse{Table: "schema", Op: "schema"})
	add("b1", "b", w("most"), w("tie"), r("alone"), r("unowned"), r("declared"))
	add("k1", model.SharedService, w("kernels"), w("most"))
	add("x1", "", w("alone")) // no service: does not count
	g := newGraph(m, a)
	got := map[string]string{}
	name := func(n int) string {
		switch n {
		case kernel:
			return model.SharedService
		case unknownOwner:
			return "?"
		}
		return g.names[n]
	}
	for t, o := range tableOwners(g, map[string]string{"declared": "a", "gone": "c"}) {
		got[t] = name(o)
	}
	want := map[string]string{"most": "a", "tie": "a", "kernels": model.SharedService, "alone": "b", "declared": "a", "gone": "?"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("owners %v, want %v", got, want)
	}
}
