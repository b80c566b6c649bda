package extract

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/model"
)

// API is what crosses the boundary, as the generated interface has it.
type API struct {
	// Interfaces are the generated interfaces: API, and ForX per caller
	// service X when the callers use disjoint parts (API embeds them).
	Interfaces []Interface `json:"interfaces"`
	// Methods are the interface's methods.
	Methods []Method `json:"methods"`
	// Handles are the service's types that callers hold and call methods
	// on (the in-process adapter holds one of each).
	Handles []string `json:"handles"`
	// Types are the service's types that cross in the methods' signatures
	// (each has a DTO), Sentinels the error values callers test for.
	Types     []string `json:"types"`
	Sentinels []string `json:"sentinels,omitempty"`
	// Refs are the other uses callers make of the service: types, fields
	// and methods of its data types, constants, variables, functions used
	// as values.
	Refs []Ref `json:"refs,omitempty"`
}

// Interface is one generated interface.
type Interface struct {
	Name    string   `json:"name"`
	Callers []string `json:"callers"`
	Methods []string `json:"methods"`
}

// Method is one method of the interface.
type Method struct {
	Name string `json:"name"`
	// Of is the unit it calls: a method of a handle, or a function.
	Of        string `json:"of"`
	Signature string `json:"signature"`
	// Callers are the services that call it; Evidence says how it was
	// seen: "code" (a call or selection in the callers' code) or "call
	// graph" (a call through an interface or a function value).
	Callers  []string `json:"callers"`
	Evidence string   `json:"evidence"`
	// Remote is false when a remote call cannot carry it (see Blockers).
	Remote bool `json:"remote"`
}

// Ref is a use of the service by a caller that is not a call of the API.
type Ref struct {
	Kind string `json:"kind"` // type, field, data-method, const, var, func-value
	Of   string `json:"of"`
	// Uses counts the callers' uses; File and Line locate the first.
	Uses int    `json:"uses"`
	File string `json:"file"`
	Line int    `json:"line"`
}

// extraction is the state of one Extract.
type extraction struct {
	opts    Options
	ld      *loaded
	svc     string
	pkgPath string // the generated package's import path
	dir     string // and its directory, relative to the root
	pkgName string

	handles  []*handle
	handleOf map[*types.TypeName]*handle
	members  []*member
	data     map[*types.TypeName]bool // the service's types crossing by value
	dtos     []*types.TypeName        // data types that need a DTO, in order
	sentinel []*types.Var
	refs     map[string]*Ref
	ifaces   []*iface

	uses      []use // the callers' uses, in source order
	kernelUse map[string]use

	helpers  map[string]bool
	blockers []Blocker
	left     []Left
	files    []File
	edits    []Edit
	planned  Plan
}

// handle is a type of the service that callers hold and call methods on.
type handle struct {
	obj   *types.TypeName
	field string // the in-process adapter's field for it
	ptr   bool   // held as *T (else T)
}

// member is one method of the API.
type member struct {
	name     string
	fn       *types.Func
	h        *handle // nil for a package-level function
	sig      *types.Signature
	callers  map[string]bool
	evidence string
	blocked  []string // why a remote call cannot carry it
	noRemote bool
}

// iface is one generated interface.
type iface struct {
	name    string
	callers []string
	members []*member
}

// use is one use of a service object by another unit.
type use struct {
	id     *ast.Ident
	obj    types.Object
	caller *model.Unit
	svc    string // the caller's service
	pkg    *packages.Package
	file   *ast.File
	call   bool              // the ident is called (f(...) or x.m(...))
	sel    *ast.SelectorExpr // the selector holding the ident, if any
	pos    token.Pos
}

func newExtraction(opts Options, ld *loaded, pkgPath, dir string) *extraction {
	return &extraction{opts: opts, ld: ld, svc: opts.Service, pkgPath: pkgPath, dir: dir,
		pkgName: PackageName(opts.Service), handleOf: map[*types.TypeName]*handle{},
		data: map[*types.TypeName]bool{}, refs: map[string]*Ref{}, kernelUse: map[string]use{}}
}

// owner is the service of the unit holding pos ("" when none).
func (x *extraction) owner(pos token.Pos) (*model.Unit, string) {
	u := x.ld.unitAt(pos)
	if u == nil {
		return nil, ""
	}
	return u, x.opts.Assignment[u.ID]
}

// inService reports whether obj is declared in the service's code.
func (x *extraction) inService(obj types.Object) bool {
	if obj == nil || obj.Pkg() == nil || x.ld.byPath[obj.Pkg().Path()] == nil {
		return false
	}
	_, s := x.owner(obj.Pos())
	return s == x.svc
}

// isCaller reports whether a unit of service s is a caller: any service
// but the extracted one and the kernel.
func (x *extraction) isCaller(s string) bool {
	return s != "" && s != x.svc && s != model.SharedService
}

// discover finds what the callers use: the uses in their code, then the
// calls the call graph sees, then handles, data types and members.
func (x *extraction) discover() {
	for _, p := range x.ld.pkgs {
		for _, f := range p.Syntax {
			x.scanFile(p, f)
		}
	}
	type fnUse struct {
		callers  map[string]bool
		evidence string
	}
	methods := map[*types.Func]*fnUse{}
	var methodOrder []*types.Func
	note := func(fn *types.Func, svc, evidence string) {
		m := methods[fn]
		if m == nil {
			m = &fnUse{callers: map[string]bool{}, evidence: evidence}
			methods[fn] = m
			methodOrder = append(methodOrder, fn)
		}
		m.callers[svc] = true
		if evidence == "code" {
			m.evidence = "code"
		}
	}
	for _, u := range x.uses {
		switch o := u.obj.(type) {
		case *types.Func:
			if u.call {
				note(o, u.svc, "code")
			} else {
				x.ref("func-value", o, u)
			}
		case *types.TypeName:
			x.ref("type", o, u)
		case *types.Const:
			x.ref("const", o, u)
		case *types.Var:
			if o.IsField() {
				x.ref("field", o, u)
			} else if isError(o.Type()) {
				x.addSentinel(o)
				x.ref("var", o, u)
			} else {
				x.ref("var", o, u)
			}
		}
	}
	// Calls the code does not spell: through the callers' own interfaces
	// (orders holds a PaymentCharger that *PaymentService satisfies) and
	// function values.
	for _, e := range x.opts.Model.Edges {
		if e.Kind != model.EdgeCall || x.opts.Assignment[e.To] != x.svc || !x.isCaller(x.opts.Assignment[e.From]) {
			continue
		}
		fn, _ := x.ld.lookupUnit(e.To).(*types.Func)
		if fn == nil {
			continue
		}
		if !fn.Exported() || (recvName(fn) != nil && !recvName(fn).Exported()) {
			continue // reached through a value of an unexported type: covered by the interface it was called through
		}
		note(fn, x.opts.Assignment[e.From], "call graph")
	}
	x.classify(methodOrder, func(fn *types.Func) (map[string]bool, string) {
		return methods[fn].callers, methods[fn].evidence
	})
}

// scanFile records the uses of the service's objects in a file of another
// unit.
func (x *extraction) scanFile(p *packages.Package, f *ast.File) {
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, ok := n.(*ast.Ident)
		if !ok {
			return true
		}
		obj := p.TypesInfo.Uses[id]
		if obj == nil || !x.inService(obj) {
			return true
		}
		cu, cs := x.owner(id.Pos())
		if cu == nil || cs == x.svc || cs == "" {
			return true
		}
		u := use{id: id, obj: obj, caller: cu, svc: cs, pkg: p, file: f, pos: id.Pos()}
		// The value expression: the ident, or the selector it ends.
		var expr ast.Expr = id
		if len(stack) >= 2 {
			if sel, ok := stack[len(stack)-2].(*ast.SelectorExpr); ok && sel.Sel == id {
				u.sel = sel
				expr = sel
			}
		}
		depth := len(stack) - 2
		if u.sel != nil {
			depth--
		}
		for depth >= 0 {
			if pe, ok := stack[depth].(*ast.ParenExpr); ok && pe.X == expr {
				expr = pe
				depth--
				continue
			}
			break
		}
		if depth >= 0 {
			if call, ok := stack[depth].(*ast.CallExpr); ok && call.Fun == expr {
				u.call = true
			}
		}
		if cs == model.SharedService {
			key := x.ld.fset.Position(id.Pos()).String()
			x.kernelUse[key] = u
			return true
		}
		x.uses = append(x.uses, u)
		return true
	})
}

func (x *extraction) ref(kind string, obj types.Object, u use) {
	id := x.objID(obj)
	key := kind + " " + id
	r := x.refs[key]
	if r == nil {
		file, line := x.ld.where(u.pos)
		r = &Ref{Kind: kind, Of: x.short(id), File: file, Line: line}
		x.refs[key] = r
	}
	r.Uses++
}

func (x *extraction) addSentinel(v *types.Var) {
	for _, s := range x.sentinel {
		if s == v {
			return
		}
	}
	x.sentinel = append(x.sentinel, v)
}

// objID names an object as unit ids do: pkg.Name, pkg.Type.Method,
// pkg.Type.Field for a field.
func (x *extraction) objID(obj types.Object) string {
	if fn, ok := obj.(*types.Func); ok {
		if r := recvName(fn); r != nil {
			return obj.Pkg().Path() + "." + r.Name() + "." + fn.Name()
		}
	}
	if v, ok := obj.(*types.Var); ok && v.IsField() {
		if u := x.ld.unitAt(v.Pos()); u != nil {
			return u.ID + "." + v.Name()
		}
	}
	if obj.Pkg() == nil {
		return obj.Name()
	}
	return obj.Pkg().Path() + "." + obj.Name()
}

// recvName is the named type a method is declared on, or nil.
func recvName(fn *types.Func) *types.TypeName {
	sig, _ := fn.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return nil
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj()
	}
	return nil
}

var errorType = types.Universe.Lookup("error").Type()

func isError(t types.Type) bool {
	return types.Identical(t, errorType) || types.Implements(t, errorType.Underlying().(*types.Interface))
}

// classify splits the types whose methods callers call into handles (the
// service's objects: interfaces and structs) and data (values that cross
// in the signatures, whose methods run in the caller), then makes the
// members.
func (x *extraction) classify(fns []*types.Func, info func(*types.Func) (map[string]bool, string)) {
	cands := map[*types.TypeName]bool{}
	for _, fn := range fns {
		if t := recvName(fn); t != nil {
			cands[t] = true
		}
	}
	for {
		data := map[*types.TypeName]bool{}
		for _, fn := range fns {
			if t := recvName(fn); t != nil && !cands[t] {
				continue
			}
			sig := fn.Type().(*types.Signature)
			x.serviceTypes(sig.Params(), data)
			x.serviceTypes(sig.Results(), data)
		}
		changed := false
		for t := range cands {
			switch t.Type().Underlying().(type) {
			case *types.Interface:
				continue
			case *types.Struct:
				// An object (a struct whose state is its own) is a handle
				// even when another method takes it; a struct with
				// exported fields is data when a signature carries it.
				if !data[t] || !hasExportedFields(t) {
					continue
				}
			}
			delete(cands, t)
			changed = true
		}
		if !changed {
			x.data = data
			break
		}
	}
	for _, fn := range fns {
		t := recvName(fn)
		callers, evidence := info(fn)
		if t == nil && x.constructs(fn, cands) {
			// A constructor is wiring: the program that runs the service
			// builds its objects.
			key := "constructor " + x.objID(fn)
			if x.refs[key] == nil {
				file, line := x.ld.where(fn.Pos())
				x.refs[key] = &Ref{Kind: "constructor", Of: x.short(x.objID(fn)), File: file, Line: line}
			}
			x.refs[key].Uses++
			continue
		}
		if t != nil && !cands[t] {
			// A method of a data type: it runs where the value is.
			key := "data-method " + x.objID(fn)
			if x.refs[key] == nil {
				file, line := x.ld.where(fn.Pos())
				x.refs[key] = &Ref{Kind: "data-method", Of: x.short(x.objID(fn)), File: file, Line: line}
			}
			x.refs[key].Uses++
			continue
		}
		m := &member{fn: fn, sig: fn.Type().(*types.Signature), callers: callers, evidence: evidence}
		file, line := x.ld.where(fn.Pos())
		switch {
		case !fn.Exported():
			x.block("signature", x.short(x.objID(fn)), file, line,
				"callers in the service's own package call the unexported "+fn.Name()+", which the generated package cannot call",
				"export it, or move the callers out of the package first (plan step 3)")
			continue
		case t != nil && !t.Exported():
			x.block("signature", x.short(x.objID(fn)), file, line,
				"callers call "+fn.Name()+" on the unexported type "+t.Name(),
				"export the type, or have callers go through an exported interface")
			continue
		case m.sig.TypeParams().Len() > 0 || (t != nil && t.Type().(*types.Named).TypeParams().Len() > 0):
			x.block("signature", x.short(x.objID(fn)), file, line,
				"it is generic: the interface cannot hold a generic method",
				"call it through a non-generic wrapper of the service")
			continue
		}
		if bad := x.unnameable(m.sig, map[types.Type]bool{}); bad != "" {
			x.block("signature", x.short(x.objID(fn)), file, line,
				"its signature names "+bad+", which the generated package cannot name",
				"export it, or give the callers a method whose signature it is not in")
			continue
		}
		if !x.importable(fn.Pkg().Path()) {
			x.block("signature", x.short(x.objID(fn)), file, line,
				"its package "+fn.Pkg().Path()+" cannot be imported by "+x.pkgPath,
				"generate the package next to it with -o")
			continue
		}
		if t != nil {
			h := x.handleOf[t]
			if h == nil {
				h = &handle{obj: t, ptr: !types.IsInterface(t.Type())}
				x.handleOf[t] = h
				x.handles = append(x.handles, h)
			}
			m.h = h
		}
		x.members = append(x.members, m)
	}
	sort.Slice(x.handles, func(i, j int) bool { return x.objID(x.handles[i].obj) < x.objID(x.handles[j].obj) })
	x.nameHandles()
	x.nameMembers()
	x.makeInterfaces()
	sort.Slice(x.sentinel, func(i, j int) bool { return x.objID(x.sentinel[i]) < x.objID(x.sentinel[j]) })
}

func hasExportedFields(t *types.TypeName) bool {
	st := t.Type().Underlying().(*types.Struct)
	for i := 0; i < st.NumFields(); i++ {
		if st.Field(i).Exported() {
			return true
		}
	}
	return false
}

// constructs reports whether fn returns an object of the service: a
// pointer to one of its structs without exported fields, or one of its
// interfaces.
func (x *extraction) constructs(fn *types.Func, handles map[*types.TypeName]bool) bool {
	res := fn.Type().(*types.Signature).Results()
	for i := 0; i < res.Len(); i++ {
		t := types.Unalias(res.At(i).Type())
		if p, ok := t.(*types.Pointer); ok {
			t = types.Unalias(p.Elem())
		}
		n, ok := t.(*types.Named)
		if !ok || !x.inService(n.Obj()) {
			continue
		}
		switch n.Underlying().(type) {
		case *types.Interface:
			return true
		case *types.Struct:
			if handles[n.Obj()] || !hasExportedFields(n.Obj()) {
				return true
			}
		}
	}
	return false
}

// serviceTypes adds the service's named types reachable from a tuple.
func (x *extraction) serviceTypes(t *types.Tuple, into map[*types.TypeName]bool) {
	seen := map[types.Type]bool{}
	for i := 0; i < t.Len(); i++ {
		x.walkTypes(t.At(i).Type(), seen, func(n *types.Named) {
			if x.inService(n.Obj()) {
				into[n.Obj()] = true
			}
		})
	}
}

// walkTypes calls f for every named type in t, through containers and
// the exported fields of structs.
func (x *extraction) walkTypes(t types.Type, seen map[types.Type]bool, f func(*types.Named)) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch t := t.(type) {
	case *types.Alias:
		x.walkTypes(types.Unalias(t), seen, f)
	case *types.Named:
		f(t)
		if x.inService(t.Obj()) {
			x.walkTypes(t.Underlying(), seen, f)
		}
	case *types.Pointer:
		x.walkTypes(t.Elem(), seen, f)
	case *types.Slice:
		x.walkTypes(t.Elem(), seen, f)
	case *types.Array:
		x.walkTypes(t.Elem(), seen, f)
	case *types.Map:
		x.walkTypes(t.Key(), seen, f)
		x.walkTypes(t.Elem(), seen, f)
	case *types.Struct:
		for i := 0; i < t.NumFields(); i++ {
			x.walkTypes(t.Field(i).Type(), seen, f)
		}
	}
}

// nameHandles gives each handle the adapter field it is held in: its type
// name, with its package's when two handles share one.
func (x *extraction) nameHandles() {
	count := map[string]int{}
	for _, h := range x.handles {
		count[h.obj.Name()]++
	}
	for _, h := range x.handles {
		h.field = h.obj.Name()
		if count[h.field] > 1 {
			h.field = exportName(h.obj.Pkg().Name()) + h.field
		}
	}
}

// nameMembers names the interface's methods after the methods and
// functions they call; a name two of them share is prefixed with the
// handle's field (or, for a function, its package's name).
func (x *extraction) nameMembers() {
	count := map[string]int{}
	for _, m := range x.members {
		count[m.fn.Name()]++
	}
	for _, m := range x.members {
		m.name = m.fn.Name()
		if count[m.name] > 1 {
			if m.h != nil {
				m.name = m.h.field + m.name
			} else {
				m.name = exportName(m.fn.Pkg().Name()) + m.name
			}
		}
	}
	sort.Slice(x.members, func(i, j int) bool { return x.members[i].name < x.members[j].name })
}

// makeInterfaces makes API, and one interface per caller service when
// there are several and they use disjoint parts of it.
func (x *extraction) makeInterfaces() {
	byCaller := map[string][]*member{}
	owner := map[*member]string{}
	disjoint := true
	for _, m := range x.members {
		if len(m.callers) != 1 {
			disjoint = false
		}
		for c := range m.callers {
			byCaller[c] = append(byCaller[c], m)
			owner[m] = c
		}
	}
	callers := sortedKeys(byCaller)
	all := &iface{name: "API", callers: callers, members: x.members}
	if disjoint && len(callers) > 1 {
		for _, c := range callers {
			x.ifaces = append(x.ifaces, &iface{name: "For" + exportName(c), callers: []string{c}, members: byCaller[c]})
		}
	}
	x.ifaces = append(x.ifaces, all)
}

// ifaceFor is the interface the callers of service s hold.
func (x *extraction) ifaceFor(s string) *iface {
	for _, f := range x.ifaces {
		if len(f.callers) == 1 && f.callers[0] == s && f.name != "API" {
			return f
		}
	}
	return x.ifaces[len(x.ifaces)-1]
}

// importable reports whether the generated package may import pkg (Go's
// internal rule; main packages never).
func (x *extraction) importable(pkg string) bool {
	if p := x.ld.byPath[pkg]; p != nil && p.Name == "main" {
		return false
	}
	i := strings.LastIndex(pkg, "/internal/")
	if i < 0 {
		if strings.HasSuffix(pkg, "/internal") {
			i = len(pkg) - len("/internal")
		} else if strings.HasPrefix(pkg, "internal/") || pkg == "internal" {
			return false // standard library internals
		} else {
			return true
		}
	}
	parent := pkg[:i]
	return x.pkgPath == parent || strings.HasPrefix(x.pkgPath, parent+"/")
}

func (x *extraction) block(kind, subject, file string, line int, msg, fix string) {
	x.blockers = append(x.blockers, Blocker{Kind: kind, Subject: subject, File: file, Line: line, Message: msg, Fix: fix})
}

func exportName(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// unnameable returns a type of t the generated package cannot write: an
// unexported type of another package, or one of a package it may not
// import; "" when there is none.
func (x *extraction) unnameable(t types.Type, seen map[types.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	switch tt := t.(type) {
	case *types.Alias:
		if o := tt.Obj(); o.Pkg() != nil && (!o.Exported() || !x.importable(o.Pkg().Path())) {
			return types.TypeString(t, nil)
		}
		return x.unnameable(types.Unalias(tt), seen)
	case *types.Named:
		o := tt.Obj()
		if o.Pkg() != nil && (!o.Exported() || !x.importable(o.Pkg().Path())) {
			return types.TypeString(t, nil)
		}
		if args := tt.TypeArgs(); args != nil {
			for i := 0; i < args.Len(); i++ {
				if b := x.unnameable(args.At(i), seen); b != "" {
					return b
				}
			}
		}
	case *types.Pointer:
		return x.unnameable(tt.Elem(), seen)
	case *types.Slice:
		return x.unnameable(tt.Elem(), seen)
	case *types.Array:
		return x.unnameable(tt.Elem(), seen)
	case *types.Chan:
		return x.unnameable(tt.Elem(), seen)
	case *types.Map:
		if b := x.unnameable(tt.Key(), seen); b != "" {
			return b
		}
		return x.unnameable(tt.Elem(), seen)
	case *types.Signature:
		for _, tup := range []*types.Tuple{tt.Params(), tt.Results()} {
			for i := 0; i < tup.Len(); i++ {
				if b := x.unnameable(tup.At(i).Type(), seen); b != "" {
					return b
				}
			}
		}
	case *types.Struct:
		for i := 0; i < tt.NumFields(); i++ {
			if b := x.unnameable(tt.Field(i).Type(), seen); b != "" {
				return b
			}
		}
	case *types.Interface:
		for i := 0; i < tt.NumMethods(); i++ {
			if b := x.unnameable(tt.Method(i).Type(), seen); b != "" {
				return b
			}
		}
	}
	return ""
}
