package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/graph"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/summary"
)

// ServiceGraphNodes caps the units drawn in one service's internal graph,
// whatever the node budget: past it (or past the budget, when smaller) the
// graph shows the service's packages instead. Beyond a few dozen boxes a
// call graph is neither readable in a page nor cheap to lay out.
const ServiceGraphNodes = 40

// serviceGraph draws the call graph inside one service: its units that call
// or are called by another of its units, its entry-point handlers (filled
// with the service's colour) and its API (units other services call, thick
// border), grouped by package. Past the budget it draws the packages of the
// service and the calls between them instead.
func serviceGraph(v *view, si int, budget int) diagram {
	sv := v.Services[si]
	name := sv.ID
	d := diagram{Name: name, Title: "Calls inside " + sv.S.Name}
	in := make(map[string]*model.Unit, len(sv.S.Units))
	for _, id := range sv.S.Units {
		if u := v.unit[id]; u != nil {
			in[id] = u
		}
	}
	type pair struct{ from, to string }
	calls := map[pair]int{}
	touched := map[string]bool{}
	outside := 0
	for _, e := range v.M.Edges {
		if e.Kind != model.EdgeCall {
			continue
		}
		_, f := in[e.From]
		_, t := in[e.To]
		switch {
		case f && t:
			calls[pair{e.From, e.To}] += e.Weight
			touched[e.From], touched[e.To] = true, true
		case f || t:
			outside += e.Weight
		}
	}
	handler := map[string]bool{}
	for _, id := range sv.S.EntryPoints {
		if ep := v.entry[id]; ep != nil && in[ep.Handler] != nil {
			handler[ep.Handler] = true
		}
	}
	api := map[string]bool{}
	for _, id := range sv.S.API {
		if in[id] != nil {
			api[id] = true
		}
	}
	var ids []string
	for id := range in {
		if touched[id] || handler[id] || api[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	if len(ids) == 0 {
		return d
	}
	if len(in) > len(ids) {
		d.Notes = append(d.Notes, fmt.Sprintf("%d of %s drawn: the others (types, constants, …) neither call nor are called inside the service.", len(ids), summary.Count(len(in), "unit")))
	}
	if outside > 0 {
		d.Notes = append(d.Notes, summary.Count(outside, "call site")+" to or from other services are left out (see the service map).")
	}
	p := fmt.Sprintf("sg%d", si)
	var b strings.Builder
	fmt.Fprintf(&b, "digraph %s {\n", dotQuote(name))
	fmt.Fprintf(&b, "  graph [id=%s, rankdir=LR, fontname=\"Helvetica\", fontsize=10, nodesep=0.15, ranksep=0.5, bgcolor=\"transparent\", mclimit=0.5];\n", dotQuote(p))
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10, height=0.3, fillcolor=\"#ffffff\"];\n")
	b.WriteString("  edge [color=\"#55555599\", arrowsize=0.6];\n")
	cls := dotQuote("unit " + sv.Class)

	if limit := min(budget, ServiceGraphNodes); len(ids) > limit {
		// Packages of the service, folded into directories past the
		// budget: graph.Calls on the service's units and calls alone.
		d.Notes = append(d.Notes, fmt.Sprintf("%d units are over the budget of %d: the graph shows the service's packages.", len(ids), limit))
		d.Title = "Calls between the packages of " + sv.S.Name
		sub := &model.Model{Schema: v.M.Schema, Module: v.M.Module, Modules: v.M.Modules, CallGraph: v.M.CallGraph}
		size := map[string]*model.Package{}
		entry := map[string]bool{}
		for id, u := range in {
			p := size[u.Package]
			if p == nil {
				p = &model.Package{Path: u.Package}
				size[u.Package] = p
			}
			p.Units++
			p.LOC += u.LOC
			if handler[id] {
				entry[u.Package] = true
			}
			sub.Units = append(sub.Units, *u)
		}
		for _, p := range size {
			sub.Packages = append(sub.Packages, *p)
		}
		for c, w := range calls {
			sub.Edges = append(sub.Edges, model.Edge{From: c.from, To: c.to, Kind: model.EdgeCall, Weight: w})
		}
		sub.Normalize()
		g := graph.Calls(sub, graph.Options{MaxNodes: limit})
		for _, note := range g.Notes {
			if strings.HasPrefix(note, "collapsed to fit") && strings.Contains(note, "director") {
				d.Notes = append(d.Notes, "Packages "+strings.TrimPrefix(note, "collapsed to fit "+fmt.Sprint(limit)+" nodes: ")+".")
			}
		}
		index := map[string]int{}
		for i, n := range g.Nodes {
			index[n.ID] = i
			handles := entry[n.ID]
			if n.Kind == graph.NodeDir {
				dir := strings.TrimSuffix(n.ID, "/...")
				for pk := range entry {
					handles = handles || pk == dir || strings.HasPrefix(pk, dir+"/")
				}
			}
			lines := []string{n.Label, summary.Count(n.Units, "unit") + ", " + fmt.Sprint(n.LOC) + " LOC"}
			if n.Kind == graph.NodeDir {
				lines[1] = summary.Count(n.Packages, "package") + ", " + lines[1]
			}
			a := []string{"id", dotQuote(fmt.Sprintf("%s-n%d", p, i)), "class", cls,
				"label", dotLabel(lines...), "tooltip", dotTooltip(n.ID + " (" + sv.S.Name + ")")}
			if handles {
				a = append(a, sv.Fill.dot("rounded")...)
			}
			if n.Kind == graph.NodeDir {
				a = append(a, "shape", "folder")
			}
			fmt.Fprintf(&b, "  n%d %s;\n", i, attrs(a...))
		}
		agg := map[pair]int{}
		for _, e := range g.Edges {
			agg[pair{e.From, e.To}] += e.Weight
		}
		writeEdges(&b, p, agg, func(k pair) (int, int, string) {
			return index[k.from], index[k.to], fmt.Sprintf("%s calls %s", v.short(k.from), v.short(k.to))
		})
		b.WriteString("}\n")
		d.DOT = []byte(b.String())
		return d
	}

	// Units, grouped by package.
	byPkg := map[string][]string{}
	var pkgs []string
	for _, id := range ids {
		pk := in[id].Package
		if byPkg[pk] == nil {
			pkgs = append(pkgs, pk)
		}
		byPkg[pk] = append(byPkg[pk], id)
	}
	sort.Strings(pkgs)
	index := map[string]int{}
	n := 0
	for ci, pk := range pkgs {
		fmt.Fprintf(&b, "  subgraph %s {\n    graph [id=%s, label=%s, tooltip=%s, style=\"rounded,dashed\", color=\"#999999\", fontcolor=\"#555555\"];\n",
			dotQuote(fmt.Sprintf("cluster_%d", ci)), dotQuote(fmt.Sprintf("%s-c%d", p, ci)), dotLabel(v.short(pk)), dotTooltip(pk))
		for _, id := range byPkg[pk] {
			u := in[id]
			index[id] = n
			label := strings.TrimPrefix(id, pk+".")
			tip := v.short(id)
			a := []string{"id", dotQuote(fmt.Sprintf("%s-n%d", p, n)), "class", cls, "label", dotLabel(label)}
			var roles []string
			if handler[id] {
				a = append(a, sv.Fill.dot("rounded")...)
				roles = append(roles, "handles an entry point")
			}
			if api[id] {
				a = append(a, "penwidth", "2.5")
				roles = append(roles, "called by other services")
			}
			if len(roles) > 0 {
				tip += ": " + strings.Join(roles, ", ")
			}
			if anchor, ok := v.anchor[id]; ok {
				a = append(a, "href", dotQuote("#"+anchor))
			}
			a = append(a, "tooltip", dotTooltip(fmt.Sprintf("%s (%s, %d LOC)", tip, u.Kind, u.LOC)))
			fmt.Fprintf(&b, "    n%d %s;\n", n, attrs(a...))
			n++
		}
		b.WriteString("  }\n")
	}
	writeEdges(&b, p, calls, func(k pair) (int, int, string) {
		return index[k.from], index[k.to], fmt.Sprintf("%s calls %s", v.short(k.from), v.short(k.to))
	})
	b.WriteString("}\n")
	d.DOT = []byte(b.String())
	return d
}

// writeEdges writes weighted call edges in a stable order.
func writeEdges[K comparable](b *strings.Builder, prefix string, w map[K]int, ends func(K) (from, to int, tip string)) {
	type edge struct {
		from, to, weight int
		tip              string
	}
	var es []edge
	for k, n := range w {
		f, t, tip := ends(k)
		es = append(es, edge{f, t, n, tip})
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].from != es[j].from {
			return es[i].from < es[j].from
		}
		return es[i].to < es[j].to
	})
	for i, e := range es {
		fmt.Fprintf(b, "  n%d -> n%d %s;\n", e.from, e.to, attrs("id", dotQuote(fmt.Sprintf("%s-e%d", prefix, i)),
			"penwidth", penWidth(e.weight), "tooltip", dotTooltip(fmt.Sprintf("%s (%d call sites)", e.tip, e.weight))))
	}
}
