package analyzer_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

// TestCallbackEdges: function values passed to iterators, sorts and
// sync.Once reach the code that really calls them, and only that code.
// A module iterator calls the loop bodies of its own callers, not of every
// loop over a standard library iterator of the same shape (VTA's first pass
// merged them); a standard library function that calls back what it is
// given is a call to what the caller passes; a module function that calls
// its parameter calls what each of its callers passes.
func TestCallbackEdges(t *testing.T) {
	dir := extractFile(t, filepath.Join("testdata", "callbacks.txtar"))
	cases := []struct {
		from, to string
		want     bool
		algos    string // the algorithms the case holds for; "" all
	}{
		// static sees no function value, so neither loop bodies nor the
		// literals given to the standard library; CHA links every call of
		// a func value to every function of its signature (the edges VTA
		// must not have); RTA needs roots, which this library has none of.
		// Module iterators: their yield is their callers' loop bodies.
		{"podcast.Names", "feed.Category.All", true, ""},
		{"feed.Category.All", "podcast.Names", true, "vta"},
		{"fever.Pairs", "feed.Pairs", true, ""},
		{"feed.Pairs", "fever.Pairs", true, "vta"},
		// Loops over strings.SplitSeq and maps.All, shaped like them.
		{"feed.Category.All", "fever.IDs", false, "vta"},
		{"fever.IDs", "feed.Category.All", false, "static vta"},
		{"feed.Pairs", "fever.Keys", false, "vta"},
		{"fever.Keys", "feed.Pairs", false, "static vta"},
		{"fever.IDs", "text.Clean", true, "cha vta"},
		// The same through a parameter: what the callers pass decides.
		{"feed.Category.All", "count.Words", false, "vta"},
		{"feed.Category.All", "count.Total", true, "vta"},
		{"count.TotalNames", "feed.Category.All", true, ""},
		// The standard library calls what it is given.
		{"fever.Sorted", "fever.byLength", true, ""},       // slices.SortFunc (generic)
		{"fever.Sorted", "fever.less", true, "cha vta"},    // in the literal given to sort.SliceStable
		{"fever.Sorted", "fever.setup", true, ""},          // sync.Once.Do
		{"fever.Sorted", "fever.table.load", true, ""},     // a method value
		{"feed.Category.All", "fever.byLength", false, ""}, // nobody else's callbacks
		// A module function calls what each of its callers passes.
		{"hooks.Each", "hooks.First", true, "cha vta"},
		{"hooks.Each", "hooks.Second", true, "cha vta"},
		{"hooks.UseFirst", "hooks.Each", true, ""},
		{"hooks.UseFirst", "hooks.First", false, ""},
	}
	for _, algo := range []string{analyzer.CallGraphStatic, analyzer.CallGraphCHA, analyzer.CallGraphVTA} {
		m := analyze(t, analyzer.Config{Dir: dir, CallGraph: algo})
		for _, c := range cases {
			if c.algos != "" && !strings.Contains(c.algos, algo) {
				continue
			}
			_, got := hasEdge(m, "example.com/cb/"+c.from, "example.com/cb/"+c.to, model.EdgeCall)
			if got != c.want {
				t.Errorf("%s: call edge %s → %s: %v, want %v", algo, c.from, c.to, got, c.want)
			}
		}
	}
}
