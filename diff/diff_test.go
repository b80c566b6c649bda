package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// revisions writes the base and head of a txtar fixture (see
// testdata/mini.txtar) into two directories.
func revisions(t *testing.T, fixture string) (base, head string) {
	t.Helper()
	ar, err := txtar.ParseFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	base, head = filepath.Join(dir, "base"), filepath.Join(dir, "head")
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "base/") {
			for _, root := range []string{base, head} {
				write(t, filepath.Join(root, strings.TrimPrefix(f.Name, "base/")), string(f.Data))
			}
		}
	}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "head/") {
			write(t, filepath.Join(head, strings.TrimPrefix(f.Name, "head/")), string(f.Data))
		}
	}
	return base, head
}

func analyze(t *testing.T, dir string) *model.Model {
	t.Helper()
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir, CallGraph: "vta"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Partial {
		t.Fatalf("%s does not type-check: %+v", dir, m.Skipped)
	}
	return m
}

// TestCompare compares the two revisions of testdata/mini.txtar, whose
// header lists what changed, under its splitter.yaml.
func TestCompare(t *testing.T) {
	base, head := revisions(t, "testdata/mini.txtar")
	cfg, err := config.Load(filepath.Join(head, "splitter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Compare(Side{Label: "base", Root: base, Model: analyze(t, base)}, Side{Label: "head", Root: head, Model: analyze(t, head)},
		Options{Config: cfg, Source: "splitter.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	deps := func(ds []Dependency) string {
		var out []string
		for _, d := range ds {
			var uses []string
			for _, u := range d.Uses {
				uses = append(uses, fmt.Sprintf("%s:%d %s %s %s", u.File, u.Line, Shorten(r.Module, u.From), u.Kind, Shorten(r.Module, u.To)))
			}
			out = append(out, d.From+"→"+d.To+" ["+strings.Join(uses, "; ")+"]")
		}
		return strings.Join(out, "\n")
	}
	check := func(what, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", what, got, want)
		}
	}
	check("added", deps(r.Added), "payments→shipping [payments/payments.go:12 payments.Charge call shipping.Fee; payments/payments.go:21 payments.Refund call shipping.Cancel]")
	check("removed", deps(r.Removed), "shipping→orders [shipping/shipping.go:12 shipping.Track call orders.Lookup]")
	check("changed", deps(r.Changed), "orders→payments [orders/orders.go:19 orders.Place call payments.Refund]")
	var moves []string
	for _, u := range r.Units {
		moves = append(moves, fmt.Sprintf("%s (was %s) %s→%s", Shorten(r.Module, u.Unit), Shorten(r.Module, u.Was), u.From, u.To))
	}
	check("moved units", strings.Join(moves, ", "), "payments.Refund (was orders.Refund) orders→payments, shipping.Fee (was payments.Fee) payments→shipping")
	var eps []string
	for _, e := range r.EntryPoints {
		eps = append(eps, fmt.Sprintf("%s %s %s→%s", e.Change, e.ID, e.From, e.To))
	}
	check("entry points", strings.Join(eps, ", "), "moved http:ANY /refund orders→payments")
	var tables []string
	for _, tc := range r.Tables {
		tables = append(tables, fmt.Sprintf("%s %v→%v newly=%v first=%s", tc.Table, tc.Base, tc.Head, tc.NewlyShared, Shorten(r.Module, tc.Uses[0].From)))
	}
	check("tables", strings.Join(tables, ", "), "orders [orders]→[orders shipping] newly=true first=shipping.Track")
	var nf, ff []string
	for _, v := range r.NewFindings {
		nf = append(nf, v.Rule+" "+Shorten(r.Module, v.From)+"→"+Shorten(r.Module, v.To))
	}
	for _, v := range r.FixedFindings {
		ff = append(ff, v.Rule+" "+Shorten(r.Module, v.From)+"→"+Shorten(r.Module, v.To))
	}
	// Without dependsOn, every dependency is undeclared: the new ones are
	// new findings, the removed one a finding gone; and the table, and the
	// environment variable set behind the function track (readiness).
	check("new findings", strings.Join(nf, ", "), "SPL007 orders.Place→payments.Refund, SPL007 payments.Charge→shipping.Fee, SPL007 payments.Refund→shipping.Cancel, SPL109 http:ANY /track→shipping.Track, SPL005 shipping→table:orders")
	check("fixed findings", strings.Join(ff, ", "), "SPL007 shipping.Track→orders.Lookup")
	if r.Metrics == nil || r.Metrics.ICP.Base == 0 || r.Metrics.ICP.Head == 0 {
		t.Errorf("metrics = %+v, want ICP on both sides", r.Metrics)
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/mini.golden.json", buf.Bytes())
	buf.Reset()
	WriteText(&buf, r)
	golden(t, "testdata/mini.golden.txt", buf.Bytes())
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n%s", path, got)
	}
}
