package analyzer

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestKeysFromLoad: the keys a run takes from its load (keysFromLoad) are
// the keys of a go list of the same packages (computeCacheKeys), package
// by package and for the run, so an entry a cold run stores is the one a
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
			later := started.Add(time.Second)
			if err := os.Chtimes(f, later, later); err != nil {
				t.Fatal(err)
			}
			if ck, ok, _ := keysFromLoad(ld, cb, started); !ok || ck != nil {
				t.Errorf("%s written during the run: keyed anyway", f)
			}
		})
	}
}
