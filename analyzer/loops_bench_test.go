package analyzer

import (
	"context"
	"go/ast"
	"os"
	"testing"
)

// What the loop flag on call edges costs, against the analysis itself in
// the same run: with SPLITTER_BENCH_DIR set to a module (e.g. miniflux),
//
//	go test ./analyzer -run '^$' -bench 'LoopIndex|AnalyzeModule' -count 5
//
// BenchmarkLoopIndex builds the index and asks it about every call in
// every file (more than the call graph's distinct sites);
// BenchmarkAnalyzeModule is the whole model, call graph included.

func benchDir(b *testing.B) string {
	dir := os.Getenv("SPLITTER_BENCH_DIR")
	if dir == "" {
		b.Skip("set SPLITTER_BENCH_DIR to a Go module to measure on")
	}
	return dir
}

func BenchmarkLoopIndex(b *testing.B) {
	cfg := Config{Dir: benchDir(b)}
	ld, err := load(context.Background(), &cfg)
	if err != nil {
		b.Fatal(err)
	}
	calls, in := 0, 0
	for b.Loop() {
		li := newLoopIndex(ld.pkgs)
		calls, in = 0, 0
		for _, p := range ld.pkgs {
			for _, f := range p.Syntax {
				ast.Inspect(f, func(n ast.Node) bool {
					if c, ok := n.(*ast.CallExpr); ok {
						calls++
						if li.inLoop(p.Fset, c.Lparen) {
							in++
						}
					}
					return true
				})
			}
		}
	}
	b.ReportMetric(float64(calls), "calls")
	b.ReportMetric(float64(in), "in-loop")
}

func BenchmarkAnalyzeModule(b *testing.B) {
	dir := benchDir(b)
	for b.Loop() {
		if _, err := Analyze(context.Background(), Config{Dir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
