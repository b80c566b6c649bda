package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/report"
)

// The text output fits $COLUMNS: every golden file of this package is the
// output at 100 columns, whatever the terminal the tests run in. lint's
// result cache is a temporary directory, never the user's.
func TestMain(m *testing.M) {
	os.Setenv("COLUMNS", "100")
	cache, err := os.MkdirTemp("", "splitter-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("SPLITTER_CACHE", cache)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// savedModel is a model in testdata/models (its README says how each was
// made); no -update rewrites them.
func savedModel(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(repoRoot, "testdata", "models", name+".json")
}

// TestSummaryWidth prints the summary of real models at several widths:
// every line fits, long cells end in "+N more", and the services come
// before the entry points. The 100-column outputs are golden.
func TestSummaryWidth(t *testing.T) {
	for _, name := range []string{"miniflux", "layered"} {
		m, err := report.ReadModel(savedModel(t, name))
		if err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{100, 80, 160} {
			var b bytes.Buffer
			writeSummary(&b, m, style{width: width}, false)
			out := b.String()
			for i, line := range strings.Split(out, "\n") {
				if n := visible(line); n > width {
					t.Errorf("%s at %d columns: line %d is %d wide: %q", name, width, i+1, n, line)
				}
			}
			if s, e := strings.Index(out, "Services ("), strings.Index(out, "Entry points ("); s < 0 || e < s {
				t.Errorf("%s: the services table must come first (services at %d, entry points at %d)", name, s, e)
			}
			if width == 100 {
				golden(t, "summary-"+name+".txt", out)
			}
		}
	}
}

// With --verbose the summary lists every entry point, not the top 10.
func TestSummaryVerbose(t *testing.T) {
	out := run(t, "analyze", "-C", example("layered"), "--no-report", "--verbose")
	golden(t, "analyze-layered-verbose.txt", out)
	m := regexp.MustCompile(`Entry points \((\d+)\)[^\n]*\n  KIND[^\n]*\n((?:  [^\n]+\n)+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no entry point table:\n%s", out)
	}
	if want, _ := strconv.Atoi(m[1]); strings.Count(m[2], "\n") != want {
		t.Errorf("%d entry points listed, want all %d", strings.Count(m[2], "\n"), want)
	}
	if strings.Contains(out, "more (reach") {
		t.Error("--verbose still leaves entry points out")
	}
}

func TestTermWidth(t *testing.T) {
	t.Setenv("COLUMNS", "57")
	if w := termWidth(&bytes.Buffer{}); w != 57 {
		t.Errorf("COLUMNS=57: width %d", w)
	}
	for _, bad := range []string{"", "wide", "-3", "0"} {
		t.Setenv("COLUMNS", bad)
		if w := termWidth(&bytes.Buffer{}); w != DefaultWidth {
			t.Errorf("COLUMNS=%q, not a terminal: width %d, want %d", bad, w, DefaultWidth)
		}
	}
}

func TestCellFit(t *testing.T) {
	l := list([]string{"reader (162)", "categories (75)", "users (40)"})
	for _, c := range []struct {
		c    cell
		w    int
		want string
	}{
		{l, 100, "reader (162), categories (75), users (40)"},
		{l, 40, "reader (162), categories (75) +1 more"},
		{l, 30, "reader (162) +2 more"},
		{l, 14, "reade… +2 more"},
		{l, 8, "3 items"},
		{list([]string{"webauthn_credentials"}), 12, "webauthn_cr…"},
		{list(nil), 5, "-"},
		{txt("internal/ui.handler.refreshFeed"), 12, "internal/ui…"},
	} {
		if got := c.c.fit(c.w); got != c.want || width(got) > c.w {
			t.Errorf("fit(%d) = %q, want %q", c.w, got, c.want)
		}
	}
	if got := cutLeft("internal/api/api.go:46", 12); got != "…/api.go:46" && got != "…i/api.go:46" {
		t.Errorf("cutLeft = %q", got)
	}
}

// A table too wide for its width shrinks the columns that may, the highest
// give first, and keeps the others whole.
func TestTableFit(t *testing.T) {
	tb := &table{cols: []column{{head: "NAME"}, {head: "TRIGGER", shrink: true, min: 10},
		{head: "WHERE", shrink: true, left: true, give: 1, min: 10}}}
	tb.add(txt("orders"), txt("POST /v1/orders/{id}/cancel"), txt("handlers/orders.go:37"))
	tb.add(txt("healthz"), txt("GET /healthz"), txt("handlers/router.go:64"))
	wide := tb.render(200)
	if !strings.Contains(wide[1], "POST /v1/orders/{id}/cancel  handlers/orders.go:37") {
		t.Errorf("at 200 columns the table is cut:\n%s", strings.Join(wide, "\n"))
	}
	lines := tb.render(50)
	for _, l := range lines {
		if width(l) > 50 {
			t.Errorf("line %q is %d wide, over 50", l, width(l))
		}
	}
	if !strings.Contains(lines[1], "POST /v1/orders/{id}/cancel") || !strings.Contains(lines[1], "…ers.go:37") {
		t.Errorf("at 50 columns the trigger must stay whole and the place keep its end:\n%s", strings.Join(lines, "\n"))
	}
}

func TestWrap(t *testing.T) {
	got := wrap("  one two three four five", 13, "    ")
	if want := "  one two\n    three\n    four five"; got != want {
		t.Errorf("wrap = %q, want %q", got, want)
	}
	if got := wrap(ansiBold+"Metrics:"+ansiReset+" a b", 12, "  "); got != ansiBold+"Metrics:"+ansiReset+" a b" {
		t.Errorf("colour codes take room: %q", got)
	}
}

// The terminal and the report say the same numbers, in the same words: they
// come from summary.Of.
func TestSameNumbers(t *testing.T) {
	m, err := report.ReadModel(savedModel(t, "miniflux"))
	if err != nil {
		t.Fatal(err)
	}
	var term bytes.Buffer
	writeSummary(&term, m, style{width: 200}, false)
	files, err := report.Files(m, report.Options{Render: func([]byte) ([]byte, error) { return []byte("<svg></svg>"), nil }})
	if err != nil {
		t.Fatal(err)
	}
	page := string(files[len(files)-1].Data)
	for _, want := range []string{"22 services and the shared kernel", "176 http, 1 init, 1 main",
		"76 functions, 1 long-running program", "14 readiness findings (11 errors, 3 warnings)", "88 packages, 1944 units, 33035 lines of code"} {
		if !strings.Contains(term.String(), want) {
			t.Errorf("the terminal summary lacks %q", want)
		}
		if !strings.Contains(page, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	var fns bytes.Buffer
	writeFunctions(&fns, m, "resource", false)
	if !strings.Contains(fns.String(), "within 22 services and the shared kernel") || !strings.Contains(fns.String(), "Readiness findings (14)") {
		t.Errorf("suggest says other numbers:\n%s", fns.String()[:200])
	}
}
