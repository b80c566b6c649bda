package analyzer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// TestPartialRun: after a change to one package, a run with the result
// cache analyses again exactly that package and those that import it,
// directly or not, and its model is byte-identical to a run without the
// cache, whether the run was partial or gave way to a full one. Every
// package of each example module is changed in turn (a function added),
// so that partial runs follow each other as they do in CI.
func TestPartialRun(t *testing.T) {
	// Each package costs two analyses; the suite takes the small modules
	// with -short, two more without, and SPLITTER_PARTIAL_ALL=1 the rest.
	mods := []string{"ep-routers", "notes"}
	partials := 0
	defer func() {
		if partials == 0 && !t.Failed() {
			t.Errorf("no run was partial")
		}
	}()
	if !testing.Short() {
		mods = append(mods, "layered", "ep-jobs")
	}
	if os.Getenv("SPLITTER_PARTIAL_ALL") != "" {
		mods = append(mods, "ep-rpc", "entrypoints", "modular")
	}
	// Import-level lint's lean passes (no facts, no entry points) too.
	mods = append(mods, "ep-routers+lean")
	for _, name := range mods {
		t.Run(name, func(t *testing.T) {
			name, lean := strings.CutSuffix(name, "+lean")
			dir := copyModuleDir(t, filepath.Join("..", "testdata", name))
			cache := t.TempDir()
			var rep CacheReport
			run := func(cached bool) []byte {
				t.Helper()
				b, _ := analyzeCached(t, Config{Dir: dir, CallGraph: CallGraphNone, ImportLevel: lean}, cache, &rep, cached)
				return b
			}
			first := run(true)
			m, err := model.Decode(bytes.NewReader(first))
			if err != nil {
				t.Fatal(err)
			}
			importers := map[string][]string{}
			for _, p := range m.Packages {
				for _, imp := range p.Imports {
					importers[imp] = append(importers[imp], p.Path)
				}
			}
			partial := 0
			for _, p := range m.Packages {
				want := dependents(p.Path, importers)
				if !addProbe(t, filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(p.Dir, "./")))) {
					continue
				}
				got := run(true)
				if !slices.Equal(rep.Changed, want) {
					t.Errorf("%s changed: recomputed %q, want %q", p.Path, rep.Changed, want)
				}
				if rep.Partial {
					partial++
				} else {
					t.Logf("%s changed: in full: %s", p.Path, rep.Full)
				}
				if cold := run(false); !bytes.Equal(got, cold) {
					t.Fatalf("%s changed: the cached model (partial %v) differs from a run without the cache:\n%s",
						p.Path, rep.Partial, firstDiff(got, cold))
				}
			}
			partials += partial
			t.Logf("%d of %d runs partial", partial, len(m.Packages))
		})
	}
}

// analyzeCached runs Analyze with cfg, on the result cache in cache when
// cached (its report in *rep), and returns the model's JSON and the model.
func analyzeCached(t *testing.T, cfg Config, cache string, rep *CacheReport, cached bool) ([]byte, *model.Model) {
	t.Helper()
	if cached {
		cfg.Cache = cache
		cfg.CacheReport = func(r CacheReport) { *rep = r }
	}
	m, err := Analyze(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), m
}

// dependents is path and every package that imports it, sorted.
func dependents(path string, importers map[string][]string) []string {
	seen := map[string]bool{path: true}
	queue := []string{path}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		for _, q := range importers[p] {
			if !seen[q] {
				seen[q] = true
				queue = append(queue, q)
			}
		}
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// addProbe adds a function to the first non-test file of the package in
// dir; false when there is none.
func addProbe(t *testing.T, dir string) bool {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	sort.Strings(names)
	for _, f := range names {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(src, []byte("//go:build")) {
			continue
		}
		src = append(src, "\n// SplitterProbe is added by TestPartialRun.\nfunc SplitterProbe() int { return 1 }\n"...)
		if err := os.WriteFile(f, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return true
	}
	return false
}

func copyModuleDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			lo := max(0, i-3)
			return "cached:\n" + strings.Join(al[lo:min(len(al), i+4)], "\n") + "\nwithout the cache:\n" + strings.Join(bl[lo:min(len(bl), i+4)], "\n")
		}
	}
	return "lengths differ"
}
