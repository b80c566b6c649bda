package report

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// findChromium returns the path of a Chromium or Chrome binary, or "".
func findChromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// artifactDir is where the browser test leaves its screenshot:
// $SPLITTER_ARTIFACTS when set (CI keeps it), else a temporary directory.
func artifactDir(t *testing.T) string {
	if d := os.Getenv("SPLITTER_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// browser starts a headless Chromium with a window of the given size and
// returns its context and a function that fails the test for every console
// error, uncaught exception and browser log error (a blocked or missing
// resource) seen so far. The test is skipped when there is no Chromium.
func browser(t *testing.T, width, height int) (context.Context, func()) {
	t.Helper()
	bin := findChromium()
	if bin == "" {
		t.Skip("no Chromium found (/usr/bin/chromium, or chromium, chromium-browser, google-chrome in PATH): " +
			"the browser test needs one; .ci/run installs Debian's chromium package")
	}
	profile := t.TempDir() // registered before the browser's cleanup, so removed after it
	// One deadline for the whole session: a hung browser fails the test
	// instead of hanging it.
	ctx, cancelAll := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancelAll)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // Chromium runs as root in CI containers
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(width, height),
	)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelBrowser)

	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(bctx, func(ev any) {
		var p string
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type != runtime.ConsoleAPICalledTypeError {
				return
			}
			var args []string
			for _, a := range ev.Args {
				var s string
				if a.Description != "" {
					s = a.Description
				} else if json.Unmarshal(a.Value, &s) != nil {
					s = string(a.Value)
				}
				args = append(args, s)
			}
			p = "console.error: " + strings.Join(args, " ")
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			p = fmt.Sprintf("uncaught exception at %s:%d:%d: %s", d.URL, d.LineNumber+1, d.ColumnNumber+1, d.Text)
			if d.Exception != nil && d.Exception.Description != "" {
				p += " " + d.Exception.Description
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level != log.EntryLevelError {
				return
			}
			p = fmt.Sprintf("browser log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL)
		default:
			return
		}
		mu.Lock()
		problems = append(problems, p)
		mu.Unlock()
	}); err != nil {
		t.Fatalf("starting Chromium (%s): %v", bin, err)
	}
	check := func() {
		t.Helper()
		// The listener works: a console error the test makes itself is seen.
		if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`console.error("splitter-probe"), true`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`true`)); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		probe := slices.Index(problems, "console.error: splitter-probe")
		if probe < 0 {
			t.Errorf("the console listener missed a console.error (saw %q)", problems)
		} else {
			problems = slices.Delete(problems, probe, probe+1)
		}
		for _, p := range problems {
			t.Errorf("page error: %s", p)
		}
		problems = nil
	}
	return bctx, check
}

func fileURL(dir string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, IndexFile))}).String()
}

// TestBrowser opens the report of the layered example in a real headless
// Chromium from file:// and uses it as a reader would: the page must load
// without a console error or an uncaught exception, draw the service map,
// filter the tables from the search box, highlight a service on a click, and
// stay responsive. It leaves a full-page screenshot behind.
func TestBrowser(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, layered(t), Options{}); err != nil {
		t.Fatal(err)
	}
	page := fileURL(dir)
	bctx, check := browser(t, 1280, 900)

	run := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	run("opening "+page, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("fig-services")))

	// The service map is drawn, with a size, and names every service.
	box := evalJS[map[string]float64](t, bctx, "service map size", `(() => { const r = document.querySelector("#fig-services svg").getBoundingClientRect();
		return {width: r.width, height: r.height}; })()`)
	if box["width"] <= 0 || box["height"] <= 0 {
		t.Errorf("service map SVG is %v×%v", box["width"], box["height"])
	}
	names := evalJS[[]string](t, bctx, "service map labels",
		`Array.from(document.querySelectorAll("#fig-services svg g.node text")).map(e => e.textContent)`)
	for _, want := range []string{"orders", "catalog", "customers", "payments", "shipping", "inventory", "reviews"} {
		if !slices.Contains(names, want) {
			t.Errorf("service map lacks %q (labels: %q)", want, names)
		}
	}
	// Every diagram fits the page width: no horizontal scrolling of the page.
	if evalJS[bool](t, bctx, "page width", `document.documentElement.scrollWidth > document.documentElement.clientWidth + 1`) {
		t.Error("the page scrolls horizontally at 1280px")
	}

	// Search filters the units and entry points tables.
	const openSections = `document.querySelectorAll("details.service[open]").length`
	openBefore := evalJS[int](t, bctx, "open sections", openSections)
	const rows = `(() => { const all = Array.from(document.querySelectorAll("table.filter tbody tr"));
		const shown = all.filter(r => getComputedStyle(r).display !== "none");
		return {all: all.length, shown: shown.length,
			stray: shown.filter(r => !r.textContent.toLowerCase().includes("refund")).length}; })()`
	before := evalJS[map[string]float64](t, bctx, "rows before search", rows)
	run("typing in the search box", chromedp.Click(chromedp.ID("search")), chromedp.SendKeys(chromedp.ID("search"), "refund"))
	after := evalJS[map[string]float64](t, bctx, "rows after search", rows)
	if after["shown"] == 0 || after["shown"] >= before["shown"] || after["stray"] != 0 {
		t.Errorf("search for refund: %v rows shown of %v (%v not matching), want some and fewer than %v",
			after["shown"], after["all"], after["stray"], before["shown"])
	}
	if !evalJS[bool](t, bctx, "sections holding matches open", `Array.from(document.querySelectorAll("table.filter tbody tr")).
		filter(r => getComputedStyle(r).display !== "none").every(r => r.offsetParent !== null)`) {
		t.Error("some matching rows stay hidden in closed sections")
	}
	run("clearing the search box", chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById("search");
		s.value = ""; s.dispatchEvent(new Event("input")); })()`))
	cleared := evalJS[map[string]float64](t, bctx, "rows after clearing", rows)
	if cleared["shown"] != before["shown"] {
		t.Errorf("clearing the search shows %v rows, want %v", cleared["shown"], before["shown"])
	}
	if n := evalJS[int](t, bctx, "open sections after the search", openSections); n != openBefore {
		t.Errorf("after clearing the search %d service sections are open, want %d as before", n, openBefore)
	}

	// A service section, once opened, draws the calls inside the service.
	run("opening the orders section", chromedp.Click(chromedp.CSS(`#service-orders > summary`)))
	settle(bctx, `document.querySelectorAll("#fig-service-orders svg g.node").length > 0`)
	inner := evalJS[map[string]float64](t, bctx, "orders graph", `(() => {
		const svg = document.querySelector("#fig-service-orders svg"), r = svg.getBoundingClientRect();
		return {width: r.width, height: r.height, nodes: svg.querySelectorAll("g.node").length}; })()`)
	if inner["width"] <= 0 || inner["height"] <= 0 || inner["nodes"] < 5 {
		t.Errorf("orders' internal graph: %v", inner)
	}
	run("closing the orders section", chromedp.Click(chromedp.CSS(`#service-orders > summary`)))

	// Clicking a service in the map highlights it in every diagram and in
	// the services section; clicking again clears it.
	run("clicking payments in the service map", chromedp.Click(chromedp.CSS(`#fig-services g.node.svc-payments`)))
	const hlState = `(() => ({
		dimmed: document.querySelectorAll("figure.diagram svg.dimmed").length,
		on: document.querySelectorAll("figure.diagram g.node.on.svc-payments").length,
		wrong: document.querySelectorAll("figure.diagram g.node.on:not(.svc-payments)").length,
		section: document.querySelectorAll("details.service.hl#service-payments").length,
	}))()`
	hl := evalJS[map[string]float64](t, bctx, "highlight state", hlState)
	if hl["on"] < 2 || hl["wrong"] != 0 || hl["dimmed"] == 0 || hl["section"] != 1 {
		t.Errorf("after a click on payments: %v", hl)
	}
	run("clicking payments again", chromedp.Click(chromedp.CSS(`#fig-services g.node.svc-payments`)))
	hl = evalJS[map[string]float64](t, bctx, "highlight cleared", hlState)
	if hl["on"] != 0 || hl["dimmed"] != 0 || hl["section"] != 0 {
		t.Errorf("a second click must clear the highlight: %v", hl)
	}
	// A service link outside the diagrams highlights too.
	run("clicking a service link", chromedp.Click(chromedp.CSS(`#plan a.svc-link[data-svc="svc-orders"]`)))
	if n := evalJS[int](t, bctx, "highlight from a link", `document.querySelectorAll("figure.diagram g.node.on.svc-orders").length`); n == 0 {
		t.Error("a click on a service link highlights nothing")
	}

	// Sorting a big table and a round-trip stay well under a sanity bound.
	start := time.Now()
	if !evalJS[bool](t, bctx, "sorting the entry points", `(() => { const th = document.querySelector("#entrypoints th");
		th.click(); th.click(); return th.getAttribute("aria-sort") === "descending"; })()`) {
		t.Error("clicking a header twice does not sort descending")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the page took %v to answer: not responsive", d)
	}

	// Back to the top, unhighlighted, for the screenshot.
	run("resetting", chromedp.Click(chromedp.CSS(`#plan a.svc-link[data-svc="svc-orders"]`)),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	shot, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(artifactDir(t), "report-layered.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)

	check()
}

// evalJS evaluates js in the page and decodes its value, failing the test
// on an error.
func evalJS[T any](t *testing.T, ctx context.Context, what, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// settle waits, up to a few seconds, for a predicate the page reaches
// after an event it handles in a later task (a details element's toggle
// fires after the click returns). It does not fail: the check that
// follows says what is wrong if the page never gets there.
func settle(ctx context.Context, predicate string) {
	_, _ = chromedp.Run(ctx, chromedp.Poll[bool](predicate, chromedp.WithPollingTimeout(5*time.Second)))
}

// measureFigure fits a figure to the page width (as a reader sees it first,
// not at actual size) and measures its labels in the page: the smallest
// label's font size and box height in CSS pixels, the pairs of labels whose
// boxes overlap, and, for service nodes, their fills (a gradient counts as
// its colours), with the services sharing one.
const measureFigure = `(id) => {
  const fig = document.getElementById(id);
  fig.classList.remove("actual");
  const svg = fig.querySelector("svg");
  svg.style.width = "";
  const scale = svg.getScreenCTM().a; // CSS px per SVG unit
  const texts = Array.from(svg.querySelectorAll("g.node text, g.edge text, g.cluster text"));
  let font = Infinity, height = Infinity, smallest = "";
  const boxes = texts.map(t => {
    const r = t.getBoundingClientRect(), f = parseFloat(t.getAttribute("font-size")) * scale;
    if (f < font) { font = f; smallest = t.textContent; }
    height = Math.min(height, r.height);
    return {r, s: t.textContent};
  });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left), h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > 0.5 && h > 0.5) overlaps.push(boxes[i].s + " / " + boxes[j].s);
  }
  const fillOf = shape => {
    const f = shape.getAttribute("fill") || "";
    const m = f.match(/^url\(#(.*)\)$/);
    if (!m) return f;
    const g = svg.querySelector("[id='" + m[1] + "']");
    return g ? Array.from(g.querySelectorAll("stop")).map(s => s.style.stopColor || s.getAttribute("stop-color")).join("|") : f;
  };
  const byFill = {};
  let services = 0;
  svg.querySelectorAll("g.node.svc").forEach(g => {
    const shape = g.querySelector("path, polygon, ellipse");
    const f = shape ? fillOf(shape) : "";
    const name = g.querySelector("text") ? g.querySelector("text").textContent : g.id;
    (byFill[f] = byFill[f] || []).push(name);
    services++;
  });
  const shared = Object.entries(byFill).filter(([f, names]) => names.length > 1).map(([f, names]) => f + ": " + names.join(", "));
  const r = svg.getBoundingClientRect();
  return {font, height, smallest, labels: texts.length, overlaps, services, shared, width: r.width,
    pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth + 1};
}`

type figureMeasure struct {
	Font, Height, Width float64
	Smallest            string
	Labels, Services    int
	Overlaps, Shared    []string
	PageScrolls         bool
}

// TestBrowserDiagrams opens reports of real models in a 1400 px wide
// window, the width of a laptop or a projector, with each diagram fitted to
// the page, and checks they can be read there: no label under 11 px, no two
// labels on top of each other, no two services of the same colour. It
// leaves a screenshot of each diagram behind.
func TestBrowserDiagrams(t *testing.T) {
	bctx, check := browser(t, 1400, 1000)
	out := artifactDir(t)
	for _, tc := range []struct {
		fixture  string
		services int // at least, the kernel not counted
		figures  []string
	}{
		{"miniflux", 20, []string{"services", "functions", "packages"}},
		{"layered", 7, []string{"services", "functions", "packages"}},
		{"layered-3", 3, []string{"services", "functions", "packages"}},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			m := fixture(t, tc.fixture)
			dir := t.TempDir()
			if err := Write(dir, m, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(bctx, chromedp.Navigate(fileURL(dir)), chromedp.WaitVisible(chromedp.ID("fig-services"))); err != nil {
				t.Fatal(err)
			}
			for _, fig := range tc.figures {
				id := "fig-" + fig
				got := evalJS[figureMeasure](t, bctx, id, "("+measureFigure+")("+strconv.Quote(id)+")")
				t.Logf("%s: %d labels, the smallest %q at %.1f px (its box %.1f px high), %.0f px wide, no overlap: %v",
					fig, got.Labels, got.Smallest, got.Font, got.Height, got.Width, len(got.Overlaps) == 0)
				if got.Font < 11 {
					t.Errorf("%s: the smallest label, %q, is %.1f px when the diagram fits the page: want 11 px or more", fig, got.Smallest, got.Font)
				}
				if len(got.Overlaps) > 0 {
					t.Errorf("%s: %d pairs of labels overlap: %q", fig, len(got.Overlaps), got.Overlaps)
				}
				if fig == "services" {
					t.Logf("services: %d service nodes, none sharing a fill: %v", got.Services, len(got.Shared) == 0)
					if len(got.Shared) > 0 {
						t.Errorf("services share a fill: %q", got.Shared)
					}
					if got.Services < tc.services+1 {
						t.Errorf("the service map has %d service nodes, want %d and the kernel", got.Services, tc.services)
					}
				}
				if got.PageScrolls {
					t.Errorf("%s: the page scrolls sideways at 1400 px", fig)
				}
				shot, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.ID(id)))
				if err != nil {
					t.Fatalf("screenshot of %s: %v", id, err)
				}
				p := filepath.Join(out, tc.fixture+"-"+fig+".png")
				if err := os.WriteFile(p, shot, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("screenshot: %s", p)
			}
		})
	}
	check()
}

// With every units table lazy, a table gets its rows when its section
// opens, a link into a closed section lands on its row, and a search
// finds rows of tables no one opened.
func TestBrowserLazyRows(t *testing.T) {
	defer func(n int) { lazyRows = n }(lazyRows)
	lazyRows = 2
	dir := t.TempDir()
	m := layered(t)
	if err := Write(dir, m, Options{}); err != nil {
		t.Fatal(err)
	}
	bctx, check := browser(t, 1280, 900)
	if err := chromedp.Do(bctx, chromedp.Navigate(fileURL(dir)), chromedp.WaitVisible(chromedp.ID("fig-services"))); err != nil {
		t.Fatal(err)
	}
	// The units table is the section's last filterable one (its entry
	// points' table comes before).
	const rowsOf = `Array.from(document.querySelectorAll("#service-orders table.filter")).pop().tBodies[0].rows.length`
	if n := evalJS[int](t, bctx, "orders rows before opening", rowsOf); n != 0 {
		t.Errorf("a closed lazy table has %d rows, want none yet", n)
	}
	if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS(`#service-orders > summary`))); err != nil {
		t.Fatal(err)
	}
	settle(bctx, rowsOf+" > 0")
	if n := evalJS[int](t, bctx, "orders rows after opening", rowsOf); n == 0 {
		t.Error("opening the orders section gives its units table no rows")
	}
	// A link to a unit of a closed service (payments).
	var anchor string
	for i, u := range m.Units {
		if u.Service == "payments" {
			anchor = "u" + strconv.Itoa(i)
			break
		}
	}
	if anchor == "" {
		t.Fatal("no unit in payments")
	}
	landed := evalJS[bool](t, bctx, "following a link into payments", `(() => { location.hash = "#`+anchor+`";
		window.dispatchEvent(new HashChangeEvent("hashchange"));
		const el = document.getElementById("`+anchor+`"); return !!el && el.offsetParent !== null; })()`)
	if !landed {
		t.Errorf("the link #%s does not land on a visible row", anchor)
	}
	// A search reaches every table, opened or not.
	got := evalJS[map[string]float64](t, bctx, "searching", `(() => { const s = document.getElementById("search");
		s.value = "refund"; s.dispatchEvent(new Event("input"));
		const shown = Array.from(document.querySelectorAll("table.filter tbody tr")).filter(r => getComputedStyle(r).display !== "none");
		return {shown: shown.length, lazy: document.querySelectorAll("script.lazy-rows").length,
			visible: shown.every(r => r.offsetParent !== null) ? 1 : 0}; })()`)
	if got["shown"] == 0 || got["lazy"] != 0 || got["visible"] != 1 {
		t.Errorf("search for refund over lazy tables: %v", got)
	}
	// A lazy table in a section open from the start (the units of a model
	// without services) has its rows at once.
	m.Services, m.Moves, m.Metrics = nil, nil, nil
	for i := range m.Units {
		m.Units[i].Service, m.Units[i].Why = "", nil
	}
	for i := range m.Packages {
		m.Packages[i].Service = ""
	}
	plain := t.TempDir()
	if err := Write(plain, m, Options{}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(fileURL(plain)), chromedp.WaitVisible(chromedp.ID("units"))); err != nil {
		t.Fatal(err)
	}
	if n := evalJS[int](t, bctx, "rows of the open units section", `document.querySelectorAll("#units table.filter tbody tr").length`); n != len(m.Units) {
		t.Errorf("the open units section shows %d rows, want %d", n, len(m.Units))
	}
	check()
}
