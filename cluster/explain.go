package cluster

import (
	"sort"

	"github.com/splitter-go/splitter/metrics"
	"github.com/splitter-go/splitter/model"
)

// write records the decomposition in the model.
func (s *state) write(assign []int, names map[int]string) {
	m := s.m
	svcOf := make([]string, len(s.units))
	for i, u := range s.units {
		svcOf[i] = model.SharedService
		if assign[i] >= 0 {
			svcOf[i] = names[assign[i]]
		}
		if s.st[i] == stOut {
			svcOf[i] = ""
		}
		if ks := s.seeds.unit(u); len(ks) > 0 {
			svcOf[i] = s.opts.Seeds[ks[len(ks)-1]].Service // the last declared wins
		}
		u.Service = svcOf[i]
		u.Why = s.reasons(i, assign)
	}
	s.packageRoles(svcOf)
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
		if svcOf[i] == "" {
			continue // left out
		}
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
		if p := m.Packages; len(p) > 0 && svcOf[i] != model.SharedService && svcOf[i] != "" {
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
		if i, ok := s.idx[ep.Handler]; ok && svcOf[i] != "" {
			sv := get(svcOf[i])
			sv.EntryPoints = append(sv.EntryPoints, ep.ID)
		}
	}
	// Tables: each table has one owner, the service whose code writes it
	// most (units that write it); other services that write or read it
	// share it. The kernel owns a table only when no service writes it
	// (a certificate cache); migrations and schema set-up never count.
	writes := map[string]map[string]int{}
	touch := map[string]map[string]bool{}
	for i, u := range s.units {
		for _, t := range u.Tables {
			if svcOf[i] == "" || isSchema(t) || s.role[i] == model.RoleSchema {
				continue // migrations and schema set-up do not claim tables
			}
			if svcOf[i] == model.SharedService && t.Via == "const" {
				continue // DDL and constants in the kernel do not claim tables
			}
			if touch[t.Table] == nil {
				touch[t.Table], writes[t.Table] = map[string]bool{}, map[string]int{}
			}
			touch[t.Table][svcOf[i]] = true
			if t.Op == "write" {
				writes[t.Table][svcOf[i]]++
			}
		}
	}
	sharedTables := 0
	for _, t := range sortedKeys(touch) {
		svcs := touch[t]
		owner, most := "", 0
		for _, n := range sortedKeys(writes[t]) {
			if c := writes[t][n]; n != model.SharedService && c > most {
				owner, most = n, c
			}
		}
		if owner == "" && writes[t][model.SharedService] > 0 {
			owner = model.SharedService
		}
		if owner == "" && len(svcs) == 1 {
			for n := range svcs {
				owner = n
			}
		}
		shared := false
		for n := range svcs {
			if n == owner {
				get(n).Tables = append(get(n).Tables, t)
			} else if n != model.SharedService {
				get(n).SharedTables = append(get(n).SharedTables, t)
				shared = true
			}
		}
		if shared {
			sharedTables++
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
		if !ok1 || !ok2 || svcOf[a] == svcOf[b] || svcOf[a] == model.SharedService || svcOf[b] == model.SharedService || svcOf[a] == "" || svcOf[b] == "" {
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
		if svcOf[i] != "" {
			a[u.ID] = svcOf[i]
		}
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

// reasons lists the strongest pulls that keep unit i in its service, or
// why it is in the kernel or left out.
func (s *state) reasons(i int, assign []int) []model.Reason {
	u := s.units[i]
	if s.st[i] == stOut {
		return []model.Reason{{Signal: "scope", Detail: "left out: " + leftOutDetail(s.role[i]), Weight: 1}}
	}
	if assign[i] < 0 {
		detail := s.why[i]
		if detail == "" {
			switch s.role[i] {
			case model.RoleWiring:
				detail = "shared kernel: program wiring"
				if s.pkgIsMain(u.Package) {
					detail = "shared kernel: program wiring in package main"
				}
			case model.RoleSchema:
				detail = "shared kernel: migrations and schema set-up, which touch every table and own none"
			case model.RoleLibrary:
				detail = "shared kernel: a library several services use"
			default:
				detail = "shared kernel: plumbing every service uses, with no domain of its own"
			}
		}
		return []model.Reason{{Signal: "kernel", Detail: detail, Weight: 1}}
	}
	return s.pulls(i, assign)
}

// pulls lists the strongest ties of a clustered unit to its service: the
// units of the service it calls and is called by, the domain words it
// shares with the service's entry points and tables, the tables, the use
// cases of the service that reach it, its module.
func (s *state) pulls(i int, assign []int) []model.Reason {
	W := s.opts.Weights
	u := s.units[i]
	c := assign[i]
	var rs []model.Reason
	if d := s.why[i]; d != "" {
		rs = append(rs, model.Reason{Signal: "library", Detail: d, Weight: 1})
	}
	ties := map[int]float64{}
	for _, e := range s.calls[i] {
		if assign[e.to] == c {
			ties[e.to] += e.w
		}
	}
	for j, w := range ties {
		rs = append(rs, model.Reason{Signal: "call", Detail: "tied to " + s.units[j].ID, Weight: round(w * W.Call)})
	}
	if s.svcWords == nil {
		s.svcWords = s.communityWords(assign)
	}
	seen := map[string]bool{}
	word := func(t string, w float64) {
		if s.svcWords[c][t] && !seen[t] {
			seen[t] = true
			rs = append(rs, model.Reason{Signal: "name", Detail: "domain word " + s.vocab.surface[t], Weight: round(w)})
		}
	}
	for _, t := range s.vocab.fileTokens(u.File) {
		word(t, W.FileName)
	}
	for _, t := range s.vocab.pathTokens(s.belowArea(u.Package)) {
		word(t, W.Path)
	}
	for _, t := range s.vocab.nameTokens(u) {
		word(t, W.Name)
	}
	for _, tu := range u.Tables {
		if isSchema(tu) || seen["table:"+tu.Table] {
			continue
		}
		seen["table:"+tu.Table] = true
		w := W.Table
		if tu.Op == "write" {
			w *= 1.5
		}
		rs = append(rs, model.Reason{Signal: "table", Detail: "uses table " + tu.Table, Weight: round(w)})
	}
	for _, k := range s.reachedBy[i] {
		ep := s.eps[k.ep]
		if h, ok := s.idx[ep.Handler]; ok && assign[h] == c {
			rs = append(rs, model.Reason{Signal: "usecase", Detail: "reached by " + ep.ID, Weight: round(k.w)})
		}
	}
	if mod := s.layout.module(u.Package); mod != "" {
		rs = append(rs, model.Reason{Signal: "package", Detail: "in module " + mod, Weight: round(W.Dir * s.layout.locality[mod])})
	}
	sort.SliceStable(rs, func(a, b int) bool {
		if rs[a].Weight != rs[b].Weight {
			return rs[a].Weight > rs[b].Weight
		}
		return rs[a].Detail < rs[b].Detail
	})
	if j, ok := s.joined[i]; ok && j.witness >= 0 && assign[j.witness] == c {
		d := j.why
		// Why it is here and not in a service of its own comes first,
		// weighing as much as its strongest tie.
		w := 1.0
		if len(rs) > 0 {
			w = rs[0].Weight
		}
		rs = append([]model.Reason{{Signal: "usecase", Detail: d, Weight: w}}, rs...)
	}
	if len(rs) > 3 {
		rs = rs[:3]
	}
	return rs
}

func leftOutDetail(r model.Role) string {
	switch r {
	case model.RoleTest:
		return "test code (helpers, mocks, fakes) that no application package imports"
	case model.RoleExample:
		return "an example or demo program, or code only examples import"
	case model.RoleTool:
		return "a build tool or code generator, or code only tools import"
	}
	return "no program of the module imports it (an SDK for clients, or dead code)"
}

// packageRoles records each package's role: the left-out role of its
// units, or the kernel role most of its units have when they are all in
// the kernel.
func (s *state) packageRoles(svcOf []string) {
	byPkg := map[string]map[model.Role]int{}
	units := map[string]int{}
	for i, u := range s.units {
		units[u.Package]++
		if svcOf[i] == "" || svcOf[i] == model.SharedService {
			if byPkg[u.Package] == nil {
				byPkg[u.Package] = map[model.Role]int{}
			}
			r := s.role[i]
			if r == "" {
				r = model.RolePlumbing
			}
			byPkg[u.Package][r]++
		}
	}
	for p, roles := range byPkg {
		total := 0
		best, bn := model.Role(""), 0
		for r, n := range roles {
			total += n
			if n > bn || (n == bn && r < best) {
				best, bn = r, n
			}
		}
		if total == units[p] && s.pkgs[p] != nil {
			s.pkgs[p].Role = best
		}
	}
}

func (s *state) pkgIsMain(pkg string) bool {
	for _, p := range s.m.Packages {
		if p.Path == pkg {
			return p.Name == "main"
		}
	}
	return false
}
