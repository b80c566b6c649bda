package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// fixture decodes a model saved by `splitter analyze --format json` in
// testdata/models (see its README): the report's own inputs, which no
// golden -update rewrites.
func fixture(t testing.TB, name string) *model.Model {
	t.Helper()
	m, err := ReadModel(filepath.Join("..", "testdata", "models", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Services) == 0 {
		t.Fatalf("%s: the model has no services", name)
	}
	return m
}

// layered is the layered example: 7 services and the shared kernel.
func layered(t testing.TB) *model.Model { return fixture(t, "layered") }

func writeReport(t testing.TB, m *model.Model, opts Options) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if err := Write(dir, m, opts); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	return dir, expandLazy(t, string(b))
}

var lazyScript = regexp.MustCompile(`(?s)<script type="application/json" class="lazy-rows">(.*?)</script>`)

// expandLazy replaces each lazy table's script by the rows it holds, as
// the page's script does in the browser, so that the checks see every
// row; a script that is not one JSON string, or that holds what could end
// it early, fails the test.
func expandLazy(t testing.TB, page string) string {
	t.Helper()
	return lazyScript.ReplaceAllStringFunc(page, func(s string) string {
		body := lazyScript.FindStringSubmatch(s)[1]
		if strings.Contains(body, "</") || strings.Contains(body, "<!--") {
			t.Errorf("a lazy table's script holds %q or %q", "</", "<!--")
		}
		var rows string
		if err := json.Unmarshal([]byte(body), &rows); err != nil {
			t.Fatalf("a lazy table's script is not a JSON string: %v", err)
		}
		return "<!-- lazy -->" + rows
	})
}

// Past lazyRows rows, a units table comes as a JSON string of its rows:
// every unit is still there, once, and the table's body is empty until
// the page's script fills it.
func TestLazyRows(t *testing.T) {
	defer func(n int) { lazyRows = n }(lazyRows)
	lazyRows = 2
	m := layered(t)
	dir := t.TempDir()
	if err := Write(dir, m, Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, IndexFile))
	if err != nil {
		t.Fatal(err)
	}
	raw := string(b)
	if n := strings.Count(raw, `class="lazy-rows"`); n < len(m.Services) {
		t.Errorf("%d lazy tables, want one per service (%d)", n, len(m.Services))
	}
	if strings.Contains(raw, `<tr id="u`) {
		t.Error("rows of a lazy table are in the markup")
	}
	page := expandLazy(t, raw)
	checkStructure(t, dir, page)
	if n := strings.Count(page, `<tr id="u`); n != len(m.Units) {
		t.Errorf("%d unit rows in the lazy tables, want %d", n, len(m.Units))
	}
}

var (
	idAttr   = regexp.MustCompile(`\sid="([^"]*)"`)
	hrefAttr = regexp.MustCompile(`\shref="([^"]*)"`)
)

// checkStructure: ids unique, every #link lands, no external resource.
func checkStructure(t *testing.T, dir, page string) {
	t.Helper()
	ids := map[string]int{}
	for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
		ids[html.UnescapeString(m[1])]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q appears %d times", id, n)
		}
		if id == "" {
			t.Error("empty id")
		}
	}
	for _, m := range hrefAttr.FindAllStringSubmatch(page, -1) {
		h := html.UnescapeString(m[1])
		switch {
		case strings.HasPrefix(h, "#"):
			if ids[h[1:]] == 0 {
				t.Errorf("link %q has no target", h)
			}
		case strings.Contains(h, "://"):
			// source links only, checked by TestSourceLinks
		default:
			if _, err := os.Stat(filepath.Join(dir, h)); err != nil {
				t.Errorf("link %q: %v", h, err)
			}
		}
	}
	for _, bad := range []string{"<script src", "<link ", "@import", "url(http"} {
		if strings.Contains(page, bad) {
			t.Errorf("page is not self-contained: it has %q", bad)
		}
	}
}

func TestLayeredReport(t *testing.T) {
	m := layered(t)
	dir, page := writeReport(t, m, Options{})
	checkStructure(t, dir, page)
	for _, want := range []string{
		`id="summary"`, `id="service-map"`, `id="plan"`, `id="services"`, `id="packages"`,
		`id="functions"`, `id="findings"`, `id="fig-functions"`, `SPL109`,
		`id="entrypoints"`, `id="metrics"`, `id="fig-services"`, `id="fig-packages"`,
		`id="service-orders"`, `id="service-shared"`, `id="metric-icp"`,
		"Newman&#39;s Q", "<svg", "class=\"node svc svc-orders\"", "shared-table",
		"GET /v1/orders/{id}", "<table class=\"sortable filter\">",
	} {
		if !strings.Contains(page, want) && !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Diagnostics section only when there are diagnostics.
	if len(m.Diagnostics) == 0 && strings.Contains(page, `id="diagnostics"`) {
		t.Error("diagnostics section without diagnostics")
	}
	for _, f := range []string{"services.svg", "services.dot", "packages.svg", "packages.dot", ModelFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	// analysis.json is the model.
	b, _ := os.ReadFile(filepath.Join(dir, ModelFile))
	back, err := model.Decode(bytes.NewReader(b))
	if err != nil || len(back.Units) != len(m.Units) || len(back.Services) != len(m.Services) {
		t.Errorf("analysis.json does not round-trip: %v", err)
	}
	// Every service and every unit is on the page.
	for _, s := range m.Services {
		if !strings.Contains(page, ">"+s.Name+"<") {
			t.Errorf("service %s not shown", s.Name)
		}
	}
	if n := strings.Count(page, `<tr id="u`); n != len(m.Units) {
		t.Errorf("%d unit rows, want %d", n, len(m.Units))
	}
}

func TestDeterministic(t *testing.T) {
	m := layered(t)
	d1, p1 := writeReport(t, m, Options{SourceURL: "https://example.com/r/blob/main/"})
	d2, p2 := writeReport(t, layered(t), Options{SourceURL: "https://example.com/r/blob/main/"})
	if p1 != p2 {
		t.Fatal("two reports of the same model differ")
	}
	for _, f := range []string{"services.svg", "packages.svg", ModelFile} {
		a, _ := os.ReadFile(filepath.Join(d1, f))
		b, _ := os.ReadFile(filepath.Join(d2, f))
		if !bytes.Equal(a, b) || len(a) == 0 {
			t.Errorf("%s differs between two writes", f)
		}
	}
}

const hostile = `<script>alert(1)</script>"'&amp;`

func TestHostileNamesAreEscaped(t *testing.T) {
	m := &model.Model{
		Schema: model.Schema, Module: "example.com/x" + hostile, CallGraph: "vta",
		Packages: []model.Package{{Path: "example.com/x/p" + hostile, Name: "p", Dir: "p", Units: 1, LOC: 3, Service: "svc" + hostile}},
		Units: []model.Unit{{ID: "example.com/x/p.F" + hostile, Package: "example.com/x/p" + hostile, Name: "F" + hostile,
			Kind: model.KindFunc, File: "p/" + hostile + ".go", Line: 1, LOC: 3, Service: "svc" + hostile,
			Tables: []model.TableUse{{Table: "t" + hostile, Op: "write", Via: "database/sql"}},
			Why:    []model.Reason{{Signal: "name" + hostile, Detail: hostile, Weight: 1}}}},
		EntryPoints: []model.EntryPoint{{ID: "http:GET /" + hostile, Kind: model.EntryHTTP, Trigger: model.Trigger{Method: "GET", Path: "/" + hostile},
			Handler: "example.com/x/p.F" + hostile, File: "p/" + hostile + ".go", Line: 2}},
		Services: []model.Service{
			{Name: "svc" + hostile, Units: []string{"example.com/x/p.F" + hostile}, Packages: []string{"example.com/x/p" + hostile},
				EntryPoints: []string{"http:GET /" + hostile}, Tables: []string{"t" + hostile}, Extraction: 1,
				DependsOn: []model.ServiceLink{{Service: "other" + hostile, Calls: 2}}},
			{Name: "other" + hostile, SharedTables: []string{"t" + hostile}, Extraction: 2,
				UsedBy: []model.ServiceLink{{Service: "svc" + hostile, Calls: 2}}},
		},
		Moves:       []model.Move{{Unit: "example.com/x/p.F" + hostile, Package: "example.com/x/p" + hostile, To: "svc" + hostile, Reason: hostile}},
		Metrics:     &model.Metrics{Services: 2},
		Diagnostics: []model.Diagnostic{{Severity: model.SevError, File: "p/" + hostile + ".go", Message: hostile}},
	}
	dir, page := writeReport(t, m, Options{SourceURL: "https://example.com/r/blob/main/"})
	checkStructure(t, dir, page)
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "alert(1)</script>") {
		t.Error("a hostile name reached the page unescaped")
	}
	if n := strings.Count(page, "<script>"); n != 1 {
		t.Errorf("%d <script> elements, want only the report's own", n)
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile name is not shown escaped")
	}
	for _, f := range []string{"services.svg", "packages.svg"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("<script")) {
			t.Errorf("%s holds a script element", f)
		}
	}
	// The link's path is percent-encoded segment by segment, then escaped
	// as an attribute; nothing less will do.
	if !strings.Contains(page, `href="https://example.com/r/blob/main/p/%3Cscript%3Ealert%281%29%3C/script%3E%22%27&amp;amp%3B.go#L1"`) {
		t.Error("no percent-encoded source link for the hostile file")
	}
}

func TestSourceLinks(t *testing.T) {
	m := layered(t)
	_, page := writeReport(t, m, Options{SourceURL: "https://github.com/o/r/blob/main/"})
	if !strings.Contains(page, `href="https://github.com/o/r/blob/main/handlers/orders.go#L32"`) {
		t.Error("no link to handlers/orders.go line 32")
	}
	_, plain := writeReport(t, m, Options{})
	if strings.Contains(plain, "://github.com") {
		t.Error("source links without --source-url")
	}
}

func TestSectionsFollowData(t *testing.T) {
	m := layered(t)
	m.Services, m.Moves, m.Metrics = nil, nil, nil
	for i := range m.Units {
		m.Units[i].Service, m.Units[i].Why = "", nil
	}
	for i := range m.Packages {
		m.Packages[i].Service = ""
	}
	dir, page := writeReport(t, m, Options{})
	checkStructure(t, dir, page)
	for _, absent := range []string{`id="service-map"`, `id="plan"`, `id="services"`, `id="metrics"`} {
		if strings.Contains(page, absent) {
			t.Errorf("no services, yet the page has %s", absent)
		}
	}
	if !strings.Contains(page, `id="units"`) || !strings.Contains(page, `id="packages"`) {
		t.Error("without services the units and packages must still be shown")
	}
}

func TestRenderFailureKeepsReport(t *testing.T) {
	m := layered(t)
	dir, page := writeReport(t, m, Options{Render: func([]byte) ([]byte, error) { return nil, os.ErrDeadlineExceeded }})
	checkStructure(t, dir, page)
	if !strings.Contains(page, "could not be rendered") {
		t.Error("a failed render must be reported on the page")
	}
}

func TestSanitizeSVG(t *testing.T) {
	for _, bad := range []string{
		`<svg><script>alert(1)</script></svg>`,
		`<svg><g onclick="x()"></g></svg>`,
		`<svg><a href="javascript:x()"></a></svg>`,
		`<svg><foreignObject></foreignObject></svg>`,
		`<svg><g>`,
	} {
		if _, err := sanitizeSVG([]byte(bad)); err == nil {
			t.Errorf("sanitizeSVG accepted %s", bad)
		}
	}
	if _, err := sanitizeSVG([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><!-- c --><g id="a"><text>&lt;x&gt;</text></g></svg>`)); err != nil {
		t.Error(err)
	}
}

var xlinkAttr = regexp.MustCompile(`xlink:href="([^"]*)"`)

func TestServiceGraphs(t *testing.T) {
	m := layered(t)
	dir, page := writeReport(t, m, Options{})
	checkStructure(t, dir, page)
	ids := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
		ids[html.UnescapeString(m[1])] = true
	}
	for _, s := range m.Services {
		slug := strings.ToLower(s.Name)
		if !ids["fig-service-"+slug] {
			t.Errorf("no internal graph for %s", s.Name)
			continue
		}
		for _, f := range []string{"service-" + slug + ".svg", "service-" + slug + ".dot"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Error(err)
			}
		}
	}
	// Units link to their rows, and every link lands.
	links := xlinkAttr.FindAllStringSubmatch(page, -1)
	if len(links) < 100 {
		t.Errorf("%d unit links in the diagrams, want one per drawn unit", len(links))
	}
	for _, l := range links {
		if h := html.UnescapeString(l[1]); !strings.HasPrefix(h, "#") || !ids[h[1:]] {
			t.Errorf("diagram link %q has no target", h)
		}
	}
	// Orders is drawn unit by unit, grouped by package; the shared kernel,
	// over the budget, by package.
	orders, err := os.ReadFile(filepath.Join(dir, "service-orders.dot"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`label="OrderService.PlaceOrder"`, `label="handlers"`, `subgraph "cluster_`, "OrderService.PlaceOrder calls"} {
		if !strings.Contains(string(orders), want) {
			t.Errorf("service-orders.dot lacks %s", want)
		}
	}
	if strings.Contains(string(orders), "Catalog") {
		t.Error("the orders graph draws units of another service")
	}
	if !strings.Contains(page, "Calls between the packages of shared") {
		t.Error("the shared kernel's graph is not collapsed to packages")
	}
	// A smaller budget collapses every service.
	_, small := writeReport(t, layered(t), Options{MaxNodes: 10})
	if n := strings.Count(small, "Calls between the packages of "); n != len(m.Services) {
		t.Errorf("with a budget of 10, %d of %d service graphs show packages", n, len(m.Services))
	}
}

// TestServiceMapRanking: with every pair of 20 services calling each
// other, the map draws one edge per pair and only mapEdgeBudget of them:
// each service's strongest pair, then the heaviest; never the kernel's.
func TestServiceMapRanking(t *testing.T) {
	m := &model.Model{Schema: model.Schema, Module: "example.com/x", CallGraph: "vta"}
	const n = 20
	calls := func(i, j int) int { return 1 + (i*j+i)%9 }
	for i := range n {
		s := model.Service{Name: fmt.Sprintf("s%02d", i), Extraction: i + 1}
		for j := range n {
			if j != i {
				s.DependsOn = append(s.DependsOn, model.ServiceLink{Service: fmt.Sprintf("s%02d", j), Calls: calls(i, j)})
			}
		}
		s.DependsOn = append(s.DependsOn, model.ServiceLink{Service: model.SharedService, Calls: 1000})
		m.Services = append(m.Services, s)
	}
	m.Services = append(m.Services, model.Service{Name: model.SharedService})
	v := newView(m, Options{})
	d := serviceMap(v, DefaultMaxNodes)
	dot := string(d.DOT)
	edge := regexp.MustCompile(`s(\d+) -> s(\d+) \[.*label="(\d+)"`)
	drawn := map[[2]int]int{}
	for _, e := range edge.FindAllStringSubmatch(dot, -1) {
		a, _ := strconv.Atoi(e[1])
		b, _ := strconv.Atoi(e[2])
		w, _ := strconv.Atoi(e[3])
		if v.Services[a].Shared || v.Services[b].Shared {
			t.Errorf("an edge to the kernel is drawn: %s", e[0])
		}
		if want := calls(a, b) + calls(b, a); w != want {
			t.Errorf("s%02d–s%02d labelled %d, want both ways, %d", a, b, w, want)
		}
		drawn[[2]int{min(a, b), max(a, b)}] = w
	}
	if len(drawn) != mapEdgeBudget(n) {
		t.Errorf("%d edges drawn, want the budget of %d", len(drawn), mapEdgeBudget(n))
	}
	// Each service's strongest pair (one of them, on a tie) is drawn, and
	// no pair left out is heavier than a drawn pair that is nobody's
	// strongest.
	strongest := map[[2]int]bool{}
	for i := range n {
		bw := 0
		for j := range n {
			if j != i {
				bw = max(bw, calls(i, j)+calls(j, i))
			}
		}
		found := false
		for p, w := range drawn {
			if (p[0] == i || p[1] == i) && w == bw {
				found, strongest[p] = true, true
			}
		}
		if !found {
			t.Errorf("no strongest pair of s%02d (%d call sites) is drawn", i, bw)
		}
	}
	lightest := 1 << 30
	for p, w := range drawn {
		if !strongest[p] {
			lightest = min(lightest, w)
		}
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			if _, ok := drawn[[2]int{i, j}]; !ok && calls(i, j)+calls(j, i) > lightest {
				t.Errorf("s%02d–s%02d (%d call sites) left out, lighter pairs drawn", i, j, calls(i, j)+calls(j, i))
			}
		}
	}
	if len(d.Notes) == 0 || !strings.Contains(d.Notes[0], fmt.Sprintf("%d of the %d pairs", len(drawn), n*(n-1)/2)) {
		t.Errorf("no note on the pairs left out: %q", d.Notes)
	}
}

func TestModelJSONVerbatim(t *testing.T) {
	m := layered(t)
	raw := []byte(`{"schema": "splitter/v1", "saved": "as is"}` + "\n")
	dir, _ := writeReport(t, m, Options{ModelJSON: raw})
	if b, _ := os.ReadFile(filepath.Join(dir, ModelFile)); !bytes.Equal(b, raw) {
		t.Error("analysis.json is not the saved model")
	}
	// Without it, analysis.json is what analyze --format json prints.
	dir, _ = writeReport(t, layered(t), Options{})
	var want bytes.Buffer
	if err := layered(t).Encode(&want); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ModelFile)); !bytes.Equal(b, want.Bytes()) {
		t.Error("analysis.json differs from model.Encode")
	}
}

func TestBreakable(t *testing.T) {
	got := string(breakable(`handlers.OrderHandler.<b>/x`))
	if want := `handlers.<wbr>OrderHandler.<wbr>&lt;b&gt;/<wbr>x`; got != want {
		t.Errorf("breakable = %q, want %q", got, want)
	}
}

// A finding's row names at most findingFunctions functions and counts the
// rest.
func TestFindingFunctionsBudget(t *testing.T) {
	defer func(n int) { findingFunctions = n }(findingFunctions)
	findingFunctions = 1
	m := layered(t)
	most := 0
	for _, f := range m.Findings {
		most = max(most, len(f.Functions))
	}
	if most < 2 {
		t.Fatalf("the layered example has no finding affecting two functions or more")
	}
	_, page := writeReport(t, m, Options{})
	if !strings.Contains(page, fmt.Sprintf(`<span class="dim">and %d more</span>`, most-1)) {
		t.Errorf("no row says the %d functions past the first", most-1)
	}
}
