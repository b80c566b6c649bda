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
	index := make(map[string]int, len(m.Units))
	for i, u := range m.Units {
		index[u.ID] = i
	}
	calls := make([][]int, len(m.Units))
	for _, e := range m.Edges {
		if e.Kind != model.EdgeCall {
			continue
		}
		f, ok1 := index[e.From]
		t, ok2 := index[e.To]
		if ok1 && ok2 {
			calls[f] = append(calls[f], t)
		}
	}
	seen := make([]int, len(m.Units)) // the entry point (+1) that last reached each unit
	out := make([]EntryReach, len(m.EntryPoints))
	var stack []int
	for i := range m.EntryPoints {
		ep := &m.EntryPoints[i]
		out[i].EntryPoint = ep
		roots := ep.Targets
		if len(roots) == 0 && ep.Handler != "" {
			roots = []string{ep.Handler}
		}
		stack = stack[:0]
		for _, id := range roots {
			if u, ok := index[id]; ok && seen[u] != i+1 {
				seen[u] = i + 1
				stack = append(stack, u)
			}
		}
		n := 0
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			n++
			for _, v := range calls[u] {
				if seen[v] != i+1 {
					seen[v] = i + 1
					stack = append(stack, v)
				}
			}
		}
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
