package summary

import (
	"sort"

	"github.com/splitter-go/splitter/model"
)

// EntryReach is an entry point and the code it reaches.
type EntryReach struct {
	EntryPoint *model.EntryPoint
	// Units is the number of units reached through call edges from the
	// entry point's targets (its handler when it has none), them included.
	Units int
}

// Reach returns every entry point of m with the units it reaches, in the
// model's order.
func Reach(m *model.Model) []EntryReach {
	w := model.NewCallWalk(m)
	out := make([]EntryReach, len(m.EntryPoints))
	for i := range m.EntryPoints {
		ep := &m.EntryPoints[i]
		out[i].EntryPoint = ep
		roots := ep.Targets
		if len(roots) == 0 && ep.Handler != "" {
			roots = []string{ep.Handler}
		}
		n := 0
		w.Walk(roots, func(int) bool { n++; return true })
		out[i].Units = n
	}
	return out
}

// Top returns the n entry points that reach the most units (all of them
// when n < 0), the most first, ties in the model's order.
func Top(reach []EntryReach, n int) []EntryReach {
	out := append([]EntryReach(nil), reach...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Units > out[j].Units })
	if n >= 0 && len(out) > n {
		out = out[:n]
	}
	return out
}
