// Package metrics measures a decomposition of a model into services: the
// quality metrics of the Mono2Micro evaluation (Kalia et al., "Mono2Micro: a
// practical and effective tool for decomposing monolithic Java applications
// to microservices", ESEC/FSE 2021; reference code in the
// kaliaanup/Mono2Micro-FSE-2021 repository, metrics/metrics_util.py), Newman
// modularity, and per-service numbers.
//
// A decomposition is an Assignment of units to services. One service name
// (Options.Shared, "shared" by default) marks the shared kernel: code every
// service links as a library. The kernel is not a partition: it is left out
// of K and of every partition metric, and edges to or from it are ignored
// by them; its own numbers are reported in Metrics.Shared. Units the
// assignment leaves out are likewise ignored, and listed.
//
// Mono2Micro measures runtime calls between Java classes; here the units are
// Go declarations and the calls are the model's static call edges, whose
// weight is the number of call sites. Multiple call edges between the same
// two units are summed, self-calls are ignored, and a weight below 1 counts
// as 1 (an edge is at least one call).
//
// Compute is deterministic: the result does not depend on the order of the
// model's slices.
package metrics

import (
	"math"
	"sort"

	"github.com/splitter-go/splitter/model"
)

// Assignment maps unit ids to service names.
type Assignment map[string]string

// Defaults for Options.
const (
	DefaultShared  = "shared"
	DefaultMinSize = 5
	DefaultMaxSize = 20
)

// Options tune Compute. The zero value uses the defaults.
type Options struct {
	// Shared is the service name that marks the shared kernel;
	// "" means DefaultShared.
	Shared string
	// MinSize and MaxSize bound, inclusively, the size in units of a
	// non-extreme service for NED; 0 means DefaultMinSize and DefaultMaxSize
	// (Mono2Micro's 5 and 20 classes).
	MinSize, MaxSize int
	// ContextKinds lists the kinds of entry points that are business
	// contexts for BCP. Empty means every kind but main and init: those
	// start the program, not a use case, and reach nearly everything.
	ContextKinds []model.EntryKind
}

// Metrics describes a decomposition. Lower is better for ICP, BCP, IFN and
// NED; higher is better for Modularity and SM. A ratio whose denominator is
// empty (no partition, no call) is 0, except NED which is then 1.
type Metrics struct {
	// K is the number of partitions: services other than the shared kernel
	// with at least one unit of the model.
	K int `json:"k"`

	// Modularity is Newman's modularity of the partitions,
	//
	//	Q = Σ_k [ W_k/W − (D_k/2W)² ],
	//
	// on the undirected weighted graph of the units in partitions, with
	// every kind of edge (call, ref, embed, method, global-read,
	// global-write) at its model weight: W is the total weight, W_k the
	// weight of the edges inside partition k, D_k the total weighted degree
	// of its units. An edge u→v and an edge v→u add up. Self-edges are
	// ignored. 0 when there is no edge. Not a Mono2Micro metric.
	Modularity float64 `json:"modularity"`

	// ICP, the inter-partition call percentage, is
	//
	//	Σ_{calls u→v across partitions} (ln w_uv + 1) / Σ_{all calls u→v} (ln w_uv + 1)
	//
	// over the calls between units in partitions, w_uv being the call's
	// weight (call sites; Mono2Micro uses the runtime call count).
	ICP float64 `json:"icp"`

	// BCP, business context purity, is (1/K) Σ_k ln C_k, where C_k is the
	// number of distinct business contexts reaching partition k, and a
	// partition no context reaches counts ln 1 = 0. A business context is an
	// entry point (see Options.ContextKinds); entry points sharing an ID are
	// one context. It reaches every unit reachable from its Targets through
	// call edges (a breadth-first search over the whole call graph, through
	// the shared kernel and unassigned units too).
	//
	// Deviation: for a partition holding a class seen in no trace,
	// Mono2Micro's code adds an "Unknown" context; we count reached contexts
	// only.
	BCP float64 `json:"bcp"`

	// SM, structural modularity, is
	//
	//	(1/K) Σ_k μ_k/N_k² − [Σ_{i<j} σ_ij/(N_i·N_j)] / (K(K−1)/2)
	//
	// (the second term is 0 when K = 1), where N_k is the number of units
	// of partition k, μ_k the number of unordered pairs of distinct units of
	// k with a call between them (either way), and σ_ij the number of unit
	// pairs, one in i and one in j, with a call between them. Mono2Micro
	// writes the coupling term as Σ_{i≠j} σ_ij/(2·N_i·N_j) over ordered
	// pairs, which is the same.
	//
	// Deviation: Mono2Micro's code also counts a unit paired with itself
	// when it calls itself (for all but one unit of each partition); we
	// count distinct units only.
	SM float64 `json:"sm"`

	// IFN, the interface number, is (Σ_k APIUnits_k)/K: the number of units
	// called from another partition, per partition, as the Mono2Micro paper
	// defines it.
	//
	// Deviation: Mono2Micro's code instead counts the unit pairs with a
	// call across partitions (either way), divided by K.
	IFN float64 `json:"ifn"`

	// NED, the non-extreme distribution, is 1 − Σ_{k: MinSize ≤ N_k ≤ MaxSize} N_k / Σ_k N_k,
	// over the units in partitions (the shared kernel excluded), with
	// Mono2Micro's bounds 5 and 20 by default. It is 1 when K = 0.
	NED float64 `json:"ned"`

	// CrossServiceCalls counts the calls between different partitions:
	// caller→callee unit pairs and their total weight.
	CrossServiceCalls Calls `json:"crossServiceCalls"`

	// Partitions are the partitions, sorted by name.
	Partitions []Partition `json:"partitions"`
	// Shared is the shared kernel, with the same numbers as a partition but
	// counted against all partitions: Inbound is the calls from partitions
	// into the kernel, Outbound the calls from the kernel into partitions
	// (a kernel with outbound calls cannot be a library of the services),
	// APIUnits its units called from partitions. Units is 0 when the
	// assignment has no kernel.
	Shared Partition `json:"shared"`

	// Unassigned lists, sorted, the model's units the assignment gives no
	// service (or an empty name).
	Unassigned []string `json:"unassigned,omitempty"`
	// Unknown lists, sorted, the assignment's keys that are not units of the
	// model.
	Unknown []string `json:"unknown,omitempty"`
}

// Calls counts call edges: distinct caller→callee unit pairs and their total
// weight (call sites).
type Calls struct {
	Edges  int `json:"edges"`
	Weight int `json:"weight"`
}

// Partition holds the numbers of one service.
type Partition struct {
	Name string `json:"name"`
	// Units and LOC count the partition's units and the sum of their LOC.
	Units int `json:"units"`
	LOC   int `json:"loc"`
	// Inbound and Outbound are the total weights of the calls into the
	// partition from other partitions and from it to other partitions.
	// Calls to and from the shared kernel are not counted.
	Inbound  int `json:"inbound"`
	Outbound int `json:"outbound"`
	// APIUnits lists, sorted, the partition's units called from another
	// partition: its interface.
	APIUnits []string `json:"apiUnits,omitempty"`
	// Contexts is the number of business contexts reaching the partition
	// (see BCP).
	Contexts int `json:"contexts"`
}

func (o Options) withDefaults() Options {
	if o.Shared == "" {
		o.Shared = DefaultShared
	}
	if o.MinSize == 0 {
		o.MinSize = DefaultMinSize
	}
	if o.MaxSize == 0 {
		o.MaxSize = DefaultMaxSize
	}
	return o
}

func (o Options) isContext(k model.EntryKind) bool {
	if len(o.ContextKinds) == 0 {
		return k != model.EntryMain && k != model.EntryInit
	}
	for _, c := range o.ContextKinds {
		if c == k {
			return true
		}
	}
	return false
}

// Group numbers of units that are in no partition.
const (
	unassigned = -2
	kernel     = -1
)

// pair is a directed, aggregated edge between two units, by unit index.
type pair struct{ from, to, w int }

// Compute measures the decomposition a of m (see Metrics for each formula).
func Compute(m *model.Model, a Assignment, opts Options) Metrics {
	opts = opts.withDefaults()
	var r Metrics

	// Units, sorted by id, and their groups: a partition number, kernel or
	// unassigned.
	units := make([]*model.Unit, len(m.Units))
	for i := range m.Units {
		units[i] = &m.Units[i]
	}
	sort.SliceStable(units, func(i, j int) bool { return units[i].ID < units[j].ID })
	index := make(map[string]int, len(units))
	for i, u := range units {
		index[u.ID] = i
	}
	var names []string
	seen := map[string]bool{}
	for _, u := range units {
		if s := a[u.ID]; s != "" && s != opts.Shared && !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	sort.Strings(names)
	number := make(map[string]int, len(names))
	for k, s := range names {
		number[s] = k
	}
	r.K = len(names)
	r.Partitions = make([]Partition, r.K)
	for k, s := range names {
		r.Partitions[k].Name = s
	}
	r.Shared.Name = opts.Shared
	group := make([]int, len(units))
	for i, u := range units {
		s := a[u.ID]
		switch {
		case s == "":
			group[i] = unassigned
			r.Unassigned = append(r.Unassigned, u.ID)
			continue
		case s == opts.Shared:
			group[i] = kernel
		default:
			group[i] = number[s]
		}
		p := r.part(group[i])
		p.Units++
		p.LOC += u.LOC
	}
	for id := range a {
		if _, ok := index[id]; !ok {
			r.Unknown = append(r.Unknown, id)
		}
	}
	sort.Strings(r.Unknown)

	calls, all := edges(m, index)
	r.couplings(calls, group, units)
	r.ICP = icp(calls, group)
	r.SM = sm(calls, group, r.Partitions)
	r.Modularity = modularity(all, group, r.K)
	r.contexts(m, opts, calls, group, index)
	r.NED = ned(r.Partitions, opts)
	if r.K > 0 {
		api, bcp := 0, 0.0
		for _, p := range r.Partitions {
			api += len(p.APIUnits)
			if p.Contexts > 0 {
				bcp += math.Log(float64(p.Contexts))
			}
		}
		r.IFN = float64(api) / float64(r.K)
		r.BCP = bcp / float64(r.K)
	}
	return r
}

// part returns the partition of group g, or the kernel.
func (r *Metrics) part(g int) *Partition {
	if g == kernel {
		return &r.Shared
	}
	return &r.Partitions[g]
}

// edges returns the call edges and the edges of every kind, aggregated by
// caller and callee (and weights summed), between distinct known units,
// sorted by caller then callee.
func edges(m *model.Model, index map[string]int) (calls, all []pair) {
	type key struct{ from, to int }
	cw, aw := map[key]int{}, map[key]int{}
	for _, e := range m.Edges {
		from, ok1 := index[e.From]
		to, ok2 := index[e.To]
		if !ok1 || !ok2 || from == to {
			continue
		}
		w := max(e.Weight, 1)
		aw[key{from, to}] += w
		if e.Kind == model.EdgeCall {
			cw[key{from, to}] += w
		}
	}
	list := func(ws map[key]int) []pair {
		ps := make([]pair, 0, len(ws))
		for k, w := range ws {
			ps = append(ps, pair{k.from, k.to, w})
		}
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].from != ps[j].from {
				return ps[i].from < ps[j].from
			}
			return ps[i].to < ps[j].to
		})
		return ps
	}
	return list(cw), list(aw)
}

// couplings fills CrossServiceCalls and the partitions' and kernel's
// Inbound, Outbound and APIUnits.
func (r *Metrics) couplings(calls []pair, group []int, units []*model.Unit) {
	api := map[int]bool{}
	for _, c := range calls {
		gf, gt := group[c.from], group[c.to]
		if gf == unassigned || gt == unassigned || gf == gt || (gf == kernel && gt == kernel) {
			continue
		}
		if gf >= 0 && gt >= 0 {
			r.CrossServiceCalls.Edges++
			r.CrossServiceCalls.Weight += c.w
		}
		// A call between a partition and the kernel counts for the kernel
		// only.
		if gt == kernel || gf >= 0 {
			r.part(gt).Inbound += c.w
			if !api[c.to] {
				api[c.to] = true
				r.part(gt).APIUnits = append(r.part(gt).APIUnits, units[c.to].ID)
			}
		}
		if gf == kernel || gt >= 0 {
			r.part(gf).Outbound += c.w
		}
	}
	for i := range r.Partitions {
		sort.Strings(r.Partitions[i].APIUnits)
	}
	sort.Strings(r.Shared.APIUnits)
}

func icp(calls []pair, group []int) float64 {
	var inter, total float64
	for _, c := range calls {
		gf, gt := group[c.from], group[c.to]
		if gf < 0 || gt < 0 {
			continue
		}
		v := math.Log(float64(c.w)) + 1
		total += v
		if gf != gt {
			inter += v
		}
	}
	if total == 0 {
		return 0
	}
	return inter / total
}

func sm(calls []pair, group []int, parts []Partition) float64 {
	K := len(parts)
	if K == 0 {
		return 0
	}
	type key struct{ u, v int }
	linked := map[key]bool{}
	mu := make([]int, K)
	sigma := map[key]int{} // partitions i < j → σ_ij
	for _, c := range calls {
		gf, gt := group[c.from], group[c.to]
		if gf < 0 || gt < 0 {
			continue
		}
		k := key{min(c.from, c.to), max(c.from, c.to)}
		if linked[k] {
			continue
		}
		linked[k] = true
		if gf == gt {
			mu[gf]++
		} else {
			sigma[key{min(gf, gt), max(gf, gt)}]++
		}
	}
	var coh, cop float64
	for k, p := range parts {
		n := float64(p.Units)
		coh += float64(mu[k]) / (n * n)
	}
	coh /= float64(K)
	if K > 1 {
		for i := 0; i < K; i++ {
			for j := i + 1; j < K; j++ {
				if s := sigma[key{i, j}]; s > 0 {
					cop += float64(s) / (float64(parts[i].Units) * float64(parts[j].Units))
				}
			}
		}
		cop /= float64(K*(K-1)) / 2
	}
	return coh - cop
}

func modularity(all []pair, group []int, K int) float64 {
	inside := make([]int, K)
	degree := make([]int, K)
	total := 0
	for _, e := range all {
		gf, gt := group[e.from], group[e.to]
		if gf < 0 || gt < 0 {
			continue
		}
		total += e.w
		degree[gf] += e.w
		degree[gt] += e.w
		if gf == gt {
			inside[gf] += e.w
		}
	}
	if total == 0 {
		return 0
	}
	w := float64(total)
	q := 0.0
	for k := range K {
		d := float64(degree[k]) / (2 * w)
		q += float64(inside[k])/w - d*d
	}
	return q
}

// contexts fills each partition's and the kernel's Contexts: one
// breadth-first search over the call graph per business context.
func (r *Metrics) contexts(m *model.Model, opts Options, calls []pair, group []int, index map[string]int) {
	targets := map[string][]int{}
	for _, ep := range m.EntryPoints {
		if !opts.isContext(ep.Kind) {
			continue
		}
		ts := targets[ep.ID]
		for _, t := range ep.Targets {
			if i, ok := index[t]; ok {
				ts = append(ts, i)
			}
		}
		targets[ep.ID] = ts
	}
	ids := make([]string, 0, len(targets))
	for id := range targets {
		ids = append(ids, id)
	}
	sort.Strings(ids)

	succ := make([][]int, len(group))
	for _, c := range calls {
		succ[c.from] = append(succ[c.from], c.to)
	}
	visited := make([]int, len(group)) // BFS stamp per unit
	reached := make([]int, r.K+1)      // stamp per partition; the kernel last
	var queue []int
	for n, id := range ids {
		stamp := n + 1
		queue = queue[:0]
		for _, t := range targets[id] {
			if visited[t] != stamp {
				visited[t] = stamp
				queue = append(queue, t)
			}
		}
		for len(queue) > 0 {
			u := queue[0]
			queue = queue[1:]
			if g := group[u]; g != unassigned {
				slot := g
				if g == kernel {
					slot = r.K
				}
				if reached[slot] != stamp {
					reached[slot] = stamp
					r.part(g).Contexts++
				}
			}
			for _, v := range succ[u] {
				if visited[v] != stamp {
					visited[v] = stamp
					queue = append(queue, v)
				}
			}
		}
	}
}

func ned(parts []Partition, opts Options) float64 {
	in, all := 0, 0
	for _, p := range parts {
		all += p.Units
		if p.Units >= opts.MinSize && p.Units <= opts.MaxSize {
			in += p.Units
		}
	}
	if all == 0 {
		return 1
	}
	return 1 - float64(in)/float64(all)
}
