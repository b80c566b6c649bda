package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/callgraph/vta"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"
)

// vtaCallGraph runs VTA twice. VTA builds its type flow over an initial
// call graph and, given none, uses CHA, which resolves a call of a func
// value to every function of the module with that signature. So the loop
// body given to the iter.Seq that strings.SplitSeq returns flows into the
// yield parameter of every module iterator of that shape, and each such
// iterator then seems to call every such loop body, in unrelated code
// (miniflux: 31 edges, itunes.ItunesCategoryElement.All →
// fever.feverHandler.handleItems...). The second pass takes the first's
// answer for calls of func values, so a function value flows only where
// the first pass says it can be called, and keeps CHA for interface method
// calls: an interface value that reaches a method through code outside the
// module (a middleware's response writer, through http.ServeMux, to a
// handler) is seen only that way.
func vtaCallGraph(funcs map[*ssa.Function]bool) *callgraph.Graph {
	// What the second pass's initial graph takes from CHA does not
	// depend on the first pass, so it is worked out beside it.
	// A panic there is raised again here, where the caller's recover
	// turns it into a diagnostic.
	type result struct {
		sites    []initialSite
		panicked any
	}
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() {
			r.panicked = recover()
			done <- r
		}()
		r.sites = initialSites(funcs)
	}()
	first := vta.CallGraph(funcs, nil)
	r := <-done
	if r.panicked != nil {
		panic(r.panicked)
	}
	return vta.CallGraph(funcs, refinedInitial(funcs, r.sites, first))
}

// initialSite is a call site of the second pass's initial graph with its
// callees: static calls and CHA for interface method calls (over funcs, as
// VTA's own lazy CHA does); a call of a func value (dynamic) takes the
// first pass's callees.
type initialSite struct {
	caller  *ssa.Function
	site    ssa.CallInstruction
	callees []*ssa.Function
	dynamic bool
}

func initialSites(funcs map[*ssa.Function]bool) []initialSite {
	methods := newMethodIndex(funcs)
	var out []initialSite
	for f := range funcs {
		out = append(out, initialSite{caller: f})
		for _, b := range f.Blocks {
			for _, instr := range b.Instrs {
				site, ok := instr.(ssa.CallInstruction)
				if !ok {
					continue
				}
				cc := site.Common()
				s := initialSite{caller: f, site: site}
				switch {
				case cc.IsInvoke():
					s.callees = methods.implementing(cc.Value.Type().Underlying().(*types.Interface), cc.Method)
				case cc.StaticCallee() != nil:
					s.callees = []*ssa.Function{cc.StaticCallee()}
				default:
					s.dynamic = true
				}
				out = append(out, s)
			}
		}
	}
	return out
}

// refinedInitial is the initial call graph of the second pass: sites'
// callees, and first's callees for calls of func values.
func refinedInitial(funcs map[*ssa.Function]bool, sites []initialSite, first *callgraph.Graph) *callgraph.Graph {
	dynamic := map[ssa.CallInstruction][]*ssa.Function{}
	for _, n := range first.Nodes {
		for _, e := range n.Out {
			if e.Site != nil && !e.Site.Common().IsInvoke() && e.Site.Common().StaticCallee() == nil {
				dynamic[e.Site] = append(dynamic[e.Site], e.Callee.Func)
			}
		}
	}
	g := &callgraph.Graph{Nodes: make(map[*ssa.Function]*callgraph.Node, len(funcs))}
	var caller *callgraph.Node
	for _, s := range sites {
		if s.site == nil {
			caller = g.CreateNode(s.caller)
			continue
		}
		callees := s.callees
		if s.dynamic {
			callees = dynamic[s.site]
		}
		for _, c := range callees {
			callgraph.AddEdge(caller, s.site, g.CreateNode(c))
		}
	}
	return g
}

// methodIndex answers CHA's question for an interface method call: the
// methods of funcs, of the concrete types that implement the interface,
// with the method's id (name and, unexported, package).
type methodIndex struct {
	byID map[string][]*ssa.Function
	memo typeutil.Map // *types.Interface → map[id][]*ssa.Function
}

func newMethodIndex(funcs map[*ssa.Function]bool) *methodIndex {
	mi := &methodIndex{byID: map[string][]*ssa.Function{}}
	for f := range funcs {
		if f.Signature.Recv() == nil {
			continue
		}
		if obj, ok := f.Object().(*types.Func); ok {
			mi.byID[obj.Id()] = append(mi.byID[obj.Id()], f)
		}
	}
	return mi
}

func (mi *methodIndex) implementing(iface *types.Interface, m *types.Func) []*ssa.Function {
	byID, _ := mi.memo.At(iface).(map[string][]*ssa.Function)
	if byID == nil {
		byID = map[string][]*ssa.Function{}
		mi.memo.Set(iface, byID)
	}
	id := m.Id()
	if fs, ok := byID[id]; ok {
		return fs
	}
	var fs []*ssa.Function
	for _, f := range mi.byID[id] {
		if types.Implements(f.Signature.Recv().Type(), iface) {
			fs = append(fs, f)
		}
	}
	byID[id] = fs
	return fs
}
