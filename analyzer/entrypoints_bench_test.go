package analyzer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
)

// BenchmarkAnalyzeMiniflux runs the whole analysis on miniflux (set up by
// bench/quality in $HOME/.cache/splitter-bench); profile it to read the
// share of entry-point detection:
//
//	go test -run '^$' -bench AnalyzeMiniflux -cpuprofile /tmp/cpu.out ./analyzer
//	go tool pprof -top -cum /tmp/cpu.out | grep -E 'findEntryPoints|resolveEntryPoints|literalTargets|Analyze$'
func BenchmarkAnalyzeMiniflux(b *testing.B) {
	home, _ := os.UserHomeDir()
	dir := filepath.Join(home, ".cache", "splitter-bench", "miniflux@v2.3.5")
	if _, err := os.Stat(dir); err != nil {
		b.Skip("miniflux is not set up (bench/quality): ", err)
	}
	for b.Loop() {
		if _, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
