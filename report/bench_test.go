package report

import (
	"testing"

	"github.com/splitter-go/splitter/render"
)

// BenchmarkWrite writes the whole report of the layered example (518 units,
// 8 services: the service map, the package graph and one graph per service)
// into a directory. bench/run.sh times `splitter report` on a real
// monolith beside `splitter analyze`.
func BenchmarkWrite(b *testing.B) {
	m := layered(b)
	dir := b.TempDir()
	if _, err := render.SVG([]byte("digraph{}")); err != nil { // start Graphviz outside the timing
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(dir, m, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
