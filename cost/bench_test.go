package cost

import (
	"os"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// BenchmarkCost times Compute and Annotate on a saved model with services
// (SPLITTER_BENCH_MODEL, the output of splitter analyze --format json),
// to compare with the time of the analyze that made it.
func BenchmarkCost(b *testing.B) {
	path := os.Getenv("SPLITTER_BENCH_MODEL")
	if path == "" {
		b.Skip("set SPLITTER_BENCH_MODEL to a model saved by splitter analyze --format json")
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	m, err := model.Decode(f)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Annotate(m, Compute(m, FromModel(m), Options{}))
	}
}
