package lint

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

const depth = "testdata/depth"

func loadModel(t *testing.T, dir, algo string) *model.Model {
	t.Helper()
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir, CallGraph: algo})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Diagnostics) > 0 {
		t.Fatalf("%s does not load cleanly: %+v", dir, m.Diagnostics)
	}
	return m
}

func run(t *testing.T, m *model.Model, cfg *config.Config, root string, base *Baseline) *Result {
	t.Helper()
	res, err := Run(m, cfg, Options{Root: root, Baseline: base})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func keys(es []Entry) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.Rule + " " + e.From + " -> " + e.To)
		if e.Needs != "" {
			b.WriteString(" (needs " + string(e.Needs) + ")")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestDepthIndependentBaseline: a baseline written with the call graph
// keeps a run without it green: what it cannot see is not checked, never
// stale, and nothing new appears; --update-baseline at that depth keeps the
// entries it could not check.
func TestDepthIndependentBaseline(t *testing.T) {
	cfg, err := config.Load(filepath.Join(depth, "splitter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	deep := run(t, loadModel(t, depth, analyzer.DefaultCallGraph), cfg, depth, nil)
	want := `SPL003 mail -> notify (needs call)
SPL003 notify -> mail (needs call)
SPL006 example.com/depth/notify.Broadcast -> example.com/depth/mail.Mailer.Send (needs call)
SPL007 example.com/depth/notify.Broadcast -> example.com/depth/mail.Mailer.Send (needs call)
`
	if got := keys(deep.All); got != want {
		t.Fatalf("with the call graph:\n%swant:\n%s", got, want)
	}
	base := NewBaseline(deep.All)
	shallow := run(t, loadModel(t, depth, analyzer.CallGraphNone), cfg, depth, base)
	if len(shallow.Violations) != 0 || len(shallow.Stale) != 0 || keys(shallow.NotChecked) != want {
		t.Errorf("without the call graph: violations\n%sstale\n%snot checked\n%s", summary(shallow.Violations), keys(shallow.Stale), keys(shallow.NotChecked))
	}
	if got := keys(NewBaseline(shallow.All).Violations); got != want {
		t.Errorf("--update-baseline without the call graph would write\n%swant every entry kept:\n%s", got, want)
	}

	// The demo, whose cycle the syntax shows: its edges need no call graph,
	// and the import-level findings that calls cover are in the baseline.
	dcfg := demoConfig(t, "")
	deep = run(t, demoModel(t, analyzer.DefaultCallGraph), dcfg, demo, nil)
	shallow = run(t, demoModel(t, analyzer.CallGraphNone), dcfg, demo, NewBaseline(deep.All))
	if len(shallow.Violations) != 0 || len(shallow.Stale) != 0 || len(shallow.NotChecked) != 4 {
		t.Errorf("demo without the call graph: violations\n%sstale\n%snot checked\n%s", summary(shallow.Violations), keys(shallow.Stale), keys(shallow.NotChecked))
	}
	// The other way round, the call graph finds more (the calls), but
	// nothing of the shallower baseline is stale.
	base = NewBaseline(run(t, demoModel(t, analyzer.CallGraphNone), dcfg, demo, nil).All)
	deep = run(t, demoModel(t, analyzer.DefaultCallGraph), dcfg, demo, base)
	if len(deep.Stale) != 0 {
		t.Errorf("demo with the call graph, baseline without: stale\n%s", keys(deep.Stale))
	}
	for _, v := range deep.Violations {
		if v.Rule != NonAPICall && v.Rule != UndeclaredCall {
			t.Errorf("new with the call graph: %s %s -> %s (only the calls are new)", v.Rule, v.From, v.To)
		}
	}
}

// withoutUses returns a copy of m where service code in package pkg no
// longer uses the packages under to: its edges and imports are gone.
func withoutUses(t *testing.T, m *model.Model, pkg, to string) *model.Model {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	c, err := model.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	under := func(id string) bool { return strings.HasPrefix(id, to+"/") || strings.HasPrefix(id, to+".") }
	var edges []model.Edge
	for _, e := range c.Edges {
		if !(strings.HasPrefix(e.From, pkg+".") && under(e.To)) {
			edges = append(edges, e)
		}
	}
	c.Edges = edges
	for i := range c.Packages {
		if c.Packages[i].Path == pkg {
			c.Packages[i].Imports = slices.DeleteFunc(c.Packages[i].Imports, func(q string) bool { return q == to || under(q) })
		}
	}
	return c
}

// TestCycleIdentitySurvivesMembership: a cycle is one entry per edge, so a
// service leaving the cycle makes only its own edges stale, and one joining
// it adds only its own edges.
func TestCycleIdentitySurvivesMembership(t *testing.T) {
	cfg := demoConfig(t, "")
	full := demoModel(t, analyzer.CallGraphNone)
	// shipping stops using payments: the cycle is orders ⇄ payments.
	small := withoutUses(t, full, "example.com/demo/shipping", "example.com/demo/payments")
	cycles := func(es []Entry) string {
		var out []Entry
		for _, e := range es {
			if e.Rule == ServiceCycle {
				out = append(out, e)
			}
		}
		return keys(out)
	}
	base := NewBaseline(run(t, full, cfg, demo, nil).All)
	left := run(t, small, cfg, demo, base)
	if got := cycles(left.Stale); got != "SPL003 orders -> shipping\nSPL003 shipping -> payments\n" {
		t.Errorf("shipping left the cycle: stale cycle entries\n%s", got)
	}
	for _, v := range left.Violations {
		t.Errorf("shipping left the cycle: new %s %s -> %s", v.Rule, v.From, v.To)
	}
	base = NewBaseline(run(t, small, cfg, demo, nil).All)
	joined := run(t, full, cfg, demo, base)
	var fresh []string
	for _, v := range joined.Violations {
		if v.Rule == ServiceCycle {
			fresh = append(fresh, v.From+" -> "+v.To)
		}
	}
	if got := strings.Join(fresh, ", "); got != "orders -> shipping, shipping -> payments" || cycles(joined.Stale) != "" {
		t.Errorf("shipping joined the cycle: new cycle edges %q, stale\n%s", got, cycles(joined.Stale))
	}
}

// TestBaselineV1IsConverted: a v1 baseline (a cycle identified by its set
// of services) keeps working: its cycle entry knows every edge between
// two of its services, and --update-baseline writes them as v2 entries.
func TestBaselineV1IsConverted(t *testing.T) {
	cfg := demoConfig(t, "")
	m := demoModel(t, analyzer.DefaultCallGraph)
	full := run(t, m, cfg, demo, nil)
	var v1 strings.Builder
	v1.WriteString(`{"schema": "splitter-baseline/v1", "violations": [{"rule": "SPL003", "from": "orders,payments,shipping"}, {"rule": "SPL003", "from": "billing,orders"}`)
	for _, v := range full.Violations {
		if v.Rule != ServiceCycle {
			v1.WriteString(`, {"rule": "` + v.Rule + `", "from": "` + v.From + `", "to": "` + v.To + `"}`)
		}
	}
	v1.WriteString("]}\n")
	b, err := ParseBaseline("old.json", []byte(v1.String()))
	if err != nil {
		t.Fatal(err)
	}
	if !b.Converted() || b.Schema != BaselineSchema {
		t.Errorf("schema %q, converted %v", b.Schema, b.Converted())
	}
	res := run(t, m, cfg, demo, b)
	if len(res.Violations) != 0 || keys(res.Stale) != "SPL003 billing,orders -> \n" {
		t.Errorf("v1 baseline: violations\n%sstale\n%s", summary(res.Violations), keys(res.Stale))
	}
	written := NewBaseline(res.All)
	var cycles []string
	for _, e := range written.Violations {
		if e.Rule == ServiceCycle {
			cycles = append(cycles, e.From+" -> "+e.To)
		}
	}
	if got := strings.Join(cycles, ", "); got != "orders -> payments, orders -> shipping, payments -> orders, shipping -> payments" {
		t.Errorf("rewritten cycle entries: %s", got)
	}
	// Without the call graph, a v1 cycle entry that matches nothing is not
	// checked: v1 did not say whether calls closed the cycle.
	res = run(t, demoModel(t, analyzer.CallGraphNone), cfg, demo, b)
	if len(res.Stale) != 0 || !strings.Contains(keys(res.NotChecked), "SPL003 billing,orders -> \n") {
		t.Errorf("v1 baseline without calls: stale\n%snot checked\n%s", keys(res.Stale), keys(res.NotChecked))
	}
}

// TestPartialModelBaseline: entries whose code may be in a skipped package
// are not checked; the others still are.
func TestPartialModelBaseline(t *testing.T) {
	cfg := demoConfig(t, "")
	full := demoModel(t, analyzer.CallGraphNone)
	base := NewBaseline(run(t, full, cfg, demo, nil).All)
	// shipping is skipped: it and what uses it are gone from the model.
	part := withoutUses(t, full, "example.com/demo/orders", "example.com/demo/shipping")
	part.Units = slices.DeleteFunc(part.Units, func(u model.Unit) bool { return u.Package == "example.com/demo/shipping" })
	part.Packages = slices.DeleteFunc(part.Packages, func(p model.Package) bool { return p.Path == "example.com/demo/shipping" })
	part.Edges = slices.DeleteFunc(part.Edges, func(e model.Edge) bool { return strings.HasPrefix(e.From, "example.com/demo/shipping.") })
	part.Partial = true
	part.Skipped = []model.SkippedPackage{{Package: "example.com/demo/shipping", File: "shipping/shipping.go", Line: 3, Column: 1, Message: "boom"}}
	res := run(t, part, cfg, demo, base)
	if len(res.Stale) != 0 || len(res.Violations) != 0 {
		t.Errorf("partial: stale\n%snew\n%s", keys(res.Stale), summary(res.Violations))
	}
	nc := keys(res.NotChecked)
	for _, want := range []string{"SPL002 example.com/demo/orders.Service.Place -> example.com/demo/shipping.Rate", "SPL002 example.com/demo/shipping -> example.com/demo/payments/gateway", "SPL003 orders -> shipping"} {
		if !strings.Contains(nc, want) {
			t.Errorf("not checked lacks %s:\n%s", want, nc)
		}
	}
	if strings.Contains(nc, "SPL001 example.com/demo/orders.Service -> example.com/demo/payments.Ledger") {
		t.Errorf("an entry outside the skipped package is not checked:\n%s", nc)
	}
	if len(res.SkippedPackages) != 1 || !strings.Contains(Summary(res, WriteOptions{}), "1 package not checked") {
		t.Errorf("the summary does not say the run is partial: %s", Summary(res, WriteOptions{}))
	}
}

func TestParseBaselineErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"schema": "splitter-baseline/v2", "violations": [{"rule": "SPL001", "from": "a", "needs": "ssa"}]}`, `needs "ssa"`},
		{`{"schema": "splitter-baseline/v1", "violations": [{"rule": "SPL001", "from": "a", "needs": "call"}]}`, "needs is not a field"},
		{`{"schema": "splitter-baseline/v2", "violations": []} {}`, "data after the JSON object"},
		{`{"schema": "splitter-baseline/v2", "violations": [{"rule": "SPL001"}]}`, "needs a rule and a from"},
		{`{"schema": "splitter-baseline/v9", "violations": []}`, `schema "splitter-baseline/v9"`},
		{`{"schema": "splitter-baseline/v2", "violations": [], "extra": 1}`, "unknown field"},
	} {
		if _, err := ParseBaseline("b.json", []byte(c.in)); err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "b.json") {
			t.Errorf("ParseBaseline(%s): %v, want an error naming b.json and %q", c.in, err, c.want)
		}
	}
}

// TestWriteFileAtomic: the file is replaced whole, keeps its mode, and no
// temporary file is left behind.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "b.json")
	if err := os.WriteFile(p, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("new")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	entries, _ := os.ReadDir(dir)
	if string(data) != "new" || st.Mode().Perm() != 0o600 || len(entries) != 1 {
		t.Errorf("content %q, mode %v, %d files in the directory", data, st.Mode().Perm(), len(entries))
	}
	// A failed write (the directory is gone) leaves nothing and says why.
	if err := WriteFileAtomic(filepath.Join(dir, "no", "b.json"), []byte("x")); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
	// Through a symbolic link, the target is replaced and the link kept.
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(p, link); err == nil {
		if err := WriteFileAtomic(link, []byte("via link")); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(p)
		if fi, _ := os.Lstat(link); string(data) != "via link" || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("through a link: target %q, link mode %v", data, fi.Mode())
		}
	}
}
