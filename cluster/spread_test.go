package cluster

import (
	"fmt"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// A configuration package is read, not called, and most of its code runs
// at start-up, where no request reaches it. Named after a domain word
// ("settings" is also a route segment), it is still plumbing: every
// resource reads its variables. A domain package that one resource uses
// stays out of the kernel.
func TestSpreadPackagesConfiguration(t *testing.T) {
	m := &model.Model{}
	unit := func(pkg, name string, kind model.UnitKind) string {
		id := "ex.com/app/" + pkg + "." + name
		m.Units = append(m.Units, model.Unit{ID: id, Package: "ex.com/app/" + pkg, Name: name, Kind: kind,
			File: pkg + "/" + pkg + ".go", LOC: 10})
		return id
	}
	edge := func(from, to string, kind model.EdgeKind) {
		m.Edges = append(m.Edges, model.Edge{From: from, To: to, Kind: kind, Weight: 1})
	}
	// Start-up code of the configuration: loaders and their helpers.
	for k := range 6 {
		unit("setting", fmt.Sprintf("load%d", k), model.KindFunc)
	}
	audit := unit("audit", "Record", model.KindFunc)
	for _, r := range []string{"orders", "users", "billing", "settings"} {
		h := unit(r, "Handle", model.KindFunc)
		v := unit("setting", "Cfg"+r, model.KindVar)
		edge(h, v, model.EdgeGlobalRead)
		if r == "orders" {
			edge(h, audit, model.EdgeCall)
		}
		m.EntryPoints = append(m.EntryPoints, model.EntryPoint{ID: "GET /" + r, Kind: model.EntryHTTP,
			Trigger: model.Trigger{Method: "GET", Path: "/" + r}, Handler: h, Targets: []string{h}})
	}
	// Every handler also reads the settings of the whole application.
	for _, name := range []string{"AppName", "AppURL", "Domain", "Offline", "Timezone"} {
		shared := unit("setting", name, model.KindVar)
		for _, u := range m.Units {
			if u.Name == "Handle" {
				edge(u.ID, shared, model.EdgeGlobalRead)
			}
		}
	}
	s := &state{m: m, idx: map[string]int{}, pkgs: map[string]*model.Package{}}
	for i := range m.Units {
		s.units = append(s.units, &m.Units[i])
		s.idx[m.Units[i].ID] = i
	}
	s.eps = m.EntryPoints
	s.indexCalls()
	got := s.spreadPackages(map[string]bool{})
	if !got["ex.com/app/setting"] || got["ex.com/app/audit"] || len(got) != 1 {
		t.Errorf("spreadPackages = %v, want only ex.com/app/setting", got)
	}
}

// A handler that answers three resources' routes (a redirect to the admin
// router) is plumbing; one shared by two (an alias) stays a use case.
func TestMarkGenericHandlers(t *testing.T) {
	route := func(path, handler string) model.EntryPoint {
		return model.EntryPoint{ID: "GET " + path, Kind: model.EntryHTTP, Handler: handler,
			Trigger: model.Trigger{Method: "GET", Path: path}}
	}
	eps := []model.EntryPoint{
		route("/identities", "x.Redirect"),
		route("/sessions", "x.Redirect"),
		route("/courier/messages", "x.Redirect"),
		route("/users/{id}", "users.Get"),
		route("/members/{id}", "users.Get"),
		route("/orders", "orders.List"),
		route("/orders/{id}", "orders.Get"),
	}
	markGenericHandlers(eps)
	for _, ep := range eps {
		if want := ep.Handler == "x.Redirect"; ep.Mount != want {
			t.Errorf("%s (handler %s): generic = %v, want %v", ep.ID, ep.Handler, ep.Mount, want)
		}
	}
}

// A route whose handler is not resolved names the function that registers
// it and has no targets: it owns nothing. A named handler and a func
// literal that calls application code own their use case.
func TestUnresolvedRouteOwnsNothing(t *testing.T) {
	s := &state{}
	for _, c := range []struct {
		targets []string
		want    bool
	}{
		{nil, false},
		{[]string{"ex.com/app/ingester.Flush"}, true},
	} {
		ep := model.EntryPoint{Kind: model.EntryHTTP, Trigger: model.Trigger{Path: "/flush"},
			Handler: "ex.com/app/api.API.RegisterIngester", Targets: c.targets}
		if got := s.owningEntry(ep); got != c.want {
			t.Errorf("owningEntry with targets %v = %v, want %v", c.targets, got, c.want)
		}
	}
}

// Inside a module, a pending helper with no ties (a SQL string, a
// migration's down step) goes where most of its package went, and a
// generated package where most of its module went. A package
// spread over two services keeps its loose helpers in the kernel, and so
// does a layered layout, where a package is a layer of many domains.
func TestSettleByPackage(t *testing.T) {
	const (
		storage = "ex.com/app/users/storage"
		spread  = "ex.com/app/users/shared"
		pb      = "ex.com/app/users/userspb" // generated, nothing placed
	)
	units := []*model.Unit{
		{Package: pb, LOC: 30, Generated: true}, // pending
		{Package: storage, LOC: 40},             // placed in community 0
		{Package: storage, LOC: 10},             // placed in community 1
		{Package: storage, LOC: 2},              // pending, no ties
		{Package: spread, LOC: 20},              // placed in 0
		{Package: spread, LOC: 20},              // placed in 1
		{Package: spread, LOC: 2},               // pending
	}
	for _, modular := range []bool{true, false} {
		s := &state{units: units, st: []unitState{stPending, 0, 0, stPending, 0, 0, stPending}}
		s.layout = layout{modular: modular,
			area:     map[string]string{storage: "users", spread: "users", pb: "users"},
			locality: map[string]float64{"users": 0.8}}
		assign := []int{-1, 0, 1, -1, 0, 1, -1}
		s.settleByPackage(assign)
		want := []int{-1, 0, 1, -1, 0, 1, -1}
		if modular {
			want[0], want[3] = 0, 0 // the module's placed LOC: 60 in 0, 30 in 1
		}
		if fmt.Sprint(assign) != fmt.Sprint(want) {
			t.Errorf("modular=%v: assign = %v, want %v", modular, assign, want)
		}
	}
}

// A shared package outside the modules with a file per module (dendrite's
// internal/caching) is one library on a modular layout: two modules use
// it, so it goes to the kernel whole. On a layered layout its files are
// domains, and each stays with the service that uses it; only the core
// both use is shared.
func TestLibrariesModularPackageWhole(t *testing.T) {
	for _, modular := range []bool{true, false} {
		m := &model.Model{}
		unit := func(pkg, file, name string) string {
			id := "ex.com/app/" + pkg + "." + name
			m.Units = append(m.Units, model.Unit{ID: id, Package: "ex.com/app/" + pkg, Name: name,
				Kind: model.KindFunc, File: file, LOC: 10})
			return id
		}
		call := func(from, to string) {
			m.Edges = append(m.Edges, model.Edge{From: from, To: to, Kind: model.EdgeCall, Weight: 1})
		}
		get := unit("internal/cache", "internal/cache/cache.go", "get")
		for _, r := range []string{"orders", "users"} {
			h := unit(r, r+"/handler.go", "Handle"+r)
			acc := unit("internal/cache", "internal/cache/"+r+".go", "Cached"+r)
			call(h, acc)
			call(acc, get)
			m.EntryPoints = append(m.EntryPoints, model.EntryPoint{ID: "GET /" + r, Kind: model.EntryHTTP,
				Trigger: model.Trigger{Method: "GET", Path: "/" + r}, Handler: h, Targets: []string{h}})
		}
		s := testState(m)
		s.layout = layout{modular: modular,
			rel:      map[string]string{"ex.com/app/orders": "orders", "ex.com/app/users": "users", "ex.com/app/internal/cache": "internal/cache"},
			area:     map[string]string{"ex.com/app/orders": "orders", "ex.com/app/users": "users", "ex.com/app/internal/cache": "internal/cache"},
			locality: map[string]float64{"orders": 0.9, "users": 0.9}}
		s.indexCalls()
		// Units: get, Handleorders, Cachedorders, Handleusers, Cachedusers;
		// the clustering put each accessor with its user.
		assign := s.libraries([]int{0, 0, 0, 1, 1}, 2)
		want := []int{-1, 0, -1, 1, -1}
		if !modular {
			want = []int{-1, 0, 0, 1, 1} // the core both use is shared
		}
		if fmt.Sprint(assign) != fmt.Sprint(want) {
			t.Errorf("modular=%v: assign = %v, want %v", modular, assign, want)
		}
	}
}

// A service mostly made of a module's units is named after the module only
// when the module owns something in it: miniflux's entries service carries
// the integration clients it calls (more units than its own), and is still
// the entries service.
func TestModuleNamesOnlyWhatItOwns(t *testing.T) {
	m := &model.Model{}
	unit := func(pkg, file, name string) string {
		id := "ex.com/app/" + pkg + "." + name
		m.Units = append(m.Units, model.Unit{ID: id, Package: "ex.com/app/" + pkg, Name: name,
			Kind: model.KindFunc, File: file, LOC: 10})
		return id
	}
	h := unit("internal/ui", "internal/ui/entry_save.go", "saveEntry")
	unit("internal/storage", "internal/storage/entry.go", "UpdateEntry")
	for _, c := range []string{"pinboard", "wallabag", "notion"} {
		unit("internal/integration/"+c, "internal/integration/"+c+"/client.go", "Send")
	}
	m.EntryPoints = []model.EntryPoint{{ID: "POST /entries/{id}/save", Kind: model.EntryHTTP,
		Trigger: model.Trigger{Method: "POST", Path: "/entries/{id}/save"}, Handler: h, Targets: []string{h}}}
	s := testState(m)
	s.layout = layout{area: map[string]string{}, rel: map[string]string{}, locality: map[string]float64{"integration": 0.9}}
	for _, u := range m.Units {
		area := strings.Split(strings.TrimPrefix(u.Package, "ex.com/app/internal/"), "/")[0]
		s.layout.area[u.Package], s.layout.rel[u.Package] = area, strings.TrimPrefix(u.Package, "ex.com/app/")
	}
	names := s.name(make([]int, len(s.units))) // one community
	if names[0] != "entries" {
		t.Errorf("name = %q, want entries", names[0])
	}
}

// A module split over several services names none of them: each is a part
// of it (kratos' selfservice module holds the login, registration and
// settings flows; its login service was named selfservice).
func TestSplitModuleNamesNone(t *testing.T) {
	m := &model.Model{}
	var assign []int
	for c, flow := range []string{"login", "registration", "settings"} {
		var h string
		for _, f := range []string{"handler", "flow", "hook"} {
			pkg := "ex.com/app/selfservice/flow/" + flow
			id := pkg + "." + f
			m.Units = append(m.Units, model.Unit{ID: id, Package: pkg, Name: f, Kind: model.KindFunc,
				File: "selfservice/flow/" + flow + "/" + f + ".go", LOC: 10})
			assign = append(assign, c)
			if h == "" {
				h = id
			}
		}
		path := "/self-service/" + flow
		m.EntryPoints = append(m.EntryPoints, model.EntryPoint{ID: "GET " + path, Kind: model.EntryHTTP,
			Trigger: model.Trigger{Method: "GET", Path: path}, Handler: h, Targets: []string{h}})
	}
	s := testState(m)
	s.layout = layout{area: map[string]string{}, rel: map[string]string{}, locality: map[string]float64{"selfservice": 0.9}, modular: true}
	for _, u := range m.Units {
		s.layout.area[u.Package], s.layout.rel[u.Package] = "selfservice", strings.TrimPrefix(u.Package, "ex.com/app/")
	}
	names := s.name(assign)
	for c, want := range []string{"login", "registration", "settings"} {
		if names[c] != want {
			t.Errorf("service %d named %q, want %q (all: %v)", c, names[c], want, names)
		}
	}
}

// A generic word is a domain word when a route addresses its plural as a
// collection of items; as a verb it stays generic.
func TestCollectionPromotesGenericWord(t *testing.T) {
	for _, c := range []struct {
		path string
		want bool
	}{
		{"/api/lists/:id", true},   // a mailing-list manager's lists
		{"/posts/{id}/edit", true}, // a blog's posts
		{"/keys/{keyID}/delete", true},
		{"/api/users/list", false}, // the verb
		{"/api/lists", false},      // no item addressed: could be either
		{"/list/:id", false},       // singular: a verb before an id (/delete/:id)
		{"/apis/{group}", false},   // a technical word stays technical
		{"/v1/feeds/{id}", false},  // not a generic word: nothing to promote
		{"/clients", true},         // a technical word's plural names a resource too
		{"/client/{id}", true},
	} {
		eps := []model.EntryPoint{{ID: "GET " + c.path, Kind: model.EntryHTTP, Trigger: model.Trigger{Method: "GET", Path: c.path}}}
		v := buildVocabulary(&model.Model{}, eps, func(*model.Unit) bool { return true })
		segs := strings.Split(strings.Trim(c.path, "/"), "/")
		word := ""
		for k := 0; k+1 < len(segs); k++ {
			if isParam(segs[k+1]) {
				word = stem(segs[k])
			}
		}
		if word == "" {
			word = stem(segs[len(segs)-1])
		}
		if got := v.promoted[word]; got != c.want {
			t.Errorf("%s: %q promoted = %v, want %v", c.path, word, got, c.want)
		}
	}
}

// A service no domain word is left for is named after the application
// (the module's last element below its major version), not area-a.
func TestNameFallsBackToTheApplication(t *testing.T) {
	m := &model.Model{Module: "github.com/acme/alertmanager/v2"}
	m.Packages = []model.Package{{Path: "github.com/acme/alertmanager/v2/api", Name: "api"}}
	m.Units = []model.Unit{{ID: "github.com/acme/alertmanager/v2/api.limit", Package: "github.com/acme/alertmanager/v2/api",
		Name: "limit", Kind: model.KindFunc, File: "api/api.go", LOC: 10}}
	s := testState(m)
	s.layout = layout{area: map[string]string{m.Packages[0].Path: "api"}, rel: map[string]string{m.Packages[0].Path: "api"}, locality: map[string]float64{}}
	if names := s.name([]int{0}); names[0] != "alertmanager" {
		t.Errorf("name = %q, want alertmanager", names[0])
	}
}

// Commands of a group are operations on the group's resource: gh's "pr
// list" and "pr merge" are resource "pr"; a parent with one command keeps
// the whole path (a verb-first CLI's "get identity").
func TestCommandGroups(t *testing.T) {
	s := &state{}
	for _, cmd := range []string{"pr list", "pr merge", "issue create", "get identity", "serve", "hashers argon2 calibrate", "hashers argon2 hash"} {
		s.eps = append(s.eps, model.EntryPoint{ID: "cli:" + cmd, Kind: model.EntryCLI, Trigger: model.Trigger{Command: cmd}})
	}
	s.groupCommands()
	want := map[string]string{
		"cli:pr list": "cli:pr", "cli:pr merge": "cli:pr", "cli:issue create": "cli:issue create",
		"cli:get identity": "cli:get identity", "cli:serve": "cli:serve",
		"cli:hashers argon2 calibrate": "cli:hashers argon2", "cli:hashers argon2 hash": "cli:hashers argon2",
	}
	for _, ep := range s.eps {
		if got := s.resource(ep); got != want[ep.ID] {
			t.Errorf("resource(%s) = %q, want %q", ep.ID, got, want[ep.ID])
		}
	}
}

// testState is the state of a decomposition of m as far as naming needs:
// its units indexed, all active and in scope, its entry points and
// vocabulary.
func testState(m *model.Model) *state {
	s := &state{m: m, idx: map[string]int{}, pkgs: map[string]*model.Package{}, why: map[int]string{}, scope: map[string]model.Role{},
		utility: map[string]bool{}}
	for i := range m.Units {
		s.units = append(s.units, &m.Units[i])
		s.idx[m.Units[i].ID] = i
	}
	s.st = make([]unitState, len(s.units))
	s.role = make([]model.Role, len(s.units))
	s.eps = m.EntryPoints
	s.vocab = buildVocabulary(m, s.eps, func(*model.Unit) bool { return true })
	return s
}

// packageCommunities makes each package of s one community, as if the
// clustering had proposed one service per package.
func packageCommunities(s *state) {
	svcOf := map[string]int{}
	for i, u := range s.units {
		if _, ok := svcOf[u.Package]; !ok {
			svcOf[u.Package] = len(svcOf)
		}
		s.atomOf = append(s.atomOf, i)
		s.node = append(s.node, svcOf[u.Package])
	}
	s.natoms = len(s.units)
}

// A utility package (in the kernel before clustering) goes to the one
// service whose use cases reach it and that makes most of its use: an
// importer only the import handlers call. A helper two services' requests
// run through stays shared, and so do a gRPC status mapper (plumbing by its
// role, whoever uses it), a helper only the wiring calls (no use case
// reaches it) and one other kernel code calls (the kernel cannot call into
// a service).
func TestUtilitiesToUsers(t *testing.T) {
	m := &model.Model{}
	unit := func(pkg, name string, uses ...string) string {
		id := "ex.com/app/" + pkg + "." + name
		m.Units = append(m.Units, model.Unit{ID: id, Package: "ex.com/app/" + pkg, Name: name,
			Kind: model.KindFunc, File: pkg + "/" + pkg + ".go", LOC: 10, Uses: uses})
		return id
	}
	call := func(from, to string) {
		m.Edges = append(m.Edges, model.Edge{From: from, To: to, Kind: model.EdgeCall, Weight: 1})
	}
	hOrders := unit("orders", "Handle")
	hUsers := unit("users", "Handle")
	wiring := unit("cmd", "main")
	importer := unit("importer", "Import") // only orders: moves
	call(hOrders, importer)
	call(wiring, importer)       // the wiring builds it: no user
	csv := unit("csvx", "Parse") // only the importer: follows it
	call(importer, csv)
	both := unit("textutil", "Clean") // orders and users: shared
	call(hOrders, both)
	call(hUsers, both)
	status := unit("grpcstatus", "Map", "google.golang.org/grpc/status") // transport plumbing
	call(hOrders, status)
	boot := unit("boot", "Load") // only the wiring: no use case reaches it
	call(wiring, boot)
	kernelLib := unit("klib", "Do") // kernel plumbing, not wiring
	called := unit("calledbykernel", "Run")
	call(hOrders, called)
	call(kernelLib, called)
	for _, h := range []string{hOrders, hUsers} {
		r := strings.Split(strings.TrimPrefix(h, "ex.com/app/"), ".")[0]
		m.EntryPoints = append(m.EntryPoints, model.EntryPoint{ID: "GET /" + r, Kind: model.EntryHTTP,
			Trigger: model.Trigger{Method: "GET", Path: "/" + r}, Handler: h, Targets: []string{h}})
	}
	s := testState(m)
	s.indexCalls()
	assign := make([]int, len(s.units))
	for i, u := range s.units {
		switch u.Package {
		case "ex.com/app/orders":
			assign[i] = 0
		case "ex.com/app/users":
			assign[i] = 1
		default:
			assign[i] = -1
			s.st[i], s.role[i] = stKernel, model.RolePlumbing
			if u.Package == "ex.com/app/cmd" {
				s.role[i] = model.RoleWiring
			} else if u.Package != "ex.com/app/klib" {
				s.utility[u.Package] = true
			}
		}
	}
	s.utilitiesToUsers(assign)
	want := map[string]int{importer: 0, csv: 0, both: -1, status: -1, boot: -1, called: -1, kernelLib: -1, wiring: -1}
	for id, w := range want {
		if got := assign[s.idx[id]]; got != w {
			t.Errorf("%s: service %d, want %d", id, got, w)
		}
	}
	if why := s.why[s.idx[importer]]; !strings.Contains(why, "one user") {
		t.Errorf("the importer's reason is %q, want it to say it has one user", why)
	}
}
