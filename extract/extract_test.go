package extract_test

import (
	"context"
	"flag"
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

func TestScratch(t *testing.T) {
	dir := copyModule(t, "../testdata/layered")
	m, a, owners := analyze(t, dir, "testdata/layered.yaml")
	for _, svc := range []string{"payments", "shipping"} {
		r, err := extract.Extract(context.Background(), extract.Options{Root: dir, Model: m, Assignment: a, Owners: owners, Service: svc})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Files {
			t.Logf("== %s\n%s", f.Path, f.Content)
		}
		t.Logf("diff:\n%s", r.Diff)
		for _, b := range r.Blockers {
			t.Logf("blocker %+v", b)
		}
		for _, l := range r.Left {
			t.Logf("left %+v", l)
		}
		apply(t, dir, r)
		gocmd(t, dir, "build", "./...")
		gocmd(t, dir, "vet", "./...")
		gocmd(t, dir, "test", "./...")
	}
}
