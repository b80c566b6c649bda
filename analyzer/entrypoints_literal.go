package analyzer

import (
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/callgraph"
	"golang.org/x/tools/go/ssa"

	"github.com/splitter-go/splitter/model"
)

// literalTargets gives the entry points whose handler is a func literal the
// units its body calls, as the call graph resolves them (interface and
// func-value calls included), following the closures it defines or calls
// in its enclosing function, and never counting that function itself: a
// handler's reach starts at the handler.
func literalTargets(t *unitTable, fset *token.FileSet, cg *callgraph.Graph, eps []model.EntryPoint, lits map[string]*ast.FuncLit) {
	if len(lits) == 0 {
		return
	}
	want := map[*ast.FuncLit]bool{}
	for _, l := range lits {
		want[l] = true
	}
	byLit := map[*ast.FuncLit]*ssa.Function{}
	for fn := range cg.Nodes {
		if fn == nil {
			continue
		}
		if l, ok := fn.Syntax().(*ast.FuncLit); ok && want[l] {
			byLit[l] = fn
		}
	}
	memo := map[*ast.FuncLit][]string{}
	for i := range eps {
		lit := lits[eps[i].Function]
		if lit == nil {
			continue
		}
		fn := byLit[lit]
		if fn == nil {
			continue // not built (a literal in dead code): keep the syntax targets
		}
		ts, ok := memo[lit]
		if !ok {
			ts = reachOfLiteral(t, fset, cg, fn)
			memo[lit] = ts
		}
		eps[i].Targets = slices.Clone(ts)
	}
}

func reachOfLiteral(t *unitTable, fset *token.FileSet, cg *callgraph.Graph, lit *ssa.Function) []string {
	encl := t.unitAt(fset, lit.Pos())
	seen := map[*ssa.Function]bool{lit: true}
	queue := []*ssa.Function{lit}
	var out []string
	has := map[int]bool{}
	for len(queue) > 0 {
		fn := queue[0]
		queue = queue[1:]
		for _, a := range fn.AnonFuncs {
			if !seen[a] {
				seen[a] = true
				queue = append(queue, a)
			}
		}
		node := cg.Nodes[fn]
		if node == nil {
			continue
		}
		for _, e := range node.Out {
			c := e.Callee.Func
			u := funcUnit(t, fset, c)
			if u < 0 {
				continue
			}
			if u == encl {
				// A closure of the enclosing function (or the function
				// itself): follow the closure, never credit the function.
				if c.Parent() != nil && !seen[c] {
					seen[c] = true
					queue = append(queue, c)
				}
				continue
			}
			if !has[u] {
				has[u] = true
				out = append(out, t.units[u].unit.ID)
			}
		}
	}
	slices.Sort(out)
	if out == nil {
		out = []string{}
	}
	return out
}
