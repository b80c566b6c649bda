package cluster

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/metrics"
	"github.com/splitter-go/splitter/model"
)

// name gives every community a readable name: the domain word its units,
// entry points and tables share most, in the form the routes use ("orders"),
// or the module directory on modular layouts; configured renames apply last.
func (s *state) name(assign []int) map[int]string {
	n := countCommunities(assign)
	score := make([]map[string]float64, n)
	dirs := make([]map[string]int, n)
	pkgs := make([]map[string]int, n)
	sizes := make([]int, n)
	for c := range score {
		score[c] = map[string]float64{}
		dirs[c] = map[string]int{}
		pkgs[c] = map[string]int{}
	}
	for i, u := range s.units {
		c := assign[i]
		if c < 0 {
			continue
		}
		sizes[c]++
		pkgs[c][path.Base(u.Package)]++
		if u.Generated {
			continue // stubs name the API, not the domain
		}
		for _, t := range s.vocab.fileTokens(u.File) {
			score[c][t] += 2
		}
		for _, t := range s.vocab.filter(tokens(u.Recv + " " + u.Name)) {
			score[c][t]++
		}
		for _, tu := range u.Tables {
			for _, t := range s.vocab.filter(tokens(tu.Table)) {
				score[c][t]++
			}
		}
		if g := s.layout.group(u.Package); g != "" {
			dirs[c][g]++
		}
	}
	for _, ep := range s.m.EntryPoints {
		i, ok := s.idx[ep.Handler]
		if !ok || assign[i] < 0 {
			continue
		}
		for _, seg := range strings.Split(ep.Trigger.Path, "/") {
			for _, t := range s.vocab.filter(tokens(seg)) {
				score[assign[i]][t] += 3
			}
		}
	}
	names := map[int]string{}
	used := map[string]bool{model.SharedService: true}
	order := make([]int, n)
	for c := range order {
		order[c] = c
	}
	// Bigger services choose first.
	sort.SliceStable(order, func(a, b int) bool { return sizes[order[a]] > sizes[order[b]] })
	for _, c := range order {
		var cands []string
		if dir, cnt := top(dirs[c]); dir != "" && cnt*2 > sizes[c] {
			cands = append(cands, path.Base(dir))
		}
		words := make([]string, 0, len(score[c]))
		for w := range score[c] {
			words = append(words, w)
		}
		sort.Slice(words, func(a, b int) bool {
			if score[c][words[a]] != score[c][words[b]] {
				return score[c][words[a]] > score[c][words[b]]
			}
			return words[a] < words[b]
		})
		for _, w := range words {
			cands = append(cands, s.vocab.surface[w])
		}
		// No domain word: the packages its units come from, most first.
		byCount := make([]string, 0, len(pkgs[c]))
		for p := range pkgs[c] {
			byCount = append(byCount, p)
		}
		sort.Slice(byCount, func(a, b int) bool {
			if pkgs[c][byCount[a]] != pkgs[c][byCount[b]] {
				return pkgs[c][byCount[a]] > pkgs[c][byCount[b]]
			}
			return byCount[a] < byCount[b]
		})
		cands = append(cands, byCount...)
		if len(byCount) > 0 {
			for k := 2; k < 10; k++ {
				cands = append(cands, fmt.Sprintf("%s-%d", byCount[0], k))
			}
		}
		name := ""
		for _, cand := range cands {
			if cand != "" && !used[cand] {
				name = cand
				break
			}
		}
		if name == "" {
			name = fmt.Sprintf("service-%d", c+1)
		}
		if alt, ok := s.opts.Names[name]; ok {
			name = alt
		}
		used[name] = true
		names[c] = name
	}
	for _, seed := range s.opts.Seeds {
		node, ok := s.feature["seed:"+seed.Service]
		if !ok {
			continue
		}
		for i := range s.units {
			if assign[i] >= 0 && s.node[i] == s.node[node] {
				names[assign[i]] = seed.Service
				break
			}
		}
	}
	return names
}

func top(m map[string]int) (string, int) {
	best, n := "", 0
	for k, v := range m {
		if v > n || (v == n && k < best) {
			best, n = k, v
		}
	}
	return best, n
}

// write records the decomposition in the model.
func (s *state) write(assign []int, names map[int]string) {
	m := s.m
	svcOf := make([]string, len(s.units))
	for i, u := range s.units {
		svcOf[i] = model.SharedService
		if assign[i] >= 0 {
			svcOf[i] = names[assign[i]]
		}
		for _, seed := range s.opts.Seeds {
			if seedMatches(seed, u) {
				svcOf[i] = seed.Service
			}
		}
		u.Service = svcOf[i]
		u.Why = s.why(i, assign, svcOf)
	}
	byName := map[string]*model.Service{}
	get := func(n string) *model.Service {
		if sv, ok := byName[n]; ok {
			return sv
		}
		sv := &model.Service{Name: n, Units: []string{}, Packages: []string{}, EntryPoints: []string{},
			Tables: []string{}, SharedTables: []string{}, API: []string{}, DependsOn: []model.ServiceLink{}, UsedBy: []model.ServiceLink{}}
		byName[n] = sv
		return sv
	}
	get(model.SharedService)
	pkgSvcs := map[string]map[string]int{}
	for i, u := range s.units {
		sv := get(svcOf[i])
		sv.Units = append(sv.Units, u.ID)
		sv.LOC += u.LOC
		if pkgSvcs[u.Package] == nil {
			pkgSvcs[u.Package] = map[string]int{}
		}
		pkgSvcs[u.Package][svcOf[i]]++
	}
	// Packages: whole, or split with moves to make.
	for i := range m.Packages {
		p := &m.Packages[i]
		svcs := pkgSvcs[p.Path]
		if len(svcs) == 0 {
			continue
		}
		owner, _ := top(svcs)
		p.Service = owner
		if len(svcs) == 1 {
			get(owner).Packages = append(get(owner).Packages, p.Path)
			continue
		}
		for n := range svcs {
			get(n).Split = append(get(n).Split, p.Path)
		}
	}
	for i, u := range s.units {
		if p := m.Packages; len(p) > 0 && svcOf[i] != model.SharedService {
			if owner := s.pkgOwner(u.Package); owner != svcOf[i] {
				reason := "assigned to " + svcOf[i]
				if len(u.Why) > 0 {
					reason = u.Why[0].Detail
				}
				m.Moves = append(m.Moves, model.Move{Unit: u.ID, Package: u.Package, To: svcOf[i], Reason: reason})
			}
		}
	}
	for _, ep := range m.EntryPoints {
		if i, ok := s.idx[ep.Handler]; ok {
			sv := get(svcOf[i])
			sv.EntryPoints = append(sv.EntryPoints, ep.ID)
		}
	}
	// Tables: a table written by one service is that service's (others that
	// read it share it); written by several, or read by several and written
	// by none, it is shared by all that touch it.
	writers := map[string]map[string]bool{}
	touch := map[string]map[string]bool{}
	for i, u := range s.units {
		for _, t := range u.Tables {
			if svcOf[i] == model.SharedService && t.Via == "const" {
				continue // DDL and constants in the kernel do not claim tables
			}
			if touch[t.Table] == nil {
				touch[t.Table], writers[t.Table] = map[string]bool{}, map[string]bool{}
			}
			touch[t.Table][svcOf[i]] = true
			if t.Op == "write" {
				writers[t.Table][svcOf[i]] = true
			}
		}
	}
	sharedTables := 0
	for t, svcs := range touch {
		if len(svcs) > 1 {
			sharedTables++
		}
		owner := ""
		switch {
		case len(writers[t]) == 1:
			for w := range writers[t] {
				owner = w
			}
		case len(writers[t]) == 0 && len(svcs) == 1:
			for w := range svcs {
				owner = w
			}
		}
		for n := range svcs {
			if n == owner {
				get(n).Tables = append(get(n).Tables, t)
			} else {
				get(n).SharedTables = append(get(n).SharedTables, t)
			}
		}
	}
	// API and dependencies from call edges between services.
	deps := map[[2]string]int{}
	api := map[string]map[string]bool{}
	for _, e := range m.Edges {
		if e.Kind != model.EdgeCall {
			continue
		}
		a, ok1 := s.idx[e.From]
		b, ok2 := s.idx[e.To]
		if !ok1 || !ok2 || svcOf[a] == svcOf[b] || svcOf[a] == model.SharedService || svcOf[b] == model.SharedService {
			continue
		}
		deps[[2]string{svcOf[a], svcOf[b]}] += e.Weight
		if api[svcOf[b]] == nil {
			api[svcOf[b]] = map[string]bool{}
		}
		api[svcOf[b]][e.To] = true
	}
	for k, n := range deps {
		get(k[0]).DependsOn = append(get(k[0]).DependsOn, model.ServiceLink{Service: k[1], Calls: n})
		get(k[1]).UsedBy = append(get(k[1]).UsedBy, model.ServiceLink{Service: k[0], Calls: n})
	}
	for n, units := range api {
		for u := range units {
			get(n).API = append(get(n).API, u)
		}
	}
	// Extraction plan: fewest shared tables, then fewest callers, then fewest
	// callees, then smallest: the first can leave with the least cutting.
	var plan []*model.Service
	for n, sv := range byName {
		if n != model.SharedService {
			plan = append(plan, sv)
		}
	}
	inbound := func(sv *model.Service) int {
		n := 0
		for _, l := range sv.UsedBy {
			n += l.Calls
		}
		return n
	}
	outbound := func(sv *model.Service) int {
		n := 0
		for _, l := range sv.DependsOn {
			n += l.Calls
		}
		return n
	}
	sort.Slice(plan, func(i, j int) bool {
		a, b := plan[i], plan[j]
		if len(a.SharedTables) != len(b.SharedTables) {
			return len(a.SharedTables) < len(b.SharedTables)
		}
		if inbound(a) != inbound(b) {
			return inbound(a) < inbound(b)
		}
		if outbound(a) != outbound(b) {
			return outbound(a) < outbound(b)
		}
		if a.LOC != b.LOC {
			return a.LOC < b.LOC
		}
		return a.Name < b.Name
	})
	for rank, sv := range plan {
		sv.Extraction = rank + 1
	}
	for _, sv := range byName {
		m.Services = append(m.Services, *sv)
	}
	a := metrics.Assignment{}
	for i, u := range s.units {
		a[u.ID] = svcOf[i]
	}
	mt := metrics.Compute(m, a, metrics.Options{Shared: model.SharedService})
	m.Metrics = &model.Metrics{Services: mt.K, Modularity: round(mt.Modularity), ICP: round(mt.ICP), BCP: round(mt.BCP),
		SM: round(mt.SM), IFN: round(mt.IFN), NED: round(mt.NED), CrossServiceCalls: mt.CrossServiceCalls.Weight, SharedTables: sharedTables}
	m.Normalize()
}

// round keeps metrics to 4 decimals so that the JSON is stable and readable.
func round(x float64) float64 {
	if x != x { // NaN
		return 0
	}
	return float64(int64(x*10000+sign(x)*0.5)) / 10000
}

func sign(x float64) float64 {
	if x < 0 {
		return -1
	}
	return 1
}

func (s *state) pkgOwner(pkg string) string {
	if s.owner == nil {
		s.owner = map[string]string{}
		for _, p := range s.m.Packages {
			s.owner[p.Path] = p.Service
		}
	}
	return s.owner[pkg]
}

// why lists the strongest pulls that keep unit i in its service.
func (s *state) why(i int, assign []int, svcOf []string) []model.Reason {
	if assign[i] < 0 {
		u := s.units[i]
		detail := "shared kernel: used across services and tied to none"
		switch {
		case s.isolated[i]:
			detail = "shared kernel: too few units tied together to make a service"
		case s.pending[i]:
			detail = "shared kernel: in a multi-domain package, and not clearly tied to one service"
		case s.pkgIsMain(u.Package):
			detail = "shared kernel: program wiring in package main"
		default:
			detail = "shared kernel: utility package used by several packages, with no domain of its own"
		}
		return []model.Reason{{Signal: "kernel", Detail: detail, Weight: 1}}
	}
	var rs []model.Reason
	if s.adj == nil {
		s.adj = make([][]wedge, len(s.units))
		for k, w := range s.w {
			if k[0] < len(s.units) {
				s.adj[k[0]] = append(s.adj[k[0]], wedge{k[1], w})
			}
			if k[1] < len(s.units) {
				s.adj[k[1]] = append(s.adj[k[1]], wedge{k[0], w})
			}
		}
	}
	// Links to units and features that sit in the same community.
	for _, e := range s.adj[i] {
		other, w := e.to, e.w
		if s.node[other] != s.node[i] && (s.graph == nil || s.graph.find(s.node[other]) != s.graph.find(s.node[i])) {
			continue
		}
		if other < len(s.units) {
			rs = append(rs, model.Reason{Signal: "call", Detail: "tied to " + s.units[other].ID, Weight: round(w)})
			continue
		}
		name := s.featureName(other)
		kind, val, _ := strings.Cut(name, ":")
		switch kind {
		case "word":
			rs = append(rs, model.Reason{Signal: "name", Detail: "domain word " + s.vocab.surface[val], Weight: round(w)})
		case "table":
			rs = append(rs, model.Reason{Signal: "table", Detail: "uses table " + val, Weight: round(w)})
		case "ep":
			rs = append(rs, model.Reason{Signal: "usecase", Detail: "reached by " + val, Weight: round(w)})
		case "file":
			rs = append(rs, model.Reason{Signal: "file", Detail: "declared in " + val, Weight: round(w)})
		case "dir":
			rs = append(rs, model.Reason{Signal: "package", Detail: "in module " + val, Weight: round(w)})
		case "seed":
			rs = append(rs, model.Reason{Signal: "seed", Detail: "pinned by config to " + val, Weight: round(w)})
		}
	}
	sort.Slice(rs, func(a, b int) bool {
		if rs[a].Weight != rs[b].Weight {
			return rs[a].Weight > rs[b].Weight
		}
		return rs[a].Detail < rs[b].Detail
	})
	if len(rs) > 3 {
		rs = rs[:3]
	}
	return rs
}

func (s *state) pkgIsMain(pkg string) bool {
	for _, p := range s.m.Packages {
		if p.Path == pkg {
			return p.Name == "main"
		}
	}
	return false
}

// featureName returns the name of a feature node (names are few: a linear
// search over a reverse index built once).
func (s *state) featureName(n int) string {
	if s.featNames == nil {
		s.featNames = make([]string, s.nfeat)
		for name, id := range s.feature {
			s.featNames[id-len(s.units)] = name
		}
	}
	return s.featNames[n-len(s.units)]
}
