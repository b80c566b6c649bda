package extract

import (
	"fmt"
	"io"
	"strings"
)

// WriteText writes the extraction for people: the API, what blocks the
// cut, what was left as it is, and the plan.
func (r *Result) WriteText(w io.Writer) {
	fmt.Fprintf(w, "Seam of service %s: package %s (%s)\n", r.Service, r.Package, r.Dir)
	if len(r.API.Methods) == 0 {
		fmt.Fprintf(w, "\nNo other service calls %s today: there is nothing to generate.\n", r.Service)
	} else {
		var ifs []string
		for _, i := range r.API.Interfaces {
			ifs = append(ifs, fmt.Sprintf("%s (%d %s, for %s)", i.Name, len(i.Methods), plural(len(i.Methods), "method", "methods"), strings.Join(i.Callers, ", ")))
		}
		fmt.Fprintf(w, "\nInterfaces: %s\n", strings.Join(ifs, "; "))
		for _, m := range r.API.Methods {
			remote := ""
			if !m.Remote {
				remote = "  [not remote: see below]"
			}
			fmt.Fprintf(w, "  %s calls %s, from %s (seen in the %s)%s\n", m.Name, m.Of, strings.Join(m.Callers, ", "), m.Evidence, remote)
		}
		if len(r.API.Handles) > 0 {
			fmt.Fprintf(w, "Held by the callers (Local's fields): %s\n", strings.Join(r.API.Handles, ", "))
		}
		if len(r.API.Types) > 0 {
			fmt.Fprintf(w, "Types that cross (each has a DTO): %s\n", strings.Join(r.API.Types, ", "))
		}
		if len(r.API.Sentinels) > 0 {
			fmt.Fprintf(w, "Sentinel errors carried across: %s\n", strings.Join(r.API.Sentinels, ", "))
		}
	}
	if len(r.API.Refs) > 0 {
		fmt.Fprintf(w, "\nOther uses the callers make of %s (%d):\n", r.Service, len(r.API.Refs))
		for _, ref := range r.API.Refs {
			fmt.Fprintf(w, "  %-12s %s (%d %s, first at %s:%d)\n", ref.Kind, ref.Of, ref.Uses, plural(ref.Uses, "use", "uses"), ref.File, ref.Line)
		}
	}
	if len(r.Edits) > 0 {
		fmt.Fprintf(w, "\nCallers' edits (%d %s):\n", len(r.Edits), plural(len(r.Edits), "file", "files"))
		for _, e := range r.Edits {
			for _, c := range e.Changes {
				fmt.Fprintf(w, "  %s: %s\n", e.Path, c)
			}
		}
	}
	fmt.Fprintf(w, "\nWhat blocks the cut (%d):\n", len(r.Blockers))
	if len(r.Blockers) == 0 {
		fmt.Fprintf(w, "  nothing found\n")
	}
	for _, b := range r.Blockers {
		at := ""
		if b.File != "" {
			at = fmt.Sprintf("%s:%d: ", b.File, b.Line)
		}
		fmt.Fprintf(w, "  %s%s: %s\n    fix: %s\n", at, b.Kind, b.Message, b.Fix)
	}
	if len(r.Left) > 0 {
		fmt.Fprintf(w, "\nLeft as it is (%d):\n", len(r.Left))
		for _, l := range r.Left {
			fmt.Fprintf(w, "  %s:%d: %s %s\n", l.File, l.Line, l.Caller, l.Message)
		}
	}
	fmt.Fprintf(w, "\nPlan:\n")
	for i, s := range r.Plan.Steps {
		fmt.Fprintf(w, "  %d. %s: %s\n", i+1, s.Name, s.Text)
		for _, it := range s.Items {
			fmt.Fprintf(w, "     - %s\n", it)
		}
	}
}
