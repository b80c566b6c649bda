package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// copyTree copies the directory src into a fresh temporary directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// runWork is run with the temporary directory work shown as $WORK.
func runWork(t *testing.T, work string, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, &out, &errOut)
	abs, _ := filepath.Abs(repoRoot)
	clean := func(s string) string {
		s = strings.ReplaceAll(s, work, "$WORK")
		return strings.ReplaceAll(s, abs, "$ROOT")
	}
	return code, fmt.Sprintf("exit %d\n-- stdout --\n%s-- stderr --\n%s", code, clean(out.String()), clean(errOut.String()))
}

const lintDemo = repoRoot + "/lint/testdata/demo"

// TestLintGolden covers every rule (the demo module breaks each once), every
// output format, and the usage errors.
func TestLintGolden(t *testing.T) {
	cases := []struct {
		name  string
		args  []string
		setup func(t *testing.T, work string)
	}{
		{name: "lint-demo.txt", args: []string{"lint"}},
		{name: "lint-demo-json.txt", args: []string{"lint", "--format", "json"}},
		{name: "lint-demo-sarif.txt", args: []string{"lint", "--format", "sarif"}},
		{name: "lint-demo-github.txt", args: []string{"lint", "--format", "github"}},
		{name: "lint-demo-imports.txt", args: []string{"lint", "--callgraph", "none"}},
		{name: "lint-demo-calls-off.txt", args: []string{"lint"}, setup: appendConfig("rules:\n  SPL006: off\n  undeclared-call: off\n  SPL004: off\n")},
		{name: "lint-demo-outputs.txt", args: []string{"lint", "--output", "sarif=$WORK/out.sarif", "--output", "github=$WORK/out.txt", "--output", "json"}},
		{name: "lint-no-config.txt", args: []string{"lint"}, setup: func(t *testing.T, work string) { os.Remove(filepath.Join(work, "splitter.yaml")) }},
		{name: "lint-bad-config.txt", args: []string{"lint"}, setup: appendConfig("  billing:\n    packages: [billing/...]\n    dependsOn: [payment]\n")},
		{name: "lint-unknown-rule.txt", args: []string{"lint"}, setup: appendConfig("rules:\n  SPL009: off\n")},
		{name: "lint-claimed-twice.txt", args: []string{"lint"}, setup: appendConfig("  more:\n    packages: [\"pay*/...\"]\n")},
		{name: "lint-bad-output.txt", args: []string{"lint", "--output", "xml=out.xml"}},
		{name: "lint-two-stdout.txt", args: []string{"lint", "--output", "json", "--output", "sarif"}},
		{name: "lint-missing-baseline.txt", args: []string{"lint", "--baseline", "$WORK/none.json"}},
		{name: "lint-list-rules.txt", args: []string{"lint", "--list-rules"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			work := copyTree(t, lintDemo)
			if c.setup != nil {
				c.setup(t, work)
			}
			args := []string{c.args[0], "-C", work}
			for _, a := range c.args[1:] {
				args = append(args, strings.ReplaceAll(a, "$WORK", work))
			}
			_, got := runWork(t, work, args...)
			if c.name == "lint-demo-outputs.txt" {
				// The files are part of the golden output: they must hold
				// exactly what --format sarif and --format github print.
				for _, f := range []string{"out.sarif", "out.txt"} {
					b, err := os.ReadFile(filepath.Join(work, f))
					if err != nil {
						t.Fatalf("--output did not write %s: %v", f, err)
					}
					if f == "out.sarif" {
						validateSARIF(t, b)
					}
					got += "-- " + f + " --\n" + string(b)
				}
			}
			golden(t, c.name, got)
		})
	}
}

func appendConfig(s string) func(t *testing.T, work string) {
	return func(t *testing.T, work string) {
		p := filepath.Join(work, "splitter.yaml")
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(s, "  ") { // more services: insert them under services:
			data = bytes.Replace(data, []byte("services:\n"), []byte("services:\n"+s), 1)
		} else {
			data = append(data, s...)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLintModular: the modular example's hand-written splitter.yaml is green.
func TestLintModular(t *testing.T) {
	golden(t, "lint-modular.txt", run(t, "lint", "-C", example("modular")))
}

// TestLintRatchet is the story of the issue on the layered example: init,
// green; a forbidden call, red with its file:line; baseline it, green; fix
// it, the baseline entry is stale (and fails with --strict-baseline).
func TestLintRatchet(t *testing.T) {
	work := copyTree(t, example("layered"))
	step := func(want int, mustContain string, args ...string) string {
		t.Helper()
		code, out := runWork(t, work, append([]string{args[0], "-C", work}, args[1:]...)...)
		if code != want || !strings.Contains(out, mustContain) {
			t.Fatalf("splitter %s: want exit %d and %q in:\n%s", strings.Join(args, " "), want, mustContain, out)
		}
		return out
	}
	step(0, "Wrote $WORK/splitter.yaml", "init")
	step(0, "no violations;", "lint")
	step(2, "splitter.yaml exists", "init")

	orders := filepath.Join(work, "handlers", "orders.go")
	clean, err := os.ReadFile(orders)
	if err != nil {
		t.Fatal(err)
	}
	// placeOrder (orders) calls PaymentService.Get, which payments does
	// not offer to other services.
	bad := bytes.Replace(clean, []byte("\tatomic.AddInt64(&ordersPlacedTotal, 1)\n"),
		[]byte("\t_, _ = h.payments.Get(r.Context(), order.ID)\n\tatomic.AddInt64(&ordersPlacedTotal, 1)\n"), 1)
	if bytes.Equal(bad, clean) {
		t.Fatal("the layered example changed: cannot plant the forbidden call")
	}
	os.WriteFile(orders, bad, 0o644)
	gh := filepath.Join(work, "annotations.txt")
	out := step(1, "handlers/orders.go:51:20: SPL006: handlers.OrderHandler.placeOrder (orders) calls services.PaymentService.Get", "lint", "--output", "text", "--output", "github="+gh)
	if strings.Count(out, ": SPL") != 1 {
		t.Errorf("only the new call must be reported:\n%s", out)
	}
	if b, _ := os.ReadFile(gh); !bytes.Contains(b, []byte("::error file=handlers/orders.go,line=51,col=20,title=SPL006 non-api-call::")) {
		t.Errorf("GitHub annotation:\n%s", b)
	}
	step(0, "(1 added, 0 removed)", "lint", "--update-baseline")

	os.WriteFile(orders, clean, 0o644)
	step(1, "1 stale baseline entry (its violation is gone", "lint", "--strict-baseline")
	step(0, "(0 added, 1 removed)", "lint", "--update-baseline")
}

// TestLintNewFromRev reports only the violations in files changed since a
// git revision.
func TestLintNewFromRev(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	work := copyTree(t, lintDemo)
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = work
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "demo")
	p := filepath.Join(work, "shipping", "shipping.go")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, append(data, "\n// touched\n"...), 0o644)
	_, out := runWork(t, work, "lint", "-C", work, "--new-from-rev", "HEAD")
	golden(t, "lint-new-from-rev.txt", out)
	_, out = runWork(t, work, "lint", "-C", work, "--new-from-rev", "no-such-rev")
	if !strings.HasPrefix(out, "exit 2") || !strings.Contains(out, "--new-from-rev no-such-rev: git diff") {
		t.Errorf("a bad revision is a usage error:\n%s", out)
	}
}

// TestInitDemo writes a config from the demo by directory and lints it.
func TestInitDemo(t *testing.T) {
	work := copyTree(t, lintDemo)
	os.Remove(filepath.Join(work, "splitter.yaml"))
	_, out := runWork(t, work, "init", "-C", work, "--no-services", "-o", "-")
	golden(t, "lint-init-demo.txt", out)
}

// TestLintRatchetTranscript records the baseline ratchet on the demo module
// as one golden transcript: debt recorded, green; a new forbidden use, red
// at its file:line; recorded, green; fixed, a stale entry, which
// --strict-baseline fails on and --update-baseline drops.
func TestLintRatchetTranscript(t *testing.T) {
	work := copyTree(t, lintDemo)
	var transcript strings.Builder
	step := func(args ...string) {
		_, out := runWork(t, work, append([]string{args[0], "-C", work}, args[1:]...)...)
		fmt.Fprintf(&transcript, "$ splitter %s\n%s\n", strings.ReplaceAll(strings.Join(args, " "), work, "$WORK"), out)
	}
	base := "--baseline=" + filepath.Join(work, "debt.json")
	step("lint", base, "--update-baseline")
	step("lint", base)

	p := filepath.Join(work, "orders", "orders.go")
	clean, _ := os.ReadFile(p)
	bad := bytes.Replace(clean, []byte("func Lookup(id string) Order { return Order{ID: id} }"),
		[]byte("func Lookup(id string) Order {\n\tvar l payments.Ledger\n\t_ = l\n\treturn Order{ID: id}\n}"), 1)
	os.WriteFile(p, bad, 0o644)
	transcript.WriteString("# orders.Lookup now uses payments.Ledger\n")
	step("lint", base)
	step("lint", base, "--update-baseline")
	step("lint", base)

	os.WriteFile(p, clean, 0o644)
	transcript.WriteString("# fixed\n")
	step("lint", base)
	step("lint", base, "--strict-baseline")
	step("lint", base, "--update-baseline")
	step("lint", base, "--strict-baseline")
	golden(t, "lint-ratchet-demo.txt", transcript.String())
}

// readinessConfig declares two functions on the layered example: one whose
// entry point reaches a planted hazard (os.Setenv in a handler, SPL109),
// one clean (GET /healthz; both link the services package, whose
// initialisers read files: SPL108 warnings).
const readinessConfig = `services:
  shop:
    packages: ["..."]
functions:
  webhook-secret:
    entrypoints: ["http:POST /v1/payments/webhook-secret"]
  healthz:
    entrypoints: ["http:GET /healthz"]
`

// TestLintReadiness: the readiness rules in lint for declared functions:
// the hazard at its file:line (exit 1), rules: off makes it green, the
// baseline ratchet, the SARIF validates; and rules: off suppresses the
// finding in splitter suggest functions.
func TestLintReadiness(t *testing.T) {
	work := copyTree(t, example("layered"))
	cfgPath := filepath.Join(work, "splitter.yaml")
	writeCfg := func(s string) {
		if err := os.WriteFile(cfgPath, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeCfg(readinessConfig)
	var transcript strings.Builder
	step := func(want int, args ...string) string {
		t.Helper()
		code, out := runWork(t, work, append([]string{args[0], "-C", work}, args[1:]...)...)
		fmt.Fprintf(&transcript, "$ splitter %s\n%s\n", strings.ReplaceAll(strings.Join(args, " "), work, "$WORK"), out)
		if code != want {
			t.Errorf("splitter %s: exit %d, want %d:\n%s", strings.Join(args, " "), code, want, out)
		}
		return out
	}
	out := step(1, "lint")
	if !strings.Contains(out, "handlers/payments.go:91:2: SPL109: handlers.PaymentHandler.rotateWebhookSecret (function webhook-secret, from http:POST /v1/payments/webhook-secret): os.Setenv") ||
		strings.Count(out, ": SPL109:") != 1 || strings.Contains(out, "function healthz, from") {
		t.Errorf("want the one SPL109 of webhook-secret, nothing for healthz alone:\n%s", out)
	}
	sarifPath := filepath.Join(work, "out.sarif")
	step(1, "lint", "--output", "sarif="+sarifPath)
	data, err := os.ReadFile(sarifPath)
	if err != nil {
		t.Fatal(err)
	}
	validateSARIF(t, data)
	for _, want := range []string{`"id": "SPL109"`, `"name": "process-wide"`, `"codeFlows"`, `"uri": "handlers/payments.go"`} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("SARIF lacks %s", want)
		}
	}

	transcript.WriteString("# rules: {SPL109: off}\n")
	writeCfg(readinessConfig + "rules:\n  SPL109: off\n")
	step(0, "lint")
	transcript.WriteString("# rules: {process-wide: warning}\n")
	writeCfg(readinessConfig + "rules:\n  process-wide: warning\n")
	step(0, "lint")

	transcript.WriteString("# the baseline ratchet\n")
	writeCfg(readinessConfig)
	base := "--baseline=" + filepath.Join(work, "debt.json")
	step(0, "lint", base, "--update-baseline")
	if b, _ := os.ReadFile(filepath.Join(work, "debt.json")); !bytes.Contains(b, []byte(`"rule": "SPL109",
      "from": "http:POST /v1/payments/webhook-secret",
      "to": "example.com/shop/handlers.PaymentHandler.rotateWebhookSecret"`)) {
		t.Errorf("baseline identity (rule, entry point, unit):\n%s", b)
	}
	step(0, "lint", base)
	p := filepath.Join(work, "handlers", "payments.go")
	src, _ := os.ReadFile(p)
	fixed := bytes.Replace(src, []byte(`os.Setenv("SHOP_WEBHOOK_SECRET", secret)`), []byte(`error(nil)`), 1)
	fixed = bytes.Replace(fixed, []byte("\t\"os\"\n"), []byte(""), 1)
	if bytes.Equal(fixed, src) {
		t.Fatal("the layered example changed: cannot fix the hazard")
	}
	os.WriteFile(p, fixed, 0o644)
	transcript.WriteString("# os.Setenv removed\n")
	step(1, "lint", base, "--strict-baseline")
	step(0, "lint", base, "--update-baseline")
	golden(t, "lint-readiness.txt", transcript.String())

	// rules: off also suppresses the finding in splitter suggest functions.
	os.WriteFile(p, src, 0o644)
	writeCfg(readinessConfig + "rules:\n  SPL109: off\n")
	_, out = runWork(t, work, "suggest", "functions", "-C", work, "--format", "json")
	if !strings.Contains(out, `"suppressed": "config: SPL109 is off in splitter.yaml (rules:)"`) {
		t.Errorf("suggest functions does not suppress SPL109:\n%.3000s", out)
	}
}

func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	schema, err := jsonschema.NewCompiler().Compile(repoRoot + "/lint/testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the SARIF output does not validate:\n%v", err)
	}
}
