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

// TestBrowser opens the report of the layered example in a real headless
// Chromium from file:// and uses it as a reader would: the page must load
// without a console error or an uncaught exception, draw the service map,
// filter the tables from the search box, highlight a service on a click, and
// stay responsive. It leaves a full-page screenshot behind.
func TestBrowser(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("no Chromium found (/usr/bin/chromium, or chromium, chromium-browser, google-chrome in PATH): " +
			"the browser test needs one; .ci/run installs Debian's chromium package")
	}
	dir := t.TempDir()
	if err := Write(dir, layered(t), Options{}); err != nil {
		t.Fatal(err)
	}
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, IndexFile))}).String()

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
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelBrowser)

	// Console errors, uncaught exceptions and browser log errors (a blocked
	// or missing resource) all fail the test.
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

	// The listener works: a console error the test makes itself is seen.
	run("probe", chromedp.Evaluate[chromedp.Void](`console.error("splitter-probe")`))
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
