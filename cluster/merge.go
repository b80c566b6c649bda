package cluster

import "sort"

// commGraph is the graph of Louvain communities, merged step by step.
type commGraph struct {
	parent []int
	w      map[[2]int]float64
	deg    []float64
	size   []int // active units
	total  float64
}

func (s *state) commGraph() *commGraph {
	n := 0
	for _, c := range s.node {
		n = max(n, c+1)
	}
	g := &commGraph{parent: make([]int, n), w: map[[2]int]float64{}, deg: make([]float64, n), size: make([]int, n)}
	for i := range g.parent {
		g.parent[i] = i
	}
	for k, w := range s.w {
		a, b := s.node[k[0]], s.node[k[1]]
		w = quantize(w)
		g.deg[a] += w
		g.deg[b] += w
		g.total += w
		if a != b {
			g.w[pair(a, b)] += w
		}
	}
	for i := range s.units {
		if s.active(i) {
			g.size[s.node[i]]++
		}
	}
	return g
}

func pair(a, b int) [2]int {
	if a > b {
		a, b = b, a
	}
	return [2]int{a, b}
}

func (g *commGraph) find(c int) int {
	for g.parent[c] != c {
		g.parent[c] = g.parent[g.parent[c]]
		c = g.parent[c]
	}
	return c
}

// merge folds community b into a.
func (g *commGraph) merge(a, b int) {
	a, b = g.find(a), g.find(b)
	if a == b {
		return
	}
	g.parent[b] = a
	g.deg[a] += g.deg[b]
	g.size[a] += g.size[b]
	next := map[[2]int]float64{}
	for k, w := range g.w {
		x, y := g.find(k[0]), g.find(k[1])
		if x != y {
			next[pair(x, y)] += w
		}
	}
	g.w = next
}

// roots lists the live communities that hold units, in order.
func (g *commGraph) roots() []int {
	var out []int
	for c := range g.parent {
		if g.find(c) == c && g.size[c] > 0 {
			out = append(out, c)
		}
	}
	return out
}

// between returns the weight between two live communities.
func (g *commGraph) between(a, b int) float64 { return g.w[pair(g.find(a), g.find(b))] }

// mergeSmall folds communities with fewer than MinSize units into the
// neighbour they are most tied to.
func (s *state) mergeSmall(assign []int) []int {
	g := s.commGraph()
	for {
		roots := g.roots()
		sort.Slice(roots, func(i, j int) bool {
			if g.size[roots[i]] != g.size[roots[j]] {
				return g.size[roots[i]] < g.size[roots[j]]
			}
			return roots[i] < roots[j]
		})
		merged := false
		for _, c := range roots {
			if g.size[c] >= s.opts.MinSize || len(roots) <= 1 {
				break
			}
			best, bestW := -1, 0.0
			for _, d := range roots {
				if d == c {
					continue
				}
				if w := g.between(c, d); w > bestW {
					best, bestW = d, w
				}
			}
			if best >= 0 {
				g.merge(best, c)
				merged = true
				break
			}
		}
		if !merged {
			break
		}
	}
	// A handful of units tied to nothing else is no service: the kernel
	// takes them (an admin endpoint, a lone command).
	if len(g.roots()) > 1 {
		small := map[int]bool{}
		for _, r := range g.roots() {
			if g.size[r] < s.opts.MinSize {
				small[r] = true
			}
		}
		for i := range s.units {
			if s.active(i) && small[g.find(s.node[i])] {
				s.kernel[i] = true
				s.isolated[i] = true
			}
		}
		for r := range small {
			g.size[r] = 0
		}
	}
	s.graph = g
	return s.assignFrom(g)
}

// mergeTo merges communities by best modularity gain until n remain.
func (s *state) mergeTo(assign []int, n int) []int {
	g := s.graph
	if g == nil {
		g = s.commGraph()
	}
	for {
		roots := g.roots()
		if len(roots) <= n {
			break
		}
		bestA, bestB, bestQ := -1, -1, 0.0
		first := true
		for i, a := range roots {
			for _, b := range roots[i+1:] {
				w := g.between(a, b)
				q := w/g.total - g.deg[a]*g.deg[b]/(2*g.total*g.total)
				if w > 0 && (first || q > bestQ) {
					bestA, bestB, bestQ, first = a, b, q, false
				}
			}
		}
		if bestA < 0 {
			// Nothing ties the rest together: fold the smallest into the largest.
			sort.Slice(roots, func(i, j int) bool { return g.size[roots[i]] < g.size[roots[j]] })
			bestA, bestB = roots[len(roots)-1], roots[0]
		}
		g.merge(bestA, bestB)
	}
	return s.assignFrom(g)
}

func (s *state) assignFrom(g *commGraph) []int {
	assign := make([]int, len(s.units))
	for i := range s.units {
		assign[i] = -1
		if s.active(i) {
			assign[i] = g.find(s.node[i])
		}
	}
	return renumber(assign)
}

// countCommunities returns how many communities hold active units.
func countCommunities(assign []int) int {
	n := 0
	for _, c := range assign {
		n = max(n, c+1)
	}
	return n
}
