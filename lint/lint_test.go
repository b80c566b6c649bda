package lint

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

const demo = "testdata/demo"

var (
	modelsMu sync.Mutex
	models   = map[string]*model.Model{}
)

// demoModel analyses the demo module once per call graph algorithm.
func demoModel(t *testing.T, algo string) *model.Model {
	t.Helper()
	modelsMu.Lock()
	defer modelsMu.Unlock()
	if m, ok := models[algo]; ok {
		return m
	}
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: demo, CallGraph: algo})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Diagnostics) > 0 {
		t.Fatalf("the demo does not load cleanly: %+v", m.Diagnostics)
	}
	models[algo] = m
	return m
}

func demoConfig(t *testing.T, extra string) *config.Config {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(demo, "splitter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(filepath.Join(demo, "splitter.yaml"), append(data, extra...))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func summary(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "%s %s %s:%d:%d %s -> %s\n", v.Severity, v.Rule, v.File, v.Line, v.Column, v.From, v.To)
	}
	return b.String()
}

// TestDemoRules checks every rule on the demo module, whose README lists
// what each one must report.
func TestDemoRules(t *testing.T) {
	m := demoModel(t, analyzer.DefaultCallGraph)
	res, err := Run(m, demoConfig(t, ""), Options{Root: demo})
	if err != nil {
		t.Fatal(err)
	}
	want := `error SPL001 orders/orders.go:18:10 example.com/demo/orders.Service -> example.com/demo/payments.Ledger
error SPL002 orders/orders.go:32:8 example.com/demo/orders.Service.Place -> example.com/demo/shipping.Rate
error SPL003 orders/orders.go:18:10 orders -> payments
error SPL003 orders/orders.go:32:8 orders -> shipping
error SPL003 shipping/shipping.go:4:8 shipping -> payments
error SPL003 store/store.go:30:49 payments -> orders
error SPL006 orders/orders.go:30:2 example.com/demo/orders.Service.Place -> example.com/demo/payments.Refund
error SPL006 shipping/shipping.go:14:2 example.com/demo/shipping.Ship -> example.com/demo/payments/gateway.Ping
error SPL007 orders/orders.go:31:7 example.com/demo/orders.Service.Place -> example.com/demo/shipping.Quote
error SPL007 shipping/shipping.go:14:2 example.com/demo/shipping.Ship -> example.com/demo/payments/gateway.Ping
warning SPL004 store/store.go:36:6 example.com/demo/store.Vacuum -> 
warning SPL004 tools/tools.go:5:6 example.com/demo/tools -> 
warning SPL005 store/store.go:30:17 payments -> table:orders
`
	if got := summary(res.Violations); got != want {
		t.Errorf("violations:\n%s\nwant:\n%s", got, want)
	}
	// All also holds the import-level findings that the calls cover
	// (shipping imports payments/gateway), shown only without the call graph.
	if res.Errors != 10 || res.Warnings != 3 || len(res.All) != 15 || len(res.Notes) != 0 {
		t.Errorf("errors %d warnings %d all %d notes %v", res.Errors, res.Warnings, len(res.All), res.Notes)
	}
	for _, v := range res.Violations {
		if v.Fingerprint != v.Key().Fingerprint() || v.Name == "" || v.Message == "" {
			t.Errorf("incomplete violation %+v", v)
		}
	}
}

// TestImportLevel runs the rules on a model without call graph: the calls
// are invisible, so the import of a non-API package is what is reported.
func TestImportLevel(t *testing.T) {
	m := demoModel(t, analyzer.CallGraphNone)
	res, err := Run(m, demoConfig(t, ""), Options{Root: demo})
	if err != nil {
		t.Fatal(err)
	}
	want := `error SPL001 orders/orders.go:18:10 example.com/demo/orders.Service -> example.com/demo/payments.Ledger
error SPL001 shipping/shipping.go:4:8 example.com/demo/shipping -> example.com/demo/payments/gateway
error SPL002 orders/orders.go:32:8 example.com/demo/orders.Service.Place -> example.com/demo/shipping.Rate
error SPL002 shipping/shipping.go:4:8 example.com/demo/shipping -> example.com/demo/payments/gateway
error SPL003 orders/orders.go:18:10 orders -> payments
error SPL003 orders/orders.go:32:8 orders -> shipping
error SPL003 shipping/shipping.go:4:8 shipping -> payments
error SPL003 store/store.go:30:49 payments -> orders
warning SPL004 store/store.go:36:6 example.com/demo/store.Vacuum -> 
warning SPL004 tools/tools.go:5:6 example.com/demo/tools -> 
warning SPL005 store/store.go:30:17 payments -> table:orders
`
	if got := summary(res.Violations); got != want {
		t.Errorf("violations:\n%s\nwant:\n%s", got, want)
	}
	if strings.Join(res.Skipped, ",") != "SPL006,SPL007" {
		t.Errorf("skipped %v", res.Skipped)
	}
}

func TestSeveritiesAndNeedsCallGraph(t *testing.T) {
	cfg := demoConfig(t, "rules:\n  SPL006: off\n  undeclared-call: off\n  SPL004: error\n  SPL001: warning\n")
	need, err := NeedsCallGraph(cfg)
	if err != nil || need {
		t.Fatalf("need %v, err %v: both call rules are off", need, err)
	}
	res, err := Run(demoModel(t, analyzer.CallGraphNone), cfg, Options{Root: demo})
	if err != nil {
		t.Fatal(err)
	}
	sev := map[string]Severity{}
	for _, v := range res.Violations {
		sev[v.Rule] = v.Severity
	}
	if sev[Unattached] != Error || sev[NonAPIUse] != Warning || len(res.Skipped) != 0 {
		t.Errorf("severities %v, skipped %v", sev, res.Skipped)
	}
	if need, _ := NeedsCallGraph(demoConfig(t, "")); !need {
		t.Error("the default rules include call-level ones")
	}
	for src, want := range map[string]string{
		"rules:\n  SPL042: off\n":  "splitter.yaml:30:3: unknown rule \"SPL042\"",
		"rules:\n  SPL150: off\n":  "reserved for the serverless readiness rules",
		"rules:\n  no-such: off\n": "unknown rule \"no-such\"",
	} {
		_, err := Severities(demoConfig(t, src))
		var ce *config.Error
		if err == nil || !errors.As(err, &ce) || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want a *config.Error containing %q", src, err, want)
		}
	}
}

// TestReadinessGating: the readiness rules are known (rules: may set them)
// but enabled, and make lint build the call graph, only when functions are
// declared; rules: off turns them off in lint and in suggest.
func TestReadinessGating(t *testing.T) {
	callsOff := "rules:\n  SPL006: off\n  SPL007: off\n  SPL103: off\n  cold-start: warning\n"
	cfg := demoConfig(t, callsOff)
	if need, err := NeedsCallGraph(cfg); err != nil || need {
		t.Fatalf("no functions declared: need %v, err %v", need, err)
	}
	res, err := Run(demoModel(t, analyzer.CallGraphNone), cfg, Options{Root: demo})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Rules {
		if strings.HasPrefix(r.ID, "SPL1") {
			t.Errorf("readiness rule %s enabled without functions", r.ID)
		}
	}
	if len(res.Skipped) != 0 {
		t.Errorf("skipped %v", res.Skipped)
	}
	withFn := demoConfig(t, callsOff+"functions:\n  f:\n    entrypoints: [\"http:GET /x\"]\n")
	if need, err := NeedsCallGraph(withFn); err != nil || !need {
		t.Fatalf("functions declared: need %v, err %v", need, err)
	}
	res, err = Run(demoModel(t, analyzer.CallGraphNone), withFn, Options{Root: demo})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(res.Skipped, ","), "SPL101") || strings.Contains(strings.Join(res.Skipped, ","), "SPL103") {
		t.Errorf("without a call graph the enabled readiness rules are skipped: %v", res.Skipped)
	}
	sup := Suppressions(withFn)
	if len(sup) != 1 || sup[0].Rule != "SPL103" || sup[0].Reason == "" {
		t.Errorf("suppressions %+v", sup)
	}
	for _, r := range Rules() {
		if r.ID == "SPL101" && (r.Name != "global-state" || r.Default != Error || r.Level != LevelCall || r.Help == "" || r.Short == "") {
			t.Errorf("SPL101 metadata %+v", r)
		}
	}
}

// TestCheckSeverity: a check's violation keeps its own severity unless
// rules: sets the rule's.
func TestCheckSeverity(t *testing.T) {
	saved := extra
	defer func() { extra = saved }()
	Register(Check{Rules: []Rule{{ID: "SPL198", Name: "sev-test", Default: Error, Level: LevelModel}},
		Enabled: func(cfg *config.Config) bool { return len(cfg.Functions) > 0 },
		Run: func(in *Input) []Violation {
			return []Violation{{Rule: "SPL198", Severity: Warning, From: "a", To: "b", Message: "m",
				Chain: []ChainStep{{Unit: "a", File: "orders/orders.go", Line: 3}, {Unit: "b", File: "orders/orders.go", Line: 9}}}}
		}})
	fn := "functions:\n  f:\n    entrypoints: [\"http:GET /x\"]\n"
	for src, want := range map[string]Severity{fn: Warning, fn + "rules:\n  SPL198: error\n": Error, "": ""} {
		res, err := Run(demoModel(t, analyzer.CallGraphNone), demoConfig(t, src), Options{Root: demo})
		if err != nil {
			t.Fatal(err)
		}
		got := Severity("")
		for _, v := range res.Violations {
			if v.Rule == "SPL198" {
				got = v.Severity
			}
		}
		if got != want {
			t.Errorf("%q: severity %q, want %q", src, got, want)
		}
		if want == "" {
			continue
		}
		var buf bytes.Buffer
		Write(&buf, "sarif", res, WriteOptions{})
		if !strings.Contains(buf.String(), `"codeFlows"`) {
			t.Errorf("no codeFlows in the SARIF")
		}
		validateSARIF(t, buf.Bytes())
	}
}

func validateSARIF(t *testing.T, data []byte) {
	t.Helper()
	schema, err := jsonschema.NewCompiler().Compile("testdata/sarif-schema-2.1.0.json")
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

func TestConflictingClaims(t *testing.T) {
	m := demoModel(t, analyzer.CallGraphNone)
	cfg, err := config.Parse("splitter.yaml", []byte("services:\n  a:\n    packages: [orders/...]\n  b:\n    packages: [\"ord*\"]\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Run(m, cfg, Options{Root: demo})
	if err == nil || !strings.Contains(err.Error(), "splitter.yaml:5:16: package example.com/demo/orders is claimed by service a (\"orders/...\", line 3) and by service b (\"ord*\")") {
		t.Fatalf("error %v", err)
	}
	// A units: entry wins over a package glob of another service.
	cfg, err = config.Parse("splitter.yaml", []byte("services:\n  a:\n    packages: [orders]\n  b:\n    units: [orders.Lookup]\nshared: [orders/...]\n"))
	if err == nil {
		_, err = Run(m, cfg, Options{Root: demo})
	}
	if err == nil || !strings.Contains(err.Error(), "claimed by service a") {
		t.Fatalf("a package glob of a service and of shared must conflict: %v", err)
	}
	cfg, err = config.Parse("splitter.yaml", []byte("services:\n  a:\n    packages: [orders]\n  b:\n    units: [orders.Lookup]\n"))
	if err != nil {
		t.Fatal(err)
	}
	b := NewBoundaries(cfg, []string{"example.com/demo"})
	if o, err := b.Owner(UnitRef{ID: "example.com/demo/orders.Lookup", Package: "example.com/demo/orders"}); o != "b" || err != nil {
		t.Errorf("owner of orders.Lookup: %q %v, want b", o, err)
	}
	if o, _ := b.Owner(UnitRef{ID: "example.com/demo/orders.Order", Package: "example.com/demo/orders"}); o != "a" {
		t.Errorf("owner of orders.Order: %q, want a", o)
	}
}

func TestUnusedEntriesAreNotes(t *testing.T) {
	cfg := demoConfig(t, "functions:\n  f:\n    entrypoints: [\"http:GET /nope\"]\n")
	cfg.Services["orders"].API = append(cfg.Services["orders"].API, "orders.Gone")
	res, err := Run(demoModel(t, analyzer.CallGraphNone), cfg, Options{Root: demo})
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(res.Notes, "\n")
	if !strings.Contains(notes, `"orders.Gone" matches no package or unit`) || !strings.Contains(notes, `splitter.yaml:31:19: warning: function f: no entry point "http:GET /nope"`) {
		t.Errorf("notes:\n%s", notes)
	}
}

func TestBaseline(t *testing.T) {
	m := demoModel(t, analyzer.DefaultCallGraph)
	cfg := demoConfig(t, "")
	full, err := Run(m, cfg, Options{Root: demo})
	if err != nil {
		t.Fatal(err)
	}
	gone := Entry{Key: Key{Rule: NonAPIUse, From: "example.com/demo/orders.Service", To: "example.com/demo/payments.Gone"}}
	var keys []Entry
	for _, v := range full.Violations[:4] {
		keys = append(keys, Entry{Key: v.Key()})
	}
	keys = append(keys, gone, keys[0])
	b := NewBaseline(keys)
	if len(b.Violations) != 5 || b.Violations[0].less(b.Violations[1].Key) == false {
		t.Fatalf("baseline not sorted and deduplicated: %+v", b.Violations)
	}
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	b2, err := ReadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(m, cfg, Options{Root: demo, Baseline: b2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Ignored != 4 || len(res.Stale) != 1 || res.Stale[0] != gone || len(res.Violations) != len(full.Violations)-4 || len(res.All) != len(full.All) {
		t.Errorf("ignored %d, stale %v, reported %d of %d", res.Ignored, res.Stale, len(res.Violations), len(full.Violations))
	}
	if _, err := ReadBaseline(filepath.Join(t.TempDir(), "missing.json")); !errors.Is(err, ErrNoBaseline) {
		t.Errorf("missing file: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"schema": "other", "violations": []}`), 0o644)
	if _, err := ReadBaseline(bad); err == nil || !strings.Contains(err.Error(), "--update-baseline") {
		t.Errorf("wrong schema: %v", err)
	}
}

func TestChangedFiles(t *testing.T) {
	res, err := Run(demoModel(t, analyzer.DefaultCallGraph), demoConfig(t, ""), Options{Root: demo, Changed: map[string]bool{"shipping/shipping.go": true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range res.Violations {
		if v.File != "shipping/shipping.go" {
			t.Errorf("reported outside the changed files: %+v", v)
		}
	}
	if len(res.Violations) != 3 || res.Unchanged != 10 {
		t.Errorf("%d reported, %d unchanged", len(res.Violations), res.Unchanged)
	}
}

// TestScaffold checks that a config written from the model passes lint but
// for what no declaration fixes, and reads back.
func TestScaffold(t *testing.T) {
	m := demoModel(t, analyzer.DefaultCallGraph)
	sc, err := NewScaffold(m)
	if err != nil {
		t.Fatal(err)
	}
	if sc.FromServices {
		t.Error("the demo model has no services: the scaffold is by directory")
	}
	if got := strings.Join(sc.Config.ServiceNames(), ","); got != "orders,payments,shipping,store,tools" {
		t.Errorf("services %s", got)
	}
	for _, v := range sc.Remaining.Violations {
		switch v.Rule {
		case NonAPIUse, NonAPICall, UndeclaredDependency, UndeclaredCall:
			t.Errorf("the scaffold should declare what the code uses: %s", v.Message)
		}
	}
	data := config.Format(sc.Config, nil)
	back, err := config.Parse("splitter.yaml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	res, err := Run(m, back, Options{Root: demo})
	if err != nil || res.Errors != sc.Remaining.Errors {
		t.Fatalf("the written scaffold lints differently: %v, %d errors vs %d", err, res.Errors, sc.Remaining.Errors)
	}

	// From proposed services: packages wholly theirs, units of split ones,
	// T and T.* for a type that keeps all its methods.
	m2 := *m
	m2.Services = []model.Service{
		{Name: "orders", Packages: []string{"example.com/demo/orders"},
			Units: []string{"example.com/demo/orders.Lookup", "example.com/demo/orders.Order", "example.com/demo/orders.Service", "example.com/demo/orders.Service.Place",
				"example.com/demo/store.OrderRow", "example.com/demo/store.Store", "example.com/demo/store.Store.MarkPaid", "example.com/demo/store.Store.SaveOrder"}},
		{Name: model.SharedService, Packages: []string{"example.com/demo/platform/log"}, Units: []string{"example.com/demo/platform/log.Printf"}},
	}
	sc, err = NewScaffold(&m2)
	if err != nil {
		t.Fatal(err)
	}
	o := sc.Config.Services["orders"]
	if fmt.Sprint(o.Packages, o.Units) != "[orders] [store.OrderRow store.Store store.Store.*]" || fmt.Sprint(sc.Config.Shared) != "[platform/log]" {
		t.Errorf("orders %v %v, shared %v", o.Packages, o.Units, sc.Config.Shared)
	}
}

// TestSARIFValidates checks the SARIF output against the SARIF 2.1.0 JSON
// schema (testdata/sarif-schema-2.1.0.json, from OASIS).
func TestSARIFValidates(t *testing.T) {
	res, err := Run(demoModel(t, analyzer.DefaultCallGraph), demoConfig(t, ""), Options{Root: demo,
		Baseline: NewBaseline([]Entry{{Key: Key{Rule: NonAPIUse, From: "gone"}}})})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", res, WriteOptions{PathPrefix: "svc/", ToolVersion: "v1.2.3"}); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	schema, err := c.Compile("testdata/sarif-schema-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("the SARIF output does not validate:\n%v", err)
	}
	// The validator does reject what is not SARIF.
	broken, _ := jsonschema.UnmarshalJSON(strings.NewReader(strings.Replace(buf.String(), `"level": "error"`, `"level": "fatal"`, 1)))
	if schema.Validate(broken) == nil {
		t.Fatal("a result with level fatal validates: the schema check is not working")
	}
	// And what GitHub code scanning needs.
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID   string
						Help struct{ Text, Markdown string }
					}
				}
			}
			Results []struct {
				RuleID              string
				RuleIndex           int
				PartialFingerprints map[string]string
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if len(run.Tool.Driver.Rules) != 7 || len(run.Results) != 13 {
		t.Fatalf("%d rules, %d results", len(run.Tool.Driver.Rules), len(run.Results))
	}
	for _, r := range run.Results {
		rule := run.Tool.Driver.Rules[r.RuleIndex]
		if rule.ID != r.RuleID || rule.Help.Text == "" || r.PartialFingerprints[FingerprintKey] == "" {
			t.Errorf("result %+v: rule %+v", r, rule)
		}
		if uri := r.Locations[0].PhysicalLocation.ArtifactLocation.URI; !strings.HasPrefix(uri, "svc/") || r.Locations[0].PhysicalLocation.Region.StartLine == 0 {
			t.Errorf("location %+v", r.Locations[0])
		}
	}
}

func TestTextJSONGitHub(t *testing.T) {
	res := &Result{Module: "m", Errors: 1, Warnings: 1, Ignored: 2,
		Rules: []Rule{{ID: "SPL001", Name: "non-api-use", Default: Error}, {ID: "SPL004", Name: "unattached", Default: Warning}},
		Violations: []Violation{
			{Rule: "SPL001", Name: "non-api-use", Severity: Error, File: "a/b,c.go", Line: 3, Column: 4, Message: "100% wrong\nreally", From: "x", To: "y"},
			{Rule: "SPL004", Name: "unattached", Severity: Warning, File: "t.go", Line: 1, Column: 6, Message: "loose", From: "t"},
		},
		Stale: []Entry{{Key: Key{Rule: "SPL002", From: "p", To: "q"}}}}
	var buf bytes.Buffer
	Write(&buf, "github", res, WriteOptions{PathPrefix: "sub/", Baseline: true, StrictBaseline: true})
	want := "::error file=sub/a/b%2Cc.go,line=3,col=4,title=SPL001 non-api-use::100%25 wrong%0Areally\n" +
		"::warning file=sub/t.go,line=1,col=6,title=SPL004 unattached::loose\n" +
		"::error title=splitter lint::1 error, 1 warning; 2 known violations ignored (baseline); 1 stale baseline entry (its violation is gone: drop it with --update-baseline)\n"
	if buf.String() != want {
		t.Errorf("github:\n%s\nwant:\n%s", buf.String(), want)
	}
	buf.Reset()
	Write(&buf, "text", res, WriteOptions{Color: true})
	if s := buf.String(); !strings.Contains(s, "\033[1ma/b,c.go:3:4\033[0m: \033[31mSPL001\033[0m: 100% wrong") || !strings.Contains(s, "Stale baseline entries") {
		t.Errorf("text:\n%s", s)
	}
	buf.Reset()
	Write(&buf, "json", res, WriteOptions{})
	var out struct {
		Schema     string
		Violations []Violation
		Summary    map[string]int
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil || out.Schema != LintSchema || len(out.Violations) != 2 || out.Summary["stale"] != 1 {
		t.Errorf("json: %v %s", err, buf.String())
	}
	if err := Write(&buf, "xml", res, WriteOptions{}); err == nil {
		t.Error("unknown format")
	}
}

func TestRegisterReadinessCheck(t *testing.T) {
	registryMu.Lock()
	saved := append([]Check(nil), extra...)
	registryMu.Unlock()
	defer func() {
		registryMu.Lock()
		extra = saved
		registryMu.Unlock()
	}()
	Register(Check{Rules: []Rule{{ID: "SPL199", Name: "test-rule", Default: Warning, Level: LevelCall}},
		Run: func(in *Input) []Violation {
			return []Violation{{Rule: "SPL199", From: "example.com/demo/tools.Helper", File: "tools/tools.go", Line: 5,
				Message: "owner " + in.Owner("example.com/demo/orders.Lookup")}}
		}})
	// A panic in the check or in Run is a failure of this test, not the
	// panic Register is expected to raise below.
	res, err := Run(demoModel(t, analyzer.DefaultCallGraph), demoConfig(t, ""), Options{Root: demo})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, v := range res.Violations {
		if v.Rule == "SPL199" && v.Severity == Warning && v.Message == "owner orders" {
			found = true
		}
	}
	if !found {
		t.Errorf("the registered check did not run:\n%s", summary(res.Violations))
	}
	for _, id := range []string{"SPL001", "SPL199", "SPL200", "SPL10"} {
		if msg := panicOf(func() { Register(Check{Rules: []Rule{{ID: id}}}) }); !strings.Contains(msg, "not a free id in SPL100-SPL199") {
			t.Errorf("Register(%s): panic %q, want one about the id range", id, msg)
		}
	}
}

// panicOf runs f and returns what it panicked with ("" if it did not).
func panicOf(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
