package cluster

import (
	"testing"

	"github.com/splitter-go/splitter/model"
)

// A handler file follows the data its use cases change: the settings form
// that only updates users goes to the users' service; the sign-in page,
// which writes users and sessions, and a read-only page stay where the
// fragments put them; a file that writes a table itself is data code and
// stays too.
func TestFollowWrites(t *testing.T) {
	m := &model.Model{}
	unit := func(file, name string, tables ...model.TableUse) string {
		id := "ex.com/app/ui." + name
		m.Units = append(m.Units, model.Unit{ID: id, Package: "ex.com/app/ui", Name: name, Kind: model.KindFunc,
			File: file, LOC: 10, Tables: tables})
		return id
	}
	write := func(table string) model.TableUse { return model.TableUse{Table: table, Op: "write"} }
	call := func(from, to string) {
		m.Edges = append(m.Edges, model.Edge{From: from, To: to, Kind: model.EdgeCall, Weight: 1})
	}
	route := func(path, handler string) {
		m.EntryPoints = append(m.EntryPoints, model.EntryPoint{ID: "POST " + path, Kind: model.EntryHTTP,
			Trigger: model.Trigger{Method: "POST", Path: path}, Handler: handler, Targets: []string{handler}})
	}
	saveUser := unit("storage/user.go", "SaveUser", write("users"))
	saveSession := unit("storage/session.go", "SaveSession", write("sessions"))
	settings := unit("ui/settings_update.go", "UpdateSettings")
	call(settings, saveUser)
	route("/settings", settings)
	login := unit("ui/login.go", "Login")
	call(login, saveUser)
	call(login, saveSession)
	route("/login", login)
	about := unit("ui/about.go", "About")
	route("/about", about)
	direct := unit("ui/token.go", "Token", write("users"))
	route("/token", direct)

	s := &state{m: m, idx: map[string]int{}, pkgs: map[string]*model.Package{}}
	for i := range m.Units {
		s.units = append(s.units, &m.Units[i])
		s.idx[m.Units[i].ID] = i
		s.st = append(s.st, stActive)
	}
	s.eps = m.EntryPoints
	s.indexCalls()
	s.buildAtoms()
	// Fragments: 0 users' data, 1 sessions' data, 2 the ui pages.
	frag := map[string]int{saveUser: 0, saveSession: 1, settings: 2, login: 2, about: 2, direct: 2}
	s.node = make([]int, s.natoms)
	for id, c := range frag {
		s.node[s.atomOf[s.idx[id]]] = c
	}
	g := s.commGraph()
	s.followWrites(g)
	want := map[string]int{saveUser: 0, saveSession: 1, settings: 0, login: 2, about: 2, direct: 2}
	for id, c := range want {
		if got := g.find(s.cnode(s.idx[id])); got != c {
			t.Errorf("%s in fragment %d, want %d", id, got, c)
		}
	}
}

// The current-user lookup that three services' handlers call goes to the
// kernel; a lookup only one other service calls, and the writer every
// service calls, stay with their owner.
func TestContextLookups(t *testing.T) {
	m := &model.Model{}
	unit := func(pkg, name string, tables ...model.TableUse) string {
		id := "ex.com/app/" + pkg + "." + name
		m.Units = append(m.Units, model.Unit{ID: id, Package: "ex.com/app/" + pkg, Name: name, Kind: model.KindFunc,
			File: pkg + "/" + name + ".go", LOC: 10, Tables: tables})
		return id
	}
	call := func(from, to string) {
		m.Edges = append(m.Edges, model.Edge{From: from, To: to, Kind: model.EdgeCall, Weight: 1})
	}
	current := unit("users", "UserByID", model.TableUse{Table: "users", Op: "read"})
	profile := unit("users", "Profile", model.TableUse{Table: "users", Op: "read"})
	touch := unit("users", "Touch", model.TableUse{Table: "users", Op: "write"})
	svc := map[string]int{current: 0, profile: 0, touch: 0}
	for k, name := range []string{"feeds", "entries", "billing"} {
		h := unit(name, "Handle")
		svc[h] = k + 1
		call(h, current)
		call(h, touch)
		if name == "feeds" {
			call(h, profile)
		}
	}
	s := &state{m: m, idx: map[string]int{}, pkgs: map[string]*model.Package{}, why: map[int]string{}}
	assign := make([]int, len(m.Units))
	for i := range m.Units {
		s.units = append(s.units, &m.Units[i])
		s.idx[m.Units[i].ID] = i
		s.st = append(s.st, stActive)
		s.role = append(s.role, "")
		assign[i] = svc[m.Units[i].ID]
	}
	s.indexCalls()
	got := s.contextLookups(assign)
	for id, want := range map[string]int{current: -1, profile: 0, touch: 0} {
		if c := got[s.idx[id]]; c != want {
			t.Errorf("%s in %d, want %d", id, c, want)
		}
	}
	if s.role[s.idx[current]] != model.RolePlumbing {
		t.Errorf("UserByID's role = %q, want plumbing", s.role[s.idx[current]])
	}
}
