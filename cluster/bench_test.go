package cluster_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/cluster"
)

// BenchmarkDecompose times the decomposition of the layered example alone
// (the analysis is done once, outside the timer). bench/run.sh measures it
// on a real monolith, as a share of analyze.
func BenchmarkDecompose(b *testing.B) {
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: filepath.Join("..", "testdata", "layered")})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := cluster.Decompose(m, cluster.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
