package analyzer

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/splitter-go/splitter/model"
)

// TestKeysFromLoad: the keys a run takes from its load (keysFromLoad) are
// the keys of a go list of the same packages (computeCacheKeys), package
// by package and for the run, with tests too (test variants and a
// generated test main), so an entry a cold run stores is the one a
// later run that lists first finds; and a file written after the load
// started leaves the run unkeyed, not keyed by contents the model was not
// made from.
func TestKeysFromLoad(t *testing.T) {
	for _, c := range []struct {
		name  string
		tests bool
	}{{"layered", false}, {"ep-routers", false}, {"modular", false}, {"layered", true}} {
		t.Run(fmt.Sprintf("%s/tests=%v", c.name, c.tests), func(t *testing.T) {
			dir := copyModuleDir(t, filepath.Join("..", "testdata", c.name))
			if c.tests {
				// A test file, so that the load has test variants and a
				// generated test main.
				var pkgDir string
				filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
					if pkgDir == "" && err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
						pkgDir = filepath.Dir(p)
					}
					return nil
				})
				src, err := os.ReadFile(filepath.Join(pkgDir, firstGo(t, pkgDir)))
				if err != nil {
					t.Fatal(err)
				}
				pkgName := strings.Fields(string(src[strings.Index(string(src), "package "):]))[1]
				test := "package " + pkgName + "\n\nimport \"testing\"\n\nfunc TestProbe(t *testing.T) {}\n"
				if err := os.WriteFile(filepath.Join(pkgDir, "probe_test.go"), []byte(test), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx := context.Background()
			cfg := &Config{Dir: dir, CallGraph: CallGraphNone, Tests: c.tests, Cache: t.TempDir()}
			cb, note := prepareCache(ctx, cfg)
			if cb == nil {
				t.Fatal(note)
			}
			listed, err := computeCacheKeys(ctx, cfg, cb)
			if err != nil {
				t.Fatal(err)
			}
			started := time.Now()
			ld, err := load(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			got, ok, note := keysFromLoad(ld, cb, started)
			if !ok || got == nil {
				t.Fatalf("no keys from the load: %s", note)
			}
			if c.tests && !slices.ContainsFunc(slices.Collect(maps.Keys(got.keys)), func(id string) bool { return strings.HasSuffix(id, ".test") }) {
				t.Errorf("no test main among the keyed packages: the test shows nothing")
			}
			if got.run != listed.run {
				t.Errorf("run key %s, the listing's %s", got.run, listed.run)
			}
			if !maps.Equal(got.keys, listed.keys) || !maps.Equal(got.byID, listed.byID) {
				t.Errorf("package keys differ from the listing's:\n%v\n%v", got.byID, listed.byID)
			}
			if !maps.Equal(got.stamps, listed.stamps) || got.files != listed.files {
				t.Errorf("file stamps differ from the listing's")
			}
			// A file written after the load started: no keys.
			var f string
			for f = range got.stamps {
				break
			}
			later := time.Now()
			if err := os.Chtimes(f, later, later); err != nil {
				t.Fatal(err)
			}
			if ck, ok, _ := keysFromLoad(ld, cb, started); !ok || ck != nil {
				t.Errorf("%s written during the run: keyed anyway", f)
			}
			// A time ahead of the clock is not a write during the run.
			ahead := time.Now().Add(time.Hour)
			if err := os.Chtimes(f, ahead, ahead); err != nil {
				t.Fatal(err)
			}
			if ck, ok, note := keysFromLoad(ld, cb, started); !ok || ck == nil {
				t.Errorf("%s stamped ahead of the clock: not keyed (%s)", f, note)
			}
		})
	}
}

// TestImportLevel: the lean passes (Config.ImportLevel) leave out the
// facts and entry points and nothing else import-level lint reads: the
// packages, units (but their facts), edges and tables are a full run's,
// and so are the error diagnostics (which lint prints).
func TestImportLevel(t *testing.T) {
	for _, name := range []string{"layered", "modular", "entrypoints"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", name)
			full, err := Analyze(context.Background(), Config{Dir: dir, CallGraph: CallGraphNone})
			if err != nil {
				t.Fatal(err)
			}
			lean, err := Analyze(context.Background(), Config{Dir: dir, CallGraph: CallGraphNone, ImportLevel: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(lean.EntryPoints) > 0 {
				t.Errorf("%d entry points at import level", len(lean.EntryPoints))
			}
			facts := 0
			for i := range full.Units {
				facts += len(full.Units[i].Facts)
				full.Units[i].Facts = nil
			}
			if facts == 0 || len(full.EntryPoints) == 0 {
				t.Fatalf("a full run found %d facts and %d entry points: the test shows nothing", facts, len(full.EntryPoints))
			}
			errs := func(m *model.Model) []model.Diagnostic {
				var out []model.Diagnostic
				for _, d := range m.Diagnostics {
					if d.Severity == model.SevError {
						out = append(out, d)
					}
				}
				return out
			}
			for _, c := range []struct {
				what      string
				full, got any
			}{
				{"packages", full.Packages, lean.Packages},
				{"units", full.Units, lean.Units},
				{"edges", full.Edges, lean.Edges},
				{"error diagnostics", errs(full), errs(lean)},
				{"modules", full.Modules, lean.Modules},
			} {
				a, _ := json.Marshal(c.full)
				b, _ := json.Marshal(c.got)
				if !bytes.Equal(a, b) {
					t.Errorf("%s differ at import level:\n%s", c.what, firstDiff(b, a))
				}
			}
		})
	}
}

func firstGo(t *testing.T, dir string) string {
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			return e.Name()
		}
	}
	t.Fatalf("no Go file in %s", dir)
	return ""
}
