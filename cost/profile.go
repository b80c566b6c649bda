package cost

import (
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/google/pprof/profile"

	"github.com/splitter-go/splitter/model"
)

// Observed is what runtime profiles saw, in terms of the model's units:
// each sample's stack as the chain of units it runs through, root first.
// Read builds it; Weigh writes it into the model; Compute's Options take it
// to say what share of the observed work crosses each boundary.
type Observed struct {
	// Summary is written into the model as model.Profile.
	Summary model.Profile
	units   []string // unit ids the stacks refer to
	stacks  []stack
	// edges holds the value observed on each call edge of the model, and
	// missing the observed pairs of units without one.
	edges   map[[2]string]int64
	missing map[[2]string]int64
}

// stack is one distinct chain of units, root first, with the summed value
// of the samples that have it.
type stack struct {
	path  []int32
	value int64
}

// Read parses Go pprof profiles (CPU, or any profile with call stacks:
// github.com/google/pprof/profile reads them, compressed or not), merges
// them (they must have the same sample types) and maps every frame to the
// model's units.
//
// A frame is matched by its function name: "pkg.(*T).M", "pkg.T.M" and
// "pkg.F" name units, closures ("F.func1"), go and defer wrappers,
// range-over-func bodies ("F-range1") and method values ("M-fm") count for
// the unit that declares them, type arguments are dropped. Package
// initialisers ("pkg.init", "pkg.init.0") are matched by file and line to
// the unit whose declaration holds the line (a var initialiser, an init
// func), and frames of main packages ("main.F") by name and file. A frame of
// the module that matches no unit (code of another version that is gone) is
// listed in Summary.Unmatched; frames outside the module (runtime, standard
// library, dependencies) are counted in Summary.External. A profile of
// another version of the code thus matches the functions that still exist.
//
// The value summed is the profile's default sample type (pprof's rule: the
// one it names, else the last), cpu/nanoseconds for CPU profiles.
func Read(m *model.Model, files []string) (*Observed, error) {
	if len(files) == 0 {
		return nil, fmt.Errorf("no profile given")
	}
	var profs []*profile.Profile
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return nil, err
		}
		p, err := profile.Parse(fh)
		fh.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: not a pprof profile: %w", f, err)
		}
		if len(p.SampleType) == 0 {
			return nil, fmt.Errorf("%s: the profile has no sample types", f)
		}
		profs = append(profs, p)
	}
	p := profs[0]
	if len(profs) > 1 {
		var err error
		if p, err = profile.Merge(profs); err != nil {
			return nil, fmt.Errorf("the profiles cannot be added up (%v): give profiles of one kind, e.g. only CPU profiles", err)
		}
	}
	vi, err := p.SampleIndexByName("")
	if err != nil {
		return nil, err
	}
	st := p.SampleType[vi]
	o := &Observed{edges: map[[2]string]int64{}, missing: map[[2]string]int64{}}
	o.Summary.Files = append([]string(nil), files...)
	o.Summary.SampleType = st.Type + "/" + st.Unit

	mt := newMatcher(m)
	unitNum := map[int]int32{} // model unit index → index into o.units
	functions := map[string]bool{}
	matchedFns := map[string]bool{}
	external := map[string]bool{}
	type unmatchedKey struct{ fn, file string }
	unmatched := map[unmatchedKey]int64{}
	byPath := map[string]int{}
	calls := map[[2]string]bool{}
	for _, e := range m.Edges {
		if e.Kind == model.EdgeCall {
			calls[[2]string{e.From, e.To}] = true
		}
	}
	var path []int32
	seenUnmatched := map[unmatchedKey]bool{}
	for _, s := range p.Sample {
		v := s.Value[vi]
		o.Summary.Samples++
		o.Summary.Total += v
		path = path[:0]
		clear(seenUnmatched)
		// Locations are leaf first, and so are a location's inlined lines.
		for li := len(s.Location) - 1; li >= 0; li-- {
			loc := s.Location[li]
			for k := len(loc.Line) - 1; k >= 0; k-- {
				ln := loc.Line[k]
				if ln.Function == nil {
					continue
				}
				fn := ln.Function
				functions[fn.Name] = true
				u, kind := mt.match(fn.Name, fn.Filename, ln.Line)
				o.Summary.Frames++
				switch kind {
				case frameExternal:
					o.Summary.ExternalFrames++
					external[fn.Name] = true
					continue
				case frameUnmatched:
					o.Summary.UnmatchedFrames++
					k := unmatchedKey{fn.Name, fn.Filename}
					if !seenUnmatched[k] {
						seenUnmatched[k] = true
						unmatched[k] += v
					}
					continue
				}
				matchedFns[fn.Name] = true
				n, ok := unitNum[u]
				if !ok {
					n = int32(len(o.units))
					unitNum[u] = n
					o.units = append(o.units, mt.ids[u])
				}
				if len(path) == 0 || path[len(path)-1] != n {
					path = append(path, n)
				}
			}
		}
		if len(path) == 0 {
			continue
		}
		o.Summary.MatchedValue += v
		key := pathKey(path)
		if i, ok := byPath[key]; ok {
			o.stacks[i].value += v
			continue
		}
		byPath[key] = len(o.stacks)
		o.stacks = append(o.stacks, stack{append([]int32(nil), path...), v})
	}
	// Edge values: each caller → callee pair of units once per stack.
	for _, s := range o.stacks {
		seen := map[[2]int32]bool{}
		for i := 0; i+1 < len(s.path); i++ {
			k := [2]int32{s.path[i], s.path[i+1]}
			if seen[k] {
				continue
			}
			seen[k] = true
			from, to := o.units[k[0]], o.units[k[1]]
			if calls[[2]string{from, to}] {
				o.edges[[2]string{from, to}] += s.value
			} else {
				o.missing[[2]string{from, to}] += s.value
			}
		}
	}
	units := map[string]bool{}
	for _, id := range o.units {
		units[id] = true
	}
	o.Summary.Functions = len(functions)
	o.Summary.MatchedFunctions = len(matchedFns)
	o.Summary.Units = len(units)
	o.Summary.External = len(external)
	for k, v := range unmatched {
		o.Summary.Unmatched = append(o.Summary.Unmatched, model.UnmatchedFrame{Function: k.fn, File: k.file, Value: v})
	}
	sort.Slice(o.Summary.Unmatched, func(i, j int) bool {
		a, b := o.Summary.Unmatched[i], o.Summary.Unmatched[j]
		if a.Value != b.Value {
			return a.Value > b.Value
		}
		if a.Function != b.Function {
			return a.Function < b.Function
		}
		return a.File < b.File
	})
	o.Summary.Weighted = len(o.edges)
	o.Summary.NotInCallGraph = len(o.missing)
	for _, v := range o.missing {
		o.Summary.NotInCallGraphValue += v
	}
	return o, nil
}

func pathKey(p []int32) string {
	var b strings.Builder
	for _, n := range p {
		fmt.Fprintf(&b, "%d,", n)
	}
	return b.String()
}

// Weigh writes the observed values into the model: each call edge's
// Samples and the model's Profile summary.
func (o *Observed) Weigh(m *model.Model) {
	for i, e := range m.Edges {
		if e.Kind == model.EdgeCall {
			m.Edges[i].Samples = o.edges[[2]string{e.From, e.To}]
		}
	}
	s := o.Summary
	s.Unmatched = append([]model.UnmatchedFrame(nil), s.Unmatched...)
	m.Profile = &s
}

// Frame kinds.
const (
	frameMatched = iota
	frameUnmatched
	frameExternal
)

// matcher maps profile frames to units.
type matcher struct {
	ids     []string
	index   map[string]int
	modules []string            // module paths
	pkgs    map[string]bool     // module packages
	mains   map[string][]int    // unit name (F or T.M) → units of main packages
	byBase  map[string][]int    // file base name → units declared there
	cache   map[frameKey]result // by function, file and (for line matches) line
	files   []string            // unit files, to tell a main frame of the module
	units   []*model.Unit
}

type frameKey struct {
	fn, file string
	line     int64
}

type result struct{ unit, kind int }

func newMatcher(m *model.Model) *matcher {
	mt := &matcher{index: map[string]int{}, pkgs: map[string]bool{}, mains: map[string][]int{},
		byBase: map[string][]int{}, cache: map[frameKey]result{}}
	mainPkg := map[string]bool{}
	for _, p := range m.Packages {
		mt.pkgs[p.Path] = true
		if p.Name == "main" {
			mainPkg[p.Path] = true
		}
	}
	for _, md := range m.Modules {
		mt.modules = append(mt.modules, md.Path)
	}
	if len(mt.modules) == 0 && m.Module != "" {
		mt.modules = []string{m.Module}
	}
	for i := range m.Units {
		u := &m.Units[i]
		mt.index[u.ID] = i
		mt.ids = append(mt.ids, u.ID)
		mt.units = append(mt.units, u)
		mt.byBase[path.Base(u.File)] = append(mt.byBase[path.Base(u.File)], i)
		if mainPkg[u.Package] {
			local := strings.TrimPrefix(u.ID, u.Package+".")
			mt.mains[local] = append(mt.mains[local], i)
		}
	}
	return mt
}

// match returns the unit a frame runs in and the frame's kind.
func (mt *matcher) match(name, file string, line int64) (int, int) {
	k := frameKey{name, file, 0}
	if r, ok := mt.cache[k]; ok {
		return r.unit, r.kind
	}
	pkg, local, byLine := splitFuncName(name)
	if byLine {
		k.line = line
		if r, ok := mt.cache[k]; ok {
			return r.unit, r.kind
		}
	}
	r := mt.resolve(pkg, local, byLine, file, line)
	mt.cache[k] = r
	return r.unit, r.kind
}

func (mt *matcher) resolve(pkg string, local []string, byLine bool, file string, line int64) result {
	if pkg == "main" {
		if byLine {
			if u := mt.atLine(file, line); u >= 0 {
				return result{u, frameMatched}
			}
		}
		for _, id := range candidates(local) {
			var hits []int
			for _, u := range mt.mains[id] {
				if file == "" || sameFile(file, mt.units[u].File) {
					hits = append(hits, u)
				}
			}
			if len(hits) == 1 {
				return result{hits[0], frameMatched}
			}
		}
		if mt.inModuleFile(file) {
			return result{-1, frameUnmatched}
		}
		return result{-1, frameExternal} // the main package of another program
	}
	if !mt.inModule(pkg) {
		return result{-1, frameExternal}
	}
	if byLine {
		if u := mt.atLine(file, line); u >= 0 {
			return result{u, frameMatched}
		}
		return result{-1, frameUnmatched}
	}
	for _, id := range candidates(local) {
		if u, ok := mt.index[pkg+"."+id]; ok {
			return result{u, frameMatched}
		}
	}
	return result{-1, frameUnmatched}
}

// candidates lists the unit names a frame's local name may be, most
// specific first: T.M, then F.
func candidates(local []string) []string {
	if len(local) == 0 {
		return nil
	}
	var out []string
	if len(local) >= 2 {
		out = append(out, local[0]+"."+local[1])
	}
	return append(out, local[0])
}

func (mt *matcher) inModule(pkg string) bool {
	if mt.pkgs[pkg] {
		return true
	}
	for _, m := range mt.modules {
		if pkg == m || strings.HasPrefix(pkg, m+"/") {
			return true
		}
	}
	return false
}

func (mt *matcher) inModuleFile(file string) bool {
	for _, u := range mt.byBase[path.Base(file)] {
		if sameFile(file, mt.units[u].File) {
			return true
		}
	}
	return false
}

// atLine returns the innermost unit declared in file around line, or -1.
func (mt *matcher) atLine(file string, line int64) int {
	best, size := -1, 0
	for _, i := range mt.byBase[path.Base(file)] {
		u := mt.units[i]
		if !sameFile(file, u.File) || int64(u.Line) > line || int64(u.EndLine) < line {
			continue
		}
		if s := u.EndLine - u.Line; best < 0 || s < size {
			best, size = i, s
		}
	}
	return best
}

// sameFile reports whether a profile's file name (absolute, or
// module-relative with -trimpath) is the model's file rel (relative to the
// model's root).
func sameFile(file, rel string) bool {
	file = strings.ReplaceAll(file, "\\", "/")
	return file == rel || strings.HasSuffix(file, "/"+rel)
}

// splitFuncName splits a Go symbol into its package path and the parts of
// its local name, receiver parentheses, type arguments and suffixes of
// closures and wrappers removed: "example.com/a.(*T).M.func1" gives
// "example.com/a" and [T M func1]. byLine is true for package
// initialisers, which only a line can tie to a unit.
func splitFuncName(name string) (pkg string, local []string, byLine bool) {
	name = stripTypeArgs(name)
	slash := strings.LastIndex(name, "/")
	dot := strings.Index(name[slash+1:], ".")
	if dot < 0 {
		return "", nil, false
	}
	pkg = strings.ReplaceAll(name[:slash+1+dot], "%2e", ".")
	rest := name[slash+1+dot+1:]
	for _, part := range strings.Split(rest, ".") {
		if strings.HasPrefix(part, "(") {
			part = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(part, "("), "*"), ")")
		}
		if i := strings.IndexByte(part, '-'); i >= 0 {
			part = part[:i] // F-range1, M-fm
		}
		if part != "" {
			local = append(local, part)
		}
	}
	if len(local) > 0 && (local[0] == "init" || local[0] == "glob") {
		byLine = true
	}
	return pkg, local, byLine
}

// stripTypeArgs removes bracketed type arguments: "pkg.Map[...]" → "pkg.Map".
func stripTypeArgs(s string) string {
	if !strings.Contains(s, "[") {
		return s
	}
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '[':
			depth++
		case r == ']' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// observe adds the profile's numbers to a cut's result: per entry point the
// value of the stacks that run its targets and the part below a remote
// call, per link the value of the stacks that cross it, and in the summary
// the value of the stacks that cross any boundary.
func observe(g *graph, m *model.Model, r *Result, o *Observed, links map[pair]*Link) {
	unit := make([]int, len(o.units)) // o's unit numbers → g's indices
	for i, id := range o.units {
		if u, ok := g.index[id]; ok {
			unit[i] = u
		} else {
			unit[i] = -1
		}
	}
	// The entries (by position in r.Entries) each unit is a target of.
	targetOf := map[int][]int{}
	n := 0
	for _, ep := range m.EntryPoints {
		if !g.isBusiness(ep) {
			continue
		}
		seen := map[int]bool{}
		for _, t := range ep.Targets {
			if u, ok := g.index[t]; ok && !seen[u] {
				seen[u] = true
				targetOf[u] = append(targetOf[u], n)
			}
		}
		n++
	}
	r.Summary.Observed = o.Summary.Total
	first := map[int]int{} // entry → its first target's position in the stack
	for _, s := range o.stacks {
		path := make([]int, len(s.path))
		for i, x := range s.path {
			path[i] = unit[x]
		}
		// remoteFrom[i]: a remote call at or below position i.
		remoteFrom := make([]bool, len(path)+1)
		crossed := map[pair]bool{}
		for i := len(path) - 2; i >= 0; i-- {
			a, b := path[i], path[i+1]
			remoteFrom[i] = remoteFrom[i+1]
			if a >= 0 && b >= 0 && g.remote(a, b) {
				remoteFrom[i] = true
				crossed[pair{g.group[a], g.group[b]}] = true
			}
		}
		if remoteFrom[0] {
			r.Summary.Remote += s.value
		}
		for p := range crossed {
			l := links[p]
			if l == nil {
				l = &Link{From: g.names[p.from], To: g.names[p.to]}
				links[p] = l
			}
			l.Samples += s.value
		}
		clear(first)
		for i, u := range path {
			if u < 0 {
				continue
			}
			for _, e := range targetOf[u] {
				if _, ok := first[e]; !ok {
					first[e] = i
				}
			}
		}
		for e, i := range first {
			c := &r.Entries[e].Cost
			c.Samples += s.value
			if remoteFrom[i] {
				c.RemoteSamples += s.value
			}
		}
	}
}
