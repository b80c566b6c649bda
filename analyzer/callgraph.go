package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/cha"
	"golang.org/x/tools/go/callgraph/rta"
	"golang.org/x/tools/go/callgraph/static"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/splitter-go/splitter/model"
)

// Call graph algorithms, from cheapest and least precise to dearest.
const (
	CallGraphStatic = "static"
	CallGraphCHA    = "cha"
	CallGraphRTA    = "rta"
	CallGraphVTA    = "vta"
)

// DefaultCallGraph is the algorithm used when none is asked for; see README
// ("Choosing the call graph") for the measurements behind it.
const DefaultCallGraph = CallGraphVTA

// CallGraphs lists the accepted --callgraph values.
var CallGraphs = []string{CallGraphStatic, CallGraphCHA, CallGraphRTA, CallGraphVTA}

// buildSSA creates SSA for the module's packages only; every other package
// is created from its types alone (no bodies), which is what keeps memory
// and time close to a plain type-check.
func buildSSA(pkgs []*packages.Package, mode ssa.BuilderMode) (*ssa.Program, []*ssa.Package) {
	if len(pkgs) == 0 {
		return nil, nil
	}
	prog := ssa.NewProgram(pkgs[0].Fset, mode)
	created := map[*types.Package]bool{}
	var create func(tp *types.Package)
	create = func(tp *types.Package) {
		if created[tp] {
			return
		}
		created[tp] = true
		for _, imp := range tp.Imports() {
			create(imp)
		}
		prog.CreatePackage(tp, nil, nil, true)
	}
	var mine []*ssa.Package
	for _, p := range pkgs {
		created[p.Types] = true
	}
	for _, p := range pkgs {
		for _, imp := range p.Types.Imports() {
			create(imp)
		}
	}
	for _, p := range pkgs {
		mine = append(mine, prog.CreatePackage(p.Types, p.Syntax, p.TypesInfo, true))
	}
	prog.Build()
	return prog, mine
}

// moduleFuncs returns every function of the module's SSA packages: package
// members, methods of their types, and their nested func literals.
func moduleFuncs(prog *ssa.Program, mine []*ssa.Package) map[*ssa.Function]bool {
	funcs := map[*ssa.Function]bool{}
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		if f == nil || funcs[f] {
			return
		}
		funcs[f] = true
		for _, a := range f.AnonFuncs {
			add(a)
		}
	}
	for _, p := range mine {
		for _, m := range p.Members {
			switch m := m.(type) {
			case *ssa.Function:
				add(m)
			case *ssa.Type:
				// Only the methods declared on the type itself: a promoted
				// method or a value method through a pointer is a wrapper,
				// which belongs to no package. Reading them off the named
				// type spares computing its two method sets.
				n, ok := types.Unalias(m.Type()).(*types.Named)
				if !ok || n.TypeParams().Len() > 0 {
					continue // methods of generic types are built per instance
				}
				for i := 0; i < n.NumMethods(); i++ {
					if meth := n.Method(i); meth.Name() != "_" {
						if fn := prog.FuncValue(meth); fn != nil && fn.Pkg == p {
							add(fn)
						}
					}
				}
			}
		}
	}
	// Methods of generic types and instantiations: take them from the full set.
	for fn := range moduleReachable(prog, mine) {
		if fn.Pkg != nil && isMine(fn.Pkg, mine) {
			add(fn)
		} else if o := fn.Origin(); o != nil && o.Pkg != nil && isMine(o.Pkg, mine) {
			add(fn)
		}
	}
	return funcs
}

// moduleReachable is what ssautil.AllFunctions finds that can be the
// module's: it walks the same roots (package members, the methods of
// exported named types built from syntax, the methods of the runtime
// types) and bodies, but leaves out the methods of named types of other
// packages. Those are the dependencies' functions, which have no bodies
// here (only the module is built from syntax), or wrappers that call
// only them; making an ssa.Function for each (MethodValue) was most of
// AllFunctions' cost on a module with many dependencies.
func moduleReachable(prog *ssa.Program, mine []*ssa.Package) map[*ssa.Function]bool {
	own := map[*types.Package]bool{}
	for _, p := range mine {
		own[p.Pkg] = true
	}
	seen := map[*ssa.Function]bool{}
	var function func(fn *ssa.Function)
	function = func(fn *ssa.Function) {
		if seen[fn] {
			return
		}
		seen[fn] = true
		var buf [10]*ssa.Value
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				for _, op := range instr.Operands(buf[:0]) {
					if fn, ok := (*op).(*ssa.Function); ok {
						function(fn)
					}
				}
			}
		}
	}
	methodsOf := func(T types.Type) {
		if types.IsInterface(T) {
			return
		}
		mset := prog.MethodSets.MethodSet(T)
		for sel := range mset.Methods() {
			m := sel.Obj().(*types.Func)
			// A method declared in a dependency has no body here, and its
			// wrapper (a promoted method) calls only it: building the
			// wrapper finds nothing of the module.
			if m.Signature().TypeParams() == nil && own[m.Pkg()] {
				function(prog.MethodValue(sel))
			}
		}
	}
	foreign := func(T types.Type) bool {
		if p, ok := types.Unalias(T).(*types.Pointer); ok {
			T = p.Elem()
		}
		n, ok := types.Unalias(T).(*types.Named)
		return ok && n.Origin().Obj().Pkg() != nil && !own[n.Origin().Obj().Pkg()]
	}
	for _, p := range mine {
		for _, mem := range p.Members {
			switch mem := mem.(type) {
			case *ssa.Function:
				function(mem)
			case *ssa.Type:
				// AllFunctions' exported-type rule, for packages built
				// from syntax.
				if named, ok := mem.Type().(*types.Named); ok && ast.IsExported(mem.Name()) &&
					!types.IsInterface(named) && named.TypeParams() == nil {
					methodsOf(named)
					methodsOf(types.NewPointer(named))
				}
			}
		}
	}
	for _, T := range prog.RuntimeTypes() {
		if !foreign(T) {
			methodsOf(T)
		}
	}
	return seen
}

func isMine(p *ssa.Package, mine []*ssa.Package) bool {
	for _, m := range mine {
		if m == p {
			return true
		}
	}
	return false
}

func isGenericNamed(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.TypeParams().Len() > 0
}

// callGraph runs the chosen algorithm. roots are needed by RTA only.
func callGraph(algo string, prog *ssa.Program, funcs map[*ssa.Function]bool, roots []*ssa.Function) (*callgraph.Graph, error) {
	switch algo {
	case CallGraphStatic:
		return static.CallGraph(prog), nil
	case CallGraphCHA:
		return cha.CallGraph(prog), nil
	case CallGraphRTA:
		if len(roots) == 0 {
			return callgraph.New(nil), nil
		}
		res := rta.Analyze(roots, true)
		return res.CallGraph, nil
	case CallGraphVTA:
		return vtaCallGraph(funcs), nil
	}
	return nil, fmt.Errorf("unknown call graph algorithm %q (want one of static, cha, rta, vta)", algo)
}

// callEdges aggregates the call graph's edges to units: the caller is the
// unit whose declaration holds the call site (so closures, var initialisers
// and init code count for their unit) and the callee the unit declaring the
// called function. Weight is the number of distinct call sites; loops
// records those in a loop (loops.go). A call to a standard library
// function that calls back the function values it is given (callbacks.go)
// is also an edge to each of those.
func callEdges(t *unitTable, prog *ssa.Program, cg *callgraph.Graph, es edgeSet, loops *loopIndex) {
	type siteKey struct {
		site ssa.CallInstruction
		to   int
	}
	seen := map[siteKey]bool{}
	fset := prog.Fset
	add := func(caller *ssa.Function, site ssa.CallInstruction, to int) {
		if to < 0 {
			return
		}
		from := -1
		if site != nil {
			from = t.unitAt(fset, site.Pos())
		}
		if from < 0 {
			from = funcUnit(t, fset, caller)
		}
		if from < 0 || from == to {
			return
		}
		if site != nil {
			k := siteKey{site, to}
			if seen[k] {
				return
			}
			seen[k] = true
		}
		es.add(from, to, model.EdgeCall, 1)
		loops.mark(es, fset, site, from, to)
	}
	for fn, node := range cg.Nodes {
		if fn == nil {
			continue
		}
		for _, e := range node.Out {
			to := funcUnit(t, fset, e.Callee.Func)
			if to < 0 && e.Site != nil {
				for _, cb := range passedFuncs(e.Site) {
					add(fn, e.Site, funcUnit(t, fset, cb))
				}
			}
			add(fn, e.Site, to)
		}
	}
}

// funcUnit maps an SSA function to the unit that declares it, or -1 for
// functions outside the module.
func funcUnit(t *unitTable, fset *token.FileSet, fn *ssa.Function) int {
	if o := fn.Origin(); o != nil {
		fn = o
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj != nil {
		return t.unitOf(obj)
	}
	// A func literal, a wrapper or a package initialiser: the unit whose
	// declaration holds it.
	return t.unitAt(fset, fn.Pos())
}
