package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/graph"
	"github.com/splitter-go/splitter/summary"
)

// PackageMapNodes caps the boxes of the package graph, whatever the node
// budget: past it packages are folded into their directories. Measured on
// miniflux (88 packages): laid out top to bottom, 33 boxes fit a 1400 px
// screen with 16 px labels, 58 need twice its width (8 px labels).
const PackageMapNodes = 40

// packageMap draws graph.Packages top to bottom (importers above what they
// import), coloured by service, with the imports a longer path implies left
// out and the packages of one directory boxed together; a package split
// across services has a bold dashed border and "split" in its label.
func packageMap(v *view, budget int) diagram {
	d := diagram{Name: "packages", Title: "Package graph"}
	g := graph.Packages(v.M, graph.Options{MaxNodes: min(budget, PackageMapNodes)})
	d.Notes = append(d.Notes, g.Notes...)
	edges := g.Edges
	edges, implied := reduce(g.Nodes, g.Edges)
	if implied > 0 {
		d.Notes = append(d.Notes, fmt.Sprintf("%s implied by longer paths not drawn (A imports C when A imports B and B imports C).", summary.Count(implied, "import")))
	}
	var b strings.Builder
	b.WriteString("digraph \"packages\" {\n")
	fmt.Fprintf(&b, "  graph [id=\"pg\", rankdir=%s, fontname=\"Helvetica\", fontsize=12, nodesep=0.15, ranksep=0.5, bgcolor=\"transparent\", newrank=true];\n",
		orientation(g.Nodes, edges))
	b.WriteString("  node [shape=box, fontname=\"Helvetica\", fontsize=12, height=0.3, margin=\"0.08,0.03\"];\n")
	b.WriteString("  edge [color=\"#55555599\", arrowsize=0.6];\n")
	index := map[string]int{}
	for i, n := range g.Nodes {
		index[n.ID] = i
	}
	ci := 0
	var walk func(t *dirBox, ind string)
	walk = func(t *dirBox, ind string) {
		if t.boxed {
			fmt.Fprintf(&b, "%ssubgraph %s {\n%s  graph [id=%s, label=%s, style=\"rounded,dashed\", color=\"#999999\", fontcolor=\"#555555\"];\n",
				ind, dotQuote(fmt.Sprintf("cluster_%d", ci)), ind, dotQuote(fmt.Sprintf("pg-c%d", ci)), dotLabel(strings.TrimPrefix(t.dir, t.outer+"/")))
			ci++
			ind += "  "
		}
		for _, i := range t.nodes {
			b.WriteString(ind + pkgNode(v, i, g.Nodes[i], t.label(g.Nodes[i].Label)))
		}
		for _, c := range t.kids {
			walk(c, ind)
		}
		if t.boxed {
			b.WriteString(ind[2:] + "}\n")
		}
	}
	walk(dirTree(g.Nodes), "  ")
	for k, e := range edges {
		from, ok1 := index[e.From]
		to, ok2 := index[e.To]
		if !ok1 || !ok2 {
			continue
		}
		fmt.Fprintf(&b, "  n%d -> n%d %s;\n", from, to, attrs("id", dotQuote(fmt.Sprintf("pg-e%d", k)),
			"penwidth", penWidth(e.Weight), "tooltip", dotTooltip(fmt.Sprintf("%s imports %s (%s)", v.short(e.From), v.short(e.To), summary.Count(e.Weight, "unit edge")))))
	}
	b.WriteString("}\n")
	d.DOT = []byte(b.String())
	return d
}

// reduce drops the edges a longer path already implies (the transitive
// reduction, what Graphviz's tred does): an import graph draws its
// structure with far fewer lines. Edges are tried lightest first, and one
// is dropped only while the others still link its ends, so every package
// still reaches what it reached.
func reduce(nodes []graph.Node, edges []graph.Edge) ([]graph.Edge, int) {
	index := make(map[string]int, len(nodes))
	for i, n := range nodes {
		index[n.ID] = i
	}
	out := make([][]int, len(nodes)) // node -> edges leaving it
	for k, e := range edges {
		if f, ok := index[e.From]; ok {
			out[f] = append(out[f], k)
		}
	}
	order := make([]int, len(edges))
	for k := range order {
		order[k] = k
	}
	sort.SliceStable(order, func(a, b int) bool { return edges[order[a]].Weight < edges[order[b]].Weight })
	dropped := make([]bool, len(edges))
	seen := make([]int, len(nodes))
	stamp := 0
	// reaches: is to reachable from from without edge skip?
	reaches := func(from, to, skip int) bool {
		stamp++
		stack := []int{from}
		seen[from] = stamp
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, k := range out[n] {
				if k == skip || dropped[k] {
					continue
				}
				m, ok := index[edges[k].To]
				if !ok || seen[m] == stamp {
					continue
				}
				if m == to {
					return true
				}
				seen[m] = stamp
				stack = append(stack, m)
			}
		}
		return false
	}
	n := 0
	for _, k := range order {
		f, ok1 := index[edges[k].From]
		t, ok2 := index[edges[k].To]
		if ok1 && ok2 && reaches(f, t, k) {
			dropped[k] = true
			n++
		}
	}
	kept := make([]graph.Edge, 0, len(edges)-n)
	for k, e := range edges {
		if !dropped[k] {
			kept = append(kept, e)
		}
	}
	return kept, n
}

// orientation chooses how to lay the package graph out: top to bottom
// (TB) when its layers are deep and narrow, as in miniflux (10 layers, at
// most 8 packages in one: left to right it is two and a half pages wide),
// left to right (LR) when they are few and wide, as in hugo (hugolib
// imports 20 packages of one layer: top to bottom it is 3,500 px wide).
// It compares the widths both would have, from layers by longest path
// and labels of about 7 pt a character.
func orientation(nodes []graph.Node, edges []graph.Edge) string {
	index := make(map[string]int, len(nodes))
	for i, n := range nodes {
		index[n.ID] = i
	}
	out := make([][]int, len(nodes))
	for _, e := range edges {
		f, ok1 := index[e.From]
		t, ok2 := index[e.To]
		if ok1 && ok2 && f != t {
			out[f] = append(out[f], t)
		}
	}
	// Layers by longest path from the top, back edges (folded
	// directories can import each other) ignored.
	layer := make([]int, len(nodes))
	state := make([]int, len(nodes)) // 0 new, 1 on the stack, 2 done
	var order []int
	var visit func(n int)
	visit = func(n int) {
		state[n] = 1
		for _, m := range out[n] {
			if state[m] == 0 {
				visit(m)
			}
		}
		state[n] = 2
		order = append(order, n)
	}
	for n := range nodes {
		if state[n] == 0 {
			visit(n)
		}
	}
	pos := make([]int, len(nodes))
	for i, n := range order {
		pos[n] = i
	}
	for i := len(order) - 1; i >= 0; i-- { // topological order
		n := order[i]
		for _, m := range out[n] {
			if pos[m] < pos[n] { // not a back edge
				layer[m] = max(layer[m], layer[n]+1)
			}
		}
	}
	width := func(n graph.Node) float64 {
		w := len(n.Label)
		if s := len(summary.Count(n.Units, "unit")) + 12; s > w {
			w = s
		}
		return 7*float64(w) + 16
	}
	rowWidth := map[int]float64{} // TB: the packages of a layer side by side
	colWidth := map[int]float64{} // LR: the widest package of a layer
	for i, n := range nodes {
		rowWidth[layer[i]] += width(n) + 11
		colWidth[layer[i]] = max(colWidth[layer[i]], width(n))
	}
	tb, lr := 0.0, 0.0
	for l := range rowWidth {
		tb = max(tb, rowWidth[l])
		lr += colWidth[l] + 36
	}
	if lr < tb {
		return "LR"
	}
	return "TB"
}

// pkgNode is the DOT line of the package graph's node i.
func pkgNode(v *view, i int, n graph.Node, label string) string {
	lines := []string{label, summary.Count(n.Units, "unit") + " · " + fmt.Sprint(n.LOC) + " LOC"}
	cls, style, pen := "pkg", "rounded,filled", "1"
	tip := n.ID
	f := fill{left: "#f5f5f5"}
	if p := v.pkgs[n.ID]; p != nil && n.Kind == graph.NodePackage {
		if s, ok := v.byName[p.Service]; ok {
			cls += " " + v.Services[s].Class
			tip += " (service " + p.Service + ")"
			f = v.Services[s].Fill
		}
		if p.Role != "" {
			lines = append(lines, string(p.Role)) // what the decomposition found it to be: library, plumbing...
			tip += ", " + string(p.Role)
		}
		if split := v.split[n.ID]; len(split) > 1 {
			lines = append(lines, "split: "+summary.Count(len(split), "service"))
			style, pen = "rounded,filled,dashed,bold", "2"
			for _, s := range split {
				if si, ok := v.byName[s]; ok && !strings.Contains(cls+" ", " "+v.Services[si].Class+" ") {
					cls += " " + v.Services[si].Class
				}
			}
			tip += ", split across " + strings.Join(split, ", ")
		}
	} else if n.Kind == graph.NodeDir {
		lines[1] = summary.Count(n.Packages, "package") + " · " + lines[1]
		// A directory whose packages all go to one service takes its colour.
		dir, one := strings.TrimSuffix(n.ID, "/..."), ""
		for _, p := range v.M.Packages {
			if p.Path == dir || strings.HasPrefix(p.Path, dir+"/") {
				if one == "" {
					one = p.Service
				} else if p.Service != one {
					one = "-"
				}
			}
		}
		if s, ok := v.byName[one]; ok {
			cls += " " + v.Services[s].Class
			tip += " (service " + one + ")"
			f = v.Services[s].Fill
		}
	}
	a := []string{"id", dotQuote(fmt.Sprintf("pg-n%d", i)), "class", dotQuote(cls), "label", dotLabel(lines...),
		"tooltip", dotTooltip(tip), "penwidth", pen}
	a = append(a, f.dot(style)...)
	if n.Kind == graph.NodeDir {
		a = append(a, "shape", "folder")
	}
	return fmt.Sprintf("n%d %s;\n", i, attrs(a...))
}

// dirBox is a directory of the package graph: the nodes right in it and
// the directories below. A directory holding two nodes or more is drawn as
// a box around them, unless it holds more than half the graph (a box
// around nearly everything says nothing); inside a box, nodes are labelled
// relative to it.
type dirBox struct {
	dir   string // relative to the module; "" for the root
	boxed bool
	inBox string // the nearest boxed directory holding its nodes, or ""
	outer string // the nearest boxed directory above it, or ""
	nodes []int
	kids  []*dirBox
}

func (t *dirBox) label(l string) string {
	if t.inBox == "" {
		return l
	}
	return strings.TrimPrefix(l, t.inBox+"/")
}

func dirTree(nodes []graph.Node) *dirBox {
	root := &dirBox{}
	byDir := map[string]*dirBox{"": root}
	var get func(dir string) *dirBox
	get = func(dir string) *dirBox {
		if t := byDir[dir]; t != nil {
			return t
		}
		t := &dirBox{dir: dir}
		byDir[dir] = t
		up := ""
		if i := strings.LastIndexByte(dir, '/'); i > 0 {
			up = dir[:i]
		}
		p := get(up)
		p.kids = append(p.kids, t)
		return t
	}
	holds := map[string]int{}
	for i, n := range nodes {
		l := strings.TrimSuffix(n.Label, "/...")
		dir := ""
		if j := strings.LastIndexByte(l, '/'); j > 0 && !strings.Contains(n.Label, "://") {
			dir = l[:j]
		}
		get(dir).nodes = append(get(dir).nodes, i)
		for d := dir; d != ""; {
			holds[d]++
			j := strings.LastIndexByte(d, '/')
			if j < 0 {
				break
			}
			d = d[:j]
		}
	}
	var mark func(t *dirBox, box string)
	mark = func(t *dirBox, box string) {
		t.inBox, t.outer = box, box
		if t.dir != "" && holds[t.dir] >= 2 && 2*holds[t.dir] <= len(nodes) {
			t.boxed = true
			t.inBox = t.dir
		}
		sort.Slice(t.kids, func(a, b int) bool { return t.kids[a].dir < t.kids[b].dir })
		for _, c := range t.kids {
			mark(c, t.inBox)
		}
	}
	mark(root, "")
	return root
}
