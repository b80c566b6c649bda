package markdown

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/diff"
)

// miniReport compares the two revisions of package diff's fixture
// (../../diff/testdata/mini.txtar, whose header says what changes).
func miniReport(t *testing.T) *diff.Report {
	t.Helper()
	ar, err := txtar.ParseFile("../../diff/testdata/mini.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	base, head := filepath.Join(dir, "base"), filepath.Join(dir, "head")
	write := func(root, name string, data []byte) {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "base/"); ok {
			write(base, name, f.Data)
			write(head, name, f.Data)
		}
	}
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "head/"); ok {
			write(head, name, f.Data)
		}
	}
	side := func(label, root string) diff.Side {
		m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: root, CallGraph: "vta"})
		if err != nil {
			t.Fatal(err)
		}
		return diff.Side{Label: label, Root: root, Model: m}
	}
	cfg, err := config.Load(filepath.Join(head, "splitter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := diff.Compare(side("main (0123456789ab)", base), side("working tree", head), diff.Options{Config: cfg, Source: "splitter.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDiffLimit writes the same report under shrinking limits: the
// comment never exceeds the limit, is valid UTF-8, keeps its marker,
// totals and diagram, shows a prefix of the full comment's items, and
// counts exactly what it leaves out.
func TestDiffLimit(t *testing.T) {
	r := miniReport(t)
	full := string(Diff(r, Options{SourceURL: "https://github.com/o/r/blob/HEAD/"}))
	if strings.Contains(full, "more not shown") {
		t.Fatalf("the full comment is cut:\n%s", full)
	}
	// An item is one line: a bullet, or a table row after the totals.
	items := regexp.MustCompile("(?m)^(- |  - |\\| (error|warning|moved|added|removed) \\||\\| `).*\n")
	all := items.FindAllString(full, -1)
	head := full[:strings.Index(full, "#### ")]
	cut := 0
	for limit := len(full) + reserve; limit >= len(head)+reserve; limit -= 97 {
		got := string(Diff(r, Options{SourceURL: "https://github.com/o/r/blob/HEAD/", Limit: limit}))
		if len(got) > limit || !utf8.ValidString(got) {
			t.Fatalf("limit %d: %d bytes, valid UTF-8 %v", limit, len(got), utf8.ValidString(got))
		}
		if !strings.HasPrefix(got, head) {
			t.Fatalf("limit %d: the totals and the diagram are not all there:\n%s", limit, got)
		}
		shown := items.FindAllString(got, -1)
		for i, it := range shown {
			if it != all[i] {
				t.Fatalf("limit %d: item %d is %q, want %q (the items shown must be the first ones)", limit, i, it, all[i])
			}
		}
		left := 0
		if m := regexp.MustCompile(`_… and (\d+) more not shown`).FindStringSubmatch(got); m != nil {
			left, _ = strconv.Atoi(m[1])
			cut++
		}
		if len(shown)+left != len(all) {
			t.Errorf("limit %d: %d items shown, %d said to be left out, want %d in all", limit, len(shown), left, len(all))
		}
	}
	if cut == 0 {
		t.Error("no limit cut the comment")
	}
}

// TestDiffStable: the same report gives the same bytes.
func TestDiffStable(t *testing.T) {
	r := miniReport(t)
	a, b := Diff(r, Options{}), Diff(r, Options{})
	if string(a) != string(b) {
		t.Error("two renders of one report differ")
	}
	if !strings.HasPrefix(string(a), DiffMarker+"\n") {
		t.Error("the comment does not start with its marker")
	}
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":        `a \| b`,
		"<script>":     "&lt;script&gt;",
		"two\nlines":   "two lines",
		`back\slash |`: `back\\slash \|`,
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}
