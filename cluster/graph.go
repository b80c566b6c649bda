package cluster

import (
	"math"
	"math/rand/v2"
	"sort"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/splitter-go/splitter/model"
)

// link adds weight between two graph nodes (atoms are 0..natoms-1,
// features after).
func (s *state) link(a, b int, w float64) {
	if a == b || w <= 0 {
		return
	}
	if a > b {
		a, b = b, a
	}
	s.w[[2]int{a, b}] += w
}

// featureNode returns the node of a named feature, creating it.
func (s *state) featureNode(name string) int {
	if n, ok := s.feature[name]; ok {
		return n
	}
	n := s.natoms + s.nfeat
	s.nfeat++
	s.feature[name] = n
	return n
}

// buildAtoms groups the active units by file: a file is the smallest piece
// of code a team moves, and Louvain on files instead of units is several
// times faster on large modules. Units of one file that belong to
// different services are rare; the kernel and pending rules, which work on
// units, take the usual ones (a route table, a god struct's helpers) out
// of their files first.
func (s *state) buildAtoms() {
	s.atomOf = make([]int, len(s.units))
	ids := map[string]int{}
	s.natoms = 0
	for i, u := range s.units {
		s.atomOf[i] = -1
		if !s.active(i) {
			continue
		}
		a, ok := ids[u.File]
		if !ok {
			a = s.natoms
			ids[u.File] = a
			s.natoms++
		}
		s.atomOf[i] = a
	}
}

// cnode returns the community of an active unit (through its atom).
func (s *state) cnode(i int) int { return s.node[s.atomOf[i]] }

// quantize rounds a weight to 1/256 so that sums are exact whatever their
// order: Louvain's results then do not depend on map iteration order.
func quantize(w float64) float64 { return math.Round(w*256) / 256 }

// wordKey names the feature node of a domain word as seen from a unit: in a
// module the word is the module's own (a bounded context has its own
// language: "room" in a sync module is not "room" in a room-server module);
// in layers it is the application's, shared across layers.
func (s *state) wordKey(u *model.Unit, t string) string {
	if mod := s.layout.module(u.Package); mod != "" {
		return "word:" + t + "@" + mod
	}
	return "word:" + t
}

// buildGraph links the active units' atoms to each other and to feature
// nodes.
func (s *state) buildGraph() {
	W := s.opts.Weights
	s.buildAtoms()
	s.w = map[[2]int]float64{}
	s.feature = map[string]int{}
	s.nfeat = 0
	// Methods of a type spread over many files (a god struct) pull weakly
	// towards their type.
	typeFiles := map[string]map[string]bool{}
	for _, u := range s.units {
		if u.Kind == model.KindMethod {
			t := u.Package + "." + u.Recv
			if typeFiles[t] == nil {
				typeFiles[t] = map[string]bool{}
			}
			typeFiles[t][u.File] = true
		}
	}
	for _, e := range s.m.Edges {
		a, ok1 := s.idx[e.From]
		b, ok2 := s.idx[e.To]
		if !ok1 || !ok2 || !s.active(a) || !s.active(b) {
			continue
		}
		scale := 1 + math.Log(float64(max(e.Weight, 1)))
		x, y := s.atomOf[a], s.atomOf[b]
		switch e.Kind {
		case model.EdgeCall:
			s.link(x, y, W.Call*scale)
		case model.EdgeRef:
			s.link(x, y, W.Ref*scale)
		case model.EdgeEmbed:
			s.link(x, y, W.Embed)
		case model.EdgeMethod:
			files := len(typeFiles[e.To])
			s.link(x, y, W.Method/float64(max(files, 1)*max(files, 1)))
		case model.EdgeGlobalRead, model.EdgeGlobalWrite:
			s.link(x, y, W.Global*scale)
		}
	}
	for i, u := range s.units {
		if !s.active(i) {
			continue
		}
		a := s.atomOf[i]
		// Words the resources promote (client, repo) name services but do
		// not tie code: elsewhere they still mean what they generically do.
		for _, t := range s.vocab.fileTokens(u.File) {
			if !s.vocab.promoted[t] {
				s.link(a, s.featureNode(s.wordKey(u, t)), W.FileName)
			}
		}
		for _, t := range s.vocab.pathTokens(s.belowArea(u.Package)) {
			if !s.vocab.promoted[t] {
				s.link(a, s.featureNode(s.wordKey(u, t)), W.Path)
			}
		}
		for _, t := range s.vocab.nameTokens(u) {
			if !s.vocab.promoted[t] {
				s.link(a, s.featureNode(s.wordKey(u, t)), W.Name)
			}
		}
		for _, tu := range u.Tables {
			if isSchema(tu) {
				continue
			}
			w := W.Table
			if tu.Op == "write" {
				w *= 1.5
			}
			s.link(a, s.featureNode("table:"+tu.Table), w)
		}
		if mod := s.layout.module(u.Package); mod != "" {
			s.link(a, s.featureNode("dir:"+mod), W.Dir*s.layout.locality[mod])
		}
	}
	s.useCaseLinks()
	s.historyLinks()
	s.profileLinks()
	seedNode := make([]int, len(s.opts.Seeds))
	for k, seed := range s.opts.Seeds {
		seedNode[k] = s.featureNode("seed:" + seed.Service)
	}
	for i, u := range s.units {
		if s.active(i) {
			for _, k := range s.seeds.unit(u) {
				s.link(s.atomOf[i], seedNode[k], 1000)
			}
		}
	}
}

// belowArea returns a package's path inside its area: the part that names
// domains in a layer (models/issues → issues), or sub-parts of a module.
func (s *state) belowArea(pkg string) string {
	rel, area := s.layout.rel[pkg], s.layout.area[pkg]
	if len(rel) > len(area) {
		return rel[len(area):]
	}
	if s.layout.module(pkg) == "" {
		return area // a layer's own name is a stopword or a domain word
	}
	return ""
}

// useCaseLinks ties each business entry point to the units it reaches, and
// the handlers of one resource to each other.
func (s *state) useCaseLinks() {
	W := s.opts.Weights
	cands := make([][]useCase, len(s.units))
	for k, ep := range s.eps {
		if !business(ep) || ep.Mount {
			continue // they reach everything and mean nothing
		}
		node := s.featureNode("ep:" + ep.ID)
		res := s.featureNode("res:" + s.resource(ep))
		for _, t := range ep.Targets {
			if i, ok := s.idx[t]; ok && s.active(i) {
				s.link(s.atomOf[i], node, W.Handler)
				s.link(s.atomOf[i], res, W.Handler/2)
			}
		}
		reach := s.useCaseReach(k)
		w := W.UseCase / math.Sqrt(float64(len(reach)+1))
		for _, i := range reach {
			if s.active(i) {
				cands[i] = append(cands[i], useCase{node, w, k})
			}
		}
	}
	s.reachedBy = make([][]useCase, len(s.units))
	// Each unit keeps its maxUseCases most specific use cases (the ones
	// reaching the fewest units): a unit reached from everywhere learns
	// nothing from its hundredth use case, and each link costs Louvain time.
	for i, cs := range cands {
		sort.Slice(cs, func(a, b int) bool {
			if cs[a].w != cs[b].w {
				return cs[a].w > cs[b].w
			}
			return cs[a].node < cs[b].node
		})
		if len(cs) > maxUseCases {
			cs = cs[:maxUseCases]
		}
		for _, c := range cs {
			s.link(s.atomOf[i], c.node, c.w)
		}
		s.reachedBy[i] = cs
	}
}

// maxUseCases bounds the use-case links of one unit.
const maxUseCases = 8

type useCase struct {
	node int
	w    float64
	ep   int // index in s.eps
}

// useCaseDepth bounds the call depth a use case reaches: what a handler
// reaches within a few calls is what it is about; beyond, every path ends in
// the same shared plumbing, and walking it costs more than it tells.
const useCaseDepth = 3

// useCaseReach is the reach of entry point k (by index in s.eps),
// computed once: the use-case links and the data rules both read it.
func (s *state) useCaseReach(k int) []int {
	if s.epReach == nil {
		s.epReach = map[int][]int{}
	}
	r, ok := s.epReach[k]
	if !ok {
		r = s.reach(s.eps[k].Targets)
		s.epReach[k] = r
	}
	return r
}

// reach lists the units reachable from the targets over call edges, up to
// useCaseDepth calls away.
func (s *state) reach(targets []string) []int {
	depth := map[int]int{}
	var queue []int
	for _, t := range targets {
		if i, ok := s.idx[t]; ok {
			if _, seen := depth[i]; !seen {
				depth[i] = 0
				queue = append(queue, i)
			}
		}
	}
	for k := 0; k < len(queue); k++ {
		d := depth[queue[k]]
		if d == useCaseDepth {
			continue
		}
		for _, e := range s.out[queue[k]] {
			if _, seen := depth[e]; !seen {
				depth[e] = d + 1
				queue = append(queue, e)
			}
		}
	}
	sort.Ints(queue)
	return queue
}

// historyLinks ties units of files that change together.
func (s *state) historyLinks() {
	if s.opts.Weights.History <= 0 || len(s.opts.CoChange) == 0 {
		return
	}
	atomOfFile := map[string]int{}
	for i, u := range s.units {
		if a := s.atomOf[i]; a >= 0 {
			atomOfFile[u.File] = a
		}
	}
	for pair, n := range s.opts.CoChange {
		a, ok1 := atomOfFile[pair[0]]
		b, ok2 := atomOfFile[pair[1]]
		if ok1 && ok2 {
			s.link(a, b, s.opts.Weights.History*math.Log1p(float64(n)))
		}
	}
}

// communities runs Louvain and returns the fragment of every unit (-1 for
// the units not clustered).
func (s *state) communities() []int {
	n := s.natoms + s.nfeat
	g := simple.NewWeightedUndirectedGraph(0, 0)
	for i := 0; i < n; i++ {
		g.AddNode(simple.Node(i))
	}
	keys := make([][2]int, 0, len(s.w))
	for k := range s.w {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(k[0]), simple.Node(k[1]), quantize(s.w[k])))
	}
	src := rand.NewPCG(s.opts.RandSeed, 0x5eed)
	reduced := community.Modularize(g, s.opts.Resolution, src)
	assign := make([]int, len(s.units))
	for i := range assign {
		assign[i] = -1
	}
	s.node = make([]int, n)
	for c, members := range reduced.Communities() {
		for _, nd := range members {
			s.node[int(nd.ID())] = c
		}
	}
	for i := range s.units {
		if s.active(i) {
			assign[i] = s.cnode(i)
		}
	}
	return assign
}

// featureName returns the name of a feature node.
func (s *state) featureName(n int) string {
	if s.featNames == nil {
		s.featNames = make([]string, s.nfeat)
		for name, id := range s.feature {
			s.featNames[id-s.natoms] = name
		}
	}
	return s.featNames[n-s.natoms]
}
