// Package lint is splitter's CI gate: it checks a model of the code against
// the service boundaries declared in splitter.yaml and reports violations
// with stable rule ids (SPL001...), file positions and identities that
// baselines and GitHub code scanning can track across commits.
//
// The rules (see Rules and README.md) work on the model's edges: with a
// model built without a call graph (analyzer.CallGraphNone) the import- and
// reference-level rules still run, which is what keeps lint fast; the
// call-level rules (Level LevelCall) need call edges. NeedsCallGraph says
// which analysis a config asks for.
//
// The package knows nothing of how the model is built or of the command
// line: Run takes a model and a config and returns a Result, which the
// writers in output.go print as text, JSON, SARIF 2.1.0 or GitHub workflow
// annotations.
package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

// Violation is one finding.
type Violation struct {
	Rule     string   `json:"rule"`
	Name     string   `json:"name"`
	Severity Severity `json:"severity"`
	// File is relative to the model's root (the module root), with slashes;
	// Line and Column are 1-based (Column counts bytes).
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	// From and To are the violation's identity with Rule (see Key): unit
	// ids for unit-level findings, package paths for import-level ones, the
	// service set for cycles, a service and "table:NAME" for shared tables.
	From        string `json:"from"`
	To          string `json:"to,omitempty"`
	FromService string `json:"fromService,omitempty"`
	ToService   string `json:"toService,omitempty"`
	// Fingerprint is a hash of the identity (SARIF partialFingerprints).
	Fingerprint string `json:"fingerprint"`
	// Chain, for the readiness rules, is the call chain from the entry
	// point's handler to the offending code (SARIF codeFlows).
	Chain []ChainStep `json:"chain,omitempty"`

	hint hint
	// needs is LevelCall when only the call graph shows the violation.
	needs Level
	// coveredBy, for an import-level finding, is the call-level rule that
	// reports the same uses unit by unit when the call graph explains the
	// import: the finding is then known (baselines hold it, so that a run
	// without the call graph matches it) but not shown twice.
	coveredBy string
}

// ChainStep is one unit of a call chain, where it is declared.
type ChainStep struct {
	Unit string `json:"unit"`
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// hint tells the locator what to look for.
type hint struct {
	fromUnit, toUnit string // a use of toUnit inside fromUnit
	fromPkg, toPkg   string // an import of toPkg in fromPkg's files
	unit             string // the declaration of unit
}

// Key is a violation's identity: the rule and what it links, never a line,
// so that edits elsewhere in a file do not change it, nor the analysis
// depth: what a run without the call graph reports has the same identity in
// a run with it.
type Key struct {
	Rule string `json:"rule"`
	From string `json:"from"`
	To   string `json:"to,omitempty"`
}

// Key returns v's identity.
func (v Violation) Key() Key { return Key{v.Rule, v.From, v.To} }

// Fingerprint hashes a key for SARIF's partialFingerprints.
func (k Key) Fingerprint() string {
	h := sha256.Sum256([]byte(k.Rule + "\x00" + k.From + "\x00" + k.To))
	return hex.EncodeToString(h[:16])
}

func (k Key) less(o Key) bool {
	if k.Rule != o.Rule {
		return k.Rule < o.Rule
	}
	if k.From != o.From {
		return k.From < o.From
	}
	return k.To < o.To
}

// Options tune a run.
type Options struct {
	// Root is the directory the model's file paths are relative to; source
	// files are read from it to find the line and column of each use.
	Root string
	// Baseline, when set, hides the violations it lists.
	Baseline *Baseline
	// Changed, when non-nil, keeps only the violations in these files
	// (slash paths relative to Root): --new-from-rev.
	Changed map[string]bool
}

// Result is the outcome of a run.
type Result struct {
	// Module is the model's module path (to shorten ids in messages).
	Module string
	// Violations are the reported violations, sorted: errors first, then by
	// rule, file, line and column.
	Violations []Violation
	// All holds the identity of every current violation, baselined or not,
	// sorted, and the baseline entries this run could not check:
	// what --update-baseline writes.
	All []Entry
	// Ignored counts the violations hidden by the baseline; Stale lists the
	// baseline entries that match no current violation though this run
	// could see it. NotChecked lists the entries it could not see: their
	// rule is off or needs the call graph this run lacks, or their code is
	// in a package that was skipped (it does not type-check).
	Ignored    int
	Stale      []Entry
	NotChecked []Entry
	// Unchanged counts the violations left out by Options.Changed.
	Unchanged int
	// Errors and Warnings count Violations by severity.
	Errors, Warnings int
	// Rules are the enabled rules, with their effective severity in Default.
	Rules []Rule
	// Skipped lists enabled call-level rules that could not run because the
	// model has no call graph.
	Skipped []string
	// Notes are warnings about the config: entries that match nothing,
	// unknown entry points.
	Notes []string
	// SkippedPackages are the model's packages that were left out because
	// they do not type-check (a partial model): nothing in them is checked.
	SkippedPackages []model.SkippedPackage
}

// CheckConfig checks what config.Load cannot: that every key of rules:
// names a known rule (the readiness rules are registered here). Every
// command calls it on the file it reads, so that they all accept the same
// files.
func CheckConfig(cfg *config.Config) error {
	_, err := Severities(cfg)
	return err
}

// AcceptAll turns res into the outcome of a run whose baseline holds every
// current violation (what --update-baseline has just written).
func (res *Result) AcceptAll() {
	res.Ignored += len(res.Violations) + res.Unchanged
	res.Violations, res.Stale = nil, nil
	res.Errors, res.Warnings, res.Unchanged = 0, 0, 0
}

// Severities returns the effective severity of every enabled rule; rules
// set to off are absent. An unknown rule in cfg is a *config.Error.
func Severities(cfg *config.Config) (map[string]Severity, error) {
	rules := Rules()
	out := map[string]Severity{}
	for _, r := range rules {
		out[r.ID] = r.Default
	}
	if cfg == nil {
		return out, nil
	}
	keys := make([]string, 0, len(cfg.Rules))
	for k := range cfg.Rules {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		r, ok := ruleByKey(rules, k)
		if !ok {
			if strings.HasPrefix(k, "SPL1") && len(k) == 6 {
				return nil, cfg.ErrorAtKey([]any{"rules", k}, "rule %s is in the range reserved for the serverless readiness rules (SPL100-SPL199) but is not one of them; the readiness rules are SPL101-SPL109 (splitter lint --list-rules)", k)
			}
			var ids []string
			for _, r := range rules {
				ids = append(ids, r.ID+" "+r.Name)
			}
			return nil, cfg.ErrorAtKey([]any{"rules", k}, "unknown rule %q; the rules are: %s", k, strings.Join(ids, ", "))
		}
		switch cfg.Rules[k] {
		case config.SevOff:
			delete(out, r.ID)
		case config.SevWarning:
			out[r.ID] = Warning
		default:
			out[r.ID] = Error
		}
	}
	return out, nil
}

// NeedsCallGraph reports whether cfg enables a call-level rule, i.e.
// whether the model should be built with a call graph.
func NeedsCallGraph(cfg *config.Config) (bool, error) {
	sev, err := Severities(cfg)
	if err != nil {
		return false, err
	}
	off := disabled(cfg)
	for _, r := range Rules() {
		if _, on := sev[r.ID]; on && r.Level == LevelCall && !off[r.ID] {
			return true, nil
		}
	}
	return false, nil
}

// overridden returns the ids of the rules whose severity cfg sets.
func overridden(cfg *config.Config) map[string]bool {
	out := map[string]bool{}
	if cfg == nil {
		return out
	}
	rules := Rules()
	for k := range cfg.Rules {
		if r, ok := ruleByKey(rules, k); ok {
			out[r.ID] = true
		}
	}
	return out
}

// Input is what a Check gets.
type Input struct {
	Model  *model.Model
	Config *config.Config
	// Owner returns the service of a unit id: a service name, SharedKernel,
	// or "" when it is attached nowhere or excluded.
	Owner func(unitID string) string
}

// Run checks m against cfg.
func Run(m *model.Model, cfg *config.Config, opt Options) (*Result, error) {
	sev, err := Severities(cfg)
	if err != nil {
		return nil, err
	}
	var mods []string
	for _, md := range m.Modules {
		mods = append(mods, md.Path)
	}
	if len(mods) == 0 && m.Module != "" {
		mods = []string{m.Module}
	}
	b := NewBoundaries(cfg, mods)
	e := &engine{m: m, cfg: cfg, b: b, ix: model.NewIndex(m), viols: map[Key]*Violation{},
		svcEdges: map[[2]string]*svcEdge{}}
	if err := e.resolve(); err != nil {
		return nil, err
	}
	hasCalls := m.CallGraph != "" && m.CallGraph != "none"
	e.edges()
	e.imports()
	e.cycles()
	e.unattached()
	e.tables()
	off := disabled(cfg)

	res := &Result{Module: m.Module}
	for _, r := range Rules() {
		s, on := sev[r.ID]
		if !on || off[r.ID] {
			continue
		}
		if r.Level == LevelCall && !hasCalls {
			res.Skipped = append(res.Skipped, r.ID)
			continue
		}
		r.Default = s
		res.Rules = append(res.Rules, r)
	}
	enabled := map[string]Rule{}
	for _, r := range res.Rules {
		enabled[r.ID] = r
	}
	for _, c := range checks() {
		if c.Run == nil || (c.Enabled != nil && !c.Enabled(cfg)) {
			continue
		}
		// A check none of whose rules is on (the readiness rules without
		// a call graph) would only make violations dropped below.
		if !slices.ContainsFunc(c.Rules, func(r Rule) bool { _, on := enabled[r.ID]; return on }) {
			continue
		}
		in := &Input{Model: m, Config: cfg, Owner: func(id string) string { return e.owner[id] }}
		for _, v := range c.Run(in) {
			v := v
			e.add(&v)
		}
	}
	set := overridden(cfg)
	var current []*Violation
	for _, v := range e.viols {
		r, on := enabled[v.Rule]
		if !on {
			continue
		}
		if v.File != "" && b.ExcludedFile(v.File) {
			continue
		}
		if e.excl[v.To] || e.chainExcluded(v) {
			continue // it is in code exclude: leaves out, which a run with the exclusion does not load
		}
		v.Name = r.Name
		if v.Severity == "" || set[v.Rule] {
			v.Severity = r.Default
		}
		if r.Level == LevelCall {
			v.needs = LevelCall
		}
		if _, on := enabled[v.coveredBy]; !on {
			v.coveredBy = ""
		}
		v.Fingerprint = v.Key().Fingerprint()
		current = append(current, v)
	}
	sort.Slice(current, func(i, j int) bool { return current[i].Key().less(current[j].Key()) })
	res.SkippedPackages = m.Skipped
	bm := newBaselineMatch(opt.Baseline)
	loc := newLocator(opt.Root, m, e.ix)
	for _, v := range current {
		k := v.Key()
		res.All = append(res.All, Entry{Key: k, Needs: v.needs})
		if bm.match(v) {
			if v.coveredBy == "" {
				res.Ignored++
			}
			continue
		}
		if v.coveredBy != "" {
			continue
		}
		loc.locate(v)
		if opt.Changed != nil && !opt.Changed[v.File] {
			res.Unchanged++
			continue
		}
		res.Violations = append(res.Violations, *v)
	}
	known := map[string]Rule{}
	for _, r := range Rules() {
		known[r.ID] = r
	}
	for _, be := range bm.unmatched() {
		if checkable(be, known, enabled, hasCalls, m.Skipped) {
			res.Stale = append(res.Stale, be)
		} else {
			res.NotChecked = append(res.NotChecked, be)
			res.All = append(res.All, be) // still known debt: kept by --update-baseline
		}
	}
	sort.Slice(res.All, func(i, j int) bool { return res.All[i].Key.less(res.All[j].Key) })
	sortViolations(res.Violations)
	for _, v := range res.Violations {
		if v.Severity == Error {
			res.Errors++
		} else {
			res.Warnings++
		}
	}
	refs := make([]UnitRef, 0, len(m.Units))
	for i := range m.Units {
		if !e.excl[m.Units[i].ID] {
			refs = append(refs, ref(&m.Units[i]))
		}
	}
	var skipped []string
	for _, sp := range m.Skipped {
		skipped = append(skipped, sp.Package)
	}
	res.Notes = append(b.unusedPatterns(refs, skipped), e.functionNotes()...)
	return res, nil
}

func sortViolations(vs []Violation) {
	sort.SliceStable(vs, func(i, j int) bool {
		a, c := vs[i], vs[j]
		if a.Severity != c.Severity {
			return a.Severity == Error
		}
		if a.Rule != c.Rule {
			return a.Rule < c.Rule
		}
		if a.File != c.File {
			return a.File < c.File
		}
		if a.Line != c.Line {
			return a.Line < c.Line
		}
		if a.Column != c.Column {
			return a.Column < c.Column
		}
		return a.Key().less(c.Key())
	})
}

// engine holds one run's state.
type engine struct {
	m     *model.Model
	cfg   *config.Config
	b     *Boundaries
	ix    *model.Index
	owner map[string]string // unit id -> service, SharedKernel or ""
	excl  map[string]bool   // excluded unit ids
	// byPkg lists each package's units.
	byPkg map[string][]*model.Unit
	viols map[Key]*Violation
	// svcEdges holds, per service pair, the evidence of a use.
	svcEdges map[[2]string]*svcEdge
	// unitPkgPairs marks package pairs linked by a cross-service unit edge
	// the syntax shows (any kind but calls), callPkgPairs those linked by a
	// call: the import-level rules must not depend on the call graph.
	unitPkgPairs, callPkgPairs map[[2]string]bool
}

// svcEdge is the evidence that one service uses another: the first use of
// any kind, and the first that a run without the call graph sees too.
type svcEdge struct {
	first  hint
	syntax *hint
}

// use records evidence of a use of service b by a.
func (e *engine) use(a, b string, h hint, syntax bool) {
	k := [2]string{a, b}
	se := e.svcEdges[k]
	if se == nil {
		se = &svcEdge{first: h}
		e.svcEdges[k] = se
	}
	if syntax && se.syntax == nil {
		hc := h
		se.syntax = &hc
	}
}

func (e *engine) short(id string) string {
	mod := e.m.Module
	for _, md := range e.m.Modules {
		if strings.HasPrefix(id, md.Path+"/") || strings.HasPrefix(id, md.Path+".") {
			mod = md.Path
			break
		}
	}
	if mod != "" && (strings.HasPrefix(id, mod+"/") || strings.HasPrefix(id, mod+".")) {
		return id[len(mod)+1:]
	}
	return id
}

func ref(u *model.Unit) UnitRef { return UnitRef{ID: u.ID, Package: u.Package, Exported: u.Exported} }

// chainExcluded reports whether a readiness finding's call chain goes
// through excluded code.
func (e *engine) chainExcluded(v *Violation) bool {
	for _, st := range v.Chain {
		if e.excl[st.Unit] {
			return true
		}
	}
	return false
}

// resolve finds every unit's owner.
func (e *engine) resolve() error {
	e.owner = make(map[string]string, len(e.m.Units))
	e.excl = map[string]bool{}
	e.byPkg = map[string][]*model.Unit{}
	// Per package, not per unit: every exclude entry is a glob.
	exclPkg := map[string]bool{}
	for i := range e.m.Units {
		u := &e.m.Units[i]
		e.byPkg[u.Package] = append(e.byPkg[u.Package], u)
		x, ok := exclPkg[u.Package]
		if !ok {
			x = e.b.ExcludedPackage(u.Package)
			exclPkg[u.Package] = x
		}
		if x || e.b.ExcludedFile(u.File) {
			e.excl[u.ID] = true
			continue
		}
		o, err := e.b.Owner(ref(u))
		if err != nil {
			return err
		}
		e.owner[u.ID] = o
	}
	return nil
}

func (e *engine) add(v *Violation) {
	k := v.Key()
	if _, ok := e.viols[k]; !ok {
		e.viols[k] = v
	}
}

// isService reports whether o owns code as a service (not the kernel).
func isService(o string) bool { return o != "" && o != SharedKernel }

var verbs = map[model.EdgeKind]string{
	model.EdgeCall:        "calls",
	model.EdgeRef:         "uses",
	model.EdgeEmbed:       "embeds",
	model.EdgeMethod:      "is a method of",
	model.EdgeGlobalRead:  "reads",
	model.EdgeGlobalWrite: "writes",
}

// edges applies the unit-level rules to every cross-service edge.
func (e *engine) edges() {
	e.unitPkgPairs, e.callPkgPairs = map[[2]string]bool{}, map[[2]string]bool{}
	for _, ed := range e.m.Edges {
		a, b := e.owner[ed.From], e.owner[ed.To]
		if !isService(a) || !isService(b) || a == b {
			continue
		}
		from, to := e.ix.Units[ed.From], e.ix.Units[ed.To]
		if from == nil || to == nil {
			continue
		}
		h := hint{fromUnit: from.ID, toUnit: to.ID}
		e.use(a, b, h, ed.Kind != model.EdgeCall)
		if ed.Kind == model.EdgeCall {
			e.callPkgPairs[[2]string{from.Package, to.Package}] = true
		} else {
			e.unitPkgPairs[[2]string{from.Package, to.Package}] = true
		}
		verb := verbs[ed.Kind]
		if verb == "" {
			verb = "uses"
		}
		apiRule, depRule := NonAPIUse, UndeclaredDependency
		if ed.Kind == model.EdgeCall {
			apiRule, depRule = NonAPICall, UndeclaredCall
		}
		base := Violation{File: from.File, Line: from.Line, From: from.ID, To: to.ID, FromService: a, ToService: b, hint: h}
		if !e.b.IsAPI(b, ref(to)) {
			v := base
			v.Rule = apiRule
			v.Message = fmt.Sprintf("%s (%s) %s %s, which is not in the API of service %s: go through that API, or add it to services.%s.api",
				e.short(from.ID), a, verb, e.short(to.ID), b, b)
			e.add(&v)
		}
		if !e.b.MayDepend(a, b) {
			v := base
			v.Rule = depRule
			v.Message = fmt.Sprintf("%s (%s) %s %s of service %s, but %s does not list %s in dependsOn: remove the dependency or declare it",
				e.short(from.ID), a, verb, e.short(to.ID), b, a, b)
			e.add(&v)
		}
	}
}

// wholeOwner returns the owner of every unit of pkg, or "" if they differ.
func (e *engine) wholeOwner(pkg string) string {
	units := e.byPkg[pkg]
	if len(units) == 0 {
		return ""
	}
	o := e.owner[units[0].ID]
	for _, u := range units[1:] {
		if e.owner[u.ID] != o || e.excl[u.ID] {
			return ""
		}
	}
	if e.excl[units[0].ID] {
		return ""
	}
	return o
}

// imports applies the import-level rules: a package wholly in service A
// importing a package wholly in service B, with no unit-level edge the
// syntax shows between them (plain calls, or a blank declaration such as
// var _ = b.F). When the call graph has calls between them, the call-level
// rules say it unit by unit and the finding is covered (not shown twice).
func (e *engine) imports() {
	for _, p := range e.m.Packages {
		a := e.wholeOwner(p.Path)
		if !isService(a) {
			continue
		}
		for _, q := range p.Imports {
			b := e.wholeOwner(q)
			if !isService(b) || a == b || e.unitPkgPairs[[2]string{p.Path, q}] {
				continue
			}
			h := hint{fromPkg: p.Path, toPkg: q}
			e.use(a, b, h, true)
			file := ""
			if us := e.byPkg[p.Path]; len(us) > 0 {
				file = us[0].File
			}
			base := Violation{File: file, From: p.Path, To: q, FromService: a, ToService: b, hint: h}
			called := e.callPkgPairs[[2]string{p.Path, q}]
			if !e.b.MayDepend(a, b) {
				v := base
				v.Rule = UndeclaredDependency
				if called {
					v.coveredBy = UndeclaredCall
				}
				v.Message = fmt.Sprintf("package %s (%s) imports %s of service %s, but %s does not list %s in dependsOn: remove the dependency or declare it",
					e.short(p.Path), a, e.short(q), b, a, b)
				e.add(&v)
			}
			api := false
			for _, u := range e.byPkg[q] {
				if e.b.IsAPI(b, ref(u)) {
					api = true
					break
				}
			}
			if !api {
				v := base
				v.Rule = NonAPIUse
				if called {
					v.coveredBy = NonAPICall
				}
				v.Message = fmt.Sprintf("package %s (%s) imports %s, which holds nothing of the API of service %s: go through that API, or add the package to services.%s.api",
					e.short(p.Path), a, e.short(q), b, b)
				e.add(&v)
			}
		}
	}
}

// cycles reports the dependencies between services that lie on a cycle:
// one violation per edge A → B of a strongly connected set of services, so
// that a service joining or leaving the cycle adds or removes its own edges
// and leaves the others' identities alone. An edge needs the call graph
// when it is not on a cycle of the uses the syntax shows (references,
// imports): a run without calls cannot see it.
func (e *engine) cycles() {
	full := map[string][]string{}
	syn := map[string][]string{}
	for k, se := range e.svcEdges {
		full[k[0]] = append(full[k[0]], k[1])
		if se.syntax != nil {
			syn[k[0]] = append(syn[k[0]], k[1])
		}
	}
	comp, members := components(full)
	synComp, _ := components(syn)
	keys := make([][2]string, 0, len(e.svcEdges))
	for k := range e.svcEdges {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		a, b := k[0], k[1]
		ca, okA := comp[a]
		cb, okB := comp[b]
		if !okA || !okB || ca != cb {
			continue
		}
		se := e.svcEdges[k]
		h := se.first
		if se.syntax != nil {
			h = *se.syntax // the same place with and without the call graph
		}
		scc := members[ca]
		path := append([]string{a}, shortestPath(b, a, full, scc)...)
		v := &Violation{Rule: ServiceCycle, From: a, To: b, FromService: a, ToService: b, hint: h}
		sa, okA := synComp[a]
		sb, okB := synComp[b]
		if se.syntax == nil || !okA || !okB || sa != sb {
			v.needs = LevelCall
		}
		v.File, v.Line = e.hintPos(h)
		here := fmt.Sprintf("%s uses %s", e.short(h.fromUnit), e.short(h.toUnit))
		if h.fromPkg != "" {
			here = fmt.Sprintf("package %s imports %s", e.short(h.fromPkg), e.short(h.toPkg))
		}
		who := "services " + strings.Join(scc[:len(scc)-1], ", ") + " and " + scc[len(scc)-1]
		v.Message = fmt.Sprintf("%s depend on each other: %s (here %s); break the cycle at one of its edges, or merge them",
			who, strings.Join(path, " → "), here)
		e.add(v)
	}
}

// components returns the strongly connected sets of two or more services
// of a graph: each member's set index, and each set's sorted members.
func components(adj map[string][]string) (map[string]int, [][]string) {
	var nodes []string
	for n := range adj {
		sort.Strings(adj[n])
		nodes = append(nodes, n)
	}
	sort.Strings(nodes)
	reach := func(s string) map[string]bool {
		seen := map[string]bool{s: true}
		stack := []string{s}
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, x := range adj[n] {
				if !seen[x] {
					seen[x] = true
					stack = append(stack, x)
				}
			}
		}
		return seen
	}
	reached := map[string]map[string]bool{}
	for _, n := range nodes {
		reached[n] = reach(n)
	}
	comp := map[string]int{}
	var members [][]string
	for _, s := range nodes {
		if _, done := comp[s]; done {
			continue
		}
		var scc []string
		for _, t := range nodes {
			if reached[s][t] && reached[t][s] {
				scc = append(scc, t)
			}
		}
		if len(scc) < 2 {
			continue
		}
		for _, t := range scc {
			comp[t] = len(members)
		}
		members = append(members, scc)
	}
	return comp, members
}

// hintPos is where a hint's evidence starts before it is located exactly.
func (e *engine) hintPos(h hint) (string, int) {
	if u := e.ix.Units[h.fromUnit]; u != nil {
		return u.File, u.Line
	}
	if us := e.byPkg[h.fromPkg]; len(us) > 0 {
		return us[0].File, 0
	}
	return "", 0
}

// shortestPath returns from → ... → to through the members of scc (from
// itself first); [from, to] when there is none.
func shortestPath(from, to string, adj map[string][]string, scc []string) []string {
	in := map[string]bool{}
	for _, n := range scc {
		in[n] = true
	}
	prev := map[string]string{}
	queue := []string{from}
	seen := map[string]bool{from: true}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n == to {
			var path []string
			for c := to; c != from; c = prev[c] {
				path = append(path, c)
			}
			path = append(path, from)
			slices.Reverse(path)
			return path
		}
		for _, x := range adj[n] {
			if in[x] && !seen[x] {
				seen[x] = true
				prev[x] = n
				queue = append(queue, x)
			}
		}
	}
	return []string{from, to}
}

// firstUnit returns the unit of us that comes first in file order.
func firstUnit(us []*model.Unit) *model.Unit {
	var best *model.Unit
	for _, u := range us {
		if best == nil || u.File < best.File || (u.File == best.File && (u.Line < best.Line || (u.Line == best.Line && u.ID < best.ID))) {
			best = u
		}
	}
	return best
}

// unattached reports the packages and units that belong to nothing.
func (e *engine) unattached() {
	pkgs := make([]string, 0, len(e.byPkg))
	for p := range e.byPkg {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	for _, p := range pkgs {
		var loose []*model.Unit
		all := true
		for _, u := range e.byPkg[p] {
			if e.excl[u.ID] {
				all = false
				continue
			}
			if e.owner[u.ID] == "" {
				loose = append(loose, u)
			} else {
				all = false
			}
		}
		if len(loose) == 0 {
			continue
		}
		if all {
			u := firstUnit(loose)
			e.add(&Violation{Rule: Unattached, From: p, File: u.File, Line: u.Line, hint: hint{unit: u.ID},
				Message: fmt.Sprintf("package %s belongs to no service: add it to a service's packages, or to shared", e.short(p))})
			continue
		}
		for _, u := range loose {
			e.add(&Violation{Rule: Unattached, From: u.ID, File: u.File, Line: u.Line, hint: hint{unit: u.ID},
				Message: fmt.Sprintf("%s belongs to no service, unlike the rest of package %s: add it to a service's units, or to shared", e.short(u.ID), e.short(p))})
		}
	}
}

// tables reports the tables touched by more than one service.
func (e *engine) tables() {
	owners := map[string]string{}
	for _, name := range e.cfg.ServiceNames() {
		for _, t := range e.cfg.Services[name].Tables {
			owners[strings.ToLower(t)] = name
		}
	}
	type touch struct {
		unit *model.Unit
		op   string
	}
	byTable := map[string]map[string][]touch{}
	for i := range e.m.Units {
		u := &e.m.Units[i]
		s := e.owner[u.ID]
		if !isService(s) {
			continue
		}
		for _, t := range u.Tables {
			name := strings.ToLower(t.Table)
			if byTable[name] == nil {
				byTable[name] = map[string][]touch{}
			}
			byTable[name][s] = append(byTable[name][s], touch{u, t.Op})
		}
	}
	tables := make([]string, 0, len(byTable))
	for t := range byTable {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	for _, t := range tables {
		svcs := make([]string, 0, len(byTable[t]))
		for s := range byTable[t] {
			svcs = append(svcs, s)
		}
		sort.Strings(svcs)
		owner := owners[t]
		if owner == "" && len(svcs) < 2 {
			continue
		}
		for _, s := range svcs {
			if s == owner {
				continue
			}
			var us []*model.Unit
			ops := map[*model.Unit]string{}
			for _, tc := range byTable[t][s] {
				us = append(us, tc.unit)
				if ops[tc.unit] != "write" {
					ops[tc.unit] = tc.op
				}
			}
			u := firstUnit(us)
			verb := "reads"
			if ops[u] == "write" {
				verb = "writes"
			}
			why := fmt.Sprintf("table %s is touched by services %s", t, strings.Join(svcs, ", "))
			if owner != "" {
				why = fmt.Sprintf("table %s is owned by service %s", t, owner)
			}
			e.add(&Violation{Rule: SharedTable, From: s, To: "table:" + t, FromService: s, ToService: owner,
				File: u.File, Line: u.Line, hint: hint{unit: u.ID},
				Message: fmt.Sprintf("%s: %s (%s) %s it; let one service own the table and the others use its API", why, e.short(u.ID), s, verb)})
		}
	}
}

// functionNotes warns about declared functions whose entry points the model
// does not have.
func (e *engine) functionNotes() []string {
	if len(e.cfg.Functions) == 0 || e.m.Partial {
		return nil // with skipped packages, their entry points are unknown, not gone
	}
	known := map[string]bool{}
	for _, ep := range e.m.EntryPoints {
		known[ep.ID] = true
	}
	var out []string
	for _, name := range e.cfg.FunctionNames() {
		for i, id := range e.cfg.Functions[name].EntryPoints {
			if !known[id] {
				out = append(out, e.cfg.Warning([]any{"functions", name, "entrypoints", i},
					"function %s: no entry point %q in the analysed code (splitter analyze lists them)", name, id))
			}
		}
	}
	return out
}
