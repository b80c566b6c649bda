package extract

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
	"golang.org/x/tools/imports"
)

// The callers' edits. A caller holds a handle of the service in a slot:
// a struct field, a function's parameter, a variable, of type *T (or T,
// for an interface of the service). The slot can hold the interface
// instead when everything the code does with it is what an interface
// allows: calling the API's methods, comparing it to nil, passing it to
// another slot that changes too. Values put into a changed slot from
// code that keeps the concrete type (the program's wiring) satisfy the
// interface as they are, or are wrapped in Local. Calls of the service's
// package-level functions go through Default.

// slot is a variable of a caller that holds a handle.
type slot struct {
	obj    *types.Var
	h      *handle
	svc    string
	pkg    *packages.Package
	file   *ast.File
	typ    ast.Expr // its type expression; nil when the type is inferred
	ok     bool
	why    string
	iface  *iface
	group  []*slot // slots declared by the same type expression
	parent int     // union-find over links and groups
}

// flow is a value put into a slot: from another slot (src), or from an
// expression of the code.
type flow struct {
	dst  *slot
	src  *slot
	expr ast.Expr
	pkg  *packages.Package
	file *ast.File
}

// edit is one replacement in a file.
type edit struct {
	start, end int
	text       string
	what       string
}

type fileEdits struct {
	pkg   *packages.Package
	file  *ast.File
	path  string // absolute
	edits []edit
}

type editor struct {
	x       *extraction
	slots   map[token.Pos]*slot // by the declaration's position: test variants have objects of their own
	order   []*slot
	flows   []flow
	parents map[*ast.File]map[ast.Node]ast.Node
	typeOf  map[ast.Expr]ast.Expr // declared names → their type expression
	cycle   map[string]bool       // packages that cannot import the generated one
	files   map[string]*fileEdits
	member  map[token.Pos]*member
	ifaceT  map[*iface]*types.Interface
}

func (x *extraction) editCallers() error {
	if len(x.members) == 0 {
		return nil
	}
	e := &editor{x: x, slots: map[token.Pos]*slot{}, parents: map[*ast.File]map[ast.Node]ast.Node{},
		typeOf: map[ast.Expr]ast.Expr{}, files: map[string]*fileEdits{}, member: map[token.Pos]*member{},
		ifaceT: map[*iface]*types.Interface{}}
	for _, m := range x.members {
		e.member[m.fn.Pos()] = m
	}
	e.cycle = x.importers()
	for _, f := range x.ifaces {
		e.ifaceT[f] = x.ifaceType(f)
	}
	e.findSlots()
	e.findUses()
	e.findFlows()
	e.resolve()
	e.makeEdits()
	return e.write()
}

// importers are the packages the generated package imports, directly or
// not (its test too): they cannot import it back.
func (x *extraction) importers() map[string]bool {
	direct := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range x.files {
		af, err := parser.ParseFile(fset, f.Path, f.Content, parser.ImportsOnly)
		if err != nil {
			continue
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			direct[p] = true
		}
	}
	imports := map[string][]string{}
	for _, p := range x.opts.Model.Packages {
		imports[p.Path] = p.Imports
	}
	out := map[string]bool{x.pkgPath: true}
	var visit func(string)
	visit = func(p string) {
		if out[p] {
			return
		}
		out[p] = true
		for _, q := range imports[p] {
			visit(q)
		}
	}
	for p := range direct {
		if x.ld.byPath[p] != nil || imports[p] != nil {
			visit(p)
		}
	}
	return out
}

// ifaceType builds the go/types interface of a generated interface, to
// ask which types implement it.
func (x *extraction) ifaceType(f *iface) *types.Interface {
	var fns []*types.Func
	for _, m := range f.members {
		sig := types.NewSignatureType(nil, nil, nil, m.sig.Params(), m.sig.Results(), m.sig.Variadic())
		fns = append(fns, types.NewFunc(0, nil, m.name, sig))
	}
	it := types.NewInterfaceType(fns, nil)
	it.Complete()
	return it
}

// handleOfType returns the handle a slot type holds, and whether as the
// handle's held form (*T for structs, T for interfaces).
func (x *extraction) handleOfType(t types.Type) *handle {
	ptr := false
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t, ptr = p.Elem(), true
	}
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	h := x.handleOf[n.Obj()]
	if h == nil || h.ptr != ptr {
		return nil
	}
	return h
}

func (e *editor) parentMap(f *ast.File) map[ast.Node]ast.Node {
	if m := e.parents[f]; m != nil {
		return m
	}
	m := map[ast.Node]ast.Node{}
	var stack []ast.Node
	ast.Inspect(f, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if len(stack) > 0 {
			m[n] = stack[len(stack)-1]
		}
		stack = append(stack, n)
		return true
	})
	e.parents[f] = m
	return m
}

// findSlots finds the callers' variables of a handle's type.
func (e *editor) findSlots() {
	x := e.x
	for _, p := range x.ld.pkgs {
		for _, f := range p.Syntax {
			// Names declared with a type expression.
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.Field:
					for _, name := range n.Names {
						e.typeOf[name] = n.Type
					}
				case *ast.ValueSpec:
					for _, name := range n.Names {
						if n.Type != nil {
							e.typeOf[name] = n.Type
						}
					}
				}
				return true
			})
			parents := e.parentMap(f)
			byExpr := map[ast.Expr][]*slot{}
			ast.Inspect(f, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				v, ok := p.TypesInfo.Defs[id].(*types.Var)
				if !ok {
					return true
				}
				h := x.handleOfType(v.Type())
				if h == nil {
					return true
				}
				_, svc := x.owner(id.Pos())
				if !x.isCaller(svc) {
					return true
				}
				s := &slot{obj: v, h: h, svc: svc, pkg: p, file: f, typ: e.typeOf[id], ok: true}
				s.parent = len(e.order)
				e.slots[v.Pos()] = s
				e.order = append(e.order, s)
				if s.typ != nil {
					byExpr[s.typ] = append(byExpr[s.typ], s)
				}
				e.checkDecl(s, id, parents)
				return true
			})
			for _, g := range byExpr {
				for _, s := range g {
					s.group = g
				}
			}
		}
	}
}

// checkDecl rules out slots whose type cannot change: embedded fields,
// results, parameters of methods and function literals, parameters of
// functions used other than by calling them.
func (e *editor) checkDecl(s *slot, id *ast.Ident, parents map[ast.Node]ast.Node) {
	if s.obj.Embedded() {
		e.fail(s, "it is embedded: its methods are promoted")
		return
	}
	if e.cycle[s.pkg.PkgPath] {
		e.fail(s, fmt.Sprintf("its package %s is imported by the generated package: make this change after the move (plan step 3)", s.pkg.PkgPath))
		return
	}
	field, _ := parents[id].(*ast.Field)
	if field == nil || s.obj.IsField() {
		return
	}
	list, _ := parents[field].(*ast.FieldList)
	ft, _ := parents[list].(*ast.FuncType)
	if ft == nil {
		return
	}
	if ft.Results == list {
		e.fail(s, "it is a result")
		return
	}
	switch d := parents[ft].(type) {
	case *ast.FuncDecl:
		if d.Recv != nil {
			e.fail(s, "it is a parameter of a method, which may implement an interface")
			return
		}
		fn, _ := s.pkg.TypesInfo.Defs[d.Name].(*types.Func)
		if fn != nil && e.usedAsValue(fn) {
			e.fail(s, "its function "+fn.Name()+" is used as a value, whose type would change")
		}
	default:
		e.fail(s, "it is a parameter of a function literal")
	}
}

// usedAsValue reports whether fn is referred to other than as the callee
// of a call.
func (e *editor) usedAsValue(fn *types.Func) bool {
	for _, sf := range e.x.ld.files() {
		p, f := sf.pkg, sf.file
		{
			parents := e.parentMap(f)
			found := false
			ast.Inspect(f, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok || found || p.TypesInfo.Uses[id] != fn {
					return !found
				}
				var expr ast.Expr = id
				if sel, ok := parents[id].(*ast.SelectorExpr); ok && sel.Sel == id {
					expr = sel
				}
				if call, ok := parents[expr].(*ast.CallExpr); !ok || call.Fun != expr {
					found = true
				}
				return true
			})
			if found {
				return true
			}
		}
	}
	return false
}

func (e *editor) fail(s *slot, why string) {
	if s.ok {
		s.ok = false
		s.why = why
	}
}

// valueSlot returns the slot an expression reads (x, p.x, (x)), if any.
func (e *editor) valueSlot(info *types.Info, expr ast.Expr) *slot {
	expr = ast.Unparen(expr)
	var id *ast.Ident
	switch v := expr.(type) {
	case *ast.Ident:
		id = v
	case *ast.SelectorExpr:
		id = v.Sel
	default:
		return nil
	}
	if v, ok := info.Uses[id].(*types.Var); ok {
		return e.slot(v)
	}
	return nil
}

func (e *editor) slot(v *types.Var) *slot {
	if v == nil {
		return nil
	}
	return e.slots[v.Pos()]
}

// findUses checks every use of every slot.
func (e *editor) findUses() {
	for _, sf := range e.x.ld.files() {
		p, f := sf.pkg, sf.file
		{
			parents := e.parentMap(f)
			ast.Inspect(f, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				v, ok := p.TypesInfo.Uses[id].(*types.Var)
				if !ok || e.slot(v) == nil {
					return true
				}
				e.use(e.slot(v), p, f, id, parents)
				return true
			})
		}
	}
}

func (e *editor) use(s *slot, p *packages.Package, f *ast.File, id *ast.Ident, parents map[ast.Node]ast.Node) {
	info := p.TypesInfo
	var expr ast.Expr = id
	if sel, ok := parents[id].(*ast.SelectorExpr); ok && sel.Sel == id {
		expr = sel
	}
	parent := parents[expr]
	for {
		pe, ok := parent.(*ast.ParenExpr)
		if !ok {
			break
		}
		expr, parent = pe, parents[pe]
	}
	file, line := e.x.ld.where(id.Pos())
	at := fmt.Sprintf("%s:%d", file, line)
	if e.cycle[p.PkgPath] {
		e.fail(s, fmt.Sprintf("it is used at %s, in package %s, which the generated package imports", at, p.PkgPath))
		return
	}
	switch pt := parent.(type) {
	case *ast.SelectorExpr:
		if pt.X != expr {
			break
		}
		fn, ok := info.Uses[pt.Sel].(*types.Func)
		if !ok {
			e.fail(s, fmt.Sprintf("%s uses its field %s (%s)", at, pt.Sel.Name, "only methods go through an interface"))
			return
		}
		m := e.member[fn.Pos()]
		if m == nil || m.h != s.h {
			e.fail(s, fmt.Sprintf("%s calls its method %s, which is not in the API", at, fn.Name()))
		}
		return
	case *ast.BinaryExpr:
		if (pt.Op == token.EQL || pt.Op == token.NEQ) && (isNil(info, pt.X) || isNil(info, pt.Y)) {
			return
		}
	case *ast.KeyValueExpr:
		if pt.Key == expr {
			return // a field name in a composite literal: a flow into s (findFlows)
		}
		if lit, ok := parents[pt].(*ast.CompositeLit); ok {
			if fv := fieldOf(info, lit, pt.Key); fv != nil {
				e.link(s, fv, p, at)
				return
			}
		}
	case *ast.CompositeLit:
		if fv := positionalField(info, pt, expr); fv != nil {
			e.link(s, fv, p, at)
			return
		}
	case *ast.AssignStmt:
		for i, l := range pt.Lhs {
			if l == expr {
				return // a flow into s (findFlows)
			}
			if len(pt.Lhs) == len(pt.Rhs) && pt.Rhs[i] == expr {
				if lid, ok := ast.Unparen(l).(*ast.Ident); ok && lid.Name == "_" {
					return
				}
				if v, ok := info.Defs[identOf(l)].(*types.Var); ok && identOf(l) != nil {
					e.link(s, v, p, at)
					return
				}
				if t := e.valueSlot(info, l); t != nil {
					e.link(s, t.obj, p, at)
					return
				}
			}
		}
	case *ast.ValueSpec:
		for i, v := range pt.Values {
			if v == expr && len(pt.Names) == len(pt.Values) {
				if dv, ok := info.Defs[pt.Names[i]].(*types.Var); ok {
					e.link(s, dv, p, at)
					return
				}
			}
		}
	case *ast.CallExpr:
		for i, a := range pt.Args {
			if a != expr {
				continue
			}
			if fn, ok := typeutil.Callee(info, pt).(*types.Func); ok {
				sig := fn.Type().(*types.Signature)
				if i < sig.Params().Len() && !(sig.Variadic() && i >= sig.Params().Len()-1) {
					e.link(s, sig.Params().At(i), p, at)
					return
				}
			}
		}
	}
	e.fail(s, fmt.Sprintf("%s uses it as a %s", at, types.TypeString(s.obj.Type(), e.x.relQual)))
}

// link records that s flows into the variable v (at a use in package
// p): v must be a slot that changes with s.
func (e *editor) link(s *slot, v *types.Var, p *packages.Package, at string) {
	t := e.slot(v)
	if t == nil {
		e.fail(s, fmt.Sprintf("%s gives it to %s, which keeps its type", at, v.Name()))
		return
	}
	e.flows = append(e.flows, flow{dst: t, src: s, pkg: p})
}

func isNil(info *types.Info, x ast.Expr) bool {
	tv, ok := info.Types[x]
	return ok && tv.IsNil()
}

// fieldOf is the field a key of a struct literal names.
func fieldOf(info *types.Info, lit *ast.CompositeLit, key ast.Expr) *types.Var {
	id, ok := key.(*ast.Ident)
	if !ok {
		return nil
	}
	if v, ok := info.Uses[id].(*types.Var); ok && v.IsField() {
		return v
	}
	_ = lit
	return nil
}

// positionalField is the field an element of an unkeyed struct literal
// sets.
func positionalField(info *types.Info, lit *ast.CompositeLit, elem ast.Expr) *types.Var {
	tv, ok := info.Types[lit]
	if !ok {
		return nil
	}
	t := tv.Type
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for i, el := range lit.Elts {
		if el == elem && i < st.NumFields() {
			if _, kv := el.(*ast.KeyValueExpr); !kv {
				return st.Field(i)
			}
		}
	}
	return nil
}

// findFlows finds the values put into slots from code that is not a slot:
// assignments, composite literals, call arguments, var initialisers.
func (e *editor) findFlows() {
	for _, sf := range e.x.ld.files() {
		p, f := sf.pkg, sf.file
		info := p.TypesInfo
		{
			add := func(v *types.Var, expr ast.Expr) {
				t := e.slot(v)
				if t == nil || e.valueSlot(info, expr) != nil || isNil(info, expr) {
					return // slot to slot: a link, seen from the source's uses
				}
				e.flows = append(e.flows, flow{dst: t, expr: expr, pkg: p, file: f})
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.AssignStmt:
					if len(n.Lhs) != len(n.Rhs) {
						for _, l := range n.Lhs {
							if t := e.valueSlot(info, l); t != nil {
								e.fail(t, "it is assigned from a call with several results")
							}
						}
						return true
					}
					for i, l := range n.Lhs {
						if t := e.valueSlot(info, l); t != nil {
							add(t.obj, n.Rhs[i])
						}
					}
				case *ast.ValueSpec:
					if len(n.Names) == len(n.Values) {
						for i, name := range n.Names {
							if v, ok := info.Defs[name].(*types.Var); ok {
								add(v, n.Values[i])
							}
						}
					}
				case *ast.CompositeLit:
					for _, el := range n.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if v := fieldOf(info, n, kv.Key); v != nil {
								add(v, kv.Value)
							}
						} else if v := positionalField(info, n, el); v != nil {
							add(v, el)
						}
					}
				case *ast.CallExpr:
					fn, ok := typeutil.Callee(info, n).(*types.Func)
					if !ok {
						return true
					}
					sig := fn.Type().(*types.Signature)
					for i, a := range n.Args {
						if i < sig.Params().Len() {
							add(sig.Params().At(i), a)
						}
					}
				}
				return true
			})
		}
	}
}

func (e *editor) find(s *slot) *slot {
	for e.order[s.parent] != s {
		s = e.order[s.parent]
	}
	return s
}

func (e *editor) union(a, b *slot) {
	ra, rb := e.find(a), e.find(b)
	if ra != rb {
		rb.parent = ra.parent
	}
}

// resolve decides which slots change, and which interface they hold.
func (e *editor) resolve() {
	for i, s := range e.order {
		s.parent = i
	}
	for _, s := range e.order {
		for _, g := range s.group {
			e.union(s, g)
		}
	}
	for _, fl := range e.flows {
		if fl.src != nil {
			e.union(fl.src, fl.dst)
		}
	}
	svcs := map[*slot]map[string]bool{}
	for _, s := range e.order {
		r := e.find(s)
		if svcs[r] == nil {
			svcs[r] = map[string]bool{}
		}
		svcs[r][s.svc] = true
	}
	for _, s := range e.order {
		set := svcs[e.find(s)]
		s.iface = e.x.ifaces[len(e.x.ifaces)-1]
		if len(set) == 1 {
			s.iface = e.x.ifaceFor(s.svc)
		}
	}
	// A variable whose type is inferred changes only with the slot it is
	// given (x := h.items); its other initialisers (x := New(), range,
	// type switches) are not followed.
	fed := map[*slot]bool{}
	for _, fl := range e.flows {
		if fl.src != nil {
			fed[fl.dst] = true
		}
	}
	for _, s := range e.order {
		if s.typ == nil && !fed[s] {
			e.fail(s, "its type is inferred from a value that keeps its type")
		}
	}
	for changed := true; changed; {
		changed = false
		fail := func(s *slot, why string) {
			if s.ok {
				e.fail(s, why)
				changed = true
			}
		}
		for _, s := range e.order {
			for _, g := range s.group {
				if !g.ok {
					fail(s, "it is declared with "+g.obj.Name()+", which keeps its type: "+g.why)
				}
			}
		}
		for _, fl := range e.flows {
			if fl.src != nil {
				if !fl.dst.ok {
					fail(fl.src, "it is given to "+fl.dst.obj.Name()+", which keeps its type: "+fl.dst.why)
				}
				continue
			}
			if !fl.dst.ok {
				continue
			}
			if ok, why := e.fits(fl); !ok {
				fail(fl.dst, why)
			}
		}
		for _, fl := range e.flows {
			if fl.src != nil && !fl.src.ok && fl.dst.ok {
				// The source keeps its concrete type: a value to fit.
				if ok, why := e.fits(fl); !ok {
					fail(fl.dst, why+" (from "+fl.src.obj.Name()+")")
				}
			}
		}
	}
}

// fits says whether a value flowing into a changed slot fits: its type
// implements the slot's interface, or it is the handle's type and can be
// wrapped in Local there.
func (e *editor) fits(fl flow) (bool, string) {
	var t types.Type
	if fl.expr != nil {
		tv, ok := fl.pkg.TypesInfo.Types[fl.expr]
		if !ok {
			return false, "a value of unknown type is put into it"
		}
		t = tv.Type
	} else {
		t = fl.src.obj.Type() // a source slot that keeps the handle's type
	}
	if fl.dst.typ == nil {
		return false, "its type is inferred from a value that keeps its type"
	}
	if types.Implements(t, e.ifaceT[fl.dst.iface]) {
		return true, ""
	}
	if e.x.handleOfType(t) == fl.dst.h && !e.cycle[fl.pkg.PkgPath] {
		return true, ""
	}
	where := ""
	if fl.expr != nil {
		file, line := e.x.ld.where(fl.expr.Pos())
		where = fmt.Sprintf(" at %s:%d", file, line)
	}
	return false, fmt.Sprintf("it is given a %s%s, which cannot be made an %s", types.TypeString(t, e.x.relQual), where, fl.dst.iface.name)
}

// fileFor returns the edits of the file holding pos.
func (e *editor) fileFor(p *packages.Package, f *ast.File) *fileEdits {
	name := e.x.ld.fset.Position(f.Pos()).Filename
	fe := e.files[name]
	if fe == nil {
		fe = &fileEdits{pkg: p, file: f, path: name}
		e.files[name] = fe
	}
	return fe
}

func (e *editor) offset(pos token.Pos) int { return e.x.ld.fset.Position(pos).Offset }

// qualifier is the placeholder for the generated package's name in a
// file, replaced once the import is added.
const qualifier = "\x00api\x00"

func (e *editor) add(p *packages.Package, f *ast.File, n ast.Node, text, what string) {
	fe := e.fileFor(p, f)
	fe.edits = append(fe.edits, edit{start: e.offset(n.Pos()), end: e.offset(n.End()), text: text, what: what})
}

// makeEdits turns the decisions into replacements, and the rest into
// Left entries.
func (e *editor) makeEdits() {
	x := e.x
	done := map[ast.Expr]bool{}
	for _, s := range e.order {
		if !s.ok || s.typ == nil || done[s.typ] {
			continue
		}
		done[s.typ] = true
		var names []string
		for _, g := range s.group {
			names = append(names, g.obj.Name())
		}
		e.add(s.pkg, s.file, s.typ, qualifier+"."+s.iface.name,
			fmt.Sprintf("%s holds %s.%s instead of %s", strings.Join(names, ", "), x.pkgName, s.iface.name, types.TypeString(s.obj.Type(), x.relQual)))
	}
	wrapped := map[ast.Expr]bool{}
	wrap := func(fl flow, expr ast.Expr, p *packages.Package, f *ast.File) {
		tv := p.TypesInfo.Types[expr]
		if types.Implements(tv.Type, e.ifaceT[fl.dst.iface]) || wrapped[expr] {
			return
		}
		wrapped[expr] = true
		src := e.source(expr)
		e.add(p, f, expr, qualifier+".Local{"+fl.dst.h.field+": "+src+"}",
			fmt.Sprintf("wraps the %s given to %s in %s.Local", types.TypeString(tv.Type, x.relQual), fl.dst.obj.Name(), x.pkgName))
	}
	for _, fl := range e.flows {
		if !fl.dst.ok {
			continue
		}
		if fl.src == nil {
			wrap(fl, fl.expr, fl.pkg, fl.file)
		}
	}
	// Slot-to-slot flows whose source keeps its type: wrap at the use.
	for _, sf := range x.ld.files() {
		p, f := sf.pkg, sf.file
		{
			parents := e.parentMap(f)
			ast.Inspect(f, func(n ast.Node) bool {
				id, ok := n.(*ast.Ident)
				if !ok {
					return true
				}
				v, ok := p.TypesInfo.Uses[id].(*types.Var)
				if !ok || e.slot(v) == nil || e.slot(v).ok {
					return true
				}
				var expr ast.Expr = id
				if sel, ok := parents[id].(*ast.SelectorExpr); ok && sel.Sel == id {
					expr = sel
				}
				if dst := e.flowTarget(p.TypesInfo, expr, parents); dst != nil && dst.ok {
					wrap(flow{dst: dst}, expr, p, f)
				}
				return true
			})
		}
	}
	// Method calls through changed slots whose name the API changed, and
	// the calls that stay as they are.
	for _, u := range x.uses {
		fn, ok := u.obj.(*types.Func)
		if !ok {
			continue
		}
		m := e.member[fn.Pos()]
		if m == nil {
			continue
		}
		file, line := x.ld.where(u.pos)
		if m.h == nil {
			if !u.call || u.sel == nil {
				continue
			}
			if e.cycle[u.pkg.PkgPath] {
				x.left = append(x.left, Left{File: file, Line: line, Caller: x.short(u.caller.ID),
					Message: fmt.Sprintf("calls %s directly: its package %s is imported by the generated package; change it after the move", x.what(m), u.pkg.PkgPath)})
				continue
			}
			e.add(u.pkg, u.file, u.sel, qualifier+".Default."+m.name, fmt.Sprintf("calls %s through %s.Default", x.what(m), x.pkgName))
			continue
		}
		var recv *slot
		if u.sel != nil {
			recv = e.valueSlot(u.pkg.TypesInfo, u.sel.X)
		}
		switch {
		case recv != nil && recv.ok:
			if m.name != fn.Name() {
				e.add(u.pkg, u.file, u.sel.Sel, m.name, "calls "+m.name)
			}
		case recv != nil:
			x.left = append(x.left, Left{File: file, Line: line, Caller: x.short(u.caller.ID),
				Message: fmt.Sprintf("calls %s on %s, which stays a %s: %s", x.what(m), recv.obj.Name(), types.TypeString(recv.obj.Type(), x.relQual), recv.why)})
		default:
			x.left = append(x.left, Left{File: file, Line: line, Caller: x.short(u.caller.ID),
				Message: fmt.Sprintf("calls %s on a value that is not held in a variable or field of the caller", x.what(m))})
		}
	}
}

// flowTarget is the changed slot an expression is given to, if any.
func (e *editor) flowTarget(info *types.Info, expr ast.Expr, parents map[ast.Node]ast.Node) *slot {
	parent := parents[expr]
	switch pt := parent.(type) {
	case *ast.KeyValueExpr:
		if pt.Value == expr {
			if lit, ok := parents[pt].(*ast.CompositeLit); ok {
				if v := fieldOf(info, lit, pt.Key); v != nil {
					return e.slot(v)
				}
			}
		}
	case *ast.CompositeLit:
		if v := positionalField(info, pt, expr); v != nil {
			return e.slot(v)
		}
	case *ast.CallExpr:
		if fn, ok := typeutil.Callee(info, pt).(*types.Func); ok {
			sig := fn.Type().(*types.Signature)
			for i, a := range pt.Args {
				if a == expr && i < sig.Params().Len() {
					return e.slot(sig.Params().At(i))
				}
			}
		}
	case *ast.AssignStmt:
		for i, r := range pt.Rhs {
			if r == expr && len(pt.Lhs) == len(pt.Rhs) {
				if v, ok := info.Defs[identOf(pt.Lhs[i])].(*types.Var); ok {
					return e.slot(v)
				}
				return e.valueSlot(info, pt.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		for i, v := range pt.Values {
			if v == expr && len(pt.Names) == len(pt.Values) {
				if dv, ok := info.Defs[pt.Names[i]].(*types.Var); ok {
					return e.slot(dv)
				}
			}
		}
	}
	return nil
}

func identOf(x ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(x).(*ast.Ident)
	return id
}

// source is an expression's text as written.
func (e *editor) source(expr ast.Expr) string {
	var b bytes.Buffer
	_ = format.Node(&b, e.x.ld.fset, expr)
	return b.String()
}

// write applies each file's replacements, imports the generated package
// under a name the file does not use, drops the imports the edits left
// unused, and formats the file.
func (e *editor) write() error {
	x := e.x
	names := sortedKeys(e.files)
	for _, name := range names {
		fe := e.files[name]
		old, err := readFile(name)
		if err != nil {
			return err
		}
		sort.Slice(fe.edits, func(i, j int) bool { return fe.edits[i].start > fe.edits[j].start })
		src := append([]byte(nil), old...)
		last := len(src) + 1
		var whats []string
		for _, ed := range fe.edits {
			if ed.end > last || ed.start < 0 || ed.end > len(src) {
				continue // overlapping: the outer edit wins
			}
			src = append(src[:ed.start], append([]byte(ed.text), src[ed.end:]...)...)
			last = ed.start
			whats = append(whats, ed.what)
		}
		qual := x.pkgName
		for i := 2; fileUses(fe.file, fe.pkg, qual); i++ {
			qual = x.pkgName + strconv.Itoa(i)
		}
		src = bytes.ReplaceAll(src, []byte(qualifier), []byte(qual))
		fset := token.NewFileSet()
		af, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			return fmt.Errorf("editing %s: %v (this is a bug in splitter extract)", x.ld.rel(name), err)
		}
		if qual == x.pkgName {
			astutil.AddImport(fset, af, x.pkgPath)
		} else {
			astutil.AddNamedImport(fset, af, qual, x.pkgPath)
		}
		type unused struct{ name, path string }
		var drop []unused
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			if p == x.pkgPath {
				continue
			}
			n := path.Base(p)
			if im.Name != nil {
				n = im.Name.Name
			} else if ip := fe.pkg.Imports[p]; ip != nil {
				n = ip.Name
			}
			if n == "_" || n == "." {
				continue
			}
			if !usesName(af, n) {
				drop = append(drop, unused{nameOrEmpty(im), p})
			}
		}
		for _, d := range drop {
			astutil.DeleteNamedImport(fset, af, d.name, d.path)
		}
		var b bytes.Buffer
		if err := format.Node(&b, fset, af); err != nil {
			return fmt.Errorf("editing %s: %v", x.ld.rel(name), err)
		}
		out, err := imports.Process(name, b.Bytes(), &imports.Options{FormatOnly: true, Comments: true, TabIndent: true, TabWidth: 8})
		if err != nil {
			return fmt.Errorf("editing %s: %v", x.ld.rel(name), err)
		}
		sort.Strings(whats)
		x.edits = append(x.edits, Edit{Path: x.ld.rel(name), Changes: dedup(whats), Old: old, New: out})
	}
	return nil
}

func nameOrEmpty(im *ast.ImportSpec) string {
	if im.Name != nil {
		return im.Name.Name
	}
	return ""
}

// usesName reports whether a selector n.X appears in the file.
func usesName(f *ast.File, n string) bool {
	found := false
	ast.Inspect(f, func(node ast.Node) bool {
		if sel, ok := node.(*ast.SelectorExpr); ok {
			// Obj is set for names the parser resolved in the file (a
			// local variable shadowing the package): not the import.
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == n && id.Obj == nil {
				found = true
			}
		}
		return !found
	})
	return found
}

// fileUses reports whether name is declared or imported in the file's
// scope (so the generated package needs another name there).
func fileUses(f *ast.File, p *packages.Package, name string) bool {
	if p.Types.Scope().Lookup(name) != nil {
		return true
	}
	for _, im := range f.Imports {
		pth, _ := strconv.Unquote(im.Path.Value)
		n := path.Base(pth)
		if im.Name != nil {
			n = im.Name.Name
		} else if ip := p.Imports[pth]; ip != nil {
			n = ip.Name
		}
		if n == name {
			return true
		}
	}
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}

func readFile(name string) ([]byte, error) { return os.ReadFile(name) }

func dedup(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
