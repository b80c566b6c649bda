package cluster

import (
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

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
	live := make([]bool, s.natoms)
	for i := range s.units {
		if s.active(i) {
			live[s.atomOf[i]] = true
		}
	}
	for k, w := range s.w {
		if (k[0] < s.natoms && !live[k[0]]) || (k[1] < s.natoms && !live[k[1]]) {
			continue
		}
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
			g.size[s.cnode(i)]++
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
	next := make(map[[2]int]float64, len(g.w))
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

// gain is the modularity gain of merging a and b.
func (g *commGraph) gain(a, b int) float64 {
	a, b = g.find(a), g.find(b)
	return g.between(a, b)/g.total - g.deg[a]*g.deg[b]/(2*g.total*g.total)
}

// capabilities turns fragments into services. A service owns a use case or
// a table: a fragment that owns neither is code some service uses, and it
// joins the owning fragment it is most tied to (most weight in the signal
// graph). Libraries and plumbing that several fragments use then go to the
// kernel (libraries), and the services merge while the cut is too coupled
// (mergeWhileCoupled); --services N merges (or splits, by a higher
// resolution) towards N instead. It returns each unit's community (-1 for
// the units not in a service), in Louvain's numbering.
func (s *state) capabilities() []int {
	g := s.commGraph()
	s.absorbNonOwners(g, s.owningCommunities(g))
	s.adopt(s.libraries(s.assignFrom(g), 3))
	g = s.commGraph()
	if n := s.opts.Services; n > 0 {
		for tries := 0; len(g.roots()) < n && tries < 6; tries++ {
			s.opts.Resolution *= 1.5
			s.communities()
			g = s.commGraph()
			s.absorbNonOwners(g, s.owningCommunities(g))
		}
		mergeTo(g, n)
	} else {
		s.mergeWhileCoupled(g)
		s.mergeThin(g)
		s.mergeDependents(g)
		s.followWrites(g)
	}
	return s.joinOwnerless(s.contextLookups(s.libraries(s.stubsToKernel(s.assignFrom(g)), 2)))
}

// stubsToKernel sends to the kernel the thin services mergeThin found
// tied to no other (gitea's three-line ActivityPub stub), unless a later
// merge gave them a home: a service of its own is no place for them.
func (s *state) stubsToKernel(assign []int) []int {
	if len(s.stubs) == 0 {
		return assign
	}
	other := map[int]bool{} // communities holding more than stubs
	for i, c := range assign {
		if c >= 0 && !s.stubs[i] {
			other[c] = true
		}
	}
	for i, c := range assign {
		if c >= 0 && s.stubs[i] && !other[c] {
			assign[i] = -1
			s.st[i], s.role[i] = stKernel, model.RolePlumbing
			s.why[i] = "shared kernel: too thin a service (fewer than half a service's share of the use cases) and tied to no other"
		}
	}
	return assign
}

// joinOwnerless gives away the services left owning no use case and no
// table once the libraries have settled: a domain's model type that the
// libraries step kept by its name (sftpgo's dataprovider/user.go) after
// the code around it went elsewhere. Such a group is no service (nothing
// would call it but other services); it joins the owning service its code
// is most tied to by calls, or the kernel when it is tied to none.
func (s *state) joinOwnerless(assign []int) []int {
	owner := map[int]bool{}
	for _, i := range s.owningUnits() {
		if assign[i] >= 0 && s.active(i) {
			owner[assign[i]] = true
		}
	}
	ties := map[int]map[int]float64{}
	var ownerless []int
	for i, c := range assign {
		if c < 0 || owner[c] || !s.active(i) {
			continue
		}
		if ties[c] == nil {
			ties[c] = map[int]float64{}
			ownerless = append(ownerless, c)
		}
		for _, e := range s.calls[i] {
			if d := assign[e.to]; d >= 0 && owner[d] {
				ties[c][d] += e.w
			}
		}
	}
	if len(ownerless) == 0 || len(owner) == 0 {
		return assign
	}
	to := map[int]int{}
	for _, c := range ownerless {
		best, bestW := -1, 0.0
		for _, d := range sortedInts(ties[c]) {
			if w := ties[c][d]; w > bestW {
				best, bestW = d, w
			}
		}
		to[c] = best
	}
	for i, c := range assign {
		d, ok := to[c]
		if !ok || !s.active(i) {
			continue
		}
		assign[i] = d
		if d < 0 {
			s.st[i], s.role[i] = stKernel, model.RolePlumbing
			s.why[i] = "shared kernel: its group owned no use case and no table, and no service calls it"
		}
	}
	return assign
}

// mergeThin merges the services too thin to stand as capabilities: a
// service that writes no table and handles fewer than half a service's
// share of the use cases (1/2K of them) is a library with a handler
// attached (a parser module that also serves one route); it joins the
// service it is most tied to. A service that owns data, or a facade that
// serves its share of the use cases (a compatibility API), stays.
func (s *state) mergeThin(g *commGraph) {
	modOf := s.communityModules(g)
	untied := map[int]bool{}
	// The share is of the services proposed, fixed before any merge: a
	// service is thin against the cut the clustering found. Were K
	// re-counted after each merge, the bar would rise as services go and
	// a cut would fold up one service at a time (navidrome's 8 became 2).
	k := len(g.roots())
	for {
		roots := g.roots()
		if len(roots) <= 2 {
			return
		}
		uses, tables := map[int]int{}, map[int]bool{}
		total := 0
		for _, ep := range s.eps {
			if !s.owningEntry(ep) {
				continue
			}
			if i, ok := s.idx[ep.Handler]; ok && s.active(i) {
				uses[g.find(s.cnode(i))]++
				total++
			}
		}
		for i, u := range s.units {
			if !s.active(i) {
				continue
			}
			for _, t := range u.Tables {
				if writesData(t) {
					tables[g.find(s.cnode(i))] = true
				}
			}
		}
		thin, least := -1, 0
		for _, c := range roots {
			if untied[c] || tables[c] || 2*k*uses[c] >= total || modOf[c] != "" && s.layout.modular {
				continue
			}
			if thin < 0 || uses[c] < least || uses[c] == least && g.size[c] < g.size[thin] {
				thin, least = c, uses[c]
			}
		}
		if thin < 0 {
			return
		}
		best, bestW := -1, 0.0
		for _, d := range roots {
			if d != thin {
				if w := g.between(thin, d); w > bestW {
					best, bestW = d, w
				}
			}
		}
		if best < 0 {
			// Tied to no service (a stub answering routes with "not
			// implemented", a handler that reads only the
			// configuration): nothing to join, and too thin to stand.
			// Its units go to the kernel once the services settle
			// (stubsToKernel); the next thin one may still have a home.
			untied[thin] = true
			if s.stubs == nil {
				s.stubs = map[int]bool{}
			}
			for i := range s.units {
				if s.active(i) && g.find(s.cnode(i)) == thin {
					s.stubs[i] = true
				}
			}
			continue
		}
		g.merge(best, thin)
	}
}

// adopt makes an assignment the Louvain communities of the active units,
// so that the community graph can be built again from it.
func (s *state) adopt(assign []int) {
	for i, c := range assign {
		if c >= 0 && s.active(i) {
			s.node[s.atomOf[i]] = c
		}
	}
}

// mergeWhileCoupled merges services, the pair with the best modularity gain
// on the signal graph first (the pair tied most beyond what their sizes
// predict), while a merge gains modularity. On a modular layout two
// different modules never merge: services follow the modules.
func (s *state) mergeWhileCoupled(g *commGraph) {
	modOf := s.communityModules(g)
	if s.layout.modular {
		// Services follow the modules: a module's fragments are one service.
		first := map[string]int{}
		for _, c := range g.roots() {
			mod := modOf[c]
			if mod == "" {
				continue
			}
			if f, ok := first[mod]; ok {
				g.merge(f, c)
				modOf[g.find(f)] = mod
			} else {
				first[mod] = c
			}
		}
	}
	for {
		roots := g.roots()
		if len(roots) <= 1 {
			return
		}
		bestA, bestB, bestQ, found := -1, -1, 0.0, false
		for i, a := range roots {
			for _, b := range roots[i+1:] {
				if g.between(a, b) <= 0 {
					continue
				}
				if ma, mb := modOf[g.find(a)], modOf[g.find(b)]; ma != "" && mb != "" && ma != mb {
					continue
				}
				if q := g.gain(a, b); !found || q > bestQ {
					bestA, bestB, bestQ, found = a, b, q, true
				}
			}
		}
		if s.opts.Trace != nil {
			s.opts.Trace(len(roots), s.levelAssign(g))
			if found {
				goto merge
			}
		}
		if !found || bestQ <= 0 {
			return
		}
	merge:
		ma, mb := modOf[g.find(bestA)], modOf[g.find(bestB)]
		g.merge(bestA, bestB)
		if ma == "" {
			ma = mb
		}
		modOf[g.find(bestA)] = ma
	}
}

func (s *state) levelAssign(g *commGraph) map[string]int {
	out := map[string]int{}
	for i, u := range s.units {
		if s.st[i] == stOut {
			continue
		}
		out[u.ID] = -1
		if s.active(i) {
			out[u.ID] = g.find(s.cnode(i))
		}
	}
	return out
}

// communityModules gives each live community the module most of its units
// are in, when most are ("" otherwise or on layered code).
func (s *state) communityModules(g *commGraph) map[int]string {
	counts := map[int]map[string]int{}
	sizes := map[int]int{}
	for i, u := range s.units {
		if !s.active(i) {
			continue
		}
		c := g.find(s.cnode(i))
		sizes[c]++
		if mod := s.layout.module(u.Package); mod != "" {
			if counts[c] == nil {
				counts[c] = map[string]int{}
			}
			counts[c][mod]++
		}
	}
	out := map[int]string{}
	for c, m := range counts {
		if mod, n := top(m); 2*n > sizes[c] {
			out[c] = mod
		}
	}
	return out
}

// owningCommunities reports which communities own a use case (they hold
// the handler of a business entry point) or a table (they write it).
func (s *state) owningCommunities(g *commGraph) map[int]bool {
	owns := map[int]bool{}
	for _, i := range s.owningUnits() {
		if s.active(i) {
			owns[g.find(s.cnode(i))] = true
		}
	}
	for _, seed := range s.opts.Seeds {
		if n, ok := s.feature["seed:"+seed.Service]; ok {
			owns[g.find(s.node[n])] = true
		}
	}
	return owns
}

// owningUnits lists the units that own something: the handlers of use
// cases and the writers of tables.
func (s *state) owningUnits() []int {
	var out []int
	seen := map[int]bool{}
	add := func(i int) {
		if !seen[i] {
			seen[i] = true
			out = append(out, i)
		}
	}
	for _, ep := range s.eps {
		if !s.owningEntry(ep) {
			continue
		}
		// The handler owns the use case. A func literal's targets only
		// start its reach: they are whatever the literal calls.
		if i, ok := s.idx[ep.Handler]; ok {
			add(i)
		}
	}
	for i, u := range s.units {
		for _, t := range u.Tables {
			if writesData(t) {
				add(i)
			}
		}
	}
	sort.Ints(out)
	return out
}

// owningEntry reports whether an entry point makes its handler's code a
// capability: a use case (a route, an RPC, a consumer, a job, a command, a
// declared entry point), not an operator's probe or an operation of the
// program itself (see operational and opCommand).
func (s *state) owningEntry(ep model.EntryPoint) bool {
	if !business(ep) || ep.Mount || operational(ep) {
		return false
	}
	// A route whose handler was not resolved (a method value of an
	// interface the registering function was given) has no code of its
	// own: its handler field names the function that registers it, which
	// is wiring, not the use case.
	if len(ep.Targets) == 0 && ep.Kind == model.EntryHTTP {
		return false
	}
	if ep.Kind == model.EntryCLI {
		return !opCommand(ep.Trigger.Command) && !s.serverCmds[ep.ID]
	}
	if ep.Kind == model.EntryWorker {
		// A protocol server's accept loop (Framework "net") is named for
		// serving whatever it serves: its name says nothing.
		return ep.Framework == "net" || !opWorker(ep.Trigger.Command)
	}
	return true
}

// opWorker reports whether a background worker operates the program
// rather than doing the application's work: it serves the program's
// listener, checks for updates, reports metrics or health, reloads the
// configuration on a signal. A word of its function's name says so
// (listmonk's checkUpdates).
func opWorker(name string) bool {
	if i := strings.LastIndex(name, "."); i >= 0 {
		name = name[i+1:]
	}
	for _, w := range words(name) {
		if opWorkers[w] {
			return true
		}
	}
	return false
}

var opWorkers = setOf("serve", "server", "listen", "update", "updates", "version", "metrics", "health", "healthcheck",
	"pprof", "debug", "signal", "signals", "reload", "telemetry", "profiler")

// opCommand reports whether a command operates the program rather than
// serving a use case: it starts the server, migrates or sets up the
// database, installs, upgrades, backs up, prints versions, docs or
// completions, checks the configuration. The last word of the command's
// path says so (`migrate sql` is judged by "migrate").
func opCommand(cmd string) bool {
	for _, w := range strings.Fields(strings.ToLower(cmd)) {
		// A probe is one whatever it answers on: `mailpit readyz` is the
		// command form of GET /readyz (the same words as operational's).
		if opCommands[w] || probeWords[strings.TrimSuffix(w, "z")] {
			return true
		}
	}
	return false
}

var probeWords = setOf("health", "healthcheck", "ready", "readiness", "live", "liveness", "ping", "metrics")

var opCommands = setOf("serve", "server", "run", "start", "web", "daemon", "worker", "migrate", "migration",
	"migrations", "upgrade", "install", "init", "setup", "dump", "backup", "restore", "version", "completion", "help",
	"config", "check", "doctor", "healthcheck", "health", "gen", "generate", "docs", "doc", "man", "build", "env")

// absorbNonOwners merges every community that owns nothing into the
// community it is most tied to, owners first; the most tied go first, so
// that a chain of libraries ends with its user.
func (s *state) absorbNonOwners(g *commGraph, owns map[int]bool) {
	// Structural ties of each community to the kernel: code the kernel
	// uses more than any service does is plumbing of the kernel's own
	// (an error handler only the router installs, the docs it serves).
	kernelTie := map[int]float64{}
	for i := range s.units {
		if !s.active(i) {
			continue
		}
		for _, e := range s.calls[i] {
			// Only the kernel's use counts: every fragment calls plumbing.
			if s.st[e.to] == stKernel && s.uses(e.to, i) {
				kernelTie[s.cnode(i)] += e.w
			}
		}
	}
	// Code no use case reaches but that commands or the program's start
	// run is program tooling (install, upgrade, dump, set-up): the kernel's.
	served, tooling := s.servedUnits()
	reached := map[int]int{} // community → 1 served, 2 tooling only
	for i := range s.units {
		if !s.active(i) {
			continue
		}
		c := s.cnode(i)
		switch {
		case served[i]:
			reached[c] = 1
		case tooling[i] && reached[c] == 0:
			reached[c] = 2
		}
	}
	// When the use cases reach less than the operations do, the use cases
	// are not all visible (a command framework splitter cannot read): then
	// nothing can be told to be tooling.
	visible := len(served) >= len(tooling)
	for _, c := range g.roots() {
		if !owns[c] && reached[c] == 2 && len(owns) > 0 && visible {
			g.size[c] = 0
			s.isolateAs(g, c, model.RoleWiring, "shared kernel: program tooling that commands or the program's start run and no use case reaches")
		}
	}
	for {
		roots := g.roots()
		if len(roots) <= 1 {
			return
		}
		bestC, bestD, bestW := -1, -1, 0.0
		for _, c := range roots {
			if owns[c] {
				continue
			}
			for _, d := range roots {
				if d == c {
					continue
				}
				w := g.between(c, d) / float64(g.size[c])
				if !owns[d] {
					w /= 4 // a library joins a library only when no user is in sight
				}
				if w > bestW {
					bestC, bestD, bestW = c, d, w
				}
			}
		}
		if bestC < 0 {
			// What is left ties to nothing: with no owner at all, the
			// biggest non-owner stands for the application.
			if len(owns) == 0 {
				sort.Slice(roots, func(i, j int) bool { return g.size[roots[i]] > g.size[roots[j]] })
				owns[roots[0]] = true
				continue
			}
			for _, c := range roots {
				if !owns[c] {
					g.size[c] = 0 // isolated: the kernel takes it
					s.isolate(g, c)
				}
			}
			return
		}
		if kw := kernelTie[bestC] / float64(g.size[bestC]); kw > bestW {
			g.size[bestC] = 0
			s.isolate(g, bestC)
			continue
		}
		kernelTie[g.find(bestD)] += kernelTie[bestC]
		g.merge(bestD, bestC)
		owns[g.find(bestD)] = true
	}
}

// uses reports whether unit a calls or refers to unit b.
func (s *state) uses(a, b int) bool {
	for _, j := range s.out[a] {
		if j == b {
			return true
		}
	}
	if s.refsTo == nil {
		s.refsTo = make([]map[int]bool, len(s.units))
		for _, e := range s.m.Edges {
			if e.Kind == model.EdgeCall || e.Kind == model.EdgeMethod {
				continue
			}
			x, ok1 := s.idx[e.From]
			y, ok2 := s.idx[e.To]
			if ok1 && ok2 {
				if s.refsTo[x] == nil {
					s.refsTo[x] = map[int]bool{}
				}
				s.refsTo[x][y] = true
			}
		}
	}
	return s.refsTo[a][b]
}

// isolate sends the units of community c to the kernel.
func (s *state) isolate(g *commGraph, c int) {
	s.isolateAs(g, c, model.RoleLibrary, "shared kernel: tied to no service (it owns no use case and no table)")
}

func (s *state) isolateAs(g *commGraph, c int, role model.Role, why string) {
	for i := range s.units {
		if s.active(i) && g.find(s.cnode(i)) == c {
			s.st[i], s.role[i] = stKernel, role
			s.why[i] = why
		}
	}
}

// servedUnits lists the units a use case reaches (from the owning entry
// points' targets) and the ones only commands, jobs and the program's start
// reach.
func (s *state) servedUnits() (served, tooling map[int]bool) {
	var use, ops []string
	for _, ep := range s.eps {
		if s.owningEntry(ep) {
			use = append(use, ep.Targets...)
		} else if !ep.Mount {
			ops = append(ops, ep.Targets...)
		}
	}
	served, tooling = map[int]bool{}, map[int]bool{}
	for _, i := range s.reachAll(use) {
		served[i] = true
	}
	for _, i := range s.reachAll(ops) {
		if !served[i] {
			tooling[i] = true
		}
	}
	return served, tooling
}

// mergeTo merges communities by best modularity gain until n remain.
func mergeTo(g *commGraph, n int) {
	for {
		roots := g.roots()
		if len(roots) <= n {
			return
		}
		bestA, bestB, bestQ := -1, -1, 0.0
		first := true
		for i, a := range roots {
			for _, b := range roots[i+1:] {
				if g.between(a, b) <= 0 {
					continue
				}
				if q := g.gain(a, b); first || q > bestQ {
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
}

func (s *state) assignFrom(g *commGraph) []int {
	assign := make([]int, len(s.units))
	for i := range s.units {
		assign[i] = -1
		if s.active(i) {
			assign[i] = g.find(s.cnode(i))
		}
	}
	return assign
}
