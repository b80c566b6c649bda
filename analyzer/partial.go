package analyzer

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/model"
)

// A partial run (lint at import level, --callgraph none, after one package
// changed): only the packages whose key changed, which are the changed
// ones and everything that imports them, are parsed, type-checked and
// analysed; the rest of the model comes from the last run's entry.
//
// The changed packages are type-checked against the export data of what
// they import: the files the last run's load left in the go build cache
// (recorded by package key, so it is what a fresh load would see), or
// splitter's own for the packages a partial run checked, so no go list
// -export and no type-check of the unchanged packages is needed. Their
// units are stubs (unitDecl.stub) that have only their model.Unit: the
// passes find them by name, and whatever would read an unchanged
// package's syntax panics with needSource, which makes the run start again
// in full. The module-wide steps are redone from what the last run left per
// package (the aux entry): the tables' migration pass over every unit's
// scan; the entry points' resolution is kept only when what the changed
// packages contribute to it is what they contributed before (a
// fingerprint), since it was resolved with them. A package that reads or
// writes the database (whose tables a module-wide prepass feeds), cgo,
// tests, errors, declared entry points in a changed package, or more than
// half the packages changed: the run is a full one. The result is the
// model a full run makes, byte for byte (partial_test.go).

// auxSchema names the aux entry's format.
const auxSchema = "splitter-aux/v1"

// auxEntry is what a run leaves per package for a later partial run.
type auxEntry struct {
	Schema   string            `json:"schema"`
	Packages map[string]auxPkg `json:"packages"` // by package path
	// What the tables' prepass found module-wide: the ORMs' naming, and
	// whether statements are prepared into variables.
	Naming namingRec `json:"naming"`
	Stmts  bool      `json:"stmts,omitempty"`
	// RouterTypes are the module's wrapper router types (unit IDs, in the
	// detectors' order), when the detectors looked for them.
	RouterTypes     []string `json:"routerTypes,omitempty"`
	RouterTypesDone bool     `json:"routerTypesDone,omitempty"`
	// Swagger: the detectors read the module's go-swagger routing tables
	// and found routes in them: any package may hold them and any
	// package's routes depend on them. Tables read and found empty (a
	// swagger-shaped type that is not go-swagger's, as kubernetes has) do
	// not count: only a changed package could hold one now, and a partial
	// run looks.
	Swagger bool `json:"swagger,omitempty"`
	// Export maps a package key to the go command's export data file
	// for it; a key not here has splitter's own (typesPath).
	Export map[string]string `json:"export,omitempty"`
}

type namingRec struct {
	GormPrefix, XormMapper, XormPrefix, XormSuffix string
	GormSingular, JinzhuSingle                     bool
}

func toNamingRec(n naming) namingRec {
	return namingRec{GormPrefix: n.gormPrefix, XormMapper: n.xormMapper, XormPrefix: n.xormPrefix, XormSuffix: n.xormSuffix,
		GormSingular: n.gormSingular, JinzhuSingle: n.jinzhuSingle}
}

func (r namingRec) naming() naming {
	return naming{gormPrefix: r.GormPrefix, xormMapper: r.XormMapper, xormPrefix: r.XormPrefix, xormSuffix: r.XormSuffix,
		gormSingular: r.GormSingular, jinzhuSingle: r.JinzhuSingle}
}

type auxPkg struct {
	Key string `json:"key"`
	// Entries fingerprints what the package contributes to the
	// module-wide resolution of entry points, and its pass's diagnostic.
	Entries string `json:"entries"`
	// Prepass is true when the tables' prepass found something in the
	// package; DB when it is a generated package of a migration framework.
	Prepass bool `json:"prepass,omitempty"`
	DB      bool `json:"db,omitempty"`
	// Aliases maps the objects a unit declares besides the one it is
	// named after (var a, b = ...) to the unit's ID: "Name" or "Recv.Name".
	Aliases map[string]string `json:"aliases,omitempty"`
	// Tables (before the migration pass) and Scans, by unit ID, for the
	// units that have any.
	Tables map[string][]model.TableUse `json:"tables,omitempty"`
	Scans  map[string]scanRec          `json:"scans,omitempty"`
	// Answers are the table scanner's findings about the package's
	// functions (what they forward to the database), by answerKey;
	// Wrappers and CWrappers the entry-point detectors' (which functions
	// wrap a router or a consumer), by unit ID.
	Answers   map[string]answerRec   `json:"answers,omitempty"`
	Wrappers  map[string]wrapperRec  `json:"wrappers,omitempty"`
	CWrappers map[string]cwrapperRec `json:"cwrappers,omitempty"`
	GRPCNames map[string]string      `json:"grpcNames,omitempty"`
	// ConstReturns are the strings the package's functions return when
	// those are constant, as the table scanner asked (nil: not constant).
	ConstReturns map[string][]string `json:"constReturns,omitempty"`
}

// wrapperRec is a wrapperSpec (None: not a wrapper), its router by key.
type wrapperRec struct {
	None         bool      `json:"none,omitempty"`
	Router       string    `json:"router,omitempty"`
	Verbs        []string  `json:"verbs,omitempty"`
	VerbParam    int       `json:"verbParam"`
	VerbRest     bool      `json:"verbRest,omitempty"`
	PathParam    int       `json:"pathParam"`
	Steps        []stepRec `json:"steps,omitempty"`
	Mount        bool      `json:"mount,omitempty"`
	HandlerParam int       `json:"handlerParam"`
	RouterParam  int       `json:"routerParam"`
}

type stepRec struct {
	Kind byte   `json:"kind"`
	S    string `json:"s"`
}

type cwrapperRec struct {
	None         bool   `json:"none,omitempty"`
	Consumer     string `json:"consumer,omitempty"`
	TopicParam   int    `json:"topicParam"`
	HandlerParam int    `json:"handlerParam"`
}

// lastWrapper is the last run's wrapper finding about a function of a
// package this run did not load; none is needSource.
func (d *detectors) lastWrapper(id string) *wrapperSpec {
	r, ok := d.lastWrappers[id]
	if !ok {
		panic(needSource{id})
	}
	if r.None {
		return nil
	}
	rs := d.routers[r.Router]
	if rs == nil {
		panic(needSource{id})
	}
	w := &wrapperSpec{rs: rs, verbs: r.Verbs, verbParam: r.VerbParam, verbRest: r.VerbRest, pathParam: r.PathParam,
		mount: r.Mount, handlerParam: r.HandlerParam, routerParam: r.RouterParam}
	for _, s := range r.Steps {
		w.steps = append(w.steps, pathStep{kind: s.Kind, s: s.S})
	}
	return w
}

func (d *detectors) lastConsumerWrapper(id string) *consumerWrapper {
	r, ok := d.lastCWrappers[id]
	if !ok {
		panic(needSource{id})
	}
	if r.None {
		return nil
	}
	c := d.consumers[r.Consumer]
	if c == nil {
		panic(needSource{id})
	}
	return &consumerWrapper{c: c, topicParam: r.TopicParam, handlerParam: r.HandlerParam}
}

// recordRouterTypes keeps the detectors' list of the module's wrapper
// router types in aux, if they made it.
func recordRouterTypes(aux *auxEntry, t *unitTable, d *detectors) {
	aux.Swagger = aux.Swagger || len(d.swagger.routes) > 0
	aux.RouterTypes, aux.RouterTypesDone = nil, d.rtDone
	for _, n := range d.rtypes {
		u := t.unitOf(n.Obj())
		if u < 0 {
			aux.RouterTypesDone = false
			return
		}
		aux.RouterTypes = append(aux.RouterTypes, t.units[u].unit.ID)
	}
}

// recordWrappers keeps the detectors' wrapper findings about the loaded
// packages' functions in aux. A finding whose router or consumer is not
// one of the detectors' own is left out: a partial run needing it is full.
func recordWrappers(aux *auxEntry, t *unitTable, d *detectors) {
	unitOfFn := func(fn *types.Func) (string, string, bool) {
		if fn != fn.Origin() {
			return "", "", false
		}
		u := t.unitOf(fn)
		if u < 0 || t.units[u].stub {
			return "", "", false
		}
		return t.units[u].unit.ID, t.units[u].unit.Package, true
	}
	routerKey := map[*routerSpec]string{}
	for k, rs := range d.routers {
		routerKey[rs] = k
	}
	consumerKey := map[*consumerSpec]string{}
	for k, c := range d.consumers {
		consumerKey[c] = k
	}
	for fn, w := range d.wrappers {
		id, pkg, ok := unitOfFn(fn)
		ap, known := aux.Packages[pkg]
		if !ok || !known {
			continue
		}
		r := wrapperRec{None: w == nil}
		if w != nil {
			k, ok := routerKey[w.rs]
			if !ok {
				continue
			}
			r = wrapperRec{Router: k, Verbs: w.verbs, VerbParam: w.verbParam, VerbRest: w.verbRest, PathParam: w.pathParam,
				Mount: w.mount, HandlerParam: w.handlerParam, RouterParam: w.routerParam}
			for _, s := range w.steps {
				r.Steps = append(r.Steps, stepRec{Kind: s.kind, S: s.s})
			}
		}
		if ap.Wrappers == nil {
			ap.Wrappers = map[string]wrapperRec{}
		}
		ap.Wrappers[id] = r
		aux.Packages[pkg] = ap
	}
	// record files what a pass found about unit id under its package's
	// record, for a unit this run loaded, of a package the entry keeps.
	record := func(id string, set func(ap *auxPkg)) {
		u, ok := t.byID[id]
		if !ok || t.units[u].stub {
			return
		}
		pkg := t.units[u].unit.Package
		ap, known := aux.Packages[pkg]
		if !known {
			return
		}
		set(&ap)
		aux.Packages[pkg] = ap
	}
	t.constReturned.Range(func(k, v any) bool {
		record(k.(string), func(ap *auxPkg) {
			if ap.ConstReturns == nil {
				ap.ConstReturns = map[string][]string{}
			}
			ap.ConstReturns[k.(string)] = v.([]string)
		})
		return true
	})
	d.grpcNames.Range(func(k, v any) bool {
		record(k.(string), func(ap *auxPkg) {
			if ap.GRPCNames == nil {
				ap.GRPCNames = map[string]string{}
			}
			ap.GRPCNames[k.(string)] = v.(string)
		})
		return true
	})
	for fn, w := range d.cwrappers {
		id, pkg, ok := unitOfFn(fn)
		ap, known := aux.Packages[pkg]
		if !ok || !known {
			continue
		}
		r := cwrapperRec{None: w == nil}
		if w != nil {
			k, ok := consumerKey[w.c]
			if !ok {
				continue
			}
			r = cwrapperRec{Consumer: k, TopicParam: w.topicParam, HandlerParam: w.handlerParam}
		}
		if ap.CWrappers == nil {
			ap.CWrappers = map[string]cwrapperRec{}
		}
		ap.CWrappers[id] = r
		aux.Packages[pkg] = ap
	}
}

// answerRec is a fwdResult, the ORM by its index in orms.
type answerRec struct {
	Via     string           `json:"via,omitempty"`
	OK      bool             `json:"ok,omitempty"`
	Model   modelRec         `json:"model"`
	TParams map[int]modelRec `json:"tparams,omitempty"`
}

type modelRec struct {
	ORM int    `json:"orm"` // -1: none
	Op  string `json:"op,omitempty"`
}

func answerKey(unit string, k fwdKey, depth int) string {
	return fmt.Sprintf("%s\x00%d\x00%d\x00%d", unit, k.k, k.kind, depth)
}

func toModelRec(m modelFwd) modelRec {
	r := modelRec{ORM: -1, Op: m.op}
	for i, o := range orms {
		if o == m.orm {
			r.ORM = i
		}
	}
	return r
}

func (r modelRec) modelFwd() modelFwd {
	m := modelFwd{op: r.Op}
	if r.ORM >= 0 && r.ORM < len(orms) {
		m.orm = orms[r.ORM]
	}
	return m
}

func toAnswerRec(r fwdResult) answerRec {
	a := answerRec{Via: r.via, OK: r.ok, Model: toModelRec(r.model)}
	if r.tparams != nil {
		a.TParams = map[int]modelRec{}
		for i, m := range r.tparams {
			a.TParams[i] = toModelRec(m)
		}
	}
	return a
}

func (a answerRec) result() fwdResult {
	r := fwdResult{via: a.Via, ok: a.OK, model: a.Model.modelFwd()}
	if a.TParams != nil {
		r.tparams = map[int]modelFwd{}
		for i, m := range a.TParams {
			r.tparams[i] = m.modelFwd()
		}
	}
	return r
}

// scanRec is a unitScan with unit IDs for indexes.
type scanRec struct {
	DDL      bool     `json:"ddl,omitempty"`
	Migrator bool     `json:"migrator,omitempty"`
	Touches  bool     `json:"touches,omitempty"`
	Refs     []string `json:"refs,omitempty"`
	Calls    []string `json:"calls,omitempty"`
	Vars     []string `json:"vars,omitempty"`
	MigRefs  []string `json:"migRefs,omitempty"`
}

func (s unitScan) empty() bool {
	return !s.ddl && !s.migrator && !s.touches && len(s.refs)+len(s.calls)+len(s.vars)+len(s.migRefs) == 0
}

func scanToRec(t *unitTable, s unitScan) scanRec {
	ids := func(xs []int) []string {
		var out []string
		for _, x := range xs {
			out = append(out, t.units[x].unit.ID)
		}
		return out
	}
	return scanRec{DDL: s.ddl, Migrator: s.migrator, Touches: s.touches, Refs: ids(s.refs), Calls: ids(s.calls), Vars: ids(s.vars), MigRefs: ids(s.migRefs)}
}

func recToScan(t *unitTable, r scanRec) (unitScan, bool) {
	ok := true
	idx := func(ids []string) []int {
		var out []int
		for _, id := range ids {
			i, found := t.byID[id]
			if !found {
				ok = false
			}
			out = append(out, i)
		}
		return out
	}
	s := unitScan{ddl: r.DDL, migrator: r.Migrator, touches: r.Touches, refs: idx(r.Refs), calls: idx(r.Calls), vars: idx(r.Vars), migRefs: idx(r.MigRefs)}
	return s, ok
}

// objKey names a package-level object within its package as its unit's ID
// does: "Name", or "Recv.Name" for a method. ok is false for what no unit
// declares (fields, locals, interface methods, type parameters).
func objKey(obj types.Object) (string, bool) {
	pkg := obj.Pkg()
	if pkg == nil {
		return "", false
	}
	switch o := obj.(type) {
	case *types.Func:
		if recv := o.Signature().Recv(); recv != nil {
			n := namedOf(recv.Type())
			if n == nil {
				return "", false
			}
			if _, iface := n.Underlying().(*types.Interface); iface {
				return "", false
			}
			return n.Obj().Name() + "." + o.Name(), true
		}
		return o.Name(), o.Parent() == nil || o.Parent() == pkg.Scope()
	case *types.Var:
		if o.IsField() || o.Parent() != pkg.Scope() {
			return "", false
		}
	case *types.TypeName, *types.Const:
		if obj.Parent() != pkg.Scope() {
			return "", false
		}
	default:
		return "", false
	}
	return obj.Name(), true
}

// entriesFingerprint hashes what a package's pass gives the module-wide
// steps besides its units: its entry points and their bindings, and its
// diagnostic.
func entriesFingerprint(pe *pkgEntries, d *model.Diagnostic) string {
	h := sha256.New()
	b, _ := json.Marshal(pe.eps)
	h.Write(b)
	b, _ = json.Marshal(pe.diags)
	h.Write(b)
	b, _ = json.Marshal(d)
	h.Write(b)
	fmt.Fprintf(h, "\x00%v\x00%v\x00%v\x00%v\x00%v\x00%v\x00%v\x00%v\x00%v\x00%s\x00",
		pe.relative, pe.factories, pe.registrar, pe.mounts, pe.cobra, pe.cobraKeys, pe.imports, pe.grpcParams, pe.impls, pe.pkg)
	for _, bd := range pe.bindings {
		root := ""
		if bd.prefix.root != nil {
			root = bd.prefix.root.String()
		}
		fmt.Fprintf(h, "b\x00%s\x00%d\x00%s\x00%s\x00%d\x00%s\x00%d\x00", bd.callee, bd.param, bd.caller, bd.prefix.path, bd.prefix.param, root, bd.join)
	}
	lits := make([]string, 0, len(pe.lits))
	for k := range pe.lits {
		lits = append(lits, k)
	}
	sort.Strings(lits)
	fmt.Fprintf(h, "lits\x00%v", lits)
	return hex.EncodeToString(h.Sum(nil))
}

// migrationPkg reports whether p is a generated package of a migration
// framework, which the tables' scan treats module-wide.
func migrationPkg(p *packages.Package) bool {
	return p.Types != nil && generatedPkg(p) && importsMigration(p.Types)
}

// buildAux collects what a full run leaves for a partial one.
func buildAux(ck *cacheKeys, ld *loaded, t *unitTable, perPkg [][]int, eps []pkgEntries, pkgDiags []*model.Diagnostic, pre [][]model.TableUse, ts *tableScanner) *auxEntry {
	aux := &auxEntry{Schema: auxSchema, Packages: map[string]auxPkg{}, Naming: toNamingRec(ts.naming), Stmts: len(ts.stmts) > 0}
	for i, p := range ld.pkgs {
		ap := auxPkg{Key: ck.byID[p.ID], Entries: entriesFingerprint(&eps[i], pkgDiags[i]), DB: migrationPkg(p), Prepass: ts.contrib[p.PkgPath]}
		for _, u := range perPkg[i] {
			ud := t.units[u]
			id := ud.unit.ID
			own := strings.TrimPrefix(id, p.PkgPath+".")
			for _, obj := range declObjects(ud, p.TypesInfo) {
				if k, ok := objKey(obj); ok && k != own {
					if ap.Aliases == nil {
						ap.Aliases = map[string]string{}
					}
					ap.Aliases[k] = id
				}
			}
			if len(pre[u]) > 0 {
				if ap.Tables == nil {
					ap.Tables = map[string][]model.TableUse{}
				}
				ap.Tables[id] = pre[u]
			}
			if !ts.scans[u].empty() {
				if ap.Scans == nil {
					ap.Scans = map[string]scanRec{}
				}
				ap.Scans[id] = scanToRec(t, ts.scans[u])
			}
		}
		aux.Packages[p.PkgPath] = ap
	}
	// The scanner's answers about the loaded packages' functions (only
	// whole ones are kept in ts.fwd).
	ts.asked.Range(func(k, v any) bool {
		ak := k.(askKey)
		key := ak.fwdKey
		u := t.unitOf(key.fn)
		if u < 0 || t.units[u].stub {
			return true
		}
		id := t.units[u].unit.ID
		ap, ok := aux.Packages[t.units[u].unit.Package]
		if !ok {
			return true
		}
		if ap.Answers == nil {
			ap.Answers = map[string]answerRec{}
		}
		ap.Answers[answerKey(id, key, ak.depth)] = toAnswerRec(v.(fwdResult))
		aux.Packages[t.units[u].unit.Package] = ap
		return true
	})
	return aux
}

func (ck *cacheKeys) auxPath(cache, run string) string {
	return filepath.Join(cache, run[:2], run+"-aux")
}

func typesPath(cache, key string) string {
	return filepath.Join(cache, key[:2], key+"-types")
}

// writeTypes records where the export data of the module's packages and
// of what they import directly is, for a later partial run to type-check
// against: the go command's build cache holds it (the load ran go list
// -export), under a name that its content decides; a package without a
// file there gets one of splitter's own, which an existing file is kept
// for, since its name is its content's key.
func writeTypes(cache string, ck *cacheKeys, ld *loaded) {
	type job struct {
		key string
		pkg *types.Package
	}
	var jobs []job
	seen := map[string]bool{}
	ck.aux.Export = map[string]string{}
	add := func(p *packages.Package) {
		k := ck.byID[p.ID]
		if k == "" || seen[k] || p.Types == nil || !p.Types.Complete() {
			return
		}
		seen[k] = true
		if p.ExportFile != "" {
			ck.aux.Export[k] = p.ExportFile
			return
		}
		if _, err := os.Stat(typesPath(cache, k)); err == nil {
			return
		}
		jobs = append(jobs, job{k, p.Types})
	}
	for _, p := range ld.pkgs {
		add(p)
		for _, imp := range p.Imports {
			add(imp)
		}
	}
	fset := ld.pkgs[0].Fset
	parallel(len(jobs), func(i int) { writeExport(cache, jobs[i].key, fset, jobs[i].pkg) })
}

// writeExport stores pkg's export data under key; a package that cannot be
// exported (unsafe) is left out, and a partial run needing it is a full one.
func writeExport(cache, key string, fset *token.FileSet, pkg *types.Package) {
	if pkg == types.Unsafe || pkg.Path() == "unsafe" {
		return
	}
	defer func() { _ = recover() }() // gcexportdata panics on what it cannot encode
	var buf bytes.Buffer
	if err := gcexportdata.Write(&buf, fset, pkg); err == nil {
		_ = writeAtomic(typesPath(cache, key), buf.Bytes())
	}
}

// lastEntry is the entry and per-package record the last run left, read
// on a goroutine of its own while the go command lists the packages: a
// hit (the same run key) returns its model, and a partial run starts from
// both (on miniflux, decoding them was a tenth of a partial run, and the
// listing leaves a core idle).
type lastEntry struct {
	run   string
	done  chan struct{}
	m     *model.Model
	aux   auxEntry
	auxOK bool
}

// readLastEntry starts reading the entry and record of run.
func readLastEntry(cache, run string) *lastEntry {
	e := &lastEntry{run: run, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		e.m = (&cacheKeys{run: run}).read(cache)
		if e.m == nil {
			return
		}
		b, err := os.ReadFile((&cacheKeys{}).auxPath(cache, run))
		e.auxOK = err == nil && json.Unmarshal(b, &e.aux) == nil && e.aux.Schema == auxSchema
	}()
	return e
}

// get waits for the read: the model (nil when there is none to trust) and
// the record (ok false when there is none).
func (e *lastEntry) get() (*model.Model, auxEntry, bool) {
	<-e.done
	return e.m, e.aux, e.auxOK
}

// errFull says why a partial run gave way to a full one.
type errFull struct{ why string }

func (e errFull) Error() string { return e.why }

func full(format string, args ...any) error { return errFull{fmt.Sprintf(format, args...)} }

// partialRun analyses only the packages whose keys changed since the run
// that left last (the listing's run key); anything it cannot vouch for is
// an errFull.
func partialRun(ctx context.Context, cfg *Config, cb *cacheBase, ck *cacheKeys, last *listing, prev *lastEntry, det *detectors) (*model.Model, []string, error) {
	if last.Run == "" {
		return nil, nil, full("no earlier entry")
	}
	if prev == nil || prev.run != last.Run {
		prev = readLastEntry(cfg.Cache, last.Run)
	}
	old, aux, auxOK := prev.get()
	if old == nil || old.Partial {
		return nil, nil, full("the earlier entry is gone")
	}
	if !auxOK {
		return nil, nil, full("no per-package record of the earlier run")
	}
	// The module's packages, as load picks them.
	var roots []*packages.Package
	seen := map[string]bool{}
	for _, p := range ck.pkgs {
		if len(p.Errors) > 0 {
			return nil, nil, full("%s has errors", p.PkgPath)
		}
		if p.Module == nil || !p.Module.Main || excluded(cfg.Exclude, p.PkgPath, relPkg(p)) {
			continue
		}
		if seen[p.PkgPath] {
			return nil, nil, full("%s comes in variants", p.PkgPath)
		}
		seen[p.PkgPath] = true
		roots = append(roots, p)
	}
	if len(roots) != len(aux.Packages) || len(roots) == 0 {
		return nil, nil, full("the set of packages changed")
	}
	sortPackages(roots)
	dirty := map[string]*packages.Package{}
	var changed []string
	for _, p := range roots {
		ap, ok := aux.Packages[p.PkgPath]
		if !ok {
			return nil, nil, full("the set of packages changed")
		}
		if ap.Key != ck.byID[p.ID] {
			if ap.DB || ap.Prepass {
				return nil, nil, full("%s sets up the database's statements or naming", p.PkgPath)
			}
			dirty[p.PkgPath] = p
			changed = append(changed, p.PkgPath)
		}
	}
	if len(dirty) == 0 {
		// Only packages the model leaves out changed (excluded ones, or
		// outside the module): every package it holds has its last key,
		// so the model is the last one, and so is the record.
		ck.aux = &aux
		return old, nil, nil
	}
	if aux.Swagger {
		return nil, nil, full("the module's go-swagger routing tables were read")
	}
	for path, ap := range aux.Packages {
		// The table scanner asks any unit whether a package is a
		// migration framework's generated one, which only a load of that
		// package tells.
		if ap.DB {
			return nil, nil, full("%s is a migration framework's generated package", path)
		}
	}
	// Any package's routes may depend on the module's router types (an
	// interface a router type implements): a changed package that had one
	// makes the unchanged packages' entry points suspect.
	for _, id := range aux.RouterTypes {
		for path := range dirty {
			if strings.HasPrefix(id, path+".") && !strings.Contains(strings.TrimPrefix(id, path+"."), "/") {
				return nil, nil, full("%s holds a router type", path)
			}
		}
	}
	if len(dirty) == 0 || 2*len(dirty) > len(roots) {
		return nil, nil, full("%d of %d packages changed", len(dirty), len(roots))
	}
	for _, d := range cfg.Declared {
		for path := range dirty {
			if strings.HasPrefix(d.Function, path+".") {
				return nil, nil, full("a declared entry point is in %s", path)
			}
		}
	}
	for _, d := range old.Diagnostics {
		if dirty[d.Package] != nil {
			return nil, nil, full("%s had a diagnostic", d.Package)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}

	// Type-check the changed packages, importers after what they import.
	fset := token.NewFileSet()
	imports := map[string]*types.Package{}
	var mu sync.Mutex
	readTypes := func(p *packages.Package) (*types.Package, error) {
		mu.Lock()
		defer mu.Unlock()
		if tp := imports[p.PkgPath]; tp != nil && tp.Complete() {
			return tp, nil
		}
		k := ck.byID[p.ID]
		name, gocache := aux.Export[k]
		if !gocache {
			name = typesPath(cfg.Cache, k)
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, full("no export data for %s", p.PkgPath)
		}
		defer f.Close()
		var r io.Reader = bufio.NewReader(f)
		if gocache {
			// The compiler's file: an archive holding the export data.
			if r, err = gcexportdata.NewReader(r); err != nil {
				return nil, full("export data of %s: %v", p.PkgPath, err)
			}
		}
		tp, err := gcexportdata.Read(r, fset, imports, p.PkgPath)
		if err != nil {
			return nil, full("export data of %s: %v", p.PkgPath, err)
		}
		return tp, nil
	}
	order := topoOrder(dirty)
	checked := map[string]*packages.Package{}
	goarch := cb.env["GOARCH"]
	sizes := types.SizesFor("gc", goarch)
	for _, p := range order {
		files, err := parseFiles(fset, p.GoFiles)
		if err != nil {
			return nil, nil, err
		}
		var typeErr error
		tc := &types.Config{
			Sizes: sizes,
			Error: func(err error) {
				if typeErr == nil {
					typeErr = err
				}
			},
			Importer: importerFunc(func(path string) (*types.Package, error) {
				if path == "unsafe" {
					return types.Unsafe, nil
				}
				ip := p.Imports[path]
				if ip == nil {
					return nil, full("no metadata for %s", path)
				}
				if c := checked[ip.PkgPath]; c != nil {
					return c.Types, nil
				}
				return readTypes(ip)
			}),
		}
		if p.Module != nil && p.Module.GoVersion != "" {
			tc.GoVersion = "go" + p.Module.GoVersion
		}
		info := &types.Info{
			Types:        map[ast.Expr]types.TypeAndValue{},
			Defs:         map[*ast.Ident]types.Object{},
			Uses:         map[*ast.Ident]types.Object{},
			Implicits:    map[ast.Node]types.Object{},
			Instances:    map[*ast.Ident]types.Instance{},
			Scopes:       map[ast.Node]*types.Scope{},
			Selections:   map[*ast.SelectorExpr]*types.Selection{},
			FileVersions: map[*ast.File]string{},
		}
		tp, _ := tc.Check(p.PkgPath, fset, files, info)
		if typeErr != nil {
			var ef errFull
			if errors.As(typeErr, &ef) {
				return nil, nil, ef
			}
			return nil, nil, full("%s does not type-check: %v", p.PkgPath, typeErr)
		}
		np := *p
		np.Fset, np.Syntax, np.Types, np.TypesInfo, np.TypesSizes = fset, files, tp, info, sizes
		np.CompiledGoFiles = p.GoFiles
		if swaggerTables(&np) {
			// The last run found no routing table (aux.Swagger): one here
			// gives routes to the unchanged packages' assignments.
			return nil, nil, full("%s holds go-swagger routing tables", p.PkgPath)
		}
		checked[p.PkgPath] = &np
		mu.Lock()
		imports[p.PkgPath] = tp
		mu.Unlock()
	}

	// The loaded packages are the changed ones; the others are stubs.
	ld := &loaded{root: cb.root, internal: map[string]bool{}}
	mods := map[string]model.Module{}
	for _, p := range roots {
		ld.internal[p.PkgPath] = true
		if _, ok := mods[p.Module.Dir]; !ok {
			mods[p.Module.Dir] = model.Module{Path: p.Module.Path, Dir: ld.rel(p.Module.Dir)}
		}
	}
	for _, m := range mods {
		ld.modules = append(ld.modules, m)
	}
	for _, p := range roots {
		if c := checked[p.PkgPath]; c != nil {
			ld.pkgs = append(ld.pkgs, c)
		}
	}
	t, perPkg, err := partialUnits(ld, old, aux, dirty)
	if err != nil {
		return nil, nil, err
	}
	det.units = t
	rootByPath := map[string]*packages.Package{}
	for _, p := range roots {
		rootByPath[p.PkgPath] = p
	}
	cleanRouterTypes := func() ([]*types.Named, error) {
		if !aux.RouterTypesDone {
			return nil, fmt.Errorf("the module's router types")
		}
		out := []*types.Named{}
		for _, id := range aux.RouterTypes {
			u, ok := t.byID[id]
			if !ok {
				return nil, fmt.Errorf("%s", id)
			}
			if !t.units[u].stub {
				continue // a changed package's: found again
			}
			ud := t.units[u].unit
			rp := rootByPath[ud.Package]
			if rp == nil {
				return nil, fmt.Errorf("%s", id)
			}
			tp, err := readTypes(rp) // not always imported by the changed packages
			if err != nil {
				return nil, fmt.Errorf("%s", id)
			}
			tn, _ := tp.Scope().Lookup(ud.Name).(*types.TypeName)
			if tn == nil {
				return nil, fmt.Errorf("%s", id)
			}
			n, _ := tn.Type().(*types.Named)
			if n == nil {
				return nil, fmt.Errorf("%s", id)
			}
			out = append(out, n)
		}
		return out, nil
	}
	// Read now, before the passes: reading export data completes packages
	// that the passes, running in parallel, would be reading meanwhile.
	rts, rtErr := cleanRouterTypes()
	det.lastRouterTypes = func() ([]*types.Named, error) { return rts, rtErr }
	det.lastWrappers, det.lastCWrappers, det.lastGRPCNames = map[string]wrapperRec{}, map[string]cwrapperRec{}, map[string]string{}
	for path, ap := range aux.Packages {
		if dirty[path] == nil {
			for id, r := range ap.Wrappers {
				det.lastWrappers[id] = r
			}
			for id, r := range ap.CWrappers {
				det.lastCWrappers[id] = r
			}
			for id, n := range ap.GRPCNames {
				det.lastGRPCNames[id] = n
			}
		}
	}

	m, naux, err := partialPasses(cfg, ld, t, perPkg, det, old, aux, imports, ck)
	if err != nil {
		return nil, nil, err
	}
	ck.aux = naux
	// What the next partial run needs: the changed packages' export data
	// and records (on every core, as writeTypes does: on kubernetes the
	// kubelet's 8 packages took 0.19 CPU seconds).
	parallel(len(ld.pkgs), func(i int) {
		p := ld.pkgs[i]
		k := ck.byID[p.ID]
		if _, err := os.Stat(typesPath(cfg.Cache, k)); err != nil {
			writeExport(cfg.Cache, k, fset, p.Types)
		}
	})
	return m, changed, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// parseFiles parses as the load does (parseFile), so that a partial run
// reads the same syntax as a full one.
func parseFiles(fset *token.FileSet, names []string) ([]*ast.File, error) {
	files := make([]*ast.File, len(names))
	for i, name := range names {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, full("%v", err)
		}
		f, err := parseFile(fset, name, src)
		if err != nil {
			return nil, full("%v", err)
		}
		for _, imp := range f.Imports {
			if imp.Path.Value == `"C"` {
				return nil, full("%s uses cgo", name)
			}
		}
		files[i] = f
	}
	return files, nil
}

// topoOrder sorts the changed packages so that each comes after the
// changed packages it imports.
func topoOrder(dirty map[string]*packages.Package) []*packages.Package {
	paths := make([]string, 0, len(dirty))
	for p := range dirty {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var out []*packages.Package
	done := map[string]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if done[p.PkgPath] {
			return
		}
		done[p.PkgPath] = true
		imps := make([]string, 0, len(p.Imports))
		for path := range p.Imports {
			imps = append(imps, path)
		}
		sort.Strings(imps)
		for _, path := range imps {
			if d := dirty[p.Imports[path].PkgPath]; d != nil {
				visit(d)
			}
		}
		out = append(out, p)
	}
	for _, path := range paths {
		visit(dirty[path])
	}
	return out
}

// partialUnits builds the unit table: the changed packages' units from
// their syntax, the others' as stubs from the earlier model, found by name.
func partialUnits(ld *loaded, old *model.Model, aux auxEntry, dirty map[string]*packages.Package) (*unitTable, [][]int, error) {
	t := newUnitTable()
	t.byName = map[string]int{}
	t.srcFiles = map[*token.File]bool{}
	for _, u := range old.Units {
		if dirty[u.Package] != nil {
			continue
		}
		// What a unit holds before the passes fill it in.
		u.Uses, u.Tables, u.Facts, u.Service, u.Why = nil, nil, nil, "", nil
		idx := len(t.units)
		t.units = append(t.units, &unitDecl{unit: u, stub: true})
		t.byID[u.ID] = idx
		if !strings.Contains(u.ID, "#") && !(u.Recv == "" && u.Name == "init") {
			key := u.Name
			if u.Recv != "" {
				key = u.Recv + "." + u.Name
			}
			t.byName[u.Package+"."+key] = idx
		}
	}
	t.lastConstReturns = map[string][]string{}
	for path, ap := range aux.Packages {
		if dirty[path] != nil {
			continue
		}
		for id, r := range ap.ConstReturns {
			t.lastConstReturns[id] = r
		}
		for k, id := range ap.Aliases {
			i, ok := t.byID[id]
			if !ok {
				return nil, nil, full("the earlier model misses %s", id)
			}
			t.byName[path+"."+k] = i
		}
	}
	perPkg := make([][]int, len(ld.pkgs))
	for i, p := range ld.pkgs {
		for _, f := range p.Syntax {
			t.srcFiles[p.Fset.File(f.Pos())] = true
		}
		var uds []*unitDecl
		var pd *model.Diagnostic
		if pd = guard(p.PkgPath, "listing its declarations", func() { uds = collectUnits(ld, p) }); pd != nil {
			return nil, nil, full("%s: %s", p.PkgPath, pd.Message)
		}
		for _, ud := range uds {
			idx := len(t.units)
			t.units = append(t.units, ud)
			t.byID[ud.unit.ID] = idx
			perPkg[i] = append(perPkg[i], idx)
			for _, obj := range declObjects(ud, p.TypesInfo) {
				t.byObj[obj] = idx
			}
			tf := p.Fset.File(ud.srcStart)
			t.byFile[tf] = append(t.byFile[tf], span{ud.srcStart, ud.srcEnd, idx})
		}
	}
	for _, spans := range t.byFile {
		sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	}
	return t, perPkg, nil
}

// partialPasses runs the per-package passes on the changed packages and
// the module-wide steps on everything, and patches the earlier model.
func partialPasses(cfg *Config, ld *loaded, t *unitTable, perPkg [][]int, det *detectors, old *model.Model, aux auxEntry, imports map[string]*types.Package, ck *cacheKeys) (m *model.Model, naux *auxEntry, err error) {
	uses := make([]map[string]bool, len(t.units))
	tables := make([][]model.TableUse, len(t.units))
	facts := make([][]model.Fact, len(t.units))
	defer func() {
		if r := recover(); r != nil {
			if ns, ok := r.(needSource); ok {
				m, naux, err = nil, nil, full("a module-wide step reads the source of %s", ns.unit)
				return
			}
			panic(r)
		}
	}()
	ts := newTableScanner(t, ld.pkgs, loadedSQLDirs(ld))
	for _, p := range ld.pkgs {
		if migrationPkg(p) || ts.contrib[p.PkgPath] {
			return nil, nil, full("%s sets up the database's statements or naming", p.PkgPath)
		}
	}
	// The changed packages add nothing to the prepass: what it found is
	// what the last run's found.
	ts.partial, ts.naming, ts.stmtsElsewhere = true, aux.Naming.naming(), aux.Stmts
	ts.answers = map[string]answerRec{}
	for path, ap := range aux.Packages {
		if !containsPkg(ld.pkgs, path) {
			for k, a := range ap.Answers {
				ts.answers[k] = a
			}
		}
	}
	// The module's packages that were not checked here are types read
	// from export data: the scanner's models are their types too.
	for path := range ld.internal {
		if tp := imports[path]; tp != nil {
			ts.modPkgs[tp] = true
		}
	}
	eps := make([]pkgEntries, len(ld.pkgs))
	es := edgeSet{}
	var mu sync.Mutex
	var need error
	parallel(len(ld.pkgs), func(i int) {
		local := edgeSet{}
		func() {
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					if ns, ok := r.(needSource); ok {
						// Where a pass reads another package's source: what
						// to record next, to make more runs partial.
						if os.Getenv("SPLITTER_PARTIAL_DEBUG") != "" {
							fmt.Fprintf(os.Stderr, "%s\n", debug.Stack())
						}
						need = full("%s reads the source of %s", ld.pkgs[i].PkgPath, ns.unit)
					} else {
						need = full("%s: %v", ld.pkgs[i].PkgPath, r)
					}
					mu.Unlock()
				}
			}()
			readDeclarations(t, ld, det, ts, i, perPkg[i], local, uses, tables, facts, eps, cfg.lean(CallGraphNone))
		}()
		mu.Lock()
		for k, w := range local {
			es[k] += w
		}
		mu.Unlock()
	})
	if need != nil {
		return nil, nil, need
	}
	for i, p := range ld.pkgs {
		if entriesFingerprint(&eps[i], nil) != aux.Packages[p.PkgPath].Entries {
			return nil, nil, full("the entry points of %s changed", p.PkgPath)
		}
	}
	// The migration pass over every unit: the stubs' scans and tables are
	// the earlier run's.
	for path, ap := range aux.Packages {
		if ld.internal[path] && !containsPkg(ld.pkgs, path) {
			for id, rec := range ap.Scans {
				u, ok := t.byID[id]
				if !ok {
					return nil, nil, full("the earlier model misses %s", id)
				}
				s, ok := recToScan(t, rec)
				if !ok {
					return nil, nil, full("a scan of %s names a unit that is gone", id)
				}
				ts.scans[u] = s
			}
			for id, tu := range ap.Tables {
				u, ok := t.byID[id]
				if !ok {
					return nil, nil, full("the earlier model misses %s", id)
				}
				tables[u] = append([]model.TableUse(nil), tu...)
			}
		}
	}
	pre := make([][]model.TableUse, len(tables))
	for u := range tables {
		pre[u] = append([]model.TableUse(nil), tables[u]...)
	}
	ts.finish(tables)
	// The next partial run's record: the unchanged packages' as they
	// were, the changed ones' made again.
	naux = &auxEntry{Schema: auxSchema, Packages: map[string]auxPkg{}, Naming: aux.Naming, Stmts: aux.Stmts, Export: map[string]string{}}
	listed := map[string]bool{}
	for _, k := range ck.byID {
		listed[k] = true
	}
	for k, f := range aux.Export {
		if listed[k] {
			naux.Export[k] = f
		}
	}
	for path, ap := range aux.Packages {
		naux.Packages[path] = ap
	}
	pd := make([]*model.Diagnostic, len(ld.pkgs))
	if aux.RouterTypesDone {
		// The list the next run needs; a changed package with a router
		// type now makes the unchanged packages' entry points suspect.
		for _, n := range det.routerTypes() {
			if containsPkg(ld.pkgs, n.Obj().Pkg().Path()) {
				return nil, nil, full("%s holds a router type", n.Obj().Pkg().Path())
			}
		}
	}
	fresh := buildAux(ck, ld, t, perPkg, eps, pd, pre, ts)
	recordWrappers(fresh, t, det)
	recordRouterTypes(naux, t, det)
	for path, ap := range fresh.Packages {
		naux.Packages[path] = ap
	}

	// The earlier model, with the changed packages' part made again.
	m = &model.Model{}
	*m = *old
	dirtyPkg := map[string]bool{}
	for _, p := range ld.pkgs {
		dirtyPkg[p.PkgPath] = true
	}
	m.Packages = nil
	for _, p := range old.Packages {
		if !dirtyPkg[p.Path] {
			m.Packages = append(m.Packages, p)
		}
	}
	m.Units = nil
	oldUnit := map[string]model.Unit{}
	for _, u := range old.Units {
		oldUnit[u.ID] = u
	}
	for u, ud := range t.units {
		if ud.stub {
			ou := oldUnit[ud.unit.ID]
			ou.Tables = tables[u]
			m.Units = append(m.Units, ou)
		}
	}
	m.Edges = nil
	for _, e := range old.Edges {
		if i, ok := t.byID[e.From]; ok && t.units[i].stub {
			m.Edges = append(m.Edges, e)
		}
	}
	for u := range facts {
		if !t.units[u].stub {
			t.units[u].unit.Facts = facts[u]
		}
	}
	part := &model.Model{}
	assemble(part, ld, t, es, uses, tables)
	m.Packages = append(m.Packages, part.Packages...)
	for _, u := range part.Units {
		if dirtyPkg[u.Package] {
			m.Units = append(m.Units, u)
		}
	}
	m.Edges = append(m.Edges, part.Edges...)
	foldLoops(m)
	eps0 := m.EntryPoints
	m.Normalize()
	m.EntryPoints = eps0
	return m, naux, nil
}

func containsPkg(pkgs []*packages.Package, path string) bool {
	for _, p := range pkgs {
		if p.PkgPath == path {
			return true
		}
	}
	return false
}
