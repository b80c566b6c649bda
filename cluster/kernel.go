package cluster

import (
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// layout says whether the module is modular: packages grouped under module
// directories (internal/<module>/...) that mostly import each other.
type layout struct {
	depth int     // directory depth of the module roots; 0 = not modular
	score float64 // share of imports that stay inside a module root
	rel   map[string]string
}

// group returns the module directory of a package ("" when it has none).
func (l layout) group(pkg string) string {
	rel, ok := l.rel[pkg]
	if !ok || l.depth == 0 {
		return ""
	}
	parts := strings.Split(rel, "/")
	if len(parts) < l.depth {
		return ""
	}
	return strings.Join(parts[:l.depth], "/")
}

// relPaths maps each package to its path inside its module.
func relPaths(m *model.Model) map[string]string {
	rel := map[string]string{}
	for _, p := range m.Packages {
		best := ""
		for _, mod := range m.Modules {
			if (p.Path == mod.Path || strings.HasPrefix(p.Path, mod.Path+"/")) && len(mod.Path) > len(best) {
				best = mod.Path
			}
		}
		if best == "" {
			best = m.Module
		}
		rel[p.Path] = strings.TrimPrefix(strings.TrimPrefix(p.Path, best), "/")
	}
	return rel
}

// detectLayout finds the directory depth at which the module's packages
// form modules: at least three directories of two or more packages, with
// at least 30% of the imports between non-main packages staying inside them.
func detectLayout(m *model.Model, s *state) layout {
	rel := relPaths(m)
	mains := map[string]bool{}
	for _, p := range m.Packages {
		if p.Name == "main" {
			mains[p.Path] = true
		}
	}
	best := layout{rel: rel}
	for depth := 1; depth <= 3; depth++ {
		l := layout{depth: depth, rel: rel}
		size := map[string]int{}
		for _, p := range m.Packages {
			if g := l.group(p.Path); g != "" && !mains[p.Path] {
				size[g]++
			}
		}
		multi := 0
		for _, n := range size {
			if n >= 2 {
				multi++
			}
		}
		if multi < 3 {
			continue
		}
		inside, total := 0, 0
		for _, p := range m.Packages {
			if mains[p.Path] {
				continue
			}
			for _, imp := range p.Imports {
				ga, gb := l.group(p.Path), l.group(imp)
				if ga == "" || gb == "" || mains[imp] {
					continue
				}
				total++
				if ga == gb {
					inside++
				}
			}
		}
		if total == 0 {
			continue
		}
		l.score = float64(inside) / float64(total)
		if l.score >= 0.3 && l.score > best.score {
			best = l
		}
	}
	return best
}

// detectKernel marks the units that go to the shared kernel before
// clustering, and the ones to decide after it (pending):
//   - units of main packages (wiring), unless they handle an entry point;
//   - utility packages: not main, importing only utility packages, imported
//     by some package, and carrying no domain word in their path or file
//     names (and, on modular layouts, not inside a domain module);
//   - packages most of whose units half of the application's resources
//     reach, and that write no table (see spreadPackages);
//   - packages imported by a quarter of the module's packages that carry no
//     domain word and write no table;
//   - the configured shared packages.
//
// Pending are the units of a multi-domain package (two or more files named
// after domain words) whose file and name carry no domain word (a router,
// health checks, the god struct's type, scan helpers) and the entry-point
// handlers of main packages outside domain-named files. They join the
// service they are clearly tied to, or the kernel. Generated code (protobuf
// messages, gRPC stubs, sqlc queries) is pending too: it belongs to the
// service whose code uses it.
func (s *state) detectKernel() {
	m := s.m
	s.kernel = make([]bool, len(s.units))
	s.pending = make([]bool, len(s.units))
	handlers := map[string]bool{}
	for _, ep := range m.EntryPoints {
		if ep.Kind == model.EntryMain || ep.Kind == model.EntryInit {
			continue
		}
		handlers[ep.Handler] = true
		for _, t := range ep.Targets {
			handlers[t] = true
		}
	}
	pkgs := map[string]*model.Package{}
	fanIn := map[string]int{}
	for i := range m.Packages {
		p := &m.Packages[i]
		pkgs[p.Path] = p
		for _, imp := range p.Imports {
			fanIn[imp]++
		}
	}
	files := map[string]map[string]bool{} // package → files
	for _, u := range s.units {
		if files[u.Package] == nil {
			files[u.Package] = map[string]bool{}
		}
		files[u.Package][u.File] = true
	}
	domainFiles := func(pkg string) int {
		n := 0
		for f := range files[pkg] {
			if len(s.vocab.fileTokens(f)) > 0 {
				n++
			}
		}
		return n
	}
	domainBearing := map[string]bool{}
	for path := range pkgs {
		rel := s.layout.rel[path]
		if len(s.vocab.filter(tokens(rel))) > 0 || domainFiles(path) >= 2 {
			domainBearing[path] = true
		}
	}
	// On a modular layout a package inside a module that has domain
	// packages belongs to the module, whatever its name.
	if s.layout.depth > 0 {
		modDomain := map[string]bool{}
		for path := range pkgs {
			if g := s.layout.group(path); g != "" && domainBearing[path] {
				modDomain[g] = true
			}
		}
		for path := range pkgs {
			if g := s.layout.group(path); g != "" && modDomain[g] {
				domainBearing[path] = true
			}
		}
	}
	shared := map[string]bool{}
	for _, sp := range s.opts.SharedPackages {
		for path := range pkgs {
			if seedMatches(Seed{Package: sp}, &model.Unit{Package: path}) {
				shared[path] = true
			}
		}
	}
	utility := map[string]bool{}
	paths := make([]string, 0, len(pkgs))
	for p := range pkgs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for changed := true; changed; {
		changed = false
		for _, path := range paths {
			p := pkgs[path]
			if utility[path] || p.Name == "main" || domainBearing[path] || fanIn[path] < 1 {
				continue
			}
			ok := true
			for _, imp := range p.Imports {
				if !utility[imp] {
					ok = false
					break
				}
			}
			if ok {
				utility[path] = true
				changed = true
			}
		}
	}
	pinned := func(u *model.Unit) bool {
		for _, seed := range s.opts.Seeds {
			if seedMatches(seed, u) {
				return true
			}
		}
		return false
	}
	for path := range s.spreadPackages() {
		if !pinnedPkg(s, path) {
			shared[path] = true
		}
	}
	// Imported by a quarter of the packages (four or more), named after no
	// domain and writing no table: configuration, request and response
	// helpers, whatever else they import.
	nonMain := 0
	for _, p := range pkgs {
		if p.Name != "main" {
			nonMain++
		}
	}
	writes := map[string]bool{}
	for _, u := range s.units {
		for _, t := range u.Tables {
			if t.Op == "write" && t.Via != "const" {
				writes[u.Package] = true
			}
		}
	}
	for path, p := range pkgs {
		if p.Name != "main" && !domainBearing[path] && !writes[path] && fanIn[path] >= max(4, nonMain/4) && !pinnedPkg(s, path) {
			shared[path] = true
		}
	}
	for i, u := range s.units {
		p := pkgs[u.Package]
		switch {
		case pinned(u):
		case shared[u.Package] || utility[u.Package]:
			s.kernel[i] = true
		case p != nil && p.Name == "main" && !handlers[u.ID]:
			s.kernel[i] = true
		case u.Generated:
			s.pending[i] = true // generated code follows the code that uses it
		case p != nil && p.Name == "main" && len(s.vocab.fileTokens(u.File)) == 0:
			s.pending[i] = true // a command's handler in the wiring code
		case domainFiles(u.Package) >= 2 && len(s.vocab.fileTokens(u.File)) == 0 &&
			len(s.vocab.filter(tokens(u.Recv+" "+u.Name))) == 0:
			s.pending[i] = true
		}
	}
}

// settlePending gives each pending unit the community it is clearly tied
// to (at least 60% of its ties, through calls, references, methods and
// tables), or the kernel. Rounds repeat while units settle, so pending units
// can follow each other (a generated getter follows its message type, which
// follows the server that uses it).
func (s *state) settlePending(assign []int) {
	tableComm := map[string]map[int]float64{}
	for i, u := range s.units {
		if assign[i] < 0 {
			continue
		}
		for _, t := range u.Tables {
			if tableComm[t.Table] == nil {
				tableComm[t.Table] = map[int]float64{}
			}
			tableComm[t.Table][assign[i]]++
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range s.units {
			if !s.pending[i] || assign[i] >= 0 {
				continue
			}
			aff := s.affinity(i, assign)
			for _, t := range s.units[i].Tables {
				for c, n := range tableComm[t.Table] {
					aff[c] += 2 * n / float64(len(tableComm[t.Table])+1)
				}
			}
			best, bestW, total := -1, 0.0, 0.0
			for c, w := range aff {
				total += w
				if w > bestW || (w == bestW && c < best) {
					best, bestW = c, w
				}
			}
			if best >= 0 && bestW >= 1 && bestW >= 0.6*total {
				assign[i] = best
				changed = true
			}
		}
	}
	for i := range s.units {
		if s.pending[i] && assign[i] < 0 {
			s.kernel[i] = true
		}
	}
}

func pinnedPkg(s *state, path string) bool {
	for _, seed := range s.opts.Seeds {
		if seed.Unit == "" && seedMatches(seed, &model.Unit{Package: path}) {
			return true
		}
	}
	return false
}

// resource names the part of the application an entry point serves: the
// first path segment after any version (/v1/orders/{id} → orders), the gRPC
// service, the topic's first word, the command.
func resource(ep model.EntryPoint) string {
	switch ep.Kind {
	case model.EntryHTTP:
		for _, seg := range strings.Split(ep.Trigger.Path, "/") {
			if seg == "" || strings.ContainsAny(seg, "{}:*?") || isVersion(seg) || seg == "api" {
				continue
			}
			return "http:" + seg
		}
		return "http:/"
	case model.EntryGRPC:
		return "grpc:" + ep.Trigger.Service
	case model.EntryConsumer:
		if f := strings.FieldsFunc(ep.Trigger.Topic, func(r rune) bool { return r == '.' || r == '-' || r == '_' || r == '/' }); len(f) > 0 {
			return "topic:" + f[0]
		}
		return "topic:"
	}
	return string(ep.Kind) + ":" + ep.Trigger.Command + ep.Trigger.Schedule
}

func isVersion(seg string) bool {
	return len(seg) >= 2 && seg[0] == 'v' && isNumber(seg[1:])
}

// spreadPackages finds plumbing by use: packages most of whose units are
// reached (through calls) from at least half of the application's resources
// (and three or more), and that write no table. Whatever their names, such
// packages serve every domain: configuration, request helpers, templates.
func (s *state) spreadPackages() map[string]bool {
	resources := map[string]int{}
	var eps []model.EntryPoint
	for _, ep := range s.m.EntryPoints {
		if ep.Kind == model.EntryMain || ep.Kind == model.EntryInit || ep.Kind == model.EntryDeclared {
			continue
		}
		r := resource(ep)
		if _, ok := resources[r]; !ok {
			resources[r] = len(resources)
		}
		eps = append(eps, ep)
	}
	need := max(3, (len(resources)+1)/2)
	if len(resources) < 3 {
		return nil
	}
	reachedBy := make([]map[int]bool, len(s.units))
	for _, ep := range eps {
		r := resources[resource(ep)]
		for _, i := range s.reachAll(ep.Targets) {
			if reachedBy[i] == nil {
				reachedBy[i] = map[int]bool{}
			}
			reachedBy[i][r] = true
		}
	}
	spread, total := map[string]int{}, map[string]int{}
	writes := map[string]bool{}
	for i, u := range s.units {
		total[u.Package]++
		if len(reachedBy[i]) >= need {
			spread[u.Package]++
		}
		for _, t := range u.Tables {
			if t.Op == "write" && t.Via != "const" {
				writes[u.Package] = true
			}
		}
	}
	out := map[string]bool{}
	for p, n := range spread {
		if !writes[p] && 2*n > total[p] {
			out[p] = true
		}
	}
	return out
}

// reachAll lists every unit reachable from the targets over call edges.
func (s *state) reachAll(targets []string) []int {
	seen := map[int]bool{}
	var queue []int
	for _, t := range targets {
		if i, ok := s.idx[t]; ok && !seen[i] {
			seen[i] = true
			queue = append(queue, i)
		}
	}
	for k := 0; k < len(queue); k++ {
		for _, e := range s.callsOut(queue[k]) {
			if !seen[e] {
				seen[e] = true
				queue = append(queue, e)
			}
		}
	}
	return queue
}
