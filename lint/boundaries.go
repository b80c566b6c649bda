package lint

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

// SharedKernel is the owner of the units in the config's shared: list.
const SharedKernel = model.SharedService

// UnitRef is what the boundary resolution needs to know about a unit.
type UnitRef struct {
	// ID is the unit id (importpath.Name or importpath.Type.Method).
	ID string
	// Package is the unit's import path.
	Package string
	// Exported is true for an exported name.
	Exported bool
}

// pattern is one glob of the config with its owner and where it is written.
type pattern struct {
	glob  string
	owner string // service name or SharedKernel
	at    []any  // key path in the config, for messages
	used  bool
	// lit is what every id a unit glob matches starts with (litPrefix).
	lit string
}

// litPrefix is the literal start of a unit glob: the text before its
// first wildcard ("a/..." also matches "a", so there without the slash).
// Every id the glob matches starts with it, so an id that does not need
// not be matched (on miniflux most of lint's resolution was path.Match
// over every unit and glob).
func litPrefix(glob string) string {
	glob = strings.TrimPrefix(glob, "./")
	i := strings.IndexAny(glob, `*?[\`)
	if j := strings.Index(glob, "..."); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return glob
	}
	pre := glob[:i]
	if strings.HasPrefix(glob[i:], "...") {
		pre = strings.TrimSuffix(pre, "/")
	}
	return pre
}

// Boundaries resolves units to services under a config: explicit unit
// entries (a service's units:, unit ids in shared:) win over package globs
// (a service's packages:, package globs in shared:). It is safe for
// concurrent use.
type Boundaries struct {
	cfg     *config.Config
	modules []string // module paths, longest first

	unitExact map[string][]*pattern
	unitGlobs []*pattern
	pkgGlobs  []*pattern // in the config's order
	// pkgExact indexes the literal package patterns of pkgGlobs by the
	// path they spell, pkgWild holds the others: a package is matched
	// against the few that can match it, not against every entry (on
	// kubernetes, init writes about 5,000).
	pkgExact  map[string][]int
	pkgWild   []int
	api       map[string]*apiRules
	deps      map[string]map[string]bool
	exclPkgs  []string
	exclFiles []string

	mu       sync.Mutex
	pkgOwner map[string]pkgOwner
}

type apiRules struct {
	declared bool
	exact    map[string]*pattern
	globs    []*pattern
}

type pkgOwner struct {
	owner string
	err   error
}

// NewBoundaries prepares cfg for resolution. modules are the paths of the
// analysed modules, used to match patterns written relative to a module.
func NewBoundaries(cfg *config.Config, modules []string) *Boundaries {
	b := &Boundaries{cfg: cfg, unitExact: map[string][]*pattern{}, api: map[string]*apiRules{},
		deps: map[string]map[string]bool{}, pkgOwner: map[string]pkgOwner{}, pkgExact: map[string][]int{}}
	b.modules = append(b.modules, modules...)
	sort.Slice(b.modules, func(i, j int) bool { return len(b.modules[i]) > len(b.modules[j]) })
	addUnit := func(p *pattern) {
		if isGlob(p.glob) {
			p.lit = litPrefix(p.glob)
			b.unitGlobs = append(b.unitGlobs, p)
		} else {
			k := strings.TrimPrefix(p.glob, "./")
			b.unitExact[k] = append(b.unitExact[k], p)
		}
	}
	for _, name := range cfg.ServiceNames() {
		s := cfg.Services[name]
		for i, g := range s.Packages {
			b.pkgGlobs = append(b.pkgGlobs, &pattern{glob: g, owner: name, at: []any{"services", name, "packages", i}})
		}
		for i, g := range s.Units {
			addUnit(&pattern{glob: g, owner: name, at: []any{"services", name, "units", i}})
		}
		ar := &apiRules{declared: s.HasAPI, exact: map[string]*pattern{}}
		for i, g := range s.API {
			p := &pattern{glob: g, owner: name, at: []any{"services", name, "api", i}}
			if isGlob(g) {
				ar.globs = append(ar.globs, p)
			} else {
				ar.exact[strings.TrimSuffix(strings.TrimPrefix(g, "./"), "/")] = p
			}
		}
		b.api[name] = ar
		d := map[string]bool{}
		for _, x := range s.DependsOn {
			d[x] = true
		}
		b.deps[name] = d
	}
	for i, g := range cfg.Shared {
		// A shared entry is a package glob or a unit pattern: both are tried.
		b.pkgGlobs = append(b.pkgGlobs, &pattern{glob: g, owner: SharedKernel, at: []any{"shared", i}})
		addUnit(&pattern{glob: g, owner: SharedKernel, at: []any{"shared", i}})
	}
	for i, p := range b.pkgGlobs {
		// A literal pattern matches the import path or the relative path
		// it spells, except "" and "." (the module's root package).
		if k := strings.TrimSuffix(strings.TrimPrefix(p.glob, "./"), "/"); config.IsLiteralPattern(p.glob) && k != "" && k != "." {
			b.pkgExact[k] = append(b.pkgExact[k], i)
		} else {
			b.pkgWild = append(b.pkgWild, i)
		}
	}
	for _, e := range cfg.Exclude {
		if config.IsFilePattern(e) {
			b.exclFiles = append(b.exclFiles, e)
		} else {
			b.exclPkgs = append(b.exclPkgs, e)
		}
	}
	return b
}

func isGlob(p string) bool { return strings.ContainsAny(p, "*?[") || strings.Contains(p, "...") }

// relPkg returns the package path relative to its module ("" for a module's
// root package, or for a package of no known module).
func (b *Boundaries) relPkg(pkg string) string {
	for _, m := range b.modules {
		if strings.HasPrefix(pkg, m+"/") {
			return pkg[len(m)+1:]
		}
	}
	return ""
}

// relID is the unit id relative to its module, "" for the root package.
func (b *Boundaries) relID(u UnitRef) string {
	rp := b.relPkg(u.Package)
	if rp == "" {
		return ""
	}
	return rp + strings.TrimPrefix(u.ID, u.Package)
}

// ExcludedPackage reports whether the config's exclude: leaves pkg out.
func (b *Boundaries) ExcludedPackage(pkg string) bool {
	rp := b.relPkg(pkg)
	for _, e := range b.exclPkgs {
		if config.MatchPackage(e, pkg, rp) || anyElement(e, pkg) {
			return true
		}
	}
	return false
}

// anyElement applies the --exclude rule that a single-element pattern
// ("mocks", "*mock*") matches any element of the path.
func anyElement(pat, p string) bool {
	if strings.Contains(pat, "/") || strings.Contains(pat, "...") {
		return false
	}
	for _, el := range strings.Split(p, "/") {
		if config.MatchPackage(pat, el, "") {
			return true
		}
	}
	return false
}

// ExcludedFile reports whether the config's exclude: leaves the file (a
// slash path relative to the module root) out.
func (b *Boundaries) ExcludedFile(file string) bool {
	for _, e := range b.exclFiles {
		if config.MatchFile(e, file) {
			return true
		}
	}
	return false
}

// Owner returns the service that owns u: a service name, SharedKernel, or ""
// when u is attached nowhere. An error means the config claims u (or its
// package) for two owners; it is a *config.Error with the position of one of
// the claims.
func (b *Boundaries) Owner(u UnitRef) (string, error) {
	var hits []*pattern
	rp := b.relPkg(u.Package)
	rid := b.relID(u)
	add := func(p *pattern) {
		// A shared entry that names the unit's package is a package glob:
		// it must not outrank the services' units: entries.
		if p.owner == SharedKernel && config.MatchPackage(p.glob, u.Package, rp) {
			return
		}
		hits = append(hits, p)
	}
	for _, p := range b.unitExact[u.ID] {
		add(p)
	}
	if rid != "" {
		for _, p := range b.unitExact[rid] {
			add(p)
		}
	}
	for _, p := range b.unitGlobs {
		if !strings.HasPrefix(u.ID, p.lit) && (rid == "" || !strings.HasPrefix(rid, p.lit)) {
			continue
		}
		if config.MatchUnit(p.glob, u.ID, rid) {
			add(p)
		}
	}
	if owner, err := b.single(hits, "unit "+u.ID); owner != "" || err != nil {
		return owner, err
	}
	return b.packageOwner(u.Package)
}

// PackageOwner returns the owner of a package through package globs alone.
func (b *Boundaries) packageOwner(pkg string) (string, error) {
	b.mu.Lock()
	po, ok := b.pkgOwner[pkg]
	b.mu.Unlock()
	if ok {
		return po.owner, po.err
	}
	rp := b.relPkg(pkg)
	idx := append([]int(nil), b.pkgExact[pkg]...)
	if rp != "" && rp != pkg {
		idx = append(idx, b.pkgExact[rp]...)
	}
	for _, i := range b.pkgWild {
		if config.MatchPackage(b.pkgGlobs[i].glob, pkg, rp) {
			idx = append(idx, i)
		}
	}
	sort.Ints(idx) // the config's order, which single's message follows
	var hits []*pattern
	for _, i := range idx {
		hits = append(hits, b.pkgGlobs[i])
	}
	owner, err := b.single(hits, "package "+pkg)
	b.mu.Lock()
	b.pkgOwner[pkg] = pkgOwner{owner, err}
	b.mu.Unlock()
	return owner, err
}

// single returns the one owner of the hits, marking them used.
func (b *Boundaries) single(hits []*pattern, what string) (string, error) {
	if len(hits) == 0 {
		return "", nil
	}
	b.mu.Lock()
	for _, h := range hits {
		h.used = true
	}
	b.mu.Unlock()
	first := hits[0]
	for _, h := range hits[1:] {
		if h.owner != first.owner {
			a, c := first, h
			pa := b.cfg.Pos(a.at...)
			return "", b.cfg.ErrorAt(c.at, "%s is claimed by %s (%q, line %d) and by %s (%q): it can belong to one service only; narrow one of the patterns",
				what, ownerText(a.owner), a.glob, pa.Line, ownerText(c.owner), c.glob)
		}
	}
	return first.owner, nil
}

func ownerText(o string) string {
	if o == SharedKernel {
		return "shared"
	}
	return "service " + o
}

// IsAPI reports whether u, owned by service, is part of its API: without an
// api key, every exported unit is; with one, the units and packages it lists.
func (b *Boundaries) IsAPI(service string, u UnitRef) bool {
	ar := b.api[service]
	if ar == nil || !ar.declared {
		return u.Exported
	}
	rp := b.relPkg(u.Package)
	rid := b.relID(u)
	for _, k := range []string{u.ID, rid, u.Package, rp} {
		if k == "" {
			continue
		}
		if p, ok := ar.exact[k]; ok {
			b.markUsed(p)
			return true
		}
	}
	for _, p := range ar.globs {
		if config.MatchPackage(p.glob, u.Package, rp) || config.MatchUnit(p.glob, u.ID, rid) {
			b.markUsed(p)
			return true
		}
	}
	return false
}

func (b *Boundaries) markUsed(p *pattern) {
	b.mu.Lock()
	p.used = true
	b.mu.Unlock()
}

// MayDepend reports whether service from declares to in its dependsOn.
func (b *Boundaries) MayDepend(from, to string) bool { return b.deps[from][to] }

// unusedPatterns returns warnings for the packages:, units:, shared: and
// api: entries that match nothing in the analysed code. Owner must have
// been asked about every unit; api entries are looked up in units. An entry
// that may name code of a skipped package (one that does not type-check)
// is not reported: its code is not in the model, not gone.
func (b *Boundaries) unusedPatterns(units []UnitRef, skipped []string) []string {
	var all []*pattern
	all = append(all, b.pkgGlobs...)
	for _, ps := range b.unitExact {
		all = append(all, ps...)
	}
	all = append(all, b.unitGlobs...)
	exists := map[string]bool{}
	for _, u := range units {
		exists[u.ID], exists[u.Package] = true, true
		if rid := b.relID(u); rid != "" {
			exists[rid] = true
		}
		if rp := b.relPkg(u.Package); rp != "" {
			exists[rp] = true
		}
	}
	for _, ar := range b.api {
		for k, p := range ar.exact {
			p.used = p.used || exists[k]
			all = append(all, p)
		}
		for _, p := range ar.globs {
			for _, u := range units {
				if p.used {
					break
				}
				p.used = config.MatchPackage(p.glob, u.Package, b.relPkg(u.Package)) || config.MatchUnit(p.glob, u.ID, b.relID(u))
			}
		}
		all = append(all, ar.globs...)
	}
	// A shared entry appears twice (package and unit): it is unused only if
	// neither matched.
	usedShared := map[int]bool{}
	for _, p := range all {
		if p.at[0] == "shared" && p.used {
			usedShared[p.at[1].(int)] = true
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range all {
		if p.used || (p.at[0] == "shared" && usedShared[p.at[1].(int)]) || b.mayNameSkipped(p.glob, skipped) {
			continue
		}
		key := fmt.Sprint(p.at...)
		if seen[key] {
			continue
		}
		seen[key] = true
		what := "package or unit"
		switch p.at[len(p.at)-2] {
		case "packages":
			what = "package"
		case "units":
			what = "unit"
		}
		out = append(out, b.cfg.Warning(p.at, "%q matches no %s of the analysed code", p.glob, what))
	}
	sort.Strings(out)
	return out
}

// mayNameSkipped reports whether a package or unit pattern may match a
// skipped package or one of its units (the package part of a unit id is
// what precedes the first dot after the last slash).
func (b *Boundaries) mayNameSkipped(glob string, skipped []string) bool {
	pkgPart := glob
	if i := strings.IndexByte(glob[strings.LastIndexByte(glob, '/')+1:], '.'); i >= 0 {
		pkgPart = glob[:strings.LastIndexByte(glob, '/')+1+i]
	}
	for _, sp := range skipped {
		rp := b.relPkg(sp)
		if config.MatchPackage(glob, sp, rp) || config.MatchPackage(pkgPart, sp, rp) {
			return true
		}
	}
	return false
}
