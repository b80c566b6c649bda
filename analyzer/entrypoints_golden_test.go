package analyzer_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestEntryPointGoldens checks every fixture module's entry points as the
// full analysis (VTA call graph) gives them, targets and mounts included,
// against testdata/<fixture>/entrypoints.golden (rewritten with -update).
func TestEntryPointGoldens(t *testing.T) {
	for _, fx := range entryFixtures {
		t.Run(fx, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", fx)
			if _, err := os.Stat(dir); err != nil {
				t.Skip(err)
			}
			m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			for _, ep := range m.EntryPoints {
				mount := ""
				if ep.Mount {
					mount = " mount"
				}
				fmt.Fprintf(&b, "%s%s\n\tframework %s, %s:%d\n\thandler %s\n\tfunction %s\n\ttargets %s\n",
					ep.ID, mount, ep.Framework, ep.File, ep.Line, ep.Handler, ep.Function, strings.Join(ep.Targets, " "))
			}
			for _, d := range m.Diagnostics {
				fmt.Fprintf(&b, "diagnostic %s %s %s:%d: %s\n", d.Severity, d.Package, d.File, d.Line, d.Message)
			}
			golden := filepath.Join(dir, "entrypoints.golden")
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(want, b.Bytes()) {
				t.Errorf("%s differs (run go test ./analyzer -run TestEntryPointGoldens -update to accept):\n%s", golden, lineDiff(string(want), b.String()))
			}
		})
	}
}

// lineDiff lists the lines only one side has.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	missing, extra := diffSets(w, g)
	var b strings.Builder
	for _, l := range missing {
		b.WriteString("- " + l + "\n")
	}
	for _, l := range extra {
		b.WriteString("+ " + l + "\n")
	}
	return b.String()
}
