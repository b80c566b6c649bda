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
