package cost

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/splitter-go/splitter/model"
)

type edge struct{ from, to string }

// recompute works the costs out again from the model alone (its call
// edges with their loop counts, its entry points, its units' services and
// tables), the plain way, straight from the definitions in the README:
// a recursive walk over (unit, entered) states, maps for every set,
// ownership from the writers and readers, depth by reachability. It shares
// no code with Compute, so the two agreeing on a model checks both.
func recompute(m *model.Model) map[string]model.EntryCost {
	svc := map[string]string{}
	tables := map[string][]model.TableUse{}
	for _, u := range m.Units {
		svc[u.ID] = u.Service
		tables[u.ID] = u.Tables
	}
	isSvc := func(s string) bool { return s != "" && s != model.SharedService }
	loop := map[edge]bool{}
	calls := map[string][]string{}
	for _, e := range m.Edges {
		if e.Kind != model.EdgeCall || e.From == e.To {
			continue
		}
		if _, ok := svc[e.From]; !ok {
			continue
		}
		if _, ok := svc[e.To]; !ok {
			continue
		}
		k := edge{e.From, e.To}
		if _, seen := loop[k]; !seen {
			calls[e.From] = append(calls[e.From], e.To)
		}
		loop[k] = loop[k] || e.Loop > 0
	}
	// Owners: as the model's services list them.
	owner := map[string]string{}
	for _, sv := range m.Services {
		for _, t := range sv.Tables {
			owner[t] = sv.Name
		}
	}

	out := map[string]model.EntryCost{}
	for _, ep := range m.EntryPoints {
		if ep.Kind == model.EntryMain || ep.Kind == model.EntryInit || ep.Mount {
			continue
		}
		type state struct {
			unit    string
			entered bool
		}
		seen := map[state]bool{}
		units := map[string]bool{}
		counted := map[edge]bool{}
		hops := map[edge][2]int{} // service pair → calls, loop
		var c model.EntryCost
		var walk func(u string, entered bool)
		walk = func(u string, entered bool) {
			entered = entered || isSvc(svc[u])
			if seen[state{u, entered}] {
				return
			}
			seen[state{u, entered}] = true
			units[u] = true
			for _, v := range calls[u] {
				su, sv := svc[u], svc[v]
				k := edge{u, v}
				callback := su == model.SharedService && isSvc(sv) && entered
				if !counted[k] {
					counted[k] = true
					switch {
					case isSvc(su) && isSvc(sv) && su != sv:
						c.RemoteCalls++
						h := hops[edge{su, sv}]
						h[0]++
						if loop[k] {
							c.LoopCalls++
							h[1]++
						}
						hops[edge{su, sv}] = h
					case su == model.SharedService && isSvc(sv), isSvc(su) && sv == model.SharedService:
						c.KernelCalls++
					}
				}
				if !callback {
					walk(v, entered)
				}
			}
		}
		for _, t := range ep.Targets {
			if _, ok := svc[t]; ok {
				walk(t, false)
			}
		}
		services, foreign := map[string]bool{}, map[string]bool{}
		for u := range units {
			s := svc[u]
			if !isSvc(s) {
				continue
			}
			services[s] = true
			for _, t := range tables[u] {
				if t.Op != "schema" && owner[t.Table] != s {
					foreign[t.Table] = true
				}
			}
		}
		for s := range services {
			c.Services = append(c.Services, s)
		}
		sort.Strings(c.Services)
		for t := range foreign {
			c.ForeignTables = append(c.ForeignTables, t)
		}
		sort.Strings(c.ForeignTables)
		var pairs []edge
		for p := range hops {
			pairs = append(pairs, p)
		}
		sort.Slice(pairs, func(i, j int) bool {
			if pairs[i].from != pairs[j].from {
				return pairs[i].from < pairs[j].from
			}
			return pairs[i].to < pairs[j].to
		})
		for _, p := range pairs {
			c.Hops = append(c.Hops, model.Hop{From: p.from, To: p.to, Calls: hops[p][0], Loop: hops[p][1]})
		}
		c.Depth = slowDepth(pairs)
		out[ep.ID] = c
	}
	return out
}

// slowDepth: services reaching each other (by the transitive closure) are
// one component of k services, worth k-1 hops; the depth is the best sum
// over a path of components, each step between components one hop.
func slowDepth(pairs []edge) int {
	reach := map[string]map[string]bool{}
	add := func(a, b string) {
		if reach[a] == nil {
			reach[a] = map[string]bool{}
		}
		reach[a][b] = true
	}
	var nodes []string
	known := map[string]bool{}
	for _, p := range pairs {
		add(p.from, p.to)
		for _, n := range []string{p.from, p.to} {
			if !known[n] {
				known[n] = true
				nodes = append(nodes, n)
			}
		}
	}
	for _, k := range nodes {
		for _, i := range nodes {
			for _, j := range nodes {
				if reach[i][k] && reach[k][j] {
					add(i, j)
				}
			}
		}
	}
	same := func(a, b string) bool { return a == b || (reach[a][b] && reach[b][a]) }
	size := func(a string) int {
		n := 0
		for _, b := range nodes {
			if same(a, b) {
				n++
			}
		}
		return n
	}
	var best func(a string) int
	memo := map[string]int{}
	best = func(a string) int {
		if v, ok := memo[a]; ok {
			return v
		}
		b := 0
		for _, p := range pairs {
			if same(p.from, a) && !same(p.to, a) {
				b = max(b, 1+best(p.to))
			}
		}
		b += size(a) - 1
		memo[a] = b
		return b
	}
	d := 0
	for _, n := range nodes {
		d = max(d, best(n))
	}
	return d
}

// checkAgainstRecompute compares the costs in m (from Annotate) with
// recompute's, and returns how many entry points it compared.
func checkAgainstRecompute(t *testing.T, name string, m *model.Model) int {
	t.Helper()
	want := recompute(m)
	n := 0
	for _, ep := range m.EntryPoints {
		w, business := want[ep.ID]
		if !business {
			if ep.Cost != nil {
				t.Errorf("%s: %s has a cost", name, ep.ID)
			}
			continue
		}
		n++
		if ep.Cost == nil {
			t.Errorf("%s: %s has no cost", name, ep.ID)
			continue
		}
		got := *ep.Cost
		got.Samples, got.RemoteSamples = 0, 0
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s: %s:\n model     %+v\n recompute %+v", name, ep.ID, got, w)
		}
	}
	return n
}

// TestRecomputeExamples: on the bundled examples, under the pinned cut and
// under the cut the golden models propose, Compute agrees with recompute.
func TestRecomputeExamples(t *testing.T) {
	m := *layeredModel(t)
	m.EntryPoints = append([]model.EntryPoint(nil), m.EntryPoints...)
	m.Units = append([]model.Unit(nil), m.Units...)
	a := truthCut(t, &m)
	for i := range m.Units {
		m.Units[i].Service = a[m.Units[i].ID]
	}
	// Each table to the service with the most units writing it, as the
	// model's services would list them.
	writes := map[string]map[string]int{}
	for _, u := range m.Units {
		for _, tu := range u.Tables {
			if tu.Op == "write" && u.Service != "" && u.Service != model.SharedService {
				if writes[tu.Table] == nil {
					writes[tu.Table] = map[string]int{}
				}
				writes[tu.Table][u.Service]++
			}
		}
	}
	owned := map[string][]string{}
	for table, ws := range writes {
		best := ""
		for s, n := range ws {
			if best == "" || n > ws[best] || (n == ws[best] && s < best) {
				best = s
			}
		}
		owned[best] = append(owned[best], table)
	}
	m.Services = nil
	for s, ts := range owned {
		m.Services = append(m.Services, model.Service{Name: s, Tables: ts})
	}
	Annotate(&m, Compute(&m, FromModel(&m), Options{Owners: OwnersFromModel(&m)}))
	checkAgainstRecompute(t, "layered (truth cut)", &m)
	for _, name := range []string{"analyze-layered.json", "analyze-modular.json"} {
		g := goldenModel(t, name)
		if n := checkAgainstRecompute(t, name, g); n == 0 {
			t.Errorf("%s: no entry point compared", name)
		}
	}
}

// TestRecomputeModelFile checks a saved model (SPLITTER_COST_MODEL, the
// output of `splitter analyze --format json`, e.g. of miniflux): every
// HTTP entry point but mounts has a cost, and every cost agrees with
// recompute.
func TestRecomputeModelFile(t *testing.T) {
	path := os.Getenv("SPLITTER_COST_MODEL")
	if path == "" {
		t.Skip("set SPLITTER_COST_MODEL to a model saved by splitter analyze --format json")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := model.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	http, costed := 0, 0
	for _, ep := range m.EntryPoints {
		if ep.Kind == model.EntryHTTP && !ep.Mount { // a mount's routes are the use cases
			http++
			if ep.Cost != nil {
				costed++
			} else {
				t.Errorf("%s has no cost", ep.ID)
			}
		}
	}
	n := checkAgainstRecompute(t, filepath.Base(path), m)
	t.Logf("%s: %d of %d HTTP entry points have a cost; %d costs agree with the recomputation", path, costed, http, n)
	if n == 0 {
		t.Error("no entry point compared")
	}
}

// goldenModel reads a model from the CLI's golden files.
func goldenModel(t *testing.T, name string) *model.Model {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "internal", "cli", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	// The golden file holds the command's exit code and streams around
	// the JSON object.
	i, j := -1, -1
	for k, c := range b {
		if c == '{' && i < 0 {
			i = k
		}
		if c == '}' {
			j = k
		}
	}
	if i < 0 || j < i {
		t.Fatalf("%s: no JSON object", name)
	}
	m, err := model.Decode(bytes.NewReader(b[i : j+1]))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(m.Services) == 0 {
		t.Fatalf("%s: no services", name)
	}
	return m
}
