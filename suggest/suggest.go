// Package suggest proposes how a module's entry points could be deployed as
// serverless functions: which entry points go together in one function,
// what triggers each, how much code it carries, and the readiness findings
// (rules SPL101...) that must be fixed before it can run as a stateless,
// short-lived function. It reads a model (with or without services) and
// fills its Functions and Findings; it also writes an AWS SAM scaffold.
//
// The rules, the grouping thresholds and the size model are documented in
// docs/SUGGEST.md.
package suggest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Granularity says how HTTP routes are grouped into functions.
type Granularity string

const (
	// Route: one function per route.
	Route Granularity = "route"
	// Resource (default): one function per resource of a service (the first
	// path segment after /api and version prefixes), split where its routes
	// share little code and joined with another resource where they share
	// almost all.
	Resource Granularity = "resource"
	// Service: one function for all the routes of a service.
	Service Granularity = "service"
)

// Granularities lists the valid granularities.
var Granularities = []string{string(Route), string(Resource), string(Service)}

// Default thresholds of the resource grouping (see docs/SUGGEST.md).
const (
	// DefaultSplitBelow: a resource is split into parts whose routes share
	// less than this fraction of their code (weighted Jaccard over LOC,
	// shared kernel left out).
	DefaultSplitBelow = 0.15
	// DefaultJoinAbove: two resources of a service are joined when their
	// code overlaps at least this much.
	DefaultJoinAbove = 0.8
	// KernelShare: a unit reached by more than this share of a module's
	// HTTP routes is shared kernel (logging, JSON helpers, the router): it
	// is left out of the similarity, which would otherwise find every pair
	// of routes alike.
	KernelShare = 0.5
	// MinSplitLOC: a part is split off a resource only when it carries at
	// least this many lines of code that the resource's other routes do not.
	MinSplitLOC = 150
	// MaxShare: a function (resource grouping) carries at most this share
	// of the module's code: one that carries more, the monolith again, is
	// split at its weakest seams.
	MaxShare = 1.0 / 3
)

// Options tunes the proposal.
type Options struct {
	// Granularity of the HTTP grouping; "" means Resource.
	Granularity Granularity
	// SplitBelow and JoinAbove override the resource thresholds when > 0.
	SplitBelow, JoinAbove float64
	// Suppress lists findings to suppress, as the config file declares them
	// (the config package fills it from splitter.yaml); they are kept in
	// the model, marked suppressed, and do not count.
	Suppress []Suppression
}

// Suppression suppresses the findings of a rule in part of the code.
type Suppression struct {
	// Rule is a rule id (SPL101) or "all".
	Rule string
	// Path is a file path relative to the module root, a directory prefix
	// ending in "/", or a glob (path.Match); "" matches every file.
	Path string
	// Unit is a unit id (the finding's unit or any unit of its chain); ""
	// matches every unit.
	Unit string
	// Reason is required: it is shown with the suppressed finding.
	Reason string
}

// ValidGranularity reports whether g is a known granularity ("" is the default).
func ValidGranularity(g string) bool {
	if g == "" {
		return true
	}
	for _, x := range Granularities {
		if g == x {
			return true
		}
	}
	return false
}

// Suggest computes m.Functions and m.Findings. Services are used when the
// model has them; otherwise the whole module is one service (HTTP routes
// are still grouped by resource).
func Suggest(m *model.Model, opts Options) error {
	if opts.Granularity == "" {
		opts.Granularity = Resource
	}
	if !ValidGranularity(string(opts.Granularity)) {
		return fmt.Errorf("unknown granularity %q: want one of %s", opts.Granularity, strings.Join(Granularities, ", "))
	}
	if opts.SplitBelow <= 0 {
		opts.SplitBelow = DefaultSplitBelow
	}
	if opts.JoinAbove <= 0 {
		opts.JoinAbove = DefaultJoinAbove
	}
	for _, s := range opts.Suppress {
		if s.Rule == "" {
			return fmt.Errorf("a suppression needs a rule id (SPL101...) or \"all\"")
		}
	}
	g := newGraph(m)
	p := &planner{m: m, g: g, opts: opts}
	p.plan()
	p.measure()
	p.findings()
	m.Functions = p.functions()
	m.Findings = p.out
	m.Normalize()
	return nil
}

// graph indexes the model for reachability.
type graph struct {
	m     *model.Model
	idx   map[string]int // unit id → index in m.Units
	next  [][]int        // traversal: call edges, refs to funcs and methods
	carry [][]int        // refs, global reads and writes to types, vars, consts
	pkg   map[string]*model.Package
	// facts present at all (an older model has none: rules fall back on edges)
	hasFacts bool
	// writes: unit → global-write edge targets
	writes [][]int
	// callOnly: call edges alone (initialisation follows calls, not values)
	callOnly [][]int
}

func (g *graph) calls(u int) []int { return g.callOnly[u] }

func newGraph(m *model.Model) *graph {
	g := &graph{m: m, idx: make(map[string]int, len(m.Units)), pkg: map[string]*model.Package{}}
	for i, u := range m.Units {
		g.idx[u.ID] = i
		if len(u.Facts) > 0 {
			g.hasFacts = true
		}
	}
	for i := range m.Packages {
		g.pkg[m.Packages[i].Path] = &m.Packages[i]
	}
	n := len(m.Units)
	g.next = make([][]int, n)
	g.carry = make([][]int, n)
	g.writes = make([][]int, n)
	g.callOnly = make([][]int, n)
	for _, e := range m.Edges {
		from, ok1 := g.idx[e.From]
		to, ok2 := g.idx[e.To]
		if !ok1 || !ok2 {
			continue
		}
		kind := m.Units[to].Kind
		isFunc := kind == model.KindFunc || kind == model.KindMethod
		switch e.Kind {
		case model.EdgeCall:
			g.next[from] = append(g.next[from], to)
			g.callOnly[from] = append(g.callOnly[from], to)
		case model.EdgeRef:
			if isFunc {
				g.next[from] = append(g.next[from], to)
			} else {
				g.carry[from] = append(g.carry[from], to)
			}
		case model.EdgeGlobalRead, model.EdgeEmbed:
			g.carry[from] = append(g.carry[from], to)
		case model.EdgeGlobalWrite:
			g.carry[from] = append(g.carry[from], to)
			g.writes[from] = append(g.writes[from], to)
		}
	}
	for i := range g.next {
		sortUniq(&g.next[i], m)
		sortUniq(&g.carry[i], m)
		sortUniq(&g.writes[i], m)
		sortUniq(&g.callOnly[i], m)
	}
	return g
}

// sortUniq sorts unit indexes by id, so that BFS ties break by id.
func sortUniq(xs *[]int, m *model.Model) {
	s := *xs
	sort.Slice(s, func(i, j int) bool { return m.Units[s[i]].ID < m.Units[s[j]].ID })
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	*xs = out
}

// reach is a breadth-first search from some roots: parent gives the
// shortest chain back to a root.
type reach struct {
	order  []int       // units in BFS order
	parent map[int]int // unit → previous unit (-1 for a root)
}

func (g *graph) bfs(roots []int) *reach {
	r := &reach{parent: map[int]int{}}
	for _, x := range roots {
		if _, ok := r.parent[x]; !ok {
			r.parent[x] = -1
			r.order = append(r.order, x)
		}
	}
	for i := 0; i < len(r.order); i++ {
		u := r.order[i]
		for _, v := range g.next[u] {
			if _, ok := r.parent[v]; !ok {
				r.parent[v] = u
				r.order = append(r.order, v)
			}
		}
	}
	return r
}

// chain returns the unit ids from a root to u.
func (g *graph) chain(r *reach, u int) []string {
	var ids []string
	for x := u; x >= 0; {
		ids = append(ids, g.m.Units[x].ID)
		p, ok := r.parent[x]
		if !ok {
			break
		}
		x = p
	}
	for i, j := 0, len(ids)-1; i < j; i, j = i+1, j-1 {
		ids[i], ids[j] = ids[j], ids[i]
	}
	return ids
}

// carried is a reach's units plus the types, vars and consts they use.
func (g *graph) carried(units []int) map[int]bool {
	out := make(map[int]bool, len(units))
	for _, u := range units {
		out[u] = true
	}
	for _, u := range units {
		for _, v := range g.carry[u] {
			out[v] = true
		}
	}
	return out
}

// roots are the units an entry point starts from: its targets (for a func
// literal, what its body calls, never the function registering it; none
// when it calls no code of the module), else, in a model without targets,
// its handler.
func (g *graph) roots(ep *model.EntryPoint) []int {
	var out []int
	for _, t := range ep.Targets {
		if i, ok := g.idx[t]; ok {
			out = append(out, i)
		}
	}
	if ep.Targets == nil { // a model from before targets: the handler
		if i, ok := g.idx[ep.Handler]; ok {
			out = append(out, i)
		}
	}
	return out
}
