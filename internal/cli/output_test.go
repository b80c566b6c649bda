package cli

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

func colourModel() *model.Model {
	return &model.Model{
		Schema: model.Schema, Module: "example.com/x", CallGraph: "vta",
		EntryPoints: []model.EntryPoint{{ID: "http:GET /orders", Kind: model.EntryHTTP, Trigger: model.Trigger{Method: "GET", Path: "/orders"},
			Handler: "example.com/x/orders.List", File: "orders/h.go", Line: 3}},
		Services: []model.Service{
			{Name: "orders", Units: []string{"a", "b"}, Extraction: 1, DependsOn: []model.ServiceLink{{Service: "shared", Calls: 2}}},
			{Name: "reviews-and-ratings", Units: []string{"c"}, Extraction: 2},
			{Name: model.SharedService, Units: []string{"d"}},
		},
		Metrics:     &model.Metrics{Services: 2},
		Diagnostics: []model.Diagnostic{{Severity: model.SevWarning, Message: "m"}},
	}
}

var ansi = regexp.MustCompile("\033\\[[0-9;]*m")

// Colour changes no character a reader sees, and no column.
func TestSummaryColour(t *testing.T) {
	var plain, coloured bytes.Buffer
	writeSummary(&plain, colourModel(), style{}, false)
	writeSummary(&coloured, colourModel(), style{on: true}, false)
	if ansi.MatchString(plain.String()) {
		t.Fatalf("escape codes without colour:\n%s", plain.String())
	}
	if got := ansi.ReplaceAllString(coloured.String(), ""); got != plain.String() {
		t.Errorf("colour changed the text:\n%s\nwant\n%s", got, plain.String())
	}
	for _, want := range []string{ansiCyan + "orders" + ansiReset, ansiCyan + "reviews-and-ratings" + ansiReset,
		ansiDim + "shared" + ansiReset, ansiBold + "Entry points (1): 1 http:" + ansiReset, ansiBold + "  #  SERVICE"} {
		if !strings.Contains(coloured.String(), want) {
			t.Errorf("coloured summary lacks %q:\n%s", want, coloured.String())
		}
	}
	// The "orders" in the dependency column stays plain: only the SERVICE field.
	if n := strings.Count(coloured.String(), ansiCyan+"orders"); n != 1 {
		t.Errorf("orders coloured %d times, want 1", n)
	}
}

func TestStyleOnlyOnATerminal(t *testing.T) {
	if newStyle(&bytes.Buffer{}).on {
		t.Error("colour on a buffer")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if newStyle(f).on {
		t.Error("colour on a file")
	}
	if got := colourField("  1  ordersX  orders  2\n", "orders", "<o>"); got != "  1  ordersX  <o>  2\n" {
		t.Errorf("colourField: %q", got)
	}
}
