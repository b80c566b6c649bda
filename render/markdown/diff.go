package markdown

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/diff"
	"github.com/splitter-go/splitter/lint"
)

// MaxDiagramServices bounds the services in the diagram; past it, the
// services of the most changed dependencies are kept.
const MaxDiagramServices = 16

// Diff writes splitter diff's report as a comment: the totals, a mermaid
// diagram of the services whose dependencies changed, then the changes,
// new things first. Positions in the head link to their lines; those of
// the base (what the change removed) do not, the link would show the
// head's file.
func Diff(r *diff.Report, o Options) []byte {
	d := newDoc(o)
	short := func(id string) string { return code(diff.Shorten(r.Module, id)) }
	d.fixed(DiffMarker + "\n")
	d.fixed("### splitter: how this change moves the service boundaries\n\n")
	d.fixed(fmt.Sprintf("%s → %s, judged by %s on both sides.\n\n", cell(r.Base.Label), cell(r.Head.Label), cell(r.Assignment.Source)))
	d.fixed(totals(r))
	if r.Empty() {
		d.fixed("\nNo change to the services' dependencies, to who owns the code, tables and entry points, or to the lint findings.\n")
	}
	d.fixed(Diagram(r))

	useItem := func(u diff.Use, linked bool) string {
		return fmt.Sprintf("  - %s %s %s %s\n", o.link(u.File, u.Line, linked), short(u.From), diff.Verb(u.Kind), short(u.To))
	}
	deps := func(title string, ds []diff.Dependency, linked bool, changed bool) {
		if len(ds) == 0 {
			return
		}
		var items []string
		for _, dp := range ds {
			what := plural(len(dp.Uses), "use", "uses")
			if changed {
				what = fmt.Sprintf("%d → %d uses", dp.BaseUses, dp.HeadUses)
			}
			items = append(items, fmt.Sprintf("- **%s → %s** (%s)\n", cell(dp.From), cell(dp.To), what))
			for _, u := range dp.Uses {
				items = append(items, useItem(u, linked))
			}
		}
		d.section("\n#### "+title+"\n\n", items, "")
	}
	deps(fmt.Sprintf("New dependencies between services (%d)", len(r.Added)), r.Added, true, false)

	var shared []diff.TableChange
	for _, t := range r.Tables {
		if t.NewlyShared {
			shared = append(shared, t)
		}
	}
	tableItems := func(ts []diff.TableChange) []string {
		var items []string
		for _, t := range ts {
			owner := ""
			if t.Owner != "" {
				owner = ", owned by " + cell(t.Owner)
			}
			items = append(items, fmt.Sprintf("- %s%s, used by %s → %s\n", code(t.Table), owner, names(t.Base), names(t.Head)))
			for _, u := range t.Uses {
				items = append(items, fmt.Sprintf("  - %s %s %ss it\n", o.link(u.File, u.Line, true), short(u.From), u.Kind))
			}
		}
		return items
	}
	d.section(fmt.Sprintf("\n#### Newly shared tables (%d)\n\n", len(shared)), tableItems(shared), "")

	if len(r.NewFindings) > 0 {
		d.section(fmt.Sprintf("\n#### New lint findings (%d)\n\n", len(r.NewFindings))+violationHead, violationRows(r.NewFindings, o, true, nil), "")
	}
	if len(r.Units) > 0 {
		var items []string
		for _, u := range r.Units {
			items = append(items, fmt.Sprintf("| %s | %s | %s → %s | %s |\n", short(u.Unit), short(u.Was), cell(u.From), cell(u.To), o.link(u.File, u.Line, true)))
		}
		d.section(fmt.Sprintf("\n#### Units that changed service (%d)\n\n| unit | was | service | where |\n|---|---|---|---|\n", len(r.Units)), items, "")
	}
	if len(r.EntryPoints) > 0 {
		var items []string
		for _, e := range r.EntryPoints {
			svc := cell(e.From) + " → " + cell(e.To)
			where := o.link(e.File, e.Line, true)
			switch e.Change {
			case "added":
				svc = cell(e.To)
			case "removed":
				svc, where = cell(e.From), o.link(e.File, e.Line, false)
			}
			items = append(items, fmt.Sprintf("| %s | %s | %s | %s |\n", e.Change, code(e.ID), svc, where))
		}
		d.section(fmt.Sprintf("\n#### Entry points (%d)\n\n| change | entry point | service | where |\n|---|---|---|---|\n", len(r.EntryPoints)), items, "")
	}
	deps(fmt.Sprintf("Dependencies removed (%d)", len(r.Removed)), r.Removed, false, false)
	deps(fmt.Sprintf("New uses of existing dependencies (%d)", len(r.Changed)), r.Changed, true, true)
	var other []diff.TableChange
	for _, t := range r.Tables {
		if !t.NewlyShared {
			other = append(other, t)
		}
	}
	d.section(fmt.Sprintf("\n#### Other tables whose services changed (%d)\n\n", len(other)), tableItems(other), "")
	if m := r.Metrics; m != nil && len(m.Entries) > 0 {
		var items []string
		for _, e := range m.Entries {
			items = append(items, fmt.Sprintf("| %s | %d | %d |\n", code(e.ID), e.RemoteCalls.Base, e.RemoteCalls.Head))
		}
		d.section(fmt.Sprintf("\n<details><summary>Remote calls per request changed for %s</summary>\n\n| entry point | base | head |\n|---|---:|---:|\n", plural(len(m.Entries), "entry point", "entry points")),
			items, "\n</details>\n")
	}
	if len(r.FixedFindings) > 0 {
		d.section(fmt.Sprintf("\n<details><summary>Lint findings gone (%d)</summary>\n\n", len(r.FixedFindings))+violationHead,
			violationRows(r.FixedFindings, o, false, nil), "\n</details>\n")
	}
	if len(r.Notes) > 0 {
		var items []string
		for _, n := range r.Notes {
			items = append(items, "- "+cell(n)+"\n")
		}
		d.section("\n", items, "")
	}
	return d.finish("`splitter diff --format json` lists everything.")
}

// totals is the table of numbers on both sides.
func totals(r *diff.Report) string {
	var b strings.Builder
	b.WriteString("| | base | head |\n|---|---:|---:|\n")
	deps := func(change string) int {
		n := 0
		for _, e := range r.Dependencies {
			if e.Change != change {
				n++
			}
		}
		return n
	}
	// Dependencies on each side: the head has all but the removed, the
	// base all but the added.
	bd, hd := deps("added"), deps("removed")
	fmt.Fprintf(&b, "| dependencies between services | %d | %d%s |\n", bd, hd, delta(hd-bd))
	newly := 0
	for _, t := range r.Tables {
		if t.NewlyShared {
			newly++
		}
	}
	fmt.Fprintf(&b, "| new dependencies · removed | | %d · %d |\n", len(r.Added), len(r.Removed))
	fmt.Fprintf(&b, "| units · entry points that changed service | | %d · %d |\n", len(r.Units), moved(r))
	fmt.Fprintf(&b, "| newly shared tables | | %d |\n", newly)
	ne, nw := count(r.NewFindings)
	fe, fw := count(r.FixedFindings)
	fmt.Fprintf(&b, "| new lint findings (errors · warnings) | | %d · %d |\n", ne, nw)
	fmt.Fprintf(&b, "| lint findings gone (errors · warnings) | | %d · %d |\n", fe, fw)
	if m := r.Metrics; m != nil {
		fmt.Fprintf(&b, "| ICP (share of calls between services) | %.3f | %.3f |\n", m.ICP.Base, m.ICP.Head)
		fmt.Fprintf(&b, "| remote calls per request, summed over entry points | %d | %d%s |\n", m.RemoteCalls.Base, m.RemoteCalls.Head, delta(m.RemoteCalls.Head-m.RemoteCalls.Base))
		fmt.Fprintf(&b, "| longest chain of remote calls | %d | %d |\n", m.MaxDepth.Base, m.MaxDepth.Head)
	}
	return b.String()
}

func moved(r *diff.Report) int {
	n := 0
	for _, e := range r.EntryPoints {
		if e.Change == "moved" {
			n++
		}
	}
	return n
}

func count(vs []lint.Violation) (errs, warns int) {
	for _, v := range vs {
		if v.Severity == lint.Error {
			errs++
		} else {
			warns++
		}
	}
	return
}

func delta(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf(" (+%d)", n)
	case n < 0:
		return fmt.Sprintf(" (−%d)", -n)
	}
	return ""
}

func names(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = cell(x)
	}
	return strings.Join(out, ", ")
}

// Diagram draws, as a mermaid flowchart, the services at either end of a
// dependency that was added or removed, and every dependency of the head
// between them: new ones thick and red, removed ones dashed, the others
// plain. "" when no dependency was added or removed.
func Diagram(r *diff.Report) string {
	var changed []diff.Edge
	for _, e := range r.Dependencies {
		if e.Change == "added" || e.Change == "removed" {
			changed = append(changed, e)
		}
	}
	if len(changed) == 0 {
		return ""
	}
	// Keep the services of the changed edges with the most uses first,
	// within the bound.
	order := append([]diff.Edge(nil), changed...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].Uses > order[j].Uses })
	keep := map[string]bool{}
	left := 0
	for _, e := range order {
		need := 0
		if !keep[e.From] {
			need++
		}
		if !keep[e.To] && e.To != e.From {
			need++
		}
		if len(keep)+need > MaxDiagramServices {
			left++
			continue
		}
		keep[e.From], keep[e.To] = true, true
	}
	svcs := make([]string, 0, len(keep))
	for s := range keep {
		svcs = append(svcs, s)
	}
	sort.Strings(svcs)
	id := map[string]string{}
	var b strings.Builder
	b.WriteString("\n```mermaid\nflowchart LR\n")
	for i, s := range svcs {
		id[s] = fmt.Sprintf("s%d", i)
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", id[s], mermaidText(s))
	}
	var styles []string
	n := 0
	for _, e := range r.Dependencies {
		if !keep[e.From] || !keep[e.To] {
			continue
		}
		switch e.Change {
		case "added":
			fmt.Fprintf(&b, "  %s ==>|\"new: %s\"| %s\n", id[e.From], plural(e.Uses, "use", "uses"), id[e.To])
			styles = append(styles, fmt.Sprintf("  linkStyle %d stroke:#d1242f,stroke-width:3px,color:#d1242f\n", n))
		case "removed":
			fmt.Fprintf(&b, "  %s -.->|\"removed\"| %s\n", id[e.From], id[e.To])
			styles = append(styles, fmt.Sprintf("  linkStyle %d stroke:#8c959f\n", n))
		default:
			fmt.Fprintf(&b, "  %s --> %s\n", id[e.From], id[e.To])
		}
		n++
	}
	for _, s := range styles {
		b.WriteString(s)
	}
	b.WriteString("```\n")
	if left > 0 {
		fmt.Fprintf(&b, "\n_The diagram leaves out %s, to stay readable; the lists below have them._\n", plural(left, "changed dependency", "changed dependencies"))
	}
	return b.String()
}

// mermaidText escapes a label for a quoted mermaid string.
func mermaidText(s string) string {
	return strings.NewReplacer("\"", "#quot;", "<", "#lt;", ">", "#gt;", "\n", " ", "`", "#96;").Replace(s)
}
