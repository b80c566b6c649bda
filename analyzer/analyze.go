// Package analyzer loads a Go module and builds splitter's model of it: the
// units (package-level declarations), the edges between them (from the
// syntax and from an SSA call graph), the entry points and the diagnostics.
//
// Only the module's own packages are type-checked from source and turned
// into SSA; dependencies come from export data, as with go vet. A package
// that does not type-check is reported and skipped; the rest is analysed.
package analyzer

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/splitter-go/splitter/model"
)

// Config says what to analyse and how.
type Config struct {
	// Dir is the directory to run in (like go's -C); "" means the current one.
	Dir string
	// Patterns are go package patterns; none means "./...".
	Patterns []string
	// Tags are build tags.
	Tags []string
	// Tests includes _test.go files.
	Tests bool
	// Exclude lists patterns over package paths to leave out (see README).
	Exclude []string
	// CallGraph is one of CallGraphs, or "none" to skip SSA entirely (the
	// model then has no call edges); "" means DefaultCallGraph.
	CallGraph string
	// Declared are extra entry points named by the user.
	Declared []DeclaredEntry
	// Routers and Consumers describe frameworks splitter does not know
	// (splitter.yaml's routers: and consumers:), in the shape of the
	// built-in tables.
	Routers   []RouterDecl
	Consumers []ConsumerDecl
	// Progress, when set, is told the start of each phase.
	Progress func(phase string)
	// Count, when set, is told how far the current phase has gone: done
	// of total (0 while it is not known) items of what ("files parsed",
	// "packages"). It is called from several goroutines at once, for every
	// item: it must be safe for that, and cheap.
	Count func(done, total int, what string)
	// Cache is the directory of the result cache (cache.go); "" means no
	// cache. Only complete models are stored.
	Cache string
	// CacheReport, when set, is told what the cache did.
	CacheReport func(CacheReport)
	// ImportLevel, with CallGraph "none", leaves out what import-level
	// lint with no functions declared does not read: the units' facts and
	// the entry points (the detectors are not run; declared entry points
	// are kept).
	ImportLevel bool
}

// DeclaredEntry is an entry point declared in the config file.
type DeclaredEntry struct {
	// Function is a unit id: pkgpath.Func or pkgpath.Type.Method.
	Function string
	// Name is a label; it becomes the trigger's command.
	Name string
}

// CallGraphNone skips SSA and call edges; used by checks that need only
// imports and references.
const CallGraphNone = "none"

// Analyze loads the packages cfg names and returns their model. It fails
// only when nothing can be analysed (not a module, no packages, bad config);
// problems in single packages become the model's diagnostics.
func Analyze(ctx context.Context, cfg Config) (*model.Model, error) {
	algo := cfg.CallGraph
	if algo == "" {
		algo = DefaultCallGraph
	}
	if algo != CallGraphNone && !validAlgo(algo) {
		return nil, fmt.Errorf("%w: unknown --callgraph %q: want one of static, cha, rta, vta", ErrUsage, algo)
	}
	if err := ValidateExclude(cfg.Exclude); err != nil {
		return nil, err
	}
	// Declared routers and consumers are checked before anything is loaded.
	det, err := newDetectors(cfg.Routers, cfg.Consumers)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUsage, err)
	}
	progress := cfg.Progress
	if progress == nil {
		progress = func(string) {}
	}
	if cfg.Dir == "" {
		cfg.Dir = "."
	}

	progress("loading packages")
	var ck *cacheKeys
	var ld *loaded
	var rep CacheReport
	if cfg.Cache == "" {
		ld, err = load(ctx, &cfg)
	} else {
		var pm *model.Model
		ld, pm, err = loadCached(ctx, &cfg, &ck, algo, &rep)
		if err == nil && ck != nil && ck.hit != nil {
			return ck.hit, nil
		}
		if err == nil && pm != nil {
			storeCache(&cfg, ck, pm, rep)
			return pm, nil
		}
	}
	if err != nil {
		return nil, err
	}
	progress("reading declarations")
	t, perPkg := buildUnits(ld)
	det.units = t
	m := &model.Model{Schema: model.Schema, Modules: ld.modules, CallGraph: algo, Diagnostics: ld.diags,
		Skipped: ld.skipped, Partial: len(ld.skipped) > 0}
	if len(ld.modules) > 0 {
		sort.Slice(ld.modules, func(i, j int) bool { return ld.modules[i].Dir < ld.modules[j].Dir })
		m.Module = ld.modules[0].Path
	}
	es := edgeSet{}
	// The call graph needs only the units and the typed syntax, not what
	// the syntax pass finds (except RTA's roots, which are entry points),
	// so it is built alongside that pass. SSA is built first, on every
	// core (its packages build in parallel); the algorithm then runs on a
	// goroutine of its own, the longest chain of the run, while the syntax
	// pass takes the other cores.
	var calls *callsJob
	workers := runtime.GOMAXPROCS(0)
	if algo != CallGraphNone && algo != CallGraphRTA && len(ld.pkgs) > 0 {
		calls = startCalls(t, ld, algo)
		workers = max(1, workers-1)
	}
	uses := make([]map[string]bool, len(t.units))
	tables := make([][]model.TableUse, len(t.units))
	ts := newTableScanner(t, ld.pkgs, loadedSQLDirs(ld))
	facts := make([][]model.Fact, len(t.units))
	eps := make([]pkgEntries, len(ld.pkgs))
	var mu sync.Mutex
	pkgDiags := make([]*model.Diagnostic, len(ld.pkgs))
	lean := cfg.lean(algo)
	var more chan struct{}
	if calls != nil {
		more = calls.done
	}
	var read atomic.Int64
	parallelN(workers, more, len(ld.pkgs), func(i int) {
		local := edgeSet{}
		pkgDiags[i] = guard(ld.pkgs[i].PkgPath, "reading its declarations", func() {
			readDeclarations(t, ld, det, ts, i, perPkg[i], local, uses, tables, facts, eps, lean)
		})
		mu.Lock()
		for k, w := range local {
			es[k] += w
		}
		mu.Unlock()
		if cfg.Count != nil {
			cfg.Count(int(read.Add(1)), len(ld.pkgs), "packages")
		}
	})
	if ck != nil && partialable(&cfg, algo) {
		// Before the migration pass changes them in place.
		pre := make([][]model.TableUse, len(tables))
		for u := range tables {
			pre[u] = append([]model.TableUse(nil), tables[u]...)
		}
		ck.aux = buildAux(ck, ld, t, perPkg, eps, pkgDiags, pre, ts)
		recordWrappers(ck.aux, t, det)
		recordRouterTypes(ck.aux, t, det)
	}
	ts.finish(tables)
	var epr epResult
	if !lean {
		epr = resolveEntryPoints(eps, det)
	}
	if calls != nil && ck == nil {
		// SSA is built and the syntax pass done: nothing reads the
		// type-checker's maps any more, and the call graph's memory
		// comes on top of them.
		for _, p := range ld.pkgs {
			if p.TypesInfo != nil {
				*p.TypesInfo = types.Info{}
			}
		}
	}
	m.EntryPoints = epr.eps
	m.Diagnostics = append(m.Diagnostics, epr.diags...)
	// Units are read by every package's pass (entry points look at other
	// packages' units), so facts join them only once the passes are done.
	for u := range facts {
		t.units[u].unit.Facts = facts[u]
	}
	for i := range eps {
		if pkgDiags[i] != nil {
			m.Diagnostics = append(m.Diagnostics, *pkgDiags[i])
		}
	}
	m.EntryPoints = append(m.EntryPoints, declaredEntries(t, cfg.Declared, &m.Diagnostics)...)

	if calls != nil {
		progress("building SSA and call graph (" + algo + ")")
		if err := calls.finish(t, m.EntryPoints, epr.lits, es, progress); err != nil {
			m.Diagnostics = append(m.Diagnostics, model.Diagnostic{Severity: model.SevError, Message: err.Error()})
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
	} else if algo != CallGraphNone && len(ld.pkgs) > 0 {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := addCallEdges(t, ld, algo, m.EntryPoints, epr.lits, es, progress); err != nil {
			m.Diagnostics = append(m.Diagnostics, model.Diagnostic{Severity: model.SevError, Message: err.Error()})
		}
	}

	progress("assembling model")
	assemble(m, ld, t, es, uses, tables)
	foldLoops(m)
	m.Normalize()
	numberEntryPoints(m.EntryPoints)
	if ck != nil {
		if ck.aux != nil && !m.Partial {
			writeTypes(cfg.Cache, ck, ld)
		}
		storeCache(&cfg, ck, m, rep)
	}
	return m, nil
}

// loadCached looks the result up in the cache and, on a miss, loads the
// packages; a hit returns no packages and the model in (*ck).hit. When
// the last run's file stamps say a file changed (or there was no last
// run), a miss is likely: the packages are loaded and keyed from what the
// load listed (keysFromLoad), so a miss costs about what a run without
// the cache does, and a hit the load; otherwise the keys are listed first
// (a go list without type-checking), and the load or a partial run only
// follows a miss.
func loadCached(ctx context.Context, cfg *Config, ckp **cacheKeys, algo string, rep *CacheReport) (*loaded, *model.Model, error) {
	report := func(r CacheReport) {
		if cfg.CacheReport != nil {
			cfg.CacheReport(r)
		}
	}
	cb, note := prepareCache(ctx, cfg)
	if cb == nil {
		report(CacheReport{Note: note})
		ld, err := load(ctx, cfg)
		return ld, nil, err
	}
	// A run that may be partial lists the keys first: a partial run needs
	// both cores, and a load beside it would only be thrown away.
	var last *listing
	if partialable(cfg, algo) {
		last = cb.lastListing(cfg.Cache)
	}
	if (last == nil || last.Run == "") && cb.likelyChanged(cfg.Cache) {
		// A likely miss: load, and key the packages from what the load
		// listed (keysFromLoad) rather than by a second go list beside
		// it, which competed with the load for the two cores.
		started := time.Now()
		ld, err := load(ctx, cfg)
		if err != nil {
			return ld, nil, err
		}
		var hit *model.Model
		ck, ok, note := keysFromLoad(ld, cb, started)
		if !ok {
			// Errors in the graph: the listing's keys may differ.
			ck, hit, note = lookupCache(ctx, cfg, cb, nil)
		} else if ck != nil {
			hit = ck.read(cfg.Cache)
		}
		if ck == nil {
			report(CacheReport{Note: note})
			return ld, nil, nil
		}
		*ckp = ck
		if hit != nil {
			// The files were touched but hold what they held: the
			// listing gets their new stamps, or every later run would
			// load for nothing.
			ck.hit = hit
			_ = ck.writeListing(cfg.Cache)
			report(CacheReport{Hit: true, Packages: len(ck.keys)})
			return nil, nil, nil
		}
		return ld, nil, nil
	}
	var prev *lastEntry
	if last != nil && last.Run != "" {
		prev = readLastEntry(cfg.Cache, last.Run)
	}
	ck, hit, note := lookupCache(ctx, cfg, cb, prev)
	*ckp = ck
	if hit != nil {
		ck.hit = hit
		report(CacheReport{Hit: true, Packages: len(ck.keys)})
		return nil, nil, nil
	}
	if ck == nil {
		report(CacheReport{Note: note})
	}
	if ck != nil && last != nil && last.Run != "" {
		det, derr := newDetectors(cfg.Routers, cfg.Consumers)
		if derr != nil {
			return nil, nil, derr
		}
		m, changed, perr := partialRun(ctx, cfg, cb, ck, last, prev, det)
		if perr == nil {
			rep.Partial = true
			_ = changed
			return nil, m, nil
		}
		var ef errFull
		if !errors.As(perr, &ef) {
			return nil, nil, perr
		}
		rep.Full = ef.why
		ck.aux = nil
	}
	ld, err := load(ctx, cfg)
	return ld, nil, err
}

// partialable says whether a run with these options can be partial
// (partial.go): one without call graph or tests.
func partialable(cfg *Config, algo string) bool {
	return algo == CallGraphNone && !cfg.Tests
}

// lean says whether the syntax pass leaves out the facts and entry
// points (Config.ImportLevel).
func (cfg *Config) lean(algo string) bool {
	return cfg.ImportLevel && algo == CallGraphNone
}

// readDeclarations is the syntax pass over package i's units: their edges
// into local, and their uses, tables, facts and the package's entry points
// into the slices (one element per unit, or per package for eps); lean
// leaves out the facts and entry points. A full and a partial run both
// make it (partial.go).
func readDeclarations(t *unitTable, ld *loaded, det *detectors, ts *tableScanner, i int, units []int, local edgeSet,
	uses []map[string]bool, tables [][]model.TableUse, facts [][]model.Fact, eps []pkgEntries, lean bool) {
	for _, u := range units {
		uses[u] = syntaxEdges(t, u, local, ld.internal)
		tables[u] = ts.unit(u)
		if !lean {
			facts[u] = unitFacts(t, u)
		}
	}
	if !lean {
		eps[i] = findEntryPoints(t, ld, det, ld.pkgs[i], units)
	}
}

// guard runs f and turns a panic into a diagnostic about pkg: an analyser
// bug on one odd package must not lose the analysis of the others.
func guard(pkg, doing string, f func()) (d *model.Diagnostic) {
	defer func() {
		if r := recover(); r != nil {
			d = &model.Diagnostic{Severity: model.SevError, Package: pkg,
				Message: fmt.Sprintf("internal error while %s: %v; its results may be incomplete (please report this)", doing, r)}
		}
	}()
	f()
	return nil
}

func validAlgo(a string) bool {
	for _, x := range CallGraphs {
		if x == a {
			return true
		}
	}
	return false
}

// parallel runs f(0..n-1) on up to GOMAXPROCS goroutines. A panic in f
// is raised again on the caller's goroutine once the others are done, where
// a recover can see it (a partial run's needSource, partial.go).
func parallel(n int, f func(i int)) {
	parallelN(runtime.GOMAXPROCS(0), nil, n, f)
}

// parallelN is parallel on up to workers goroutines, and on up to
// GOMAXPROCS once more is closed (a nil more never is): the syntax pass
// leaves a core to the call graph while it runs, and takes it back once
// the call graph is done.
func parallelN(workers int, more <-chan struct{}, n int, f func(i int)) {
	all := runtime.GOMAXPROCS(0)
	if more == nil {
		all = workers
	}
	all = min(all, n)
	workers = min(workers, all)
	var wg sync.WaitGroup
	var once sync.Once
	var panicked any
	next := make(chan int)
	fed := make(chan struct{})
	for w := 0; w < all; w++ {
		wg.Add(1)
		go func(later bool) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					once.Do(func() { panicked = r })
					for range next { // let the feeder finish
					}
				}
			}()
			if later {
				select {
				case <-more:
				case <-fed:
					return
				}
			}
			for i := range next {
				f(i)
			}
		}(w >= workers)
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	close(fed)
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}

func sortPackages(pkgs []*packages.Package) {
	sort.Slice(pkgs, func(i, j int) bool { return pkgs[i].PkgPath < pkgs[j].PkgPath })
}

// buildUnits collects every package's units (in parallel) and indexes them.
// perPkg[i] lists the unit indexes of ld.pkgs[i].
func buildUnits(ld *loaded) (*unitTable, [][]int) {
	collected := make([][]*unitDecl, len(ld.pkgs))
	parallel(len(ld.pkgs), func(i int) {
		if d := guard(ld.pkgs[i].PkgPath, "listing its declarations", func() { collected[i] = collectUnits(ld, ld.pkgs[i]) }); d != nil {
			ld.diagMu.Lock()
			ld.diags = append(ld.diags, *d)
			ld.diagMu.Unlock()
		}
	})
	t := newUnitTable()
	perPkg := make([][]int, len(ld.pkgs))
	for i, uds := range collected {
		info := ld.pkgs[i].TypesInfo
		for _, ud := range uds {
			idx := len(t.units)
			t.units = append(t.units, ud)
			t.byID[ud.unit.ID] = idx
			perPkg[i] = append(perPkg[i], idx)
			for _, obj := range declObjects(ud, info) {
				t.byObj[obj] = idx
			}
			tf := ld.pkgs[i].Fset.File(ud.start())
			t.byFile[tf] = append(t.byFile[tf], span{ud.start(), ud.end(), idx})
		}
	}
	for _, spans := range t.byFile {
		sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	}
	return t, perPkg
}

// declObjects returns the objects a unit declares.
func declObjects(ud *unitDecl, info *types.Info) []types.Object {
	var out []types.Object
	add := func(id *ast.Ident) {
		if obj := info.Defs[id]; obj != nil {
			out = append(out, obj)
		}
	}
	switch d := ud.decl().(type) {
	case *ast.FuncDecl:
		add(d.Name)
	case *ast.GenDecl:
		if ud.spec() != nil {
			add(ud.spec().Name)
			break
		}
		for _, s := range d.Specs {
			if vs, ok := s.(*ast.ValueSpec); ok {
				for _, n := range vs.Names {
					add(n)
				}
			}
		}
	}
	return out
}

// addCallEdges builds SSA for the module, runs the call graph and folds its
// edges into es. Everything SSA is dropped on return.
func addCallEdges(t *unitTable, ld *loaded, algo string, eps []model.EntryPoint, lits map[string]*ast.FuncLit, es edgeSet, progress func(string)) (err error) {
	// x/tools' builders and algorithms assume well-typed input and panic on
	// some corner cases; one bad package must not take the whole run down.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the %s call graph failed (%v); call edges are missing, try --callgraph cha", algo, r)
		}
	}()
	mode := ssa.BuilderMode(0)
	if algo == CallGraphRTA {
		mode = ssa.InstantiateGenerics // RTA cannot handle generic bodies
	}
	progress("building SSA")
	prog, mine := buildSSA(ld.pkgs, mode)
	if prog == nil {
		return nil
	}
	var funcs map[*ssa.Function]bool
	var roots []*ssa.Function
	switch algo {
	case CallGraphVTA:
		funcs = moduleFuncs(prog, mine)
	case CallGraphRTA:
		roots = rtaRoots(t, prog, mine, eps)
	}
	progress("building call graph (" + algo + ")")
	cg, err := callGraph(algo, prog, funcs, roots)
	if err != nil {
		return err
	}
	progress("attributing call edges")
	callEdges(t, prog, cg, es, newLoopIndex(ld.pkgs))
	literalTargets(t, prog.Fset, cg, eps, lits)
	return nil
}

// callsJob is a call graph being built in the background (startCalls):
// its edges go to a set of their own, merged by finish.
type callsJob struct {
	done chan struct{}
	algo string
	fset *token.FileSet
	cg   *callgraph.Graph
	es   edgeSet
	err  error
}

// startCalls builds SSA (on the caller's goroutine, SSA's builder using
// every core), then the call graph of algo (not RTA, whose roots are entry
// points) and aggregates its edges, on a goroutine of its own. It only
// reads the units and the typed syntax, which the syntax pass running
// meanwhile only reads too.
func startCalls(t *unitTable, ld *loaded, algo string) *callsJob {
	j := &callsJob{done: make(chan struct{}), algo: algo, fset: ld.pkgs[0].Fset, es: edgeSet{}}
	failed := func(r any) {
		j.cg, j.err = nil, fmt.Errorf("the %s call graph failed (%v); call edges are missing, try --callgraph cha", algo, r)
	}
	var prog *ssa.Program
	var mine []*ssa.Package
	func() {
		defer func() {
			if r := recover(); r != nil {
				failed(r)
			}
		}()
		prog, mine = buildSSA(ld.pkgs, 0)
	}()
	if prog == nil {
		close(j.done)
		return j
	}
	go func() {
		defer close(j.done)
		defer func() {
			if r := recover(); r != nil {
				failed(r)
			}
		}()
		var funcs map[*ssa.Function]bool
		if algo == CallGraphVTA {
			funcs = moduleFuncs(prog, mine)
		}
		cg, err := callGraph(algo, prog, funcs, nil)
		if err != nil {
			j.err = err
			return
		}
		callEdges(t, prog, cg, j.es, newLoopIndex(ld.pkgs))
		j.cg = cg
	}()
	return j
}

// finish waits for the call graph, adds its edges to es and gives the
// func-literal handlers of eps their targets.
func (j *callsJob) finish(t *unitTable, eps []model.EntryPoint, lits map[string]*ast.FuncLit, es edgeSet, progress func(string)) (err error) {
	<-j.done
	if j.err != nil || j.cg == nil {
		return j.err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the %s call graph failed (%v); call edges are missing, try --callgraph cha", j.algo, r)
		}
	}()
	progress("attributing call edges")
	for k, w := range j.es {
		es[k] += w
	}
	literalTargets(t, j.fset, j.cg, eps, lits)
	return nil
}

// rtaRoots are the mains, inits and the functions behind every entry point.
func rtaRoots(t *unitTable, prog *ssa.Program, mine []*ssa.Package, eps []model.EntryPoint) []*ssa.Function {
	seen := map[*ssa.Function]bool{}
	var roots []*ssa.Function
	addFn := func(fn *ssa.Function) {
		if fn != nil && !seen[fn] {
			seen[fn] = true
			roots = append(roots, fn)
		}
	}
	for _, p := range mine {
		addFn(p.Func("init"))
		if p.Pkg.Name() == "main" {
			addFn(p.Func("main"))
		}
	}
	for _, ep := range eps {
		for _, target := range ep.Targets {
			i, ok := t.byID[target]
			if !ok {
				continue
			}
			for _, obj := range declObjects(t.units[i], t.units[i].pkg().TypesInfo) {
				if fn, ok := obj.(*types.Func); ok {
					addFn(prog.FuncValue(fn))
				}
			}
		}
	}
	sort.Slice(roots, func(i, j int) bool { return roots[i].String() < roots[j].String() })
	return roots
}

// declaredEntries turns config-declared functions into entry points.
func declaredEntries(t *unitTable, decl []DeclaredEntry, diags *[]model.Diagnostic) []model.EntryPoint {
	var out []model.EntryPoint
	for _, d := range decl {
		i, ok := t.byID[d.Function]
		if !ok {
			*diags = append(*diags, model.Diagnostic{Severity: model.SevWarning,
				Message: fmt.Sprintf("declared entry point %q: no such function or method in the analysed packages (use the unit id, e.g. example.com/app/jobs.Nightly)", d.Function)})
			continue
		}
		u := t.units[i].unit
		name := d.Name
		if name == "" {
			name = u.Name
		}
		ep := model.EntryPoint{Kind: model.EntryDeclared, Trigger: model.Trigger{Command: name},
			Handler: u.ID, Function: u.ID, Targets: []string{u.ID}, File: u.File, Line: u.Line}
		ep.ID = "declared:" + name
		out = append(out, ep)
	}
	return out
}

// numberEntryPoints makes ids unique: the second "http:GET /x" (in file and
// line order) becomes "http:GET /x#2".
func numberEntryPoints(eps []model.EntryPoint) {
	count := map[string]int{}
	for i := range eps {
		count[eps[i].ID]++
		if n := count[eps[i].ID]; n > 1 {
			eps[i].ID = fmt.Sprintf("%s#%d", eps[i].ID, n)
		}
	}
}

// assemble fills the model's packages, units and edges.
func assemble(m *model.Model, ld *loaded, t *unitTable, es edgeSet, uses []map[string]bool, tables [][]model.TableUse) {
	pkgIdx := map[string]int{}
	for _, p := range ld.pkgs {
		mp := model.Package{Path: p.PkgPath, Name: p.Name}
		if len(p.GoFiles) > 0 {
			mp.Dir = ld.rel(dirOf(p.GoFiles[0]))
		} else if len(p.CompiledGoFiles) > 0 {
			mp.Dir = ld.rel(dirOf(p.CompiledGoFiles[0]))
		}
		for imp := range p.Imports {
			if ld.internal[imp] {
				mp.Imports = append(mp.Imports, imp)
			}
		}
		gen := len(p.Syntax) > 0
		for _, f := range p.Syntax {
			if !isGenerated(f) {
				gen = false
			}
		}
		mp.Generated = gen
		pkgIdx[p.PkgPath] = len(m.Packages)
		m.Packages = append(m.Packages, mp)
	}
	for i, ud := range t.units {
		u := ud.unit
		for p := range uses[i] {
			u.Uses = append(u.Uses, p)
		}
		u.Tables = tables[i]
		m.Units = append(m.Units, u)
		if k, ok := pkgIdx[u.Package]; ok {
			m.Packages[k].Units++
			m.Packages[k].LOC += u.LOC
		}
	}
	for k, w := range es {
		m.Edges = append(m.Edges, model.Edge{From: t.units[k.from].unit.ID, To: t.units[k.to].unit.ID, Kind: k.kind, Weight: w})
	}
}

func dirOf(file string) string {
	for i := len(file) - 1; i >= 0; i-- {
		if file[i] == '/' || file[i] == '\\' {
			return file[:i]
		}
	}
	return "."
}
