package model

// CallWalk walks a model's call edges from entry points: the units an
// entry point reaches are what its requests run. Built once, it walks as
// often as asked without allocating per walk.
type CallWalk struct {
	index map[string]int
	succ  [][]int
	seen  []int // the stamp of the walk that last reached each unit
	stamp int
	queue []int
}

// NewCallWalk indexes m's units and call edges.
func NewCallWalk(m *Model) *CallWalk {
	w := &CallWalk{index: make(map[string]int, len(m.Units)), succ: make([][]int, len(m.Units)), seen: make([]int, len(m.Units))}
	for i, u := range m.Units {
		w.index[u.ID] = i
	}
	for _, e := range m.Edges {
		if e.Kind != EdgeCall {
			continue
		}
		a, ok1 := w.index[e.From]
		b, ok2 := w.index[e.To]
		if ok1 && ok2 {
			w.succ[a] = append(w.succ[a], b)
		}
	}
	return w
}

// Walk calls visit with the index (in m.Units) of every unit reachable
// from the roots over call edges, the roots included, each once, until
// visit returns false.
func (w *CallWalk) Walk(roots []string, visit func(unit int) bool) {
	w.stamp++
	w.queue = w.queue[:0]
	for _, id := range roots {
		if u, ok := w.index[id]; ok && w.seen[u] != w.stamp {
			w.seen[u] = w.stamp
			w.queue = append(w.queue, u)
		}
	}
	for q := 0; q < len(w.queue); q++ {
		u := w.queue[q]
		if !visit(u) {
			return
		}
		for _, v := range w.succ[u] {
			if w.seen[v] != w.stamp {
				w.seen[v] = w.stamp
				w.queue = append(w.queue, v)
			}
		}
	}
}
