package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

// renderFact writes a fact as the fixture's comments do: kind:call, then
// +joined, +detached, +deferred, +stopped, +lazy.
func renderFact(f model.Fact) string {
	s := string(f.Kind) + ":" + strings.ReplaceAll(f.Call, " ", "_")
	for _, fl := range []struct {
		on   bool
		name string
	}{{f.Joined, "joined"}, {f.Detached, "detached"}, {f.Deferred, "deferred"}, {f.Stopped, "stopped"}, {f.Lazy, "lazy"}} {
		if fl.on {
			s += "+" + fl.name
		}
	}
	return s
}

// extractFile writes a txtar archive into a fresh directory.
func extractFile(t *testing.T, path string) string {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFacts checks every fact detector on testdata/facts.txtar: each
// "// fact:" comment lists the facts expected on its line, and a line
// without one must have none.
func TestFacts(t *testing.T) {
	dir := extractFile(t, filepath.Join("testdata", "facts.txtar"))
	m := analyze(t, analyzer.Config{Dir: dir, CallGraph: analyzer.CallGraphNone})
	for _, d := range m.Diagnostics {
		t.Errorf("diagnostic: %+v", d)
	}
	got := map[string][]string{} // file:line → rendered facts
	var ignores []model.Fact
	for _, u := range m.Units {
		if strings.HasPrefix(u.File, "fake/") {
			continue
		}
		for _, f := range u.Facts {
			if f.Kind == model.FactIgnore {
				ignores = append(ignores, f)
				continue
			}
			k := fmt.Sprintf("%s:%d", f.File, f.Line)
			got[k] = append(got[k], renderFact(f))
		}
	}
	want := map[string][]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasPrefix(rel, "fake") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			if _, w, ok := strings.Cut(line, "// fact:"); ok {
				want[fmt.Sprintf("%s:%d", filepath.ToSlash(rel), i+1)] = strings.Fields(w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for k, w := range want {
		g := got[k]
		slices.Sort(g)
		slices.Sort(w)
		if !slices.Equal(g, w) {
			t.Errorf("%s: got facts %v, want %v", k, g, w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: unexpected facts %v", k, g)
		}
	}

	// Suppression comments: the doc comment covers the declaration, a
	// comment inside covers its line and the next.
	var ig []string
	for _, f := range ignores {
		ig = append(ig, fmt.Sprintf("%s:%d-%d %s %q", f.File, f.Line, f.EndLine, f.Rule, f.Reason))
	}
	slices.Sort(ig)
	wantIg := []string{
		`ignored/ignored.go:13-14 SPL109,SPL101 "set once at start-up"`,
		`ignored/ignored.go:15-16 all "// fact: process:os.Setenv"`,
		`ignored/ignored.go:8-10 SPL109 "the CLI exits on purpose"`,
	}
	if !slices.Equal(ig, wantIg) {
		t.Errorf("ignore facts:\n got %q\nwant %q", ig, wantIg)
	}
}
