package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The defects of issue 15 (trust under bad input), one test each.

// TestLintBaselineSurvivesCallGraphNone: the baseline init writes (with the
// call graph) keeps `lint --callgraph none` green: no new cycle, nothing
// stale; what the shallower run cannot see is not checked.
func TestLintBaselineSurvivesCallGraphNone(t *testing.T) {
	work := copyTree(t, example("layered"))
	if code, out := runWork(t, work, "init", "-C", work); code != 0 {
		t.Fatalf("init:\n%s", out)
	}
	// --strict-baseline: entries it cannot check do not fail the run.
	code, out := runWork(t, work, "lint", "-C", work, "--callgraph", "none", "--strict-baseline")
	if code != 0 || !strings.Contains(out, "no violations;") || !strings.Contains(out, "0 stale baseline entries") || !strings.Contains(out, "baseline entries not checked") {
		t.Errorf("lint --callgraph none on init's baseline: want exit 0, no violations, nothing stale:\n%s", out)
	}
}

// TestConfigSameForEveryCommand: a config one command rejects, every
// command rejects, with the same message and exit code 2.
func TestConfigSameForEveryCommand(t *testing.T) {
	for _, c := range []struct{ name, cfg, want string }{
		{"unknown rule", "rules:\n  SPL999: error\n", `splitter.yaml:2:3: unknown rule "SPL999"`},
		{"bad severity", "rules:\n  SPL001: fatal\n", `rules.SPL001: severity "fatal"`},
		{"bad yaml", "services: [\n", "splitter.yaml:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			work := copyTree(t, example("modular"))
			if err := os.WriteFile(filepath.Join(work, "splitter.yaml"), []byte(c.cfg), 0o644); err != nil {
				t.Fatal(err)
			}
			first := ""
			for _, args := range [][]string{
				{"analyze", "--no-report"}, {"suggest", "functions"}, {"lint"}, {"init", "-o", "-"},
				{"graph", "packages"}, {"score", "--truth", filepath.Join(work, "truth.json")},
			} {
				code, out := runWork(t, work, append([]string{args[0], "-C", work}, args[1:]...)...)
				_, stderr, _ := strings.Cut(out, "-- stderr --\n")
				if code != ExitUsage || !strings.Contains(stderr, c.want) {
					t.Errorf("splitter %s: want exit 2 and %q:\n%s", strings.Join(args, " "), c.want, out)
				}
				if first == "" {
					first = stderr
				} else if stderr != first {
					t.Errorf("splitter %s says\n%s\nbut analyze says\n%s", strings.Join(args, " "), stderr, first)
				}
			}
		})
	}
}

// TestLintBaselineFlagEmpty: --baseline "" is no baseline, even when the
// config names one.
func TestLintBaselineFlagEmpty(t *testing.T) {
	work := copyTree(t, lintDemo)
	appendConfig("baseline: debt.json\n")(t, work)
	if code, out := runWork(t, work, "lint", "-C", work, "--update-baseline"); code != 0 {
		t.Fatalf("recording the debt:\n%s", out)
	}
	if code, out := runWork(t, work, "lint", "-C", work); code != 0 || !strings.Contains(out, "known violations ignored (baseline)") {
		t.Fatalf("with the config's baseline: want exit 0:\n%s", out)
	}
	code, out := runWork(t, work, "lint", "-C", work, "--baseline", "")
	if code != ExitFindings || strings.Contains(out, "(baseline)") || !strings.Contains(out, "SPL001") {
		t.Errorf(`--baseline "": want the violations reported without the baseline:\n%s`, out)
	}
}

// TestLintBlankIdentifierPosition: a new file holding only an import and
// `var _ = x.F` is where the violation is reported, not the package's
// first file.
func TestLintBlankIdentifierPosition(t *testing.T) {
	work := copyTree(t, lintDemo)
	src := "package payments\n\nimport \"example.com/demo/shipping\"\n\nvar _ = shipping.Quote\n"
	if err := os.WriteFile(filepath.Join(work, "payments", "check.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_, out := runWork(t, work, "lint", "-C", work, "--callgraph", "none")
	for _, want := range []string{
		"payments/check.go:3:8: SPL002: package payments (payments) imports shipping of service shipping",
		"payments/check.go:3:8: SPL003: services orders, payments and shipping depend on each other: payments → shipping",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("want %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, "payments/payments.go:1:1") {
		t.Errorf("a violation at the package's first file:\n%s", out)
	}
}

// TestPatternMatchesNothing: a package pattern that matches no package is a
// usage error naming it and showing what the module's packages look like.
func TestPatternMatchesNothing(t *testing.T) {
	dir := example("modular")
	for _, args := range [][]string{
		{"analyze", "--no-report", "./internal/nope/..."},
		{"analyze", "--no-report", "./internal/billing", "example.com/nope"},
		{"graph", "packages", "./nope"},
		{"lint", "./nope/..."},
	} {
		code, out := runWork(t, dir, append([]string{args[0], "-C", dir}, args[1:]...)...)
		pat := args[len(args)-1]
		if code != ExitUsage || !strings.Contains(out, `package pattern "`+pat+`" matches no package of the module`) ||
			!strings.Contains(out, "packages look like: ./cmd/clinic, ./cmd/clinic-migrate, ./internal/billing,") || !strings.Contains(out, "as import paths, ./cmd/clinic is ") {
			t.Errorf("splitter %s: want exit 2 naming %s and the module's packages:\n%s", strings.Join(args, " "), pat, out)
		}
	}
}

// TestLintWritesOnlyWhatItIsAsked: lint --update-baseline --output writes
// the baseline and the output file, nothing else in the module, and leaves
// no temporary file behind.
func TestLintWritesOnlyWhatItIsAsked(t *testing.T) {
	work := copyTree(t, lintDemo)
	t.Setenv("GOFLAGS", "-mod=mod") // the go command may not touch go.mod either
	before := snapshot(t, work)
	code, out := runWork(t, work, "lint", "-C", work, "--baseline", filepath.Join(work, "debt.json"), "--update-baseline",
		"--output", "sarif="+filepath.Join(work, "out.sarif"))
	if code != 0 {
		t.Fatalf("lint:\n%s", out)
	}
	after := snapshot(t, work)
	var added []string
	for _, line := range strings.Split(after, "\n") {
		if !strings.Contains(before, line+"\n") {
			added = append(added, strings.Fields(line)[0])
		}
	}
	if strings.Join(added, " ") != "debt.json out.sarif" {
		t.Errorf("lint wrote %v, want debt.json and out.sarif only", added)
	}
	// The same file twice would lose one of them.
	code, out = runWork(t, work, "lint", "-C", work, "--baseline", filepath.Join(work, "debt.json"), "--output", "json="+filepath.Join(work, "debt.json"))
	if code != ExitUsage || !strings.Contains(out, "both name") {
		t.Errorf("an output over the baseline: want exit 2:\n%s", out)
	}
}
