package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/graph"
)

// palette colours services in diagrams, in the order of their names; the
// shared kernel is grey. Light fills keep black labels readable.
var palette = []string{
	"#a6cee3", "#b2df8a", "#fdbf6f", "#cab2d6", "#fb9a99", "#ffff99",
	"#8dd3c7", "#bebada", "#80b1d3", "#fccde5", "#ccebc5", "#ffed6f",
	"#d9d9d9", "#bc80bd", "#fdb462", "#b3de69",
}

const sharedColour = "#e0e0e0"

// The DOT quoting rules live in the graph package; these keep the call
// sites short.
func dotQuote(s string) string        { return graph.QuoteID(s) }
func dotLabel(lines ...string) string { return graph.QuoteLabel(lines, `\n`) }
func dotTooltip(s string) string      { return graph.QuoteTooltip(s) }

func attrs(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, kv[i]+"="+kv[i+1])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func penWidth(w int) string {
	return fmt.Sprintf("%.1f", math.Min(5, 1+math.Log2(float64(max(w, 1)))/2))
}

// diagram is a DOT graph built for the report, with a note on what was left
// out to fit the node budget.
type diagram struct {
	Name  string // file name without extension
	Title string
	DOT   []byte
	Notes []string
}

// serviceMap draws the services (the shared kernel apart), their calls to
// each other labelled with call sites, and the tables they touch as data
// stores; a table touched by two services or more stands out.
func serviceMap(v *view, budget int) diagram {
	d := diagram{Name: "services", Title: "Service map"}
	var b strings.Builder
	b.WriteString("digraph \"services\" {\n")
	b.WriteString("  graph [id=\"sm\", rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.35, ranksep=0.9, bgcolor=\"transparent\"];\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=11];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n")

	// Tables and who touches them.
	touch := map[string][]int{}
	for i, s := range v.Services {
		for _, t := range append(append([]string(nil), s.S.Tables...), s.S.SharedTables...) {
			touch[t] = append(touch[t], i)
		}
	}
	var tables []string
	for t := range touch {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	if len(v.Services)+len(tables) > budget {
		d.Notes = append(d.Notes, fmt.Sprintf("%d tables left out to stay under %d nodes", len(tables), budget))
		tables = nil
	}

	for i, s := range v.Services {
		lines := []string{s.S.Name, fmt.Sprintf("%d units, %d LOC", len(s.S.Units), s.S.LOC)}
		if n := len(s.S.EntryPoints); n > 0 {
			lines = append(lines, fmt.Sprintf("%d entry points", n))
		}
		a := attrs("id", dotQuote(fmt.Sprintf("sm-s%d", i)), "class", dotQuote("svc "+s.Class),
			"label", dotLabel(lines...), "tooltip", dotTooltip("service "+s.S.Name),
			"shape", "box", "style", `"rounded,filled"`, "fillcolor", dotQuote(s.Colour))
		if s.Shared {
			fmt.Fprintf(&b, "  subgraph \"cluster_kernel\" {\n    id=\"sm-kernel\"; label=\"shared kernel\"; style=dashed; color=\"#888888\"; fontname=\"Helvetica\"; fontsize=10;\n    s%d %s;\n  }\n", i, a)
			continue
		}
		fmt.Fprintf(&b, "  s%d %s;\n", i, a)
	}
	for ti, t := range tables {
		svcs := touch[t]
		hot := len(svcs) > 1
		names := make([]string, len(svcs))
		for k, si := range svcs {
			names[k] = v.Services[si].S.Name
		}
		sort.Strings(names)
		tip := "table " + t + ": " + strings.Join(names, ", ")
		fill, pen, cls := "#f5f5f5", "1", "table"
		if hot {
			fill, pen, cls = "#ffd6d6", "2.5", "table shared-table"
		}
		for _, si := range svcs {
			cls += " " + v.Services[si].Class
		}
		fmt.Fprintf(&b, "  t%d %s;\n", ti, attrs("id", dotQuote(fmt.Sprintf("sm-t%d", ti)), "class", dotQuote(cls),
			"label", dotLabel(t), "tooltip", dotTooltip(tip), "shape", "cylinder", "style", "filled",
			"fillcolor", dotQuote(fill), "penwidth", pen, "color", dotQuote(map[bool]string{true: "#c62828", false: "#777777"}[hot])))
	}
	// Calls between services; past the edge budget only the heaviest are
	// drawn (every service's section lists them all).
	type dep struct{ from, to, calls int }
	var deps []dep
	for i, s := range v.Services {
		for _, l := range s.S.DependsOn {
			if j, ok := v.byName[l.Service]; ok && j != i {
				deps = append(deps, dep{i, j, l.Calls})
			}
		}
	}
	if limit := mapEdges(len(v.Services)); len(deps) > limit {
		kept := append([]dep(nil), deps...)
		sort.SliceStable(kept, func(a, b int) bool { return kept[a].calls > kept[b].calls })
		floor := kept[limit-1].calls
		ties := limit // room left for the deps at the floor
		for _, x := range deps {
			if x.calls > floor {
				ties--
			}
		}
		n := 0
		for _, x := range deps {
			if x.calls > floor || (x.calls == floor && ties > 0) {
				if x.calls == floor {
					ties--
				}
				deps[n] = x
				n++
			}
		}
		d.Notes = append(d.Notes, fmt.Sprintf("%d of %d dependencies drawn, the strongest (%d call sites or more); each service's section lists them all.",
			n, len(deps), floor))
		deps = deps[:n]
	}
	for e, x := range deps {
		from, to := v.Services[x.from], v.Services[x.to]
		a := []string{"id", dotQuote(fmt.Sprintf("sm-e%d", e)), "class", dotQuote("dep " + from.Class + " " + to.Class),
			"xlabel", dotLabel(fmt.Sprint(x.calls)), "tooltip", dotTooltip(fmt.Sprintf("%s calls %s: %d call sites", from.S.Name, to.S.Name, x.calls)),
			"penwidth", penWidth(x.calls)}
		if from.Shared || to.Shared {
			a = append(a, "style", "dashed", "color", `"#9e9e9e"`, "fontcolor", `"#757575"`)
		}
		fmt.Fprintf(&b, "  s%d -> s%d %s;\n", x.from, x.to, attrs(a...))
	}
	e := len(deps)
	for ti, t := range tables {
		for _, si := range touch[t] {
			fmt.Fprintf(&b, "  s%d -> t%d %s;\n", si, ti, attrs("id", dotQuote(fmt.Sprintf("sm-e%d", e)),
				"class", dotQuote("uses "+v.Services[si].Class), "dir", "none", "style", "dotted", "color", `"#777777"`))
			e++
		}
	}
	b.WriteString("}\n")
	d.DOT = []byte(b.String())
	return d
}

// mapEdges is how many calls between services the service map draws: a
// few per service stay readable, and dot lays them out quickly.
func mapEdges(services int) int { return max(30, 2*services) }

// packageMap draws graph.Packages coloured by service; a package split
// across services has a bold dashed border and "split" in its label.
func packageMap(v *view, budget int) diagram {
	d := diagram{Name: "packages", Title: "Package graph"}
	g := graph.Packages(v.M, graph.Options{MaxNodes: budget})
	d.Notes = append(d.Notes, g.Notes...)
	var b strings.Builder
	b.WriteString("digraph \"packages\" {\n")
	b.WriteString("  graph [id=\"pg\", rankdir=LR, fontname=\"Helvetica\", fontsize=11, nodesep=0.2, ranksep=0.6, bgcolor=\"transparent\"];\n")
	b.WriteString("  node [shape=box, fontname=\"Helvetica\", fontsize=10, height=0.3];\n")
	b.WriteString("  edge [color=\"#55555599\", arrowsize=0.6];\n")
	index := map[string]int{}
	for i, n := range g.Nodes {
		index[n.ID] = i
		lines := []string{n.Label, fmt.Sprintf("%d units, %d LOC", n.Units, n.LOC)}
		fill, cls, style, pen := "#f5f5f5", "pkg", `"rounded,filled"`, "1"
		tip := n.ID
		if p := v.pkgs[n.ID]; p != nil && n.Kind == graph.NodePackage {
			if s, ok := v.byName[p.Service]; ok {
				fill = v.Services[s].Colour
				cls += " " + v.Services[s].Class
				tip += " (service " + p.Service + ")"
			}
			if split := v.split[n.ID]; len(split) > 1 {
				lines = append(lines, fmt.Sprintf("split: %d services", len(split)))
				style, pen = `"rounded,filled,dashed,bold"`, "2"
				for _, s := range split {
					if si, ok := v.byName[s]; ok && !strings.Contains(cls+" ", " "+v.Services[si].Class+" ") {
						cls += " " + v.Services[si].Class
					}
				}
				tip += ", split across " + strings.Join(split, ", ")
			}
		}
		a := []string{"id", dotQuote(fmt.Sprintf("pg-n%d", i)), "class", dotQuote(cls), "label", dotLabel(lines...),
			"tooltip", dotTooltip(tip), "style", style, "fillcolor", dotQuote(fill), "penwidth", pen}
		if n.Kind == graph.NodeDir {
			a = append(a, "shape", "folder")
		}
		fmt.Fprintf(&b, "  n%d %s;\n", i, attrs(a...))
	}
	for k, e := range g.Edges {
		from, ok1 := index[e.From]
		to, ok2 := index[e.To]
		if !ok1 || !ok2 {
			continue
		}
		fmt.Fprintf(&b, "  n%d -> n%d %s;\n", from, to, attrs("id", dotQuote(fmt.Sprintf("pg-e%d", k)),
			"penwidth", penWidth(e.Weight), "tooltip", dotTooltip(fmt.Sprintf("%s imports %s (%d unit edges)", e.From, e.To, e.Weight))))
	}
	b.WriteString("}\n")
	d.DOT = []byte(b.String())
	return d
}
