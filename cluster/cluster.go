// Package cluster proposes service boundaries for a Go monolith: it groups
// units (funcs, methods, types, vars), not packages, so that a layered
// codebase is cut vertically (handler, service, repository and model of one
// domain together) and a modular one along its modules.
//
// The units and a set of "feature" nodes form one weighted graph: a unit is
// linked to the units it calls and references, and to its file, its domain
// words, the tables its SQL touches, the entry points that reach it and, when
// the layout is modular, its module directory. Louvain community detection
// (gonum) runs on that graph with a fixed seed; communities are then merged
// towards a target number of services by modularity gain. Units that every
// domain needs and that belong to none (logging, config, wiring, the god
// struct's type) go to the shared kernel first, so they cannot glue domains
// together. Decompose writes its result into the model.
package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"gonum.org/v1/gonum/graph/community"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/splitter-go/splitter/model"
)

// Weights are the strengths of the coupling signals. Structural weights
// apply per edge (scaled by 1+ln(weight)); feature weights per link between
// a unit and a feature node.
type Weights struct {
	Call, Ref, Embed, Method, Global float64 // structural edges
	File                             float64 // units declared in the same file
	FileName                         float64 // a domain word in the unit's file name
	Name                             float64 // a domain word in the unit's own name
	Table                            float64 // a table the unit's SQL touches (writes count 1.5×)
	UseCase                          float64 // an entry point that reaches the unit (scaled down by the reach's size)
	Handler                          float64 // the unit handles the entry point
	Dir                              float64 // the module directory, on modular layouts (scaled by the layout score)
	History                          float64 // co-change in git history (opt-in)
	Profile                          float64 // work observed on call edges by --profile (opt-in, profile.go)
}

// DefaultWeights are documented in README.md ("How services are found").
var DefaultWeights = Weights{
	Call: 1, Ref: 0.5, Embed: 1, Method: 2, Global: 0.5,
	File: 1.5, FileName: 3, Name: 1, Table: 2, UseCase: 1, Handler: 2, Dir: 6, History: 1,
}

// Seed pins a package (pattern) or a unit to a named service.
type Seed struct {
	Service string
	Package string // a package path, or a prefix ending in "/..."
	Unit    string
}

// Options tune Decompose.
type Options struct {
	Weights Weights
	// Resolution is the Louvain resolution: higher gives more, smaller services.
	Resolution float64
	// Services asks for about this many services (0: as the graph says).
	Services int
	// MinSize: services with fewer units are merged into their best neighbour.
	MinSize int
	// Seeds pin packages or units to services; SharedPackages are the kernel.
	Seeds          []Seed
	SharedPackages []string
	// Names renames services: proposed name → wanted name.
	Names map[string]string
	// CoChange holds pairs of files changed together (from git history),
	// with how often; used when Weights.History > 0.
	CoChange map[[2]string]int
	// RandSeed fixes Louvain's random order.
	RandSeed uint64
}

func (o *Options) defaults() {
	if o.Weights == (Weights{}) {
		o.Weights = DefaultWeights
	}
	if o.Resolution == 0 {
		o.Resolution = 1
	}
	if o.MinSize == 0 {
		o.MinSize = 3
	}
	if o.RandSeed == 0 {
		o.RandSeed = 1
	}
}

// state is the working data of one decomposition.
type state struct {
	m        *model.Model
	opts     Options
	units    []*model.Unit
	idx      map[string]int
	vocab    *vocabulary
	layout   layout
	kernel   []bool // decided kernel units
	pending  []bool // kernel candidates decided after clustering by affinity
	isolated []bool // units of communities too small to be services
	calls    [][]wedge
	// feature graph
	w       map[[2]int]float64
	nfeat   int
	feature map[string]int
	out     [][]int    // call successors, built lazily
	node    []int      // Louvain community of every graph node (units and features)
	graph   *commGraph // communities as merged so far

	featNames []string
	adj       [][]wedge         // graph links of each unit, for explanations
	owner     map[string]string // package → its majority service
}

type wedge struct {
	to int
	w  float64
}

// Decompose computes services for m and writes them into it: Services,
// Moves, Metrics, and each unit's Service and Why. A second call replaces
// the first's results.
func Decompose(m *model.Model, opts Options) error {
	opts.defaults()
	s := &state{m: m, opts: opts, idx: map[string]int{}}
	for i := range m.Units {
		s.units = append(s.units, &m.Units[i])
		s.idx[m.Units[i].ID] = i
		m.Units[i].Service, m.Units[i].Why = "", nil
	}
	m.Services, m.Moves, m.Metrics = nil, nil, nil
	if len(s.units) == 0 {
		return nil
	}
	s.vocab = buildVocabulary(m)
	s.indexCalls()
	s.layout = detectLayout(m, s)
	s.detectKernel()
	s.isolated = make([]bool, len(s.units))
	s.buildGraph()
	assign := s.communities()
	assign = s.mergeSmall(assign)
	// Asked for more services than the graph gives: raise the resolution.
	for tries := 0; opts.Services > 0 && countCommunities(assign) < opts.Services && tries < 6; tries++ {
		s.opts.Resolution *= 1.5
		for i := range s.isolated {
			if s.isolated[i] {
				s.kernel[i], s.isolated[i] = false, false
			}
		}
		assign = s.mergeSmall(s.communities())
	}
	if opts.Services > 0 {
		assign = s.mergeTo(assign, opts.Services)
	}
	s.settlePending(assign)
	names := s.name(assign)
	s.write(assign, names)
	return nil
}

// indexCalls keeps the call edges by unit, both directions, for affinity.
func (s *state) indexCalls() {
	s.calls = make([][]wedge, len(s.units))
	for _, e := range s.m.Edges {
		a, ok1 := s.idx[e.From]
		b, ok2 := s.idx[e.To]
		if !ok1 || !ok2 || a == b {
			continue
		}
		w := 0.0
		switch e.Kind {
		case model.EdgeCall:
			w = 1 + math.Log(float64(e.Weight))
		case model.EdgeRef, model.EdgeEmbed:
			w = 0.5
		case model.EdgeGlobalRead, model.EdgeGlobalWrite:
			w = 0.5
		case model.EdgeMethod:
			w = 1
		default:
			continue
		}
		s.calls[a] = append(s.calls[a], wedge{b, w})
		s.calls[b] = append(s.calls[b], wedge{a, w})
	}
}

// link adds weight between two graph nodes (units are 0..n-1, features after).
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
	n := len(s.units) + s.nfeat
	s.nfeat++
	s.feature[name] = n
	return n
}

// active reports whether a unit takes part in community detection.
func (s *state) active(i int) bool { return !s.kernel[i] && !s.pending[i] }

// quantize rounds a weight to 1/256 so that sums are exact whatever their
// order: Louvain's results then do not depend on map iteration order.
func quantize(w float64) float64 { return math.Round(w*256) / 256 }

// buildGraph links the active units to each other and to feature nodes.
func (s *state) buildGraph() {
	W := s.opts.Weights
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
		switch e.Kind {
		case model.EdgeCall:
			s.link(a, b, W.Call*scale)
		case model.EdgeRef:
			s.link(a, b, W.Ref*scale)
		case model.EdgeEmbed:
			s.link(a, b, W.Embed)
		case model.EdgeMethod:
			files := len(typeFiles[e.To])
			s.link(a, b, W.Method/float64(max(files, 1)*max(files, 1)))
		case model.EdgeGlobalRead, model.EdgeGlobalWrite:
			s.link(a, b, W.Global*scale)
		}
	}
	for i, u := range s.units {
		if !s.active(i) {
			continue
		}
		s.link(i, s.featureNode("file:"+u.File), W.File)
		for _, t := range s.vocab.fileTokens(u.File) {
			s.link(i, s.featureNode("word:"+t), W.FileName)
		}
		for _, t := range s.vocab.filter(tokens(u.Recv + " " + u.Name)) {
			s.link(i, s.featureNode("word:"+t), W.Name)
		}
		for _, tu := range u.Tables {
			w := W.Table
			if tu.Op == "write" {
				w *= 1.5
			}
			s.link(i, s.featureNode("table:"+tu.Table), w)
		}
		if s.layout.depth > 0 {
			if g := s.layout.group(u.Package); g != "" {
				s.link(i, s.featureNode("dir:"+g), W.Dir*s.layout.score)
			}
		}
	}
	s.useCaseLinks()
	s.historyLinks()
	s.profileLinks()
	for _, seed := range s.opts.Seeds {
		node := s.featureNode("seed:" + seed.Service)
		for i, u := range s.units {
			if s.active(i) && seedMatches(seed, u) {
				s.link(i, node, 1000)
			}
		}
	}
}

// useCaseLinks ties each business entry point to the units it reaches.
func (s *state) useCaseLinks() {
	W := s.opts.Weights
	cands := make([][]useCase, len(s.units))
	for _, ep := range s.m.EntryPoints {
		if ep.Kind == model.EntryMain || ep.Kind == model.EntryInit {
			continue // they reach everything and mean nothing
		}
		node := s.featureNode("ep:" + ep.ID)
		for _, t := range ep.Targets {
			if i, ok := s.idx[t]; ok && s.active(i) {
				s.link(i, node, W.Handler)
			}
		}
		reach := s.reach(ep.Targets)
		w := W.UseCase / math.Sqrt(float64(len(reach)+1))
		for _, i := range reach {
			if s.active(i) {
				cands[i] = append(cands[i], useCase{node, w})
			}
		}
	}
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
			s.link(i, c.node, c.w)
		}
	}
}

// maxUseCases bounds the use-case links of one unit.
const maxUseCases = 8

type useCase struct {
	node int
	w    float64
}

// useCaseDepth bounds the call depth a use case reaches: what a handler
// reaches within a few calls is what it is about; beyond, every path ends in
// the same shared plumbing, and walking it costs more than it tells.
const useCaseDepth = 3

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
		for _, e := range s.callsOut(queue[k]) {
			if _, seen := depth[e]; !seen {
				depth[e] = d + 1
				queue = append(queue, e)
			}
		}
	}
	sort.Ints(queue)
	return queue
}

// callsOut lists the units a unit calls, built lazily from the model.
func (s *state) callsOut(i int) []int {
	if s.out == nil {
		s.out = make([][]int, len(s.units))
		for _, e := range s.m.Edges {
			if e.Kind != model.EdgeCall {
				continue
			}
			a, ok1 := s.idx[e.From]
			b, ok2 := s.idx[e.To]
			if ok1 && ok2 {
				s.out[a] = append(s.out[a], b)
			}
		}
	}
	return s.out[i]
}

// historyLinks ties units of files that change together.
func (s *state) historyLinks() {
	if s.opts.Weights.History <= 0 || len(s.opts.CoChange) == 0 {
		return
	}
	for pair, n := range s.opts.CoChange {
		a, b := s.featureNode("file:"+pair[0]), s.featureNode("file:"+pair[1])
		s.link(a, b, s.opts.Weights.History*math.Log1p(float64(n)))
	}
}

func seedMatches(seed Seed, u *model.Unit) bool {
	if seed.Unit != "" {
		return seed.Unit == u.ID
	}
	if strings.HasSuffix(seed.Package, "/...") {
		p := strings.TrimSuffix(seed.Package, "/...")
		return u.Package == p || strings.HasPrefix(u.Package, p+"/")
	}
	return seed.Package != "" && u.Package == seed.Package
}

// communities runs Louvain and returns the community of every unit (-1 for
// kernel and pending units).
func (s *state) communities() []int {
	n := len(s.units) + s.nfeat
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
			id := int(nd.ID())
			s.node[id] = c
			if id < len(s.units) && s.active(id) {
				assign[id] = c
			}
		}
	}
	return renumber(assign)
}

// renumber makes community numbers dense, in order of first unit.
func renumber(assign []int) []int {
	next := map[int]int{}
	out := make([]int, len(assign))
	for i, c := range assign {
		if c < 0 {
			out[i] = -1
			continue
		}
		if _, ok := next[c]; !ok {
			next[c] = len(next)
		}
		out[i] = next[c]
	}
	return out
}

// affinity sums, per community, the structural and feature weight that ties
// unit i to it.
func (s *state) affinity(i int, assign []int) map[int]float64 {
	aff := map[int]float64{}
	for _, e := range s.calls[i] {
		if c := assign[e.to]; c >= 0 {
			aff[c] += e.w
		}
	}
	return aff
}

// String describes a decomposition for debugging.
func (s *state) String() string {
	return fmt.Sprintf("%d units, %d features, layout depth %d score %.2f", len(s.units), s.nfeat, s.layout.depth, s.layout.score)
}
