// Package graph builds drawable views of a splitter model — the package
// graph and the unit-level call graph — and writes them as DOT, mermaid or
// JSON.
//
// A view is a Graph: nodes and weighted edges, sorted, plus a title and notes.
// Views are kept under a node budget (Options.MaxNodes): a call graph that is
// too large is shown as its packages, and a package graph that is too large
// has packages folded into their directories, one directory at a time and
// the deepest first, only until it fits. The notes say what was folded.
//
// Everything is deterministic: the same model and options give the same
// bytes in every format.
package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// DefaultMaxNodes is the node budget used when Options.MaxNodes is 0.
const DefaultMaxNodes = 150

// Options shape a view.
type Options struct {
	// MaxNodes is the node budget: a larger view is collapsed until it fits
	// (see the package doc). 0 means DefaultMaxNodes; a negative value means
	// no budget.
	MaxNodes int
	// Focus restricts the view to one package, or to the packages under a
	// path prefix (see FocusPackages), plus their direct neighbours: the
	// packages they import or are imported by (Packages), the units their
	// units call or are called by (Calls).
	Focus string
	// Refs adds the model's ref edges (uses that are not calls) to Calls.
	Refs bool
}

func (o Options) budget() int {
	switch {
	case o.MaxNodes < 0:
		return int(^uint(0) >> 1)
	case o.MaxNodes == 0:
		return DefaultMaxNodes
	}
	return o.MaxNodes
}

// Kinds of views.
const (
	ViewPackages = "packages"
	ViewCalls    = "calls"
)

// Kinds of nodes.
const (
	// NodeUnit is one unit of the model (a func, method, type, var or const).
	NodeUnit = "unit"
	// NodePackage is one package.
	NodePackage = "package"
	// NodeDir is a directory standing for the packages in and below it,
	// after the view was collapsed. Its ID ends in "/...".
	NodeDir = "dir"
)

// Kinds of edges.
const (
	EdgeImport = "import"
	EdgeCall   = string(model.EdgeCall)
	EdgeRef    = string(model.EdgeRef)
)

// Graph is a view of a model, ready to be written.
type Graph struct {
	// View is ViewPackages or ViewCalls.
	View   string `json:"view"`
	Module string `json:"module"`
	// Title is one line saying what the graph shows.
	Title string `json:"title"`
	// Notes are further lines: the focus, the size, how it was collapsed.
	Notes []string `json:"notes"`
	// Collapsed is "" when nodes are what the view asked for, else how they
	// were folded: "packages" (units shown as their packages), "neighbours"
	// (the focus as units, the rest as packages) or "dirs:N" (packages
	// folded into N directories, each node "DIR/..." standing for DIR and
	// the packages below it).
	Collapsed string `json:"collapsed,omitempty"`
	// Nodes are sorted by ID; Edges by From, To and Kind.
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Node is one box of the graph.
type Node struct {
	// ID is a unit id, a package path, or for a NodeDir a path ending in "/...".
	ID string `json:"id"`
	// Label is the short name to display: the unit's name in its package,
	// or the path relative to the module (the module's own path for its
	// root package), with "/..." for a NodeDir.
	Label string `json:"label"`
	Kind  string `json:"kind"`
	// Cluster groups nodes for display: a unit's package, as labelled for a
	// package node. Empty for package and dir nodes.
	Cluster string `json:"cluster,omitempty"`
	// Packages is the number of packages a package or dir node stands for.
	Packages int `json:"packages,omitempty"`
	// Units and LOC are the sizes of what the node stands for.
	Units int `json:"units"`
	LOC   int `json:"loc"`
	// Focus marks nodes inside Options.Focus.
	Focus bool `json:"focus,omitempty"`
}

// Edge is a directed, weighted dependency between two nodes.
type Edge struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Kind is EdgeImport, EdgeCall or EdgeRef.
	Kind string `json:"kind"`
	// Weight is, for an import, the number of unit edges (of any kind) it
	// carries, at least 1; for a call or ref edge, the model's weight (call
	// sites, uses). Collapsed edges add up the weights they stand for.
	Weight int `json:"weight"`
}

// FocusPackages returns the sorted paths of m's packages that focus names:
// the package focus and the packages below it (focus + "/..."). When that
// matches nothing, focus is also tried relative to the module, so
// "internal/api" works for "example.com/app/internal/api". A trailing "/..."
// is accepted and ignored.
func FocusPackages(m *model.Model, focus string) []string {
	focus = strings.TrimSuffix(strings.TrimSuffix(focus, "/..."), "/")
	if focus == "" || focus == "." {
		focus = m.Module
	}
	if focus == "" {
		return nil
	}
	match := func(prefix string) []string {
		var out []string
		for _, p := range m.Packages {
			if p.Path == prefix || strings.HasPrefix(p.Path, prefix+"/") {
				out = append(out, p.Path)
			}
		}
		sort.Strings(out)
		return out
	}
	out := match(focus)
	if len(out) == 0 && m.Module != "" && !strings.HasPrefix(focus, m.Module+"/") {
		out = match(m.Module + "/" + strings.TrimPrefix(focus, "./"))
	}
	return out
}

// Packages returns the module-internal package graph of m: a node per
// package, an edge per import, weighted by the unit edges between the two
// packages.
func Packages(m *model.Model, opts Options) *Graph {
	pkgs := make(map[string]*model.Package, len(m.Packages))
	for i := range m.Packages {
		pkgs[m.Packages[i].Path] = &m.Packages[i]
	}
	unitPkg := make(map[string]string, len(m.Units))
	for _, u := range m.Units {
		unitPkg[u.ID] = u.Package
	}
	between := map[[2]string]int{}
	for _, e := range m.Edges {
		a, b := unitPkg[e.From], unitPkg[e.To]
		if a != "" && b != "" && a != b {
			between[[2]string{a, b}]++
		}
	}

	pg := &pkgGraph{edges: map[edgeKey]int{}, focus: map[string]bool{}}
	var focus map[string]bool
	if opts.Focus != "" {
		focus = set(FocusPackages(m, opts.Focus))
	}
	imports := 0
	for _, p := range m.Packages {
		for _, q := range p.Imports {
			if pkgs[q] == nil || q == p.Path {
				continue
			}
			if focus != nil && !focus[p.Path] && !focus[q] {
				continue
			}
			w := between[[2]string{p.Path, q}]
			if w == 0 {
				w = 1
			}
			pg.edges[edgeKey{p.Path, q, EdgeImport}] = w
			pg.pkgs = append(pg.pkgs, p.Path, q)
			imports++
		}
		if focus == nil || focus[p.Path] {
			pg.pkgs = append(pg.pkgs, p.Path) // isolated packages too
		}
	}
	pg.pkgs = sortedUnique(pg.pkgs)
	for _, p := range pg.pkgs {
		if focus[p] {
			pg.focus[p] = true
		}
	}

	g := &Graph{View: ViewPackages, Module: m.Module, Title: "Package graph of " + orDot(m.Module)}
	if opts.Focus != "" {
		g.Notes = append(g.Notes, fmt.Sprintf("focus: %s (%s) and the packages they import or are imported by", opts.Focus, count(len(focus), "package", "packages")))
	}
	weight := "edge weight = unit edges between the two packages"
	if m.CallGraph == "none" {
		weight += ", calls not included (no call graph)"
	}
	g.Notes = append(g.Notes, fmt.Sprintf("%s, %s; %s", count(len(pg.pkgs), "package", "packages"), count(imports, "import", "imports"), weight))
	fitPackages(g, m, pg, opts.budget())
	return g
}

// Calls returns the unit-level call graph of m: a node per unit met by a
// call edge (and a ref edge, with Options.Refs), grouped by package.
func Calls(m *model.Model, opts Options) *Graph {
	units := make(map[string]*model.Unit, len(m.Units))
	for i := range m.Units {
		units[m.Units[i].ID] = &m.Units[i]
	}
	var focus map[string]bool
	if opts.Focus != "" {
		focus = set(FocusPackages(m, opts.Focus))
	}
	var edges []unitEdge
	for _, e := range m.Edges {
		if e.Kind != model.EdgeCall && (e.Kind != model.EdgeRef || !opts.Refs) {
			continue
		}
		from, to := units[e.From], units[e.To]
		if from == nil || to == nil {
			continue
		}
		if focus != nil && !focus[from.Package] && !focus[to.Package] {
			continue
		}
		w := e.Weight
		if w < 1 {
			w = 1
		}
		edges = append(edges, unitEdge{from, to, string(e.Kind), w})
	}

	g := &Graph{View: ViewCalls, Module: m.Module, Title: "Call graph of " + orDot(m.Module)}
	if opts.Refs {
		g.Title += " (calls and references)"
	}
	if m.CallGraph != "" {
		g.Notes = append(g.Notes, "call graph algorithm: "+m.CallGraph)
	}
	if opts.Focus != "" {
		g.Notes = append(g.Notes, fmt.Sprintf("focus: %s (%s) and the units their units call or are called by", opts.Focus, count(len(focus), "package", "packages")))
	}

	nodes := map[string]*model.Unit{}
	for _, e := range edges {
		nodes[e.from.ID], nodes[e.to.ID] = e.from, e.to
	}
	g.Notes = append(g.Notes, count(len(nodes), "unit", "units")+", "+count(len(edges), "edge", "edges"))
	budget := opts.budget()
	if len(nodes) <= budget {
		for _, u := range nodes {
			g.Nodes = append(g.Nodes, Node{
				ID: u.ID, Label: unitLabel(u), Kind: NodeUnit, Cluster: relLabel(m, u.Package),
				Units: 1, LOC: u.LOC, Focus: focus[u.Package],
			})
		}
		for _, e := range edges {
			g.Edges = append(g.Edges, Edge{From: e.from.ID, To: e.to.ID, Kind: e.kind, Weight: e.weight})
		}
		g.sort()
		return g
	}

	if focus != nil && fitNeighbours(g, m, nodes, focus, edges, budget) {
		return g
	}

	// Too many units: show their packages.
	pg := &pkgGraph{edges: map[edgeKey]int{}, focus: map[string]bool{}}
	for _, u := range nodes {
		pg.pkgs = append(pg.pkgs, u.Package)
		if focus[u.Package] {
			pg.focus[u.Package] = true
		}
	}
	pg.pkgs = sortedUnique(pg.pkgs)
	for _, e := range edges {
		if e.from.Package != e.to.Package {
			pg.edges[edgeKey{e.from.Package, e.to.Package, e.kind}] += e.weight
		}
	}
	g.Collapsed = "packages"
	g.Notes = append(g.Notes, fmt.Sprintf("collapsed to fit %d nodes: %d units shown as their %d packages (calls inside a package are not drawn)", budget, len(nodes), len(pg.pkgs)))
	fitPackages(g, m, pg, budget)
	return g
}

// unitEdge is an edge of the model between two units.
type unitEdge struct {
	from, to *model.Unit
	kind     string
	weight   int
}

// fitNeighbours fills g with the focus units as units and the other units
// shown as their packages, if that fits the budget.
func fitNeighbours(g *Graph, m *model.Model, nodes map[string]*model.Unit, focus map[string]bool, edges []unitEdge, budget int) bool {
	inFocus, outside := 0, map[string]bool{}
	for _, u := range nodes {
		if focus[u.Package] {
			inFocus++
		} else {
			outside[u.Package] = true
		}
	}
	if inFocus+len(outside) > budget {
		return false
	}
	pkgs := make(map[string]*model.Package, len(m.Packages))
	for i := range m.Packages {
		pkgs[m.Packages[i].Path] = &m.Packages[i]
	}
	for _, u := range nodes {
		if focus[u.Package] {
			g.Nodes = append(g.Nodes, Node{
				ID: u.ID, Label: unitLabel(u), Kind: NodeUnit, Cluster: relLabel(m, u.Package),
				Units: 1, LOC: u.LOC, Focus: true,
			})
		}
	}
	for p := range outside {
		n := Node{ID: p, Label: relLabel(m, p), Kind: NodePackage, Packages: 1}
		if pkg := pkgs[p]; pkg != nil {
			n.Units, n.LOC = pkg.Units, pkg.LOC
		}
		g.Nodes = append(g.Nodes, n)
	}
	end := func(u *model.Unit) string {
		if focus[u.Package] {
			return u.ID
		}
		return u.Package
	}
	merged := map[edgeKey]int{}
	for _, e := range edges {
		a, b := end(e.from), end(e.to)
		if a == b && !focus[e.from.Package] {
			continue // inside one neighbour package
		}
		merged[edgeKey{a, b, e.kind}] += e.weight
	}
	for k, w := range merged {
		g.Edges = append(g.Edges, Edge{From: k.from, To: k.to, Kind: k.kind, Weight: w})
	}
	g.Collapsed = "neighbours"
	g.Notes = append(g.Notes, fmt.Sprintf("collapsed to fit %d nodes: the %d units outside the focus shown as their %d packages",
		budget, len(nodes)-inFocus, len(outside)))
	g.sort()
	return true
}

// unitLabel is the unit's id without its package: Func, Type.Method, init#2.
func unitLabel(u *model.Unit) string {
	if s := strings.TrimPrefix(u.ID, u.Package+"."); s != u.ID && s != "" {
		return s
	}
	if u.Recv != "" {
		return u.Recv + "." + u.Name
	}
	return u.Name
}

func (g *Graph) sort() {
	sort.Slice(g.Nodes, func(i, j int) bool { return g.Nodes[i].ID < g.Nodes[j].ID })
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Kind < b.Kind
	})
	if g.Nodes == nil {
		g.Nodes = []Node{}
	}
	if g.Edges == nil {
		g.Edges = []Edge{}
	}
	if g.Notes == nil {
		g.Notes = []string{}
	}
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// sortedUnique sorts xs in place and drops repeats.
func sortedUnique(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

func orDot(s string) string {
	if s == "" {
		return "."
	}
	return s
}
