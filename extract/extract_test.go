package extract_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/extract"
	"github.com/splitter-go/splitter/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// copyModule copies an example module into a temporary directory.
func copyModule(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// analyze analyses dir and returns the model with the services the config
// file declares.
func analyze(t *testing.T, dir, cfgPath string) (*model.Model, map[string]string, map[string]string) {
	t.Helper()
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	a, owners, err := extract.Declared(cfg, m)
	if err != nil {
		t.Fatal(err)
	}
	return m, a, owners
}

// apply writes the result into the module at dir.
func apply(t *testing.T, dir string, r *extract.Result) {
	t.Helper()
	for _, f := range r.Files {
		p := filepath.Join(dir, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range r.Edits {
		if err := os.WriteFile(filepath.Join(dir, e.Path), e.New, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// gocmd runs the go command in dir and fails the test on error.
func gocmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
}

// golden compares got with testdata/golden/NAME, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", name, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, a, b)
		}
	}
	return ""
}

// extractInto extracts svc from a fresh copy of the example at src (with
// the config at cfg, relative to this package, or the copy's own), writes
// the result into the copy and returns both.
func extractInto(t *testing.T, src, cfg, svc string) (string, *extract.Result) {
	t.Helper()
	dir := copyModule(t, src)
	if cfg == "" {
		cfg = filepath.Join(dir, "splitter.yaml")
	}
	m, a, owners := analyze(t, dir, cfg)
	r, err := extract.Extract(context.Background(), extract.Options{Root: dir, Model: m, Assignment: a, Owners: owners, Service: svc})
	if err != nil {
		t.Fatal(err)
	}
	apply(t, dir, r)
	return dir, r
}

// report is the result as text, for goldens.
func report(r *extract.Result) []byte {
	var b bytes.Buffer
	r.WriteText(&b)
	return b.Bytes()
}

// TestLayered extracts the two services pinned in testdata/layered.yaml,
// each on a fresh copy of the layered example: the generated code and the
// callers' diff match their goldens, and the module builds, vets and
// passes its tests (the generated round-trip test among them).
func TestLayered(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example module")
	}
	for _, svc := range []string{"payments", "shipping"} {
		t.Run(svc, func(t *testing.T) {
			dir, r := extractInto(t, "../testdata/layered", "testdata/layered.yaml", svc)
			if len(r.Files) == 0 || len(r.Edits) == 0 {
				t.Fatalf("%s: %d files generated, %d callers edited; want some of each", svc, len(r.Files), len(r.Edits))
			}
			for _, f := range r.Files {
				golden(t, "layered-"+svc+"/"+filepath.Base(f.Path)+".golden", f.Content)
			}
			golden(t, "layered-"+svc+"/callers.diff", []byte(r.Diff))
			golden(t, "layered-"+svc+"/report.txt", report(r))
			gocmd(t, dir, "build", "./...")
			gocmd(t, dir, "vet", "./...")
			gocmd(t, dir, "test", "./"+r.Dir+"/", "./handlers/...", "./services/...")
		})
	}
}

// TestModular extracts every module of the modular example (its
// splitter.yaml), each on a fresh copy: the module builds, vets and passes
// its tests.
func TestModular(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example module")
	}
	for _, svc := range []string{"billing", "identity", "notifications", "patients", "scheduling"} {
		t.Run(svc, func(t *testing.T) {
			dir, r := extractInto(t, "../testdata/modular", "", svc)
			golden(t, "modular-"+svc+"/report.txt", report(r))
			golden(t, "modular-"+svc+"/callers.diff", []byte(r.Diff))
			if len(r.Files) == 0 && len(r.Edits) == 0 {
				return // nothing changed: the example builds as it is
			}
			gocmd(t, dir, "build", "./...")
			gocmd(t, dir, "vet", "./...")
			gocmd(t, dir, "test", "./...")
		})
	}
}

// TestEdge extracts the store service of testdata/edge, which has every
// case extract treats apart (see its README): what blocks the cut is
// listed, the wiring is wrapped, and the module builds and passes its
// tests, the round trip among them.
func TestEdge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example module")
	}
	dir, r := extractInto(t, "testdata/edge", "", "store")
	for _, f := range r.Files {
		golden(t, "edge/"+filepath.Base(f.Path)+".golden", f.Content)
	}
	golden(t, "edge/callers.diff", []byte(r.Diff))
	golden(t, "edge/report.txt", report(r))
	kinds := map[string]int{}
	for _, b := range r.Blockers {
		kinds[b.Kind]++
	}
	for _, k := range []string{"transaction", "global", "type", "pointer", "signature"} {
		if kinds[k] == 0 {
			t.Errorf("no %s blocker; blockers: %+v", k, r.Blockers)
		}
	}
	dropped := false
	for _, b := range r.Blockers {
		dropped = dropped || b.Kind == "type" && b.Subject == "kernel.Page" && strings.Contains(b.Message, "Token")
	}
	if !dropped {
		t.Errorf("kernel.Page.Token (json:\"-\") is lost on the way, but no blocker says so: %+v", r.Blockers)
	}
	remote := map[string]bool{}
	for _, m := range r.API.Methods {
		remote[m.Name] = m.Remote
	}
	for name, want := range map[string]bool{"ItemsGet": true, "UsersGet": true, "Put": true, "List": true, "Normalize": true, "Next": true, "Count": true, "Watch": false, "Delete": false} {
		if got, ok := remote[name]; !ok || got != want {
			t.Errorf("method %s: in the API %v, remote %v; want remote %v (methods: %+v)", name, ok, got, want, r.API.Methods)
		}
	}
	if len(r.Left) == 0 {
		t.Errorf("Audit.Items must keep its type (it is passed to count): nothing was left")
	}
	gocmd(t, dir, "build", "./...")
	gocmd(t, dir, "vet", "./...")
	gocmd(t, dir, "test", "./...")
}
