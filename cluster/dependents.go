package cluster

import "fmt"

// mergeDependents merges a service into the one whose requests need it.
// B is a part of A (enclosures of entries, line items of orders) when
// most of A's use cases reach B's code, and most of the use cases that
// reach B's code are A's (B's own count, and so do other services'). Cut
// apart, A could serve almost no request without a network call to B,
// and B would run
// almost only for A: the seam costs on nearly every request and buys no
// autonomy. A hub that every service needs (the users) fails the second
// test, and so does a service with use cases of its own that another
// reads (shipping reads the orders), and both stay.
//
// Both lines are a majority, not a tuned value: below half, A serves most
// of its requests alone, or B serves others as much as A, and either is
// a boundary worth having. What a use case reaches is what the
// clustering reads everywhere (useCaseReach: a few calls deep, what the
// request is about), not its whole transitive reach: on a large
// application every request reaches nearly everything through the
// shared model, and the biggest service would then absorb the rest. On a
// modular layout services follow the modules and two modules never merge.
func (s *state) mergeDependents(g *commGraph) {
	modOf := s.communityModules(g)
	for {
		roots := g.roots()
		if len(roots) <= 2 {
			return
		}
		home := map[int]int{}    // use cases per service
		need := map[[2]int]int{} // A's use cases that reach B
		into := map[int]int{}    // other services' use cases that reach B
		for k, ep := range s.eps {
			hi, ok := s.idx[ep.Handler]
			if !ok || !s.active(hi) || !s.owningEntry(ep) {
				continue
			}
			h := g.find(s.cnode(hi))
			home[h]++
			seen := map[int]bool{}
			for _, i := range s.useCaseReach(k) {
				if !s.active(i) {
					continue
				}
				if b := g.find(s.cnode(i)); b != h && !seen[b] {
					seen[b] = true
					need[[2]int{h, b}]++
					into[b]++
				}
			}
		}
		// The most dependent pair first: the highest share of A's use
		// cases that need B, ties by number (need is a map).
		best, bestShare := [2]int{-1, -1}, 0.0
		for p, n := range need {
			if 2*n <= home[p[0]] || 2*n <= home[p[1]]+into[p[1]] {
				continue
			}
			if ma, mb := modOf[p[0]], modOf[p[1]]; ma != mb && s.layout.modular {
				continue
			}
			share := float64(n) / float64(home[p[0]])
			if share > bestShare || share == bestShare && (p[0] < best[0] || p[0] == best[0] && p[1] < best[1]) {
				best, bestShare = p, share
			}
		}
		if best[0] < 0 {
			return
		}
		keep, from := best[0], best[1]
		what := "a part of this service: %d of its %d use cases reach this code, which %d use cases reach in all"
		if g.size[from] > g.size[keep] {
			keep, from = from, keep // the larger keeps its number
			what = "joined the service its use cases need: %d of its %d use cases reach that service's code, which %d use cases reach in all"
		}
		// Say so in the joining units' reasons: their own ties are weaker
		// than this, or the clustering would have put them here already.
		s.markJoined(g, from, keep, fmt.Sprintf(what, need[best], home[best[0]], home[best[1]]+into[best[1]]))
		mod := modOf[keep]
		g.merge(keep, from)
		modOf[g.find(keep)] = mod
	}
}

// joinedWhy is why a unit's community joined another service
// (mergeDependents), shown only while the unit is still with the witness,
// a unit of that service (communities are numbered again later).
type joinedWhy struct {
	witness int
	why     string
}

// markJoined records why the units of community c join the community
// keep, which holds them from now on.
func (s *state) markJoined(g *commGraph, c, keep int, why string) {
	if s.joined == nil {
		s.joined = map[int]joinedWhy{}
	}
	witness, members := -1, []int(nil)
	for i := range s.units {
		if !s.active(i) {
			continue
		}
		switch g.find(s.cnode(i)) {
		case keep:
			if witness < 0 {
				witness = i
			}
		case c:
			members = append(members, i)
		}
	}
	for _, i := range members {
		if _, ok := s.joined[i]; !ok {
			s.joined[i] = joinedWhy{witness, why}
		}
	}
}
