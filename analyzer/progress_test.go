package analyzer_test

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
)

// Count follows the load file by file and the syntax pass package by
// package, from several goroutines: the last counts are every file parsed
// and every package read.
func TestCount(t *testing.T) {
	var mu sync.Mutex
	most := map[string]int{}
	totals := map[string]int{}
	cfg := analyzer.Config{Dir: filepath.Join("..", "testdata", "layered"), Count: func(done, total int, what string) {
		mu.Lock()
		defer mu.Unlock()
		most[what] = max(most[what], done)
		totals[what] = total
	}}
	m, err := analyzer.Analyze(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, u := range m.Units {
		files[u.File] = true
	}
	if most["files parsed"] < len(files) || totals["files parsed"] != 0 {
		t.Errorf("files parsed: counted to %d of %d, want at least the %d files that hold units, of an unknown total",
			most["files parsed"], totals["files parsed"], len(files))
	}
	if n := len(m.Packages); most["packages"] != n || totals["packages"] != n {
		t.Errorf("packages: counted to %d of %d, want %d of %d", most["packages"], totals["packages"], n, n)
	}
}
