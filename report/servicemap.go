package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/summary"
)

// The service map is laid out by neato (stress majorization): with the
// dependencies ranked and cut to a few per service it shows hubs and the
// services hanging off them, where dot's ranks stretched a dense graph into
// long crossing curves (both tried on miniflux, 22 services, and on the
// layered example). Components are packed in rows, in the order of their
// first node: the services tied to others first, then the loose ones, the
// shared kernel last, on its own.
//
// The packing is a grid, filled in that order: one column (each component
// under the one before) when the tied services make a graph of their own,
// else as many columns as make it square (hugo: one pair and seven loose
// services).
const serviceMapGraph = `graph [id="sm", layout=neato, overlap=prism, sep="+20", esep="+6", splines=true, ` +
	`pack=24, packmode="array_u%d", fontname="Helvetica", fontsize=12, bgcolor="transparent"];`

// depPair is the calls between two services, both ways, drawn as one edge
// from the one that calls more.
type depPair struct {
	from, to     int // services, by index in view.Services
	forth, back  int // call sites from → to, to → from
	strongestFor bool
}

func (p depPair) calls() int { return p.forth + p.back }

// label is what the edge of a pair says. Today the call sites it stands
// for; when the cost of the cut exists (issue 10), that cost goes here.
func (p depPair) label() string { return fmt.Sprint(p.calls()) }

// mapEdgeBudget is how many dependencies the map draws for n services:
// about one per service: tried on miniflux (22 services), one and a half
// per service crowded the hubs, one leaves the structure plain.
func mapEdgeBudget(n int) int { return max(8, n+2) }

// rankDeps aggregates the services' dependencies into pairs and keeps the
// ones the map draws: the strongest pair of every service (so each shows
// its main tie), then the heaviest others, up to mapEdgeBudget. The kernel
// is left out: every service uses it. The pairs come back heaviest first.
func rankDeps(v *view) (kept []depPair, all int) {
	index := map[[2]int]int{}
	var pairs []depPair
	services := 0
	for i, s := range v.Services {
		if s.Shared {
			continue
		}
		services++
		for _, l := range s.S.DependsOn {
			j, ok := v.byName[l.Service]
			if !ok || j == i || v.Services[j].Shared || l.Calls <= 0 {
				continue
			}
			a, b := min(i, j), max(i, j)
			k, ok := index[[2]int{a, b}]
			if !ok {
				k = len(pairs)
				index[[2]int{a, b}] = k
				pairs = append(pairs, depPair{from: a, to: b})
			}
			if i == a {
				pairs[k].forth += l.Calls
			} else {
				pairs[k].back += l.Calls
			}
		}
	}
	for k := range pairs {
		if p := &pairs[k]; p.back > p.forth {
			p.from, p.to, p.forth, p.back = p.to, p.from, p.back, p.forth
		}
	}
	heavier := func(a, b depPair) bool {
		if a.calls() != b.calls() {
			return a.calls() > b.calls()
		}
		if a.from != b.from {
			return a.from < b.from
		}
		return a.to < b.to
	}
	sort.Slice(pairs, func(a, b int) bool { return heavier(pairs[a], pairs[b]) })
	strongest := map[int]bool{}
	take := make([]bool, len(pairs))
	for k, p := range pairs {
		for _, s := range []int{p.from, p.to} {
			if !strongest[s] {
				strongest[s] = true
				take[k] = true
			}
		}
	}
	n := 0
	for k := range pairs {
		if take[k] {
			pairs[k].strongestFor = true
			n++
		}
	}
	for k := range pairs {
		if !take[k] && n < mapEdgeBudget(services) {
			take[k] = true
			n++
		}
	}
	for k, p := range pairs {
		if take[k] {
			kept = append(kept, p)
		}
	}
	return kept, len(pairs)
}

// serviceMap draws the services with their size, the strongest
// dependencies between them, the tables several services touch when they
// are few, and the shared kernel apart.
func serviceMap(v *view, budget int) diagram {
	d := diagram{Name: "services", Title: "Service map"}
	deps, all := rankDeps(v)
	tied := map[int]bool{}
	maxCalls := 1
	for _, p := range deps {
		tied[p.from], tied[p.to] = true, true
		maxCalls = max(maxCalls, p.calls())
	}
	if len(deps) < all {
		d.Notes = append(d.Notes, fmt.Sprintf("%d of the %d pairs of services that call each other are drawn: each service's strongest tie, then the heaviest; every service's section lists all its dependencies.", len(deps), all))
	}

	// Tables touched by several services (the kernel aside): data to
	// split before extraction. Drawn when few, else counted in the labels.
	touch := map[string][]int{}
	for i, s := range v.Services {
		if s.Shared {
			continue
		}
		for _, t := range append(append([]string(nil), s.S.Tables...), s.S.SharedTables...) {
			touch[t] = append(touch[t], i)
		}
	}
	var tables []string
	touches := 0
	for t, svcs := range touch {
		if len(svcs) > 1 {
			tables = append(tables, t)
			touches += len(svcs)
		}
	}
	sort.Strings(tables)
	services := len(v.Services)
	if len(tables) > 0 && (len(tables) > 6 || touches > 12 || services+len(tables) > budget) {
		d.Notes = append(d.Notes, fmt.Sprintf("%s touched by several services not drawn, to keep the map readable: %s; see each service's tables.",
			summary.Count(len(tables), "table"), strings.Join(tables, ", ")))
		tables = nil
	}

	var b strings.Builder
	b.WriteString("digraph \"services\" {\n  " + fmt.Sprintf(serviceMapGraph, packColumns(v, deps)) + "\n")
	b.WriteString("  node [shape=box, fontname=\"Helvetica\", fontsize=12, margin=\"0.12,0.05\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=12, arrowsize=0.7, color=\"#555555\"];\n")
	// Node order decides the packing: tied services, loose ones, kernel.
	var order []int
	for _, loose := range []bool{false, true} {
		for i, s := range v.Services {
			if !s.Shared && tied[i] != loose {
				order = append(order, i)
			}
		}
	}
	for i, s := range v.Services {
		if s.Shared {
			order = append(order, i)
		}
	}
	for _, i := range order {
		s := v.Services[i]
		lines := []string{s.S.Name, summary.Count(len(s.S.Units), "unit") + " · " + fmt.Sprint(s.S.LOC) + " LOC"}
		if s.Shared {
			lines[0] = "shared kernel"
		}
		if n := len(s.S.EntryPoints); n > 0 {
			lines = append(lines, summary.Count(n, "entry point"))
		}
		if t := tableText(len(s.S.Tables), len(s.S.SharedTables)); t != "" {
			lines = append(lines, t)
		}
		if s.Shared {
			if r := v.kernelRoles(); r != "" {
				lines = append(lines, r)
			}
			if len(s.S.UsedBy) > 0 {
				lines = append(lines, "used by "+summary.Count(len(s.S.UsedBy), "service"))
			}
		}
		tip := "service " + s.S.Name
		if s.Shared {
			tip = "the shared kernel: code most services use, deployed with each or as a library"
		}
		a := []string{"id", dotQuote(fmt.Sprintf("sm-s%d", i)), "class", dotQuote("svc " + s.Class),
			"label", dotLabel(lines...), "tooltip", dotTooltip(tip)}
		if s.Shared {
			a = append(a, "style", `"rounded,filled,dashed"`, "fillcolor", dotQuote(sharedColour), "color", `"#777777"`)
		} else {
			a = append(a, s.Fill.dot("rounded")...)
		}
		fmt.Fprintf(&b, "  s%d %s;\n", i, attrs(a...))
	}
	for ti, t := range tables {
		names := make([]string, len(touch[t]))
		for k, si := range touch[t] {
			names[k] = v.Services[si].S.Name
		}
		sort.Strings(names)
		cls := "table shared-table"
		for _, si := range touch[t] {
			cls += " " + v.Services[si].Class
		}
		fmt.Fprintf(&b, "  t%d %s;\n", ti, attrs("id", dotQuote(fmt.Sprintf("sm-t%d", ti)), "class", dotQuote(cls),
			"label", dotLabel(t), "tooltip", dotTooltip("table "+t+": "+strings.Join(names, ", ")), "shape", "cylinder", "style", "filled",
			"fillcolor", `"#ffd6d6"`, "penwidth", "2", "color", `"#c62828"`))
	}
	for e, p := range deps {
		from, to := v.Services[p.from], v.Services[p.to]
		tip := fmt.Sprintf("%s calls %s: %s", from.S.Name, to.S.Name, summary.Count(p.forth, "call site"))
		dir := "forward"
		if p.back > 0 {
			tip += fmt.Sprintf("; %s calls %s: %s", to.S.Name, from.S.Name, summary.Count(p.back, "call site"))
			dir = "both"
		}
		strength := math.Log1p(float64(p.calls())) / math.Log1p(float64(maxCalls))
		fmt.Fprintf(&b, "  s%d -> s%d %s;\n", p.from, p.to, attrs("id", dotQuote(fmt.Sprintf("sm-e%d", e)),
			"class", dotQuote("dep "+from.Class+" "+to.Class), "label", dotLabel(p.label()), "tooltip", dotTooltip(tip), "dir", dir,
			"penwidth", fmt.Sprintf("%.1f", 1+4*strength),
			"len", fmt.Sprintf("%.2f", 2.4-0.8*strength))) // stronger ties pull closer
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

// packColumns is the number of columns of the service map's packing: one
// when the biggest group of services tied by the drawn dependencies has
// four services or more, else enough for a square.
func packColumns(v *view, deps []depPair) int {
	group := make([]int, len(v.Services))
	for i := range group {
		group[i] = i
	}
	var find func(i int) int
	find = func(i int) int {
		for group[i] != i {
			i = group[i]
		}
		return i
	}
	for _, p := range deps {
		group[find(p.from)] = find(p.to)
	}
	size := map[int]int{}
	for i := range v.Services {
		size[find(i)]++
	}
	biggest := 0
	for _, n := range size {
		biggest = max(biggest, n)
	}
	if biggest >= 4 {
		return 1
	}
	return int(math.Ceil(math.Sqrt(float64(len(size)))))
}

// kernelRoles says what the kernel's packages are, when the decomposition
// said: "48 library, 15 plumbing, 2 wiring packages".
func (v *view) kernelRoles() string {
	count := map[string]int{}
	n := 0
	for _, p := range v.M.Packages {
		if p.Service == model.SharedService && p.Role != "" {
			count[string(p.Role)]++
			n++
		}
	}
	if n == 0 {
		return ""
	}
	roles := make([]string, 0, len(count))
	for r := range count {
		roles = append(roles, r)
	}
	sort.Slice(roles, func(i, j int) bool {
		if count[roles[i]] != count[roles[j]] {
			return count[roles[i]] > count[roles[j]]
		}
		return roles[i] < roles[j]
	})
	parts := make([]string, len(roles))
	for i, r := range roles {
		parts[i] = fmt.Sprintf("%d %s", count[r], r)
	}
	return strings.Join(parts, ", ") + " " + summary.Plural(n, "package")
}

// tableText says how many tables a service touches: "2 tables, 1 shared".
func tableText(owned, shared int) string {
	switch {
	case owned+shared == 0:
		return ""
	case shared == 0:
		return summary.Count(owned, "table")
	case owned == 0:
		return summary.Count(shared, "shared table")
	}
	return summary.Count(owned+shared, "table") + ", " + fmt.Sprint(shared) + " shared"
}
