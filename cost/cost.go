// Package cost says what a cut of a monolith into services costs at run
// time: per business entry point (a route, an RPC, a job, a consumer), the
// calls its requests make from one service to another once the services are
// deployed apart, how deep those chains go, the services it touches and the
// tables of other services its code reads or writes; per pair of services,
// how many use cases each dependency serves and how many calls one request
// makes over it. With runtime profiles (Read), it also says how much of the
// observed work crosses each boundary.
//
// It works over any assignment of units to services: the proposed one
// (model.Unit.Service), one declared in splitter.yaml, or any other. The
// shared kernel is a library linked into every service: calls to and from
// it are counted apart and are never remote. Units of no service are left
// out of every count (they are not part of the application's services) but
// are walked through, as the call graph is.
//
// Everything is computed from the model alone: its call edges (with the
// count of call sites in loops, model.Edge.Loop), its entry points and its
// units' services and tables, so the numbers can be checked from the JSON
// model. Compute is deterministic.
package cost

import (
	"sort"

	"github.com/splitter-go/splitter/model"
)

// Assignment maps unit ids to service names; model.SharedService marks the
// kernel, and a unit it leaves out (or maps to "") belongs to no service.
type Assignment map[string]string

// FromModel returns the assignment written in the model's units.
func FromModel(m *model.Model) Assignment {
	a := make(Assignment, len(m.Units))
	for _, u := range m.Units {
		if u.Service != "" {
			a[u.ID] = u.Service
		}
	}
	return a
}

// Options tune Compute.
type Options struct {
	// Owners names the owner of tables (table → service, or
	// model.SharedService), as splitter.yaml or the model's services
	// (OwnersFromModel) give them; the tables it does not name get the
	// owner computed from the assignment (see tableOwners).
	Owners map[string]string
	// Observed, when set, adds the profile's numbers.
	Observed *Observed
}

// Result is the cost of one cut.
type Result struct {
	// Entries has one entry per business entry point (every kind but main
	// and init, which start the program and reach everything, and not
	// mounts), in the model's order.
	Entries []Entry `json:"entrypoints"`
	// Links are the service pairs some request calls across, sorted by
	// caller then callee.
	Links   []Link  `json:"links"`
	Summary Summary `json:"summary"`
}

// Entry is one entry point's cost.
type Entry struct {
	ID string `json:"id"`
	// Home is the service of its handler ("" for the kernel or none).
	Home string          `json:"home,omitempty"`
	Cost model.EntryCost `json:"cost"`
}

// Link is one dependency between services, seen from the requests.
type Link struct {
	From string `json:"from"`
	To   string `json:"to"`
	// UseCases counts the entry points whose requests call across it;
	// PerRequest is the most distinct call edges across it in one request,
	// and Loop the most of those with a call site in a loop.
	UseCases   int `json:"useCases"`
	PerRequest int `json:"perRequest"`
	Loop       int `json:"loop,omitempty"`
	// Samples is the profile value of the stacks that cross it.
	Samples int64 `json:"samples,omitempty"`
}

// Summary sums up a cut.
type Summary struct {
	// Services is the number of services (the kernel excluded).
	Services    int `json:"services"`
	EntryPoints int `json:"entryPoints"`
	// Distribution counts the entry points with 0, 1, 2 and 3 or more
	// remote calls.
	Distribution [4]int `json:"distribution"`
	// RemoteCalls and LoopCalls are summed over the entry points.
	RemoteCalls int `json:"remoteCalls"`
	LoopCalls   int `json:"loopCalls"`
	// LoopEntries and ForeignEntries count the entry points with a remote
	// call in a loop, and with a foreign table.
	LoopEntries    int `json:"loopEntries"`
	ForeignEntries int `json:"foreignEntries"`
	MaxDepth       int `json:"maxDepth"`
	// Observed is the profile's total value and Remote the value of the
	// stacks that cross a boundary (with a profile).
	Observed int64 `json:"observed,omitempty"`
	Remote   int64 `json:"remote,omitempty"`
}

// Kinds of units, beside the services' numbers.
const (
	none   = -2 // in no service
	kernel = -1
)

// graph is the model's call graph over unit indices, with each unit's group.
type graph struct {
	ids    []string
	index  map[string]int
	group  []int // service number, kernel or none
	names  []string
	succ   [][]int // call edges out of each unit, as indexes into edges
	edges  []callEdge
	tables [][]model.TableUse
	// servers are the commands that start a server (model.ServerCommands):
	// like main, they run the program, and their requests are its routes'.
	servers map[string]bool
}

// pair is an ordered pair of services, by number.
type pair struct{ from, to int }

type callEdge struct {
	from, to int
	loop     bool
}

func newGraph(m *model.Model, a Assignment) *graph {
	g := &graph{index: make(map[string]int, len(m.Units))}
	ids := make([]string, len(m.Units))
	for i, u := range m.Units {
		ids[i] = u.ID
	}
	sort.Strings(ids)
	g.ids = ids
	g.servers = model.ServerCommands(m)
	for i, id := range ids {
		g.index[id] = i
	}
	g.group = make([]int, len(ids))
	g.tables = make([][]model.TableUse, len(ids))
	seen := map[string]bool{}
	for _, id := range ids {
		if s := a[id]; s != "" && s != model.SharedService && !seen[s] {
			seen[s] = true
			g.names = append(g.names, s)
		}
	}
	sort.Strings(g.names)
	number := map[string]int{}
	for k, s := range g.names {
		number[s] = k
	}
	for i, id := range ids {
		switch s := a[id]; s {
		case "":
			g.group[i] = none
		case model.SharedService:
			g.group[i] = kernel
		default:
			g.group[i] = number[s]
		}
	}
	for _, u := range m.Units {
		g.tables[g.index[u.ID]] = u.Tables
	}
	type key struct{ from, to int }
	loops := map[key]bool{}
	var keys []key
	for _, e := range m.Edges {
		if e.Kind != model.EdgeCall {
			continue
		}
		from, ok1 := g.index[e.From]
		to, ok2 := g.index[e.To]
		if !ok1 || !ok2 || from == to {
			continue
		}
		k := key{from, to}
		l, dup := loops[k]
		if !dup {
			keys = append(keys, k)
		}
		loops[k] = l || e.Loop > 0
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].from != keys[j].from {
			return keys[i].from < keys[j].from
		}
		return keys[i].to < keys[j].to
	})
	g.succ = make([][]int, len(ids))
	for _, k := range keys {
		g.succ[k.from] = append(g.succ[k.from], len(g.edges))
		g.edges = append(g.edges, callEdge{k.from, k.to, loops[k]})
	}
	return g
}

// name is the service of group n ("" for the kernel and none).
func (g *graph) name(n int) string {
	if n < 0 {
		return ""
	}
	return g.names[n]
}

// remote reports whether the call from unit a to unit b crosses services.
func (g *graph) remote(a, b int) bool {
	ga, gb := g.group[a], g.group[b]
	return ga >= 0 && gb >= 0 && ga != gb
}

// isBusiness reports whether an entry point is a use case: main, init and
// a command that starts a server run the program and reach everything,
// and a mount's routes are the use cases, not the mount.
func (g *graph) isBusiness(ep model.EntryPoint) bool {
	return ep.Kind != model.EntryMain && ep.Kind != model.EntryInit && !ep.Mount && !g.servers[ep.ID]
}

// Compute measures the cut a of m. Tables' owners are Options.Owners' or,
// for the tables it does not name, follow the decomposition's rule (see
// tableOwners).
func Compute(m *model.Model, a Assignment, opts Options) *Result {
	g := newGraph(m, a)
	owners := tableOwners(g, opts.Owners)
	r := &Result{}
	r.Summary.Services = len(g.names)
	links := map[pair]*Link{}
	// The walk's states are (unit, entered): entered once the request has
	// reached a service's code. The kernel is a library that runs in its
	// caller's service, so once entered, its calls into services are the
	// caller's callbacks (or, in a static call graph, every caller's
	// callbacks at once): counted as kernel calls, not walked. Before,
	// from a handler in the kernel, they are how the request enters the
	// services, and are walked.
	visited := make([]int, 2*len(g.ids))
	seenUnit := make([]int, len(g.ids))
	seenEdge := make([]int, len(g.edges))
	stamp := 0
	var queue []int
	for _, ep := range m.EntryPoints {
		if !g.isBusiness(ep) {
			continue
		}
		stamp++
		queue = queue[:0]
		push := func(u int, entered bool) {
			st := 2 * u
			if entered || g.group[u] >= 0 {
				st++
			}
			if visited[st] != stamp {
				visited[st] = stamp
				queue = append(queue, st)
			}
		}
		for _, t := range ep.Targets {
			if i, ok := g.index[t]; ok {
				push(i, false)
			}
		}
		home := none
		if h, ok := g.index[ep.Handler]; ok {
			home = g.group[h]
		}
		var c model.EntryCost
		services := map[int]bool{}
		foreign := map[string]bool{}
		hops := map[pair]*model.Hop{}
		for q := 0; q < len(queue); q++ {
			u, entered := queue[q]/2, queue[q]%2 == 1
			gu := g.group[u]
			if seenUnit[u] != stamp {
				seenUnit[u] = stamp
				if gu >= 0 {
					services[gu] = true
					for _, tu := range g.tables[u] {
						if o, owned := owners[tu.Table]; tu.Op != "schema" && (!owned || o != gu) {
							foreign[tu.Table] = true
						}
					}
				}
			}
			for _, ei := range g.succ[u] {
				e := g.edges[ei]
				gv := g.group[e.to]
				if gu == kernel && gv >= 0 && entered {
					if seenEdge[ei] != stamp {
						seenEdge[ei] = stamp
						c.KernelCalls++
					}
					continue // a callback: not walked
				}
				push(e.to, entered)
				if seenEdge[ei] == stamp {
					continue
				}
				seenEdge[ei] = stamp
				switch {
				case g.remote(u, e.to):
					c.RemoteCalls++
					h := hops[pair{gu, gv}]
					if h == nil {
						h = &model.Hop{From: g.names[gu], To: g.names[gv]}
						hops[pair{gu, gv}] = h
					}
					h.Calls++
					if e.loop {
						c.LoopCalls++
						h.Loop++
					}
				case (gu == kernel && gv >= 0) || (gu >= 0 && gv == kernel):
					c.KernelCalls++
				}
			}
		}
		for s := range services {
			c.Services = append(c.Services, g.names[s])
		}
		sort.Strings(c.Services)
		for t := range foreign {
			c.ForeignTables = append(c.ForeignTables, t)
		}
		sort.Strings(c.ForeignTables)
		keys := make([]pair, 0, len(hops))
		for k := range hops {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if keys[i].from != keys[j].from {
				return keys[i].from < keys[j].from
			}
			return keys[i].to < keys[j].to
		})
		for _, k := range keys {
			h := hops[k]
			c.Hops = append(c.Hops, *h)
			l := links[k]
			if l == nil {
				l = &Link{From: h.From, To: h.To}
				links[k] = l
			}
			l.UseCases++
			l.PerRequest = max(l.PerRequest, h.Calls)
			l.Loop = max(l.Loop, h.Loop)
		}
		edges := make([][2]int, len(keys))
		for i, k := range keys {
			edges[i] = [2]int{k.from, k.to}
		}
		c.Depth = depth(edges)
		r.Entries = append(r.Entries, Entry{ID: ep.ID, Home: g.name(home), Cost: c})
	}
	if opts.Observed != nil {
		observe(g, m, r, opts.Observed, links)
	}
	for _, l := range links {
		r.Links = append(r.Links, *l)
	}
	sort.Slice(r.Links, func(i, j int) bool {
		if r.Links[i].From != r.Links[j].From {
			return r.Links[i].From < r.Links[j].From
		}
		return r.Links[i].To < r.Links[j].To
	})
	r.summarise()
	return r
}

// unknownOwner is the owner of a table declared for a service the cut
// does not have.
const unknownOwner = -3

// tableOwners returns each table's owner: a service number, or kernel.
// Declared owners (service names, model.SharedService for the kernel)
// win; the others follow the decomposition's rule (cluster): the service
// with the most units writing the table, the first by name on a tie; the
// kernel when no service writes it but the kernel does; else the one
// service or the kernel touching it alone; else none. Schema statements
// never count.
func tableOwners(g *graph, declared map[string]string) map[string]int {
	writers := map[string]map[int]int{}
	touchers := map[string]map[int]bool{}
	for i, ts := range g.tables {
		s := g.group[i]
		if s == none {
			continue
		}
		for _, tu := range ts {
			if tu.Op == "schema" {
				continue
			}
			if touchers[tu.Table] == nil {
				touchers[tu.Table], writers[tu.Table] = map[int]bool{}, map[int]int{}
			}
			touchers[tu.Table][s] = true
			if tu.Op == "write" {
				writers[tu.Table][s]++
			}
		}
	}
	owners := map[string]int{}
	for t, ss := range touchers {
		owner, most := none, 0
		for s, n := range writers[t] {
			// Services are numbered by name: the lower number wins a tie.
			if s >= 0 && (n > most || (n == most && s < owner)) {
				owner, most = s, n
			}
		}
		if owner == none && writers[t][kernel] > 0 {
			owner = kernel
		}
		if owner == none && len(ss) == 1 {
			for s := range ss {
				owner = s
			}
		}
		if owner != none {
			owners[t] = owner
		}
	}
	if len(declared) > 0 {
		number := map[string]int{model.SharedService: kernel}
		for k, s := range g.names {
			number[s] = k
		}
		for t, s := range declared {
			if k, ok := number[s]; ok {
				owners[t] = k
			} else {
				owners[t] = unknownOwner
			}
		}
	}
	return owners
}

// OwnersFromModel returns the owner of each table as the model's services
// list them (model.Service.Tables), for Options.Owners.
func OwnersFromModel(m *model.Model) map[string]string {
	out := map[string]string{}
	for _, s := range m.Services {
		for _, t := range s.Tables {
			out[t] = s.Name
		}
	}
	return out
}

// depth is the longest chain of remote hops in the service graph of one
// request (hops are its edges, between service numbers): the most services
// on a path, minus one, where the services of a strongly connected
// component (services calling each other) count once each, so that
// recursion cannot make it infinite.
func depth(hops [][2]int) int {
	if len(hops) == 0 {
		return 0
	}
	// Number the services of the hops, then Tarjan's SCCs.
	id := map[int]int{}
	var nodes []int
	for _, h := range hops {
		for _, s := range h {
			if _, ok := id[s]; !ok {
				id[s] = len(nodes)
				nodes = append(nodes, s)
			}
		}
	}
	n := len(nodes)
	adj := make([][]int, n)
	for _, h := range hops {
		adj[id[h[0]]] = append(adj[id[h[0]]], id[h[1]])
	}
	comp := sccs(adj)
	size := map[int]int{}
	for _, c := range comp {
		size[c]++
	}
	// Longest path over the condensation, memoised; a component of k
	// services adds k-1 hops, an edge between components one.
	members := make([][]int, n)
	for v, c := range comp {
		members[c] = append(members[c], v)
	}
	best := map[int]int{}
	var longest func(c int) int
	longest = func(c int) int {
		if b, ok := best[c]; ok {
			return b
		}
		b := 0
		for _, v := range members[c] {
			for _, w := range adj[v] {
				if d := comp[w]; d != c {
					b = max(b, 1+longest(d))
				}
			}
		}
		b += size[c] - 1
		best[c] = b
		return b
	}
	d := 0
	for c := range size {
		d = max(d, longest(c))
	}
	return d
}

// sccs numbers the strongly connected components of a small graph
// (Tarjan's algorithm); comp[v] is v's component.
func sccs(adj [][]int) []int {
	n := len(adj)
	index := make([]int, n)
	low := make([]int, n)
	on := make([]bool, n)
	comp := make([]int, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	next, ncomp := 0, 0
	var visit func(v int)
	visit = func(v int) {
		index[v], low[v] = next, next
		next++
		stack = append(stack, v)
		on[v] = true
		for _, w := range adj[v] {
			if index[w] < 0 {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if on[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[w] = false
				comp[w] = ncomp
				if w == v {
					break
				}
			}
			ncomp++
		}
	}
	for v := range adj {
		if index[v] < 0 {
			visit(v)
		}
	}
	return comp
}

// summarise fills the result's summary from its entries.
func (r *Result) summarise() {
	s := &r.Summary
	s.EntryPoints = len(r.Entries)
	for _, e := range r.Entries {
		c := e.Cost
		s.Distribution[min(c.RemoteCalls, 3)]++
		s.RemoteCalls += c.RemoteCalls
		s.LoopCalls += c.LoopCalls
		if c.LoopCalls > 0 {
			s.LoopEntries++
		}
		if len(c.ForeignTables) > 0 {
			s.ForeignEntries++
		}
		s.MaxDepth = max(s.MaxDepth, c.Depth)
	}
}

// Annotate writes r, computed for the services in m's units, into m: each
// business entry point's Cost, and on the services' dependency links
// (DependsOn, UsedBy) the use cases, calls per request and observed
// samples of the dependency.
func Annotate(m *model.Model, r *Result) {
	byID := make(map[string]*Entry, len(r.Entries))
	for i := range r.Entries {
		byID[r.Entries[i].ID] = &r.Entries[i]
	}
	for i := range m.EntryPoints {
		if e := byID[m.EntryPoints[i].ID]; e != nil {
			c := e.Cost
			m.EntryPoints[i].Cost = &c
		} else {
			m.EntryPoints[i].Cost = nil
		}
	}
	links := make(map[[2]string]*Link, len(r.Links))
	for i := range r.Links {
		l := &r.Links[i]
		links[[2]string{l.From, l.To}] = l
	}
	set := func(ls []model.ServiceLink, key func(other string) [2]string) {
		for i := range ls {
			if l := links[key(ls[i].Service)]; l != nil {
				ls[i].UseCases, ls[i].PerRequest, ls[i].Samples = l.UseCases, l.PerRequest, l.Samples
			} else {
				ls[i].UseCases, ls[i].PerRequest, ls[i].Samples = 0, 0, 0
			}
		}
	}
	for i := range m.Services {
		s := &m.Services[i]
		set(s.DependsOn, func(o string) [2]string { return [2]string{s.Name, o} })
		set(s.UsedBy, func(o string) [2]string { return [2]string{o, s.Name} })
	}
}
