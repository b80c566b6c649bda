package report

import (
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// TestPartialHeader: a model that skipped packages says so in the page's
// header, with every skipped package and why; a whole model does not.
func TestPartialHeader(t *testing.T) {
	m := &model.Model{Schema: model.Schema, Module: "example.com/p",
		Packages: []model.Package{{Path: "example.com/p/a", Name: "a", Dir: "a", Units: 1, LOC: 1}},
		Units:    []model.Unit{{ID: "example.com/p/a.A", Package: "example.com/p/a", Name: "A", Kind: model.KindFunc, File: "a/a.go", Line: 3, EndLine: 3, LOC: 1, Exported: true}},
		Partial:  true,
		Skipped: []model.SkippedPackage{
			{Package: "example.com/p/b", File: "b/b.go", Line: 4, Column: 9, Message: "undefined: x"},
			{Package: "example.com/p/c", Message: "its dependency example.com/p/b does not type-check", Dependency: "example.com/p/b"},
		}}
	dir, page := writeReport(t, m, Options{})
	checkStructure(t, dir, page)
	header, _, _ := strings.Cut(page, "</header>")
	for _, want := range []string{
		"Partial analysis: 2 of the module's packages skipped",
		"<li><code>example.com/p/b</code>: b/b.go:4:9: undefined: x</li>",
		"<li><code>example.com/p/c</code>: its dependency example.com/p/b does not type-check</li>",
	} {
		if !strings.Contains(header, want) {
			t.Errorf("the header lacks %s:\n%s", want, header)
		}
	}
	m.Partial, m.Skipped = false, nil
	if _, page := writeReport(t, m, Options{}); strings.Contains(page, `id="partial"`) {
		t.Error("a whole model is reported as partial")
	}
}
