package cluster

import "github.com/splitter-go/splitter/model"

// The data decides, as in data-centric decomposition: each table has one
// owner, and a use case belongs with the data it changes.

// writesData reports whether a table use changes the table's rows (not
// the schema, not a constant's mention): what makes code a data owner.
func writesData(t model.TableUse) bool { return t.Op == "write" && t.Via != "const" && !isSchema(t) }

// dataOwners gives each table written by active code its owner: the
// community whose units write it most (the lowest community on a tie), and
// the atoms that write a table themselves.
func (s *state) dataOwners(g *commGraph) (owner map[string]int, selfWrites map[int]bool) {
	writers := map[string]map[int]int{}
	selfWrites = map[int]bool{}
	for i, u := range s.units {
		if !s.active(i) {
			continue
		}
		for _, t := range u.Tables {
			if writesData(t) {
				c := g.find(s.cnode(i))
				if writers[t.Table] == nil {
					writers[t.Table] = map[int]int{}
				}
				writers[t.Table][c]++
				selfWrites[s.atomOf[i]] = true
			}
		}
	}
	owner = map[string]int{}
	for t, ws := range writers {
		best, n := -1, 0
		for c, k := range ws {
			if k > n || k == n && c < best {
				best, n = c, k
			}
		}
		owner[t] = best
	}
	return owner, selfWrites
}

// useCaseWrites lists, per owning use case, its handler and the tables
// its reach writes, sorted; use cases that write nothing are left out.
func (s *state) useCaseWrites() (handlers []int, tables [][]string) {
	for k, ep := range s.eps {
		if !s.owningEntry(ep) {
			continue
		}
		h, ok := s.idx[ep.Handler]
		if !ok || !s.active(h) {
			continue
		}
		set := map[string]bool{}
		for _, j := range s.useCaseReach(k) {
			if s.active(j) {
				for _, t := range s.units[j].Tables {
					if writesData(t) {
						set[t.Table] = true
					}
				}
			}
		}
		if len(set) > 0 {
			handlers = append(handlers, h)
			tables = append(tables, sortedKeys(set))
		}
	}
	return handlers, tables
}

// followWrites moves use cases to the data they change, after the
// merges. A handler's file that writes no table itself, whose use cases
// write only tables one other service owns, is that service's front (a
// settings page of the users' data, a "mark all as read" button of the
// entries'), not a capability of the service it sits in. A file whose use
// cases write several services' data stays: no one owner claims it. (Done
// on whole fragments before the merges, the same rule joins fragments that
// merely share a write, such as an audit row every handler adds.)
func (s *state) followWrites(g *commGraph) {
	owner, selfWrites := s.dataOwners(g)
	handlers, tables := s.useCaseWrites()
	targets := map[int]map[int]bool{} // atom → the owners its use cases write
	for k, h := range handlers {
		a := s.atomOf[h]
		if selfWrites[a] {
			continue
		}
		if targets[a] == nil {
			targets[a] = map[int]bool{}
		}
		for _, t := range tables[k] {
			targets[a][g.find(owner[t])] = true
		}
	}
	modOf := s.communityModules(g)
	for _, a := range sortedInts(targets) {
		if len(targets[a]) != 1 {
			continue
		}
		to := sortedInts(targets[a])[0]
		from := g.find(s.node[a])
		if to == from || modOf[from] != modOf[to] {
			continue // services follow the modules
		}
		s.node[a] = to
	}
}

// contextLookups sends to the kernel the code owning nothing (no table
// write, no use case) that at least half of the other services call: the
// request's context (the current user every page loads, the token lookup
// of the authentication middleware, a flash message helper). Left in its
// service, every other service would make a network call for it on nearly
// every request, the costliest seam a cut can have; in the kernel it is a
// read of the owner's table, which the owner keeps. Half is the
// line the kernel's plumbing rule uses for packages (half of the
// resources reach it): at that point the code is more the application's
// than its service's. Code that writes or handles a use case owns
// something and stays; on a modular layout a module's code stays in its
// module.
func (s *state) contextLookups(assign []int) []int {
	services := map[int]bool{}
	for i, c := range assign {
		if c >= 0 && s.active(i) {
			services[c] = true
		}
	}
	if len(services) < 3 {
		return assign
	}
	owning := map[int]bool{}
	for _, i := range s.owningUnits() {
		owning[i] = true
	}
	var moved []int
	for i, c := range assign {
		if c < 0 || !s.active(i) || owning[i] || s.pinned(s.units[i]) {
			continue
		}
		if s.layout.modular && s.layout.module(s.units[i].Package) != "" {
			continue
		}
		callers := map[int]bool{}
		for _, e := range s.calls[i] {
			if d := assign[e.to]; d >= 0 && d != c && s.calls1(e.to, i) {
				callers[d] = true
			}
		}
		if 2*len(callers) >= len(services)-1 && len(callers) >= 2 {
			moved = append(moved, i)
		}
	}
	for _, i := range moved {
		assign[i] = -1
		s.st[i], s.role[i] = stKernel, model.RolePlumbing
		s.why[i] = "shared kernel: the request's context, read by the use cases of most services"
	}
	return assign
}
