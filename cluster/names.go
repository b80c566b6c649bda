package cluster

import (
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// name gives every community a name from the domain: the words its
// evidence speaks (route segments of the entry points it handles, tables it
// writes, the names of its files, packages and types, its module
// directory), in the form the routes use ("orders"). Names are chosen
// together, by the assignment that maximises how well the names describe
// their services: a word's fit to a service is the share of the service's
// evidence it makes up times the share of the word's evidence that lies in
// the service, so a word goes where it is most specific, whichever service
// is biggest. Layer and technical words are never names; a service no
// word is left for gets its two best words joined, or its module or
// package's name. Configured renames apply last.
func (s *state) name(assign []int) map[int]string {
	n := countCommunities(assign)
	score := make([]map[string]float64, n)
	for c := range score {
		score[c] = map[string]float64{}
	}
	add := func(c int, t string, w float64) {
		if t != "" && (!badName(s.vocab.surface[t]) || s.vocab.promoted[t]) {
			score[c][t] += w
		}
	}
	mods := make([]map[string]int, n)
	pkgs := make([]map[string]int, n)
	sizes := make([]int, n)
	for c := range mods {
		mods[c], pkgs[c] = map[string]int{}, map[string]int{}
	}
	for i, u := range s.units {
		c := assign[i]
		if c < 0 {
			continue
		}
		sizes[c]++
		pkgs[c][u.Package]++
		if mod := s.layout.module(u.Package); mod != "" {
			mods[c][mod]++
		}
		if u.Generated {
			continue // stubs name the API, not the domain
		}
		for _, t := range s.vocab.fileTokens(u.File) {
			add(c, t, 2)
		}
		for _, t := range s.vocab.pathTokens(s.belowArea(u.Package)) {
			add(c, t, 1)
		}
		for _, t := range s.vocab.nameTokens(u) {
			add(c, t, 1)
		}
		for _, tu := range u.Tables {
			if isSchema(tu) {
				continue
			}
			w := 1.0
			if tu.Op == "write" {
				w = 3
			}
			for _, t := range s.vocab.text(tu.Table) {
				add(c, t, w)
			}
		}
	}
	for _, ep := range s.eps {
		i, ok := s.idx[ep.Handler]
		if !ok || assign[i] < 0 || !business(ep) || ep.Mount || operational(ep) {
			continue // an operator's route (a probe, /__stop) names no resource
		}
		for _, t := range s.vocab.text(s.resourceWords(ep)) {
			add(assign[i], t, 4)
		}
	}
	// A module's own name is its best candidate when the service is mostly
	// that module and the module owns something in it (a use case, a
	// table): a module that owns nothing is a library the service carries
	// (miniflux's integration clients, with the entries that use them),
	// not what the service is.
	owns := map[[2]string]bool{} // {community, module}
	for _, i := range s.owningUnits() {
		if c := assign[i]; c >= 0 {
			owns[[2]string{strconv.Itoa(c), s.layout.module(s.units[i].Package)}] = true
		}
	}
	// A module split over several services is a part of each, and its name
	// says which part none of them is: it names only the service that
	// holds most of it.
	modSize := map[string]int{}
	for c := range mods {
		for mod, k := range mods[c] {
			modSize[mod] += k
		}
	}
	modName := make([]string, n)
	for c := range mods {
		if mod, cnt := top(mods[c]); mod != "" && 2*cnt > sizes[c] && 2*cnt > modSize[mod] && owns[[2]string{strconv.Itoa(c), mod}] {
			if base := path.Base(mod); !badName(base) {
				modName[c] = base
			}
		}
	}
	// The candidates and their fit.
	wordTotal := map[string]float64{}
	svcTotal := make([]float64, n)
	for c := range score {
		for _, w := range sortedKeys(score[c]) {
			v := score[c][w]
			wordTotal[w] += v
			svcTotal[c] += v
		}
	}
	var cands []string
	candIdx := map[string]int{}
	// Candidates are told apart by their stems, so that a module's name and
	// a table's plural ("integration", "integrations") are one candidate and
	// cannot name two services.
	addCand := func(name string) int {
		k := nameKey(name)
		if j, ok := candIdx[k]; ok {
			return j
		}
		candIdx[k] = len(cands)
		cands = append(cands, name)
		return len(cands) - 1
	}
	fit := make([]map[int]float64, n)
	for c := range fit {
		fit[c] = map[int]float64{}
		if modName[c] != "" {
			fit[c][addCand(modName[c])] = 2 // a module names itself
		}
		for _, w := range sortedKeys(score[c]) {
			v := score[c][w]
			f := (v / svcTotal[c]) * (v / wordTotal[w])
			j := addCand(s.vocab.surface[w])
			fit[c][j] = math.Max(fit[c][j], f)
		}
	}
	// Candidate order must not depend on map order.
	order := make([]int, len(cands))
	for j := range order {
		order[j] = j
	}
	sort.Slice(order, func(a, b int) bool { return cands[order[a]] < cands[order[b]] })
	rank := make([]int, len(cands))
	for r, j := range order {
		rank[j] = r
	}
	cost := make([][]float64, n)
	for c := range cost {
		cost[c] = make([]float64, len(cands))
		for j, f := range fit[c] {
			cost[c][rank[j]] = -f
		}
	}
	sorted := make([]string, len(cands))
	for j, name := range cands {
		sorted[rank[j]] = name
	}
	names := map[int]string{}
	used := map[string]bool{nameKey(model.SharedService): true}
	for c, j := range assignMin(cost) {
		if j >= 0 && cost[c][j] < 0 {
			names[c] = sorted[j]
			used[nameKey(sorted[j])] = true
		}
	}
	// Services no word was left for: their two best words, else their
	// module, else their main package's name.
	for c := 0; c < n; c++ {
		if names[c] != "" {
			continue
		}
		var ws []string
		for w := range score[c] {
			ws = append(ws, w)
		}
		sort.Slice(ws, func(a, b int) bool {
			if score[c][ws[a]] != score[c][ws[b]] {
				return score[c][ws[a]] > score[c][ws[b]]
			}
			return ws[a] < ws[b]
		})
		var tries []string
		for a := 0; a < len(ws) && a < 3; a++ {
			for b := a + 1; b < len(ws) && b < 4; b++ {
				tries = append(tries, s.vocab.surface[ws[a]]+"-"+s.vocab.surface[ws[b]])
			}
		}
		if modName[c] != "" {
			tries = append(tries, modName[c])
		}
		for _, p := range sortedByCount(pkgs[c]) {
			for _, el := range reverse(strings.Split(s.layout.rel[p], "/")) {
				if !badName(el) {
					tries = append(tries, el)
				}
			}
		}
		// Last, the application's own name: the module's (its last element
		// below a major version), then its programs' (alertmanager's one
		// service had no word left and was named area-a).
		tries = append(tries, s.appNames()...)
		for _, t := range tries {
			if t != "" && !used[nameKey(t)] {
				names[c] = t
				break
			}
		}
		if names[c] == "" {
			names[c] = "area-" + string(rune('a'+c%26))
		}
		used[nameKey(names[c])] = true
	}
	for c, name := range names {
		if alt, ok := s.opts.Names[name]; ok {
			names[c] = alt
		}
	}
	// A seeded service keeps the name it was declared with: the community
	// most of the seed's units are in.
	seedVotes := make([]map[int]int, len(s.opts.Seeds))
	for i, u := range s.units {
		if assign[i] >= 0 {
			for _, k := range s.seeds.unit(u) {
				if seedVotes[k] == nil {
					seedVotes[k] = map[int]int{}
				}
				seedVotes[k][assign[i]]++
			}
		}
	}
	for k, seed := range s.opts.Seeds {
		votes := seedVotes[k]
		best, bn := -1, 0
		for c, n := range votes {
			if n > bn || (n == bn && c < best) {
				best, bn = c, n
			}
		}
		if best >= 0 {
			names[best] = seed.Service
		}
	}
	return names
}

// nameKey is what makes two names the same: their words' stems.
func nameKey(name string) string {
	ws := words(name)
	for i, w := range ws {
		ws[i] = stem(w)
	}
	return strings.Join(ws, "-")
}

// badName reports whether a word must not name a service: a layer,
// transport or pattern word, or a number.
func badName(w string) bool {
	w = strings.ToLower(w)
	return w == "" || stopwords[w] || layerNames[w] || technical[w] || isNumber(w) || w == model.SharedService
}

// technical words name how code works, not what it is about.
var technical = setOf("proto", "pb", "protobuf", "gen", "generated", "query", "queries", "command", "commands",
	"mock", "mocks", "test", "tests", "testing", "helper", "helpers", "util", "utils", "internal", "handler", "handlers",
	"controller", "controllers", "storage", "store", "repository", "repositories", "models", "model", "http", "grpc",
	"api", "service", "services", "adapters", "ports", "ui", "web", "server", "client", "routes", "router", "v1", "v2",
	"conf", "config", "configs", "configuration", "cfg", "manager", "managers")

func top(m map[string]int) (string, int) {
	best, n := "", 0
	for k, v := range m {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return best, n
}

func sortedByCount(m map[string]int) []string {
	out := sortedKeys(m)
	sort.SliceStable(out, func(a, b int) bool { return m[out[a]] > m[out[b]] })
	return out
}

func reverse(xs []string) []string {
	for i, j := 0, len(xs)-1; i < j; i, j = i+1, j-1 {
		xs[i], xs[j] = xs[j], xs[i]
	}
	return xs
}

// assignMin solves the assignment problem for a rows × cols cost matrix
// (rows ≤ cols or not): it returns, for each row, its column (-1 when there
// are more rows than columns and the row gets none), minimising the total
// cost. The Hungarian method with potentials, O(rows²·cols).
func assignMin(cost [][]float64) []int {
	rows := len(cost)
	if rows == 0 {
		return nil
	}
	cols := len(cost[0])
	// Pad to a square-or-wide matrix: extra rows cost 0 everywhere.
	n, m := rows, cols
	if m < n {
		m = n
	}
	at := func(i, j int) float64 {
		if i < rows && j < cols {
			return cost[i][j]
		}
		return 0
	}
	inf := math.Inf(1)
	u := make([]float64, n+1)
	v := make([]float64, m+1)
	p := make([]int, m+1) // column j → row (1-based), 0 = free
	way := make([]int, m+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		minv := make([]float64, m+1)
		used := make([]bool, m+1)
		for j := range minv {
			minv[j] = inf
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], inf, 0
			for j := 1; j <= m; j++ {
				if used[j] {
					continue
				}
				cur := at(i0-1, j-1) - u[i0] - v[j]
				if cur < minv[j] {
					minv[j], way[j] = cur, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= m; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	out := make([]int, rows)
	for i := range out {
		out[i] = -1
	}
	for j := 1; j <= m; j++ {
		if i := p[j] - 1; i >= 0 && i < rows && j-1 < cols {
			out[i] = j - 1
		}
	}
	return out
}

// appNames are the application's own names, best first: the module path's
// last element (below a major version suffix), then the directories of its
// programs, none of them a layer or technical word.
func (s *state) appNames() []string {
	var out []string
	add := func(n string) {
		n = strings.ToLower(n)
		if n != "" && !badName(n) && !isVersion(n) && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	mod := s.m.Module
	if b := path.Base(mod); isVersion(b) {
		mod = path.Dir(mod)
	}
	add(path.Base(mod))
	var mains []string
	for _, p := range s.m.Packages {
		if p.Name == "main" {
			if _, left := s.scope[p.Path]; !left {
				mains = append(mains, path.Base(p.Path))
			}
		}
	}
	sort.Strings(mains)
	for _, m := range mains {
		add(m)
	}
	return out
}
