package analyzer

import (
	"go/ast"
	"go/token"
	"sort"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/ssa"

	"github.com/splitter-go/splitter/model"
)

// Whether a call site sits in a loop: a remote call there is made once per
// iteration (the N+1 pattern), so call edges carry the count of their call
// sites in loops (model.Edge.Loop).
//
// A site is in a loop when it lies, in the source, inside a for statement's
// condition, post statement or body, or a range statement's body (a
// range-over-func body too: it is the yield function the iterator calls
// repeatedly), also inside a func literal written there. A for statement's
// init and a range's operand run once and do not count. Loops made of goto
// are not seen.

// edgeLoopCall carries, through the edge set, one call site in a loop of a
// call edge; foldLoops moves the counts onto the call edges.
const edgeLoopCall model.EdgeKind = "call/loop"

// loopIndex answers "is this position in a loop" from the syntax, one file
// at a time as call sites ask for it.
type loopIndex struct {
	syntax map[*token.File]*ast.File
	spans  map[*token.File][]loopSpan // disjoint, sorted
}

type loopSpan struct{ start, end token.Pos }

func newLoopIndex(pkgs []*packages.Package) *loopIndex {
	li := &loopIndex{syntax: map[*token.File]*ast.File{}, spans: map[*token.File][]loopSpan{}}
	for _, p := range pkgs {
		for _, f := range p.Syntax {
			if tf := p.Fset.File(f.Pos()); tf != nil {
				li.syntax[tf] = f
			}
		}
	}
	return li
}

// mark records a loop call site of the call edge from → to.
func (li *loopIndex) mark(es edgeSet, fset *token.FileSet, site ssa.CallInstruction, from, to int) {
	if li != nil && site != nil && li.inLoop(fset, site.Pos()) {
		es.add(from, to, edgeLoopCall, 1)
	}
}

func (li *loopIndex) inLoop(fset *token.FileSet, pos token.Pos) bool {
	if !pos.IsValid() {
		return false
	}
	tf := fset.File(pos)
	if tf == nil {
		return false
	}
	spans, ok := li.spans[tf]
	if !ok {
		spans = loopSpans(li.syntax[tf])
		li.spans[tf] = spans
	}
	i := sort.Search(len(spans), func(i int) bool { return spans[i].end > pos })
	return i < len(spans) && spans[i].start <= pos
}

// loopSpans returns the parts of f that run once per iteration, merged
// into disjoint spans sorted by position.
func loopSpans(f *ast.File) []loopSpan {
	if f == nil {
		return nil
	}
	var spans []loopSpan
	ast.Inspect(f, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.ForStmt:
			start := s.Body.Pos()
			if s.Post != nil {
				start = s.Post.Pos()
			}
			if s.Cond != nil {
				start = s.Cond.Pos()
			}
			spans = append(spans, loopSpan{start, s.Body.End()})
		case *ast.RangeStmt:
			spans = append(spans, loopSpan{s.Body.Pos(), s.Body.End()})
		}
		return true
	})
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out []loopSpan
	for _, s := range spans {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	return out
}

// foldLoops moves the loop call sites recorded as edgeLoopCall edges onto
// their call edges' Loop count.
func foldLoops(m *model.Model) {
	type key struct{ from, to string }
	loops := map[key]int{}
	out := m.Edges[:0]
	for _, e := range m.Edges {
		if e.Kind == edgeLoopCall {
			loops[key{e.From, e.To}] += e.Weight
			continue
		}
		out = append(out, e)
	}
	m.Edges = out
	if len(loops) == 0 {
		return
	}
	for i, e := range m.Edges {
		if e.Kind == model.EdgeCall {
			m.Edges[i].Loop = loops[key{e.From, e.To}]
		}
	}
}
