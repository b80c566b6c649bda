package analyzer

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// BenchmarkTablePass times the table pass (pre-pass, every unit, the
// migration pass) over the gitea-style xorm fixture and, as the reference
// measured in the same run, the syntax-edge pass over the same units:
// compare the two (ns/op of each sub-benchmark), not absolute times.
func BenchmarkTablePass(b *testing.B) {
	for _, fixture := range []string{"xorm", "sql", "gorm"} {
		cfg := Config{Dir: filepath.Join("..", "testdata", "tables", fixture), CallGraph: CallGraphNone}
		ld, err := load(context.Background(), &cfg)
		if err != nil {
			b.Fatal(err)
		}
		t, _ := buildUnits(ld)
		b.Run(fixture+"/tables", func(b *testing.B) {
			for b.Loop() {
				ts := newTableScanner(t, ld.pkgs, loadedSQLDirs(ld))
				tables := make([][]model.TableUse, len(t.units))
				for u := range t.units {
					tables[u] = ts.unit(u)
				}
				ts.finish(tables)
			}
		})
		b.Run(fixture+"/edges", func(b *testing.B) {
			for b.Loop() {
				es := edgeSet{}
				for u := range t.units {
					syntaxEdges(t, u, es, ld.internal)
				}
			}
		})
	}
}
