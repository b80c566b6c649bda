package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// repoRoot is where the example modules live, relative to this package.
const repoRoot = "../.."

// run executes the command line in-process and renders what a user sees:
// the exit code, stdout and stderr, with the repository path replaced by $ROOT.
func run(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &out, &errOut)
	abs, _ := filepath.Abs(repoRoot)
	clean := func(s string) string { return strings.ReplaceAll(s, abs, "$ROOT") }
	return fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, clean(out.String()), clean(errOut.String()))
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run with -update to accept):\n%s", name, lineDiff(string(want), got))
	}
}

// lineDiff shows the first lines that differ, enough to see what changed.
func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, w, g)
			if shown++; shown == 8 {
				break
			}
		}
	}
	return b.String()
}

func example(name string) string { return filepath.Join(repoRoot, "testdata", name) }

func TestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"analyze-modular.json", []string{"analyze", "-C", example("modular"), "--format", "json"}},
		{"analyze-modular.txt", []string{"analyze", "-C", example("modular"), "-o", "$OUT"}},
		{"analyze-layered.json", []string{"analyze", "-C", example("layered"), "--format", "json"}},
		{"analyze-layered.txt", []string{"analyze", "-C", example("layered"), "-o", "$OUT"}},
		{"analyze-bad-format.txt", []string{"analyze", "-C", example("modular"), "--format", "xml"}},
		{"analyze-bad-callgraph.txt", []string{"analyze", "-C", example("modular"), "--callgraph", "pointer"}},
		{"analyze-no-dir.txt", []string{"analyze", "-C", example("no-such-dir")}},
		{"unknown-command.txt", []string{"analyse"}},
		{"score-layered.txt", []string{"score", "-C", example("layered"), "--truth", filepath.Join(example("layered"), "truth.json")}},
		{"score-modular.txt", []string{"score", "-C", example("modular"), "--truth", filepath.Join(example("modular"), "truth.json")}},
		{"analyze-layered-4.txt", []string{"analyze", "-C", example("layered"), "--services", "4", "-o", "$OUT"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// The report goes to a temporary directory, shown as $OUT.
			out := t.TempDir()
			args := append([]string(nil), c.args...)
			for i, a := range args {
				if a == "$OUT" {
					args[i] = out
				}
			}
			golden(t, c.name, strings.ReplaceAll(run(t, args...), out, "$OUT"))
		})
	}
}

func TestAnalyzeIsDeterministic(t *testing.T) {
	a := run(t, "analyze", "-C", example("modular"), "--format", "json")
	b := run(t, "analyze", "-C", example("modular"), "--format", "json")
	if a != b {
		t.Fatal("two runs print different JSON")
	}
}

func TestNotAModuleExitsWithUsageError(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GOWORK", "off")
	var out, errOut bytes.Buffer
	code := Main([]string{"analyze", "-C", dir}, &out, &errOut)
	if code != ExitUsage || !strings.Contains(errOut.String(), "no go.mod") {
		t.Fatalf("exit %d, stderr %q: want exit 2 and a message about go.mod", code, errOut.String())
	}
}

func TestAnalyzeWritesReport(t *testing.T) {
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "-C", example("modular"), "-o", dir, "--source-url", "https://example.com/blob/main/"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "analysis.json"))
	if err != nil || !bytes.Contains(b, []byte(`"schema": "splitter/v1"`)) {
		t.Fatalf("analysis.json: %v %.80s", err, b)
	}
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil || !bytes.Contains(page, []byte(`href="https://example.com/blob/main/`)) {
		t.Fatalf("index.html: %v, or no source links", err)
	}
	for _, f := range []string{"services.svg", "packages.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if want := "Report written to " + filepath.Join(dir, "index.html") + "\n"; !strings.HasSuffix(out.String(), want) {
		t.Errorf("stdout does not end with %q", want)
	}

	// splitter report re-renders the same page from the saved model.
	again := t.TempDir()
	out.Reset()
	if code := Main([]string{"report", filepath.Join(dir, "analysis.json"), "-o", again, "--source-url", "https://example.com/blob/main/"}, &out, &errOut); code != 0 {
		t.Fatalf("report: exit %d: %s", code, errOut.String())
	}
	page2, _ := os.ReadFile(filepath.Join(again, "index.html"))
	if !bytes.Equal(page, page2) {
		t.Error("splitter report renders another page than analyze from the same model")
	}
	if !strings.Contains(out.String(), filepath.Join(again, "index.html")) {
		t.Errorf("report prints %q, not the path of index.html", out.String())
	}
}

func TestReportDefaultDir(t *testing.T) {
	modular, _ := filepath.Abs(example("modular"))
	cwd := t.TempDir()
	t.Chdir(cwd)
	var out, errOut bytes.Buffer
	// --format json without -o prints the model and writes no report.
	if code := Main([]string{"analyze", "-C", modular, "--format", "json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(cwd, DefaultReportDir)); err == nil {
		t.Fatal("--format json wrote a report without -o")
	}
	// --no-report writes nothing either.
	if code := Main([]string{"analyze", "-C", modular, "--no-report"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(cwd, DefaultReportDir)); err == nil {
		t.Fatal("--no-report wrote a report")
	}
	// The text summary writes splitter-report/ in the current directory.
	out.Reset()
	if code := Main([]string{"analyze", "-C", modular}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if _, err := os.Stat(filepath.Join(cwd, DefaultReportDir, "index.html")); err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(out.String(), "Report written to "+filepath.Join(DefaultReportDir, "index.html")+"\n") {
		t.Errorf("stdout does not end with the report's path")
	}
}

func TestReportBadInput(t *testing.T) {
	dir := writeFiles(t, map[string]string{"x.json": "{not json"})
	var out, errOut bytes.Buffer
	if code := Main([]string{"report", filepath.Join(dir, "x.json"), "-o", t.TempDir()}, &out, &errOut); code != ExitUsage {
		t.Fatalf("exit %d, want %d: %s", code, ExitUsage, errOut.String())
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDeclaredEntryPointsFromConfig(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"go.mod":         "module example.com/decl\n\ngo 1.26\n",
		"jobs/jobs.go":   "package jobs\n\nfunc Nightly() { helper() }\n\nfunc helper() {}\n",
		"splitter.yaml":  "entrypoints:\n  - function: example.com/decl/jobs.Nightly\n    name: nightly-report\n  - function: example.com/decl/jobs.Missing\n",
		"sub/.gitignore": "",
	})
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "-C", dir, "--format", "json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	s := out.String()
	if !strings.Contains(s, `"id": "declared:nightly-report"`) {
		t.Errorf("declared entry point missing:\n%s", s)
	}
	if !strings.Contains(s, "example.com/decl/jobs.Missing") || !strings.Contains(s, "no such function") {
		t.Errorf("an unknown declared function must be a diagnostic")
	}
}

func TestBadConfigIsUsageErrorWithPosition(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"go.mod":        "module example.com/bad\n\ngo 1.26\n",
		"a/a.go":        "package a\n",
		"splitter.yaml": "entrypoints:\n  - function: example.com/bad/a.F\n    nmae: typo\n",
	})
	var out, errOut bytes.Buffer
	code := Main([]string{"analyze", "-C", dir}, &out, &errOut)
	if code != ExitUsage || !strings.Contains(errOut.String(), "splitter.yaml:3:5: unknown field \"nmae\"") {
		t.Fatalf("exit %d, stderr %q: want exit 2 naming the unknown key at 3:5", code, errOut.String())
	}
	// The message once, then the lines around it: the YAML library's own
	// format repeated it as "[3:5] unknown field".
	if n := strings.Count(errOut.String(), "unknown field"); n != 1 || !strings.Contains(errOut.String(), ">  3 |     nmae: typo") {
		t.Errorf("the error is printed %d times, or without its line:\n%s", n, errOut.String())
	}
}

func TestWeightFlag(t *testing.T) {
	w, err := parseWeights([]string{"table=5", "USECASE = 0"})
	if err != nil || w.Table != 5 || w.UseCase != 0 || w.Call != 1 {
		t.Fatalf("parseWeights: %+v %v", w, err)
	}
	for _, bad := range []string{"table", "colour=1", "call=-1", "call=x"} {
		if _, err := parseWeights([]string{bad}); err == nil {
			t.Errorf("--weight %s accepted", bad)
		}
	}
}

func TestConfigSeedsPinServices(t *testing.T) {
	dir := t.TempDir()
	src := example("modular")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "splitter.yaml"))
	cfg := "services:\n  money:\n    packages: [internal/billing/...]\nshared:\n  - internal/notifications/...\n"
	if err := os.WriteFile(filepath.Join(dir, "splitter.yaml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "-C", dir, "--format", "json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var m struct {
		Units []struct{ ID, Package, Service string }
	}
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, u := range m.Units {
		switch {
		case strings.Contains(u.Package, "/internal/billing") && u.Service != "money":
			t.Errorf("%s in %q, want the declared service money", u.ID, u.Service)
		case strings.Contains(u.Package, "/internal/notifications") && u.Service != "shared":
			t.Errorf("%s in %q, want shared", u.ID, u.Service)
		}
	}
}
