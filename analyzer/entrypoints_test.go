package analyzer_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

// wantRE matches one "KIND "TRIGGER" HANDLER [mount]" triple of a // want
// comment.
var wantRE = regexp.MustCompile(`(\w+) "([^"]*)" ([^\s"]+)( mount\b)?`)

// readWants collects the // want annotations of every .go file under dir,
// keyed by package directory: each is "file:line kind trigger handler".
func readWants(t *testing.T, dir string) map[string][]string {
	t.Helper()
	wants := map[string][]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		rel = filepath.ToSlash(rel)
		pkgDir := filepath.ToSlash(filepath.Dir(rel))
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for line := 1; sc.Scan(); line++ {
			_, c, ok := strings.Cut(sc.Text(), "// want ")
			if !ok {
				continue
			}
			for _, m := range wantRE.FindAllStringSubmatch(c, -1) {
				wants[pkgDir] = append(wants[pkgDir], fmt.Sprintf("%s:%d %s %q %s%s", rel, line, m[1], m[2], m[3], m[4]))
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return wants
}

// entryFixtures are the fixture modules, one per framework family.
var entryFixtures = []string{"entrypoints", "ep-routers", "ep-rpc", "ep-jobs"}

// TestEntryPointDetectors runs every detector over the fixture modules, one
// sub-test per framework package: each annotated registration must be found
// with its trigger and handler (and mount flag), and nothing else may be
// found (the packages hold look-alikes that must not match).
func TestEntryPointDetectors(t *testing.T) {
	for _, fx := range entryFixtures {
		t.Run(fx, func(t *testing.T) { checkWants(t, filepath.Join("..", "testdata", fx)) })
	}
}

func checkWants(t *testing.T, dir string) {
	if _, err := os.Stat(dir); err != nil {
		t.Skip(err)
	}
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir, CallGraph: analyzer.CallGraphNone})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range m.Diagnostics {
		if d.Severity != model.SevInfo {
			t.Errorf("unexpected diagnostic: %+v", d)
		}
	}
	got := map[string][]string{}
	for _, ep := range m.EntryPoints {
		pkgDir := filepath.ToSlash(filepath.Dir(ep.File))
		trigger := ep.TriggerText()
		if ep.Kind == model.EntryMain || ep.Kind == model.EntryInit {
			trigger = string(ep.Kind) // the annotations do not name the binary
		}
		mount := ""
		if ep.Mount {
			mount = " mount"
		}
		got[pkgDir] = append(got[pkgDir], fmt.Sprintf("%s:%d %s %q %s%s", ep.File, ep.Line, ep.Kind, trigger, ep.Handler, mount))
	}
	wants := readWants(t, dir)
	var dirs []string
	for d := range wants {
		dirs = append(dirs, d)
	}
	for d := range got {
		if _, ok := wants[d]; !ok {
			dirs = append(dirs, d)
		}
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		t.Run(d, func(t *testing.T) {
			w, g := wants[d], got[d]
			sort.Strings(w)
			sort.Strings(g)
			missing, extra := diffSets(w, g)
			for _, x := range missing {
				t.Errorf("not found: %s", x)
			}
			for _, x := range extra {
				t.Errorf("found but not wanted: %s", x)
			}
		})
	}
}

func diffSets(want, got []string) (missing, extra []string) {
	count := map[string]int{}
	for _, w := range want {
		count[w]++
	}
	for _, g := range got {
		if count[g] > 0 {
			count[g]--
		} else {
			extra = append(extra, g)
		}
	}
	for _, w := range want {
		if count[w] > 0 {
			count[w]--
			missing = append(missing, w)
		}
	}
	return missing, extra
}
