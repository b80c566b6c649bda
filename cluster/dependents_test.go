package cluster

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// A service whose code nearly every request of another runs, and which
// runs almost only for it (an order's line items), is a part of that
// service. A service with use cases of its own that another reads
// (shipping reads the orders) stays, and so does a hub every service
// calls (the users), even when one caller's code makes most of the calls.
func TestMergeDependents(t *testing.T) {
	b := &appBuilder{m: &model.Model{}}
	m, unit, call, route := b.m, b.unit, b.call, b.route
	items := unit("items", "Load")
	route("/items/{id}", unit("items", "Get"))
	who := unit("users", "Current")
	for k := range 3 {
		route(fmt.Sprintf("/users/%d", k), unit("users", fmt.Sprintf("Handle%d", k)))
	}
	find := unit("orders", "Find")
	for k := range 4 {
		h := unit("orders", fmt.Sprintf("Handle%d", k))
		call(h, find)
		route(fmt.Sprintf("/orders/%d", k), h)
		call(h, items)
		call(h, who)
	}
	for k := range 4 {
		h := unit("shipping", fmt.Sprintf("Handle%d", k))
		route(fmt.Sprintf("/shipments/%d", k), h)
		call(h, who)
		if k < 3 {
			call(h, find) // shipping reads the order
		}
	}
	for k := range 4 {
		h := unit("billing", fmt.Sprintf("Handle%d", k))
		route(fmt.Sprintf("/invoices/%d", k), h)
		call(h, who)
	}
	s := testState(m)
	packageCommunities(s)
	s.indexCalls()
	g := s.commGraph()
	s.mergeDependents(g)
	got := map[string]int{}
	for i, u := range s.units {
		got[u.Package] = g.find(s.cnode(i))
	}
	if got["ex.com/app/items"] != got["ex.com/app/orders"] {
		t.Errorf("items is not merged into orders: %v", got)
	}
	for i, u := range s.units {
		want := ""
		if u.Package == "ex.com/app/items" {
			want = "a part of this service: 4 of its 4 use cases reach this code, which 5 use cases reach in all"
		}
		if s.joined[i].why != want {
			t.Errorf("%s: joined reason %q, want %q", u.ID, s.joined[i].why, want)
		}
	}
	if got["ex.com/app/shipping"] == got["ex.com/app/orders"] {
		t.Errorf("shipping, with use cases of its own that read the orders, merged into orders: %v", got)
	}
	if u := got["ex.com/app/users"]; u == got["ex.com/app/orders"] || u == got["ex.com/app/shipping"] || u == got["ex.com/app/billing"] {
		t.Errorf("the users hub merged: %v", got)
	}
}

// A thin service is thin against the cut the clustering proposed: once the
// smallest has merged, the others are not measured against a bar that
// rose because a service went (here: 14, 3, 3 and 1 use cases; 1 is under
// half the share of four services, 3 is not).
func TestMergeThinFixedShare(t *testing.T) {
	b := &appBuilder{m: &model.Model{}}
	m := b.m
	hub := b.unit("catalog", "Load")
	for svc, n := range map[string]int{"catalog": 14, "reviews": 3, "wishlist": 3, "badges": 1} {
		for k := range n {
			h := b.unit(svc, fmt.Sprintf("Handle%d", k))
			b.route(fmt.Sprintf("/%s/%d", svc, k), h)
			b.call(h, hub)
		}
	}
	sort.Slice(m.EntryPoints, func(i, j int) bool { return m.EntryPoints[i].ID < m.EntryPoints[j].ID })
	s := testState(m)
	packageCommunities(s)
	s.indexCalls()
	s.w = map[[2]int]float64{} // the signal graph's ties: the calls
	for _, e := range m.Edges {
		s.w[pair(s.idx[e.From], s.idx[e.To])] += float64(e.Weight)
	}
	g := s.commGraph()
	s.mergeThin(g)
	got := map[string]int{}
	for i, u := range s.units {
		got[strings.TrimPrefix(u.Package, "ex.com/app/")] = g.find(s.cnode(i))
	}
	if got["badges"] != got["catalog"] {
		t.Errorf("badges (1 use case of 21) did not join catalog: %v", got)
	}
	if got["reviews"] == got["catalog"] || got["wishlist"] == got["catalog"] || got["reviews"] == got["wishlist"] {
		t.Errorf("reviews and wishlist (3 use cases each) merged: %v", got)
	}
}

// A group left owning no use case and no table is no service: it joins the
// owning service its code is most tied to, or the kernel when none calls
// it or is called by it.
func TestJoinOwnerless(t *testing.T) {
	b := &appBuilder{m: &model.Model{}}
	m, unit, call, route := b.m, b.unit, b.call, b.route
	users, files := unit("users", "List"), unit("files", "Get")
	route("/users", users)
	route("/files", files)
	home, perms := unit("model", "User.HomeDir"), unit("model", "User.Perms") // group 2: owns nothing
	call(files, home)
	call(files, perms)
	call(users, perms)
	lonely := unit("legacy", "Convert") // group 3: owns nothing, tied to nothing
	s := testState(m)
	s.indexCalls()
	assign := []int{0, 1, 2, 2, 3}
	got := s.joinOwnerless(assign)
	if got[s.idx[home]] != 1 || got[s.idx[perms]] != 1 {
		t.Errorf("the model group did not join files, which calls it most: %v", got)
	}
	if got[s.idx[lonely]] != -1 || s.st[s.idx[lonely]] != stKernel {
		t.Errorf("the untied group is not in the kernel: %v", got)
	}
	if got[s.idx[users]] != 0 || got[s.idx[files]] != 1 {
		t.Errorf("owning services moved: %v", got)
	}
}

// A thin service tied to no other goes to the kernel, unless a later
// merge gave it a home.
func TestStubsToKernel(t *testing.T) {
	s := &state{why: map[int]string{}, stubs: map[int]bool{2: true, 3: true}}
	for range 5 {
		s.units = append(s.units, &model.Unit{})
	}
	s.st = make([]unitState, 5)
	s.role = make([]model.Role, 5)
	got := s.stubsToKernel([]int{0, 0, 1, 0, 2})
	if want := []int{0, 0, -1, 0, 2}; !reflect.DeepEqual(got, want) {
		t.Errorf("stubsToKernel = %v, want %v", got, want)
	}
}

// appBuilder writes a small model: units, one file per package, call
// edges and GET routes.
type appBuilder struct{ m *model.Model }

func (b *appBuilder) unit(pkg, name string) string {
	id := "ex.com/app/" + pkg + "." + name
	b.m.Units = append(b.m.Units, model.Unit{ID: id, Package: "ex.com/app/" + pkg, Name: name,
		Kind: model.KindFunc, File: pkg + "/" + pkg + ".go", LOC: 10})
	return id
}

func (b *appBuilder) call(from, to string) {
	b.m.Edges = append(b.m.Edges, model.Edge{From: from, To: to, Kind: model.EdgeCall, Weight: 1})
}

func (b *appBuilder) route(path, h string) {
	b.m.EntryPoints = append(b.m.EntryPoints, model.EntryPoint{ID: "GET " + path, Kind: model.EntryHTTP,
		Trigger: model.Trigger{Method: "GET", Path: path}, Handler: h, Targets: []string{h}})
}
