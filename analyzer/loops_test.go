package analyzer_test

import (
	"path/filepath"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

// TestLoopCalls checks which call sites count as in a loop: a for
// statement's condition, post statement and body, a range body (also over
// an iterator function), func literals and go statements written there;
// not a for's init, a range's operand, code after the loop, nor a goto
// loop.
func TestLoopCalls(t *testing.T) {
	dir := extractFile(t, filepath.Join("testdata", "loops.txtar"))
	for _, algo := range []string{analyzer.CallGraphStatic, analyzer.CallGraphVTA} {
		m := analyze(t, analyzer.Config{Dir: dir, CallGraph: algo})
		got := map[string][2]int{}
		for _, e := range m.Edges {
			if e.Kind == model.EdgeCall && e.From == "example.com/loops.Caller" {
				got[e.To] = [2]int{e.Weight, e.Loop}
			}
			if e.Kind != model.EdgeCall && e.Loop != 0 {
				t.Errorf("%s: a %s edge %s → %s has a loop count", algo, e.Kind, e.From, e.To)
			}
		}
		want := map[string][2]int{ // callee → weight, call sites in a loop
			"once": {1, 0}, "initF": {1, 0}, "cond": {1, 1}, "post": {1, 1}, "body": {1, 1},
			"rangeX": {1, 0}, "rangeBody": {1, 1}, "Numbers": {1, 0},
			"goInLoop": {1, 1}, "closureInLoop": {1, 1}, "after": {1, 0}, "mixed": {2, 1},
			"gotoLoop": {1, 0}, "labelled": {1, 1},
		}
		if algo == analyzer.CallGraphVTA {
			// Range-over-func bodies are closures the iterators call:
			// only a call graph that follows function values sees them.
			want["iterBody"] = [2]int{1, 1}
			want["nested"] = [2]int{1, 1}
			// Calling Numbers, and the two iterators that are its
			// closure (range Numbers(), range seq): none in a loop.
			want["Numbers"] = [2]int{3, 0}
			want["impl.Do"] = [2]int{1, 1} // through the interface
		}
		for callee, w := range want {
			if g, ok := got["example.com/loops."+callee]; !ok || g != w {
				t.Errorf("%s: Caller → %s: weight and loop sites %v, want %v", algo, callee, g, w)
			}
		}
	}
}
