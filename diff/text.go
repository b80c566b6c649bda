package diff

import (
	"fmt"
	"io"
	"strings"
)

// WriteText prints r for a terminal: one section per kind of change, each
// line file:line first so that editors link it.
func WriteText(w io.Writer, r *Report) {
	p := func(format string, args ...any) { fmt.Fprintf(w, format, args...) }
	p("Service boundaries of %s: %s → %s\n", r.Module, r.Base.Label, r.Head.Label)
	p("Services: %s, applied to both sides.\n", r.Assignment.Source)
	if r.Empty() {
		p("\nNo change to the services' dependencies, ownership, tables or lint findings.\n")
	}
	deps := func(title string, ds []Dependency, gone bool) {
		if len(ds) == 0 {
			return
		}
		p("\n%s (%d):\n", title, len(ds))
		for _, d := range ds {
			p("  %s → %s: %s\n", d.From, d.To, plural(len(d.Uses), "use", "uses"))
			for _, u := range d.Uses {
				p("    %s\n", useText(r, u))
			}
			if gone && len(d.Gone) > 0 {
				p("    and %s gone\n", plural(len(d.Gone), "use", "uses"))
			}
		}
	}
	deps("New dependencies between services", r.Added, false)
	deps("Dependencies removed", r.Removed, false)
	deps("New uses of existing dependencies", r.Changed, true)
	if len(r.Units) > 0 {
		p("\nUnits that changed service (%d):\n", len(r.Units))
		for _, u := range r.Units {
			p("  %s:%d: %s (was %s): %s → %s\n", u.File, u.Line, Shorten(r.Module, u.Unit), Shorten(r.Module, u.Was), u.From, u.To)
		}
	}
	if len(r.EntryPoints) > 0 {
		p("\nEntry points (%d):\n", len(r.EntryPoints))
		for _, e := range r.EntryPoints {
			switch e.Change {
			case "added":
				p("  added   %s in %s (%s:%d)\n", e.ID, e.To, e.File, e.Line)
			case "removed":
				p("  removed %s from %s\n", e.ID, e.From)
			default:
				p("  moved   %s: %s → %s (%s:%d)\n", e.ID, e.From, e.To, e.File, e.Line)
			}
		}
	}
	if len(r.Tables) > 0 {
		p("\nTables whose services changed (%d):\n", len(r.Tables))
		for _, t := range r.Tables {
			what := ""
			switch {
			case t.NewlyShared:
				what = " (newly shared)"
			case t.Shared:
				what = " (shared)"
			}
			p("  %s%s: touched by %s → %s\n", t.Table, what, list(t.Base), list(t.Head))
			for _, u := range t.Uses {
				p("    %s:%d:%d: %s %ss it\n", u.File, u.Line, u.Column, Shorten(r.Module, u.From), u.Kind)
			}
		}
	}
	findings := func(title string, n int, vs []string) {
		if n == 0 {
			return
		}
		p("\n%s (%d):\n", title, n)
		for _, v := range vs {
			p("  %s\n", v)
		}
	}
	var nf, ff []string
	for _, v := range r.NewFindings {
		nf = append(nf, fmt.Sprintf("%s:%d:%d: %s: %s", v.File, v.Line, v.Column, v.Rule, v.Message))
	}
	for _, v := range r.FixedFindings {
		ff = append(ff, fmt.Sprintf("%s: %s (at %s:%d)", v.Rule, v.Message, v.File, v.Line))
	}
	findings("New lint findings", len(nf), nf)
	findings("Lint findings gone", len(ff), ff)
	if m := r.Metrics; m != nil {
		p("\nICP %.3f → %.3f; remote calls per request, summed over the entry points, %d → %d; longest chain %d → %d\n",
			m.ICP.Base, m.ICP.Head, m.RemoteCalls.Base, m.RemoteCalls.Head, m.MaxDepth.Base, m.MaxDepth.Head)
		for i, e := range m.Entries {
			if i == 10 {
				p("  … and %d more entry points\n", len(m.Entries)-i)
				break
			}
			p("  %s: %d → %d remote calls\n", e.ID, e.RemoteCalls.Base, e.RemoteCalls.Head)
		}
	}
	for _, n := range r.Notes {
		p("\nNote: %s\n", n)
	}
}

func useText(r *Report, u Use) string {
	where := u.File
	if u.Line > 0 {
		where = fmt.Sprintf("%s:%d:%d", u.File, u.Line, u.Column)
	}
	return fmt.Sprintf("%s: %s %s %s", where, Shorten(r.Module, u.From), Verb(u.Kind), Shorten(r.Module, u.To))
}

// Verb says a use's kind in a sentence: "calls", "imports"...
func Verb(kind string) string {
	switch kind {
	case "call":
		return "calls"
	case "import":
		return "imports"
	case "embed":
		return "embeds"
	case "method":
		return "is a method of"
	case "global-read":
		return "reads"
	case "global-write":
		return "writes"
	}
	return "uses"
}

// Shorten drops the module path from an id.
func Shorten(module, id string) string {
	if module != "" && (strings.HasPrefix(id, module+"/") || strings.HasPrefix(id, module+".")) {
		return id[len(module)+1:]
	}
	return id
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
