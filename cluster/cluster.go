// Package cluster proposes service boundaries for a Go monolith. A service
// is a business capability: it owns use cases (entry points) and data (the
// tables it writes). The decomposition groups units (funcs, methods, types,
// vars), not packages, so that a layered codebase is cut vertically
// (handler, service, repository and model of one domain together) and a
// modular one along its modules.
//
// It runs in steps (docs/ARCHITECTURE.md and README.md say more):
//
//  1. Scope: tests, mocks, examples, tools and packages no program imports
//     are left out (Scope).
//  2. Roles: program wiring, plumbing and schema code go to the shared
//     kernel before clustering, so that they cannot glue domains together;
//     generated code and helpers of multi-domain packages wait (pending).
//  3. Fragments: Louvain community detection (gonum) on one weighted graph
//     of the remaining units and "feature" nodes: a unit is linked to the
//     units it calls and references, and to its file, its domain words,
//     the tables its SQL touches, the entry points that reach it and, in a
//     module directory, its module.
//  4. Capabilities: a fragment that owns no use case and no table is not a
//     service and joins the one it is most tied to; owning fragments merge
//     while the merge makes the cut cheaper (see capability.go).
//  5. Libraries: code that owns nothing and serves several services goes to
//     the kernel; with one user, it goes with that user.
//  6. Names from the domain, chosen by an assignment of words to services.
//
// Decompose writes its result into the model.
package cluster

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Weights are the strengths of the coupling signals. Structural weights
// apply per edge (scaled by 1+ln(weight)); feature weights per link between
// a unit and a feature node.
type Weights struct {
	Call, Ref, Embed, Method, Global float64 // structural edges
	File                             float64 // units declared in the same file
	FileName                         float64 // a domain word in the unit's file name
	Path                             float64 // a domain word in the unit's package path (below its area)
	Name                             float64 // a domain word in the unit's own name
	Table                            float64 // a table the unit's SQL touches (writes count 1.5×)
	UseCase                          float64 // an entry point that reaches the unit (scaled down by the reach's size)
	Handler                          float64 // the unit handles an entry point of a resource
	Dir                              float64 // the module directory (scaled by how much the module keeps its imports at home)
	History                          float64 // co-change in git history (opt-in)
	Profile                          float64 // work observed on call edges by --profile (opt-in, profile.go)
}

// DefaultWeights are documented in README.md ("How services are found").
var DefaultWeights = Weights{
	Call: 1, Ref: 0.5, Embed: 1, Method: 2, Global: 0.5,
	File: 1.5, FileName: 3, Path: 2, Name: 1, Table: 2, UseCase: 1, Handler: 2, Dir: 6, History: 1,
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
	// Resolution is the Louvain resolution of the fragments: higher gives
	// more, smaller fragments (and so, often, more services).
	Resolution float64
	// Services asks for about this many services (0: as the code says).
	Services int
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
	// Trace, when set, is shown every level of the services' merge, with
	// the merge going on down to one service (for benchmarks that score
	// each level): the number of services and each unit's service id (-1
	// for the kernel; code left out is absent). The result is the same.
	Trace func(k int, unitService map[string]int)
}

func (o *Options) defaults() {
	if o.Weights == (Weights{}) {
		o.Weights = DefaultWeights
	}
	if o.Resolution == 0 {
		o.Resolution = 1
	}
	if o.RandSeed == 0 {
		o.RandSeed = 1
	}
}

// unitState is where a unit stands during the decomposition.
type unitState uint8

const (
	stActive  unitState = iota // clustered
	stPending                  // decided after clustering, by affinity
	stKernel                   // shared kernel
	stOut                      // not part of the application
)

// state is the working data of one decomposition.
type state struct {
	m      *model.Model
	opts   Options
	units  []*model.Unit
	idx    map[string]int
	pkgs   map[string]*model.Package
	scope  map[string]model.Role // left-out packages
	vocab  *vocabulary
	layout layout
	st     []unitState
	role   []model.Role // why a kernel unit is in the kernel
	calls  [][]wedge    // structural ties of each unit, both directions
	out    [][]int      // call successors

	// The signal graph: units are nodes 0..n-1, features after.
	w       map[[2]int]float64
	nfeat   int
	feature map[string]int
	node    []int // Louvain community of every graph node
	atomOf  []int // unit → its atom (file) in the graph, -1 when not clustered
	natoms  int
	adj     [][]wedge

	featNames []string
	owner     map[string]string // package → its majority service
	svcWords  map[int]map[string]bool
	refsTo    []map[int]bool // non-call references, built lazily
	reachedBy [][]useCase    // the most specific use cases reaching each unit
	epReach   map[int][]int  // each entry point's reach (useCaseReach)
	eps       []model.EntryPoint
	why       map[int]string    // extra detail for a unit's reason
	joined    map[int]joinedWhy // why a unit's community joined its service (mergeDependents)
	stubs     map[int]bool      // units of thin services tied to no other (mergeThin): the kernel's
	seeds     *seedIndex        // the declared services' packages and units
	cmdGroup  map[string]string // CLI entry point → its command group (groupCommands)
	// serverCmds are the commands that start a server (a listener is in
	// their reach): they run the program, whatever their name.
	serverCmds map[string]bool
	// utility are the packages the kernel took as utilities before
	// clustering (detectKernel); utilitiesToUsers gives those that one
	// service uses to it.
	utility map[string]bool
}

type wedge struct {
	to int
	w  float64
}

// Decompose computes services for m and writes them into it: Services,
// Moves, Metrics, each package's Role and each unit's Service and Why. A
// second call replaces the first's results.
func Decompose(m *model.Model, opts Options) error {
	opts.defaults()
	s := &state{m: m, opts: opts, idx: map[string]int{}, pkgs: map[string]*model.Package{}, why: map[int]string{}}
	for i := range m.Packages {
		m.Packages[i].Service, m.Packages[i].Role = "", ""
		s.pkgs[m.Packages[i].Path] = &m.Packages[i]
	}
	for i := range m.Units {
		s.units = append(s.units, &m.Units[i])
		s.idx[m.Units[i].ID] = i
		m.Units[i].Service, m.Units[i].Why = "", nil
	}
	m.Services, m.Moves, m.Metrics = nil, nil, nil
	if len(s.units) == 0 {
		return nil
	}
	s.st = make([]unitState, len(s.units))
	s.role = make([]model.Role, len(s.units))
	s.scope = Scope(m)
	s.seeds = newSeedIndex(opts.Seeds)
	for p := range s.scope { // what the user declares is in scope
		if len(s.seeds.pkg(p)) > 0 {
			delete(s.scope, p)
		}
	}
	testFiles := TestFiles(m, s.scope)
	for i, u := range s.units {
		if r, ok := s.scope[u.Package]; ok {
			s.st[i], s.role[i] = stOut, r
		} else if testFiles[u.File] {
			s.st[i], s.role[i] = stOut, model.RoleTest
		}
	}
	for _, ep := range m.EntryPoints {
		if i, ok := s.idx[ep.Handler]; ok && s.st[i] == stOut {
			continue
		}
		s.eps = append(s.eps, ep)
	}
	trimMountPrefix(s.eps)
	markGenericHandlers(s.eps)
	s.serverCmds = model.ServerCommands(m)
	s.groupCommands()
	s.layout = detectLayout(m, s.scope)
	s.vocab = buildVocabulary(m, s.eps, func(u *model.Unit) bool { _, left := s.scope[u.Package]; return !left })
	s.indexCalls()
	s.detectKernel()
	s.buildGraph()
	s.communities()
	assign := s.capabilities()
	s.settlePending(assign)
	s.utilitiesToUsers(assign)
	assign = renumber(assign)
	names := s.name(assign)
	s.write(assign, names)
	return nil
}

// markGenericHandlers treats as mounts the entry points whose handler
// answers routes of three or more resources: a redirect to another router,
// a file server, a catch-all "not found". Such a handler is plumbing, not
// the use case of any of them (kratos' RedirectToAdminRoute answers 51
// routes), so it neither owns nor ties code. Two resources may share a
// handler as an alias (/users and /members); three are not one resource.
func markGenericHandlers(eps []model.EntryPoint) {
	resources := map[string]map[string]bool{}
	for _, ep := range eps {
		if !namedHandler(ep) {
			continue
		}
		if resources[ep.Handler] == nil {
			resources[ep.Handler] = map[string]bool{}
		}
		resources[ep.Handler][resource(ep)] = true
	}
	for k := range eps {
		if namedHandler(eps[k]) && len(resources[eps[k].Handler]) >= 3 {
			eps[k].Mount = true
		}
	}
}

// namedHandler reports whether an HTTP route's handler is a function of its
// own; a func literal's handler is the function that encloses it (a route
// table), whose routes are told apart by their targets.
func namedHandler(ep model.EntryPoint) bool {
	return ep.Kind == model.EntryHTTP && !ep.Mount && !strings.Contains(ep.Function, "$")
}

// trimMountPrefix removes from the HTTP paths the leading segments that
// more than half of the routes share (/answer/api/v1/question → /question):
// such a prefix is where the application is mounted, not a resource, and
// its words are not domain words.
func trimMountPrefix(eps []model.EntryPoint) {
	var paths [][]string
	var at []int
	for k, ep := range eps {
		if ep.Kind == model.EntryHTTP {
			paths = append(paths, strings.Split(strings.Trim(ep.Trigger.Path, "/"), "/"))
			at = append(at, k)
		}
	}
	if len(paths) < 4 {
		return
	}
	skip := make([]int, len(paths)) // leading segments dropped from each path
	for {
		count := map[string]int{}
		for p, segs := range paths {
			if skip[p] < len(segs) {
				count[strings.Join(segs[:skip[p]+1], "/")]++
			}
		}
		moved := false
		for p, segs := range paths {
			if skip[p] < len(segs)-1 && 2*count[strings.Join(segs[:skip[p]+1], "/")] > len(paths) {
				skip[p]++
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	for p, k := range at {
		if skip[p] > 0 {
			eps[k].Trigger.Path = "/" + strings.Join(paths[p][skip[p]:], "/")
		}
	}
}

// indexCalls keeps the structural ties by unit, both directions, for
// affinity, and the call successors for reach.
func (s *state) indexCalls() {
	s.calls = make([][]wedge, len(s.units))
	s.out = make([][]int, len(s.units))
	for _, e := range s.m.Edges {
		a, ok1 := s.idx[e.From]
		b, ok2 := s.idx[e.To]
		if !ok1 || !ok2 || a == b {
			continue
		}
		w := 0.0
		switch e.Kind {
		case model.EdgeCall:
			w = 1 + math.Log(float64(max(e.Weight, 1)))
			s.out[a] = append(s.out[a], b)
		case model.EdgeRef, model.EdgeEmbed, model.EdgeGlobalRead, model.EdgeGlobalWrite:
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

// active reports whether a unit takes part in community detection.
func (s *state) active(i int) bool { return s.st[i] == stActive }

// business reports whether an entry point is a use case: not the
// program's start, not a mount (its routes are the use cases).
func business(ep model.EntryPoint) bool {
	return ep.Kind != model.EntryMain && ep.Kind != model.EntryInit
}

// affinity sums, per community, the structural weight that ties unit i to
// it.
func (s *state) affinity(i int, assign []int) map[int]float64 {
	aff := map[int]float64{}
	for _, e := range s.calls[i] {
		if c := assign[e.to]; c >= 0 {
			aff[c] += e.w
		}
	}
	return aff
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

// countCommunities returns how many communities hold units.
func countCommunities(assign []int) int {
	n := 0
	for _, c := range assign {
		n = max(n, c+1)
	}
	return n
}

func seedMatches(seed Seed, u *model.Unit) bool {
	if seed.Unit != "" {
		return seed.Unit == u.ID
	}
	if p, ok := cutSuffix(seed.Package, "/..."); ok {
		return u.Package == p || len(u.Package) > len(p) && u.Package[:len(p)+1] == p+"/"
	}
	return seed.Package != "" && u.Package == seed.Package
}

func cutSuffix(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// String describes a decomposition for debugging.
func (s *state) String() string {
	return fmt.Sprintf("%d units, %d features, %d module areas", len(s.units), s.nfeat, len(s.layout.locality))
}
