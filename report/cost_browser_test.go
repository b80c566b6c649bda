package report

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// TestCostBrowser opens the layered example's report in headless Chromium
// and uses the cost section as a reader would: sort the table by remote
// calls, click the costliest entry point, and see its chain of services
// drawn, with one box per service and one arrow per pair of services it
// calls across. It leaves a screenshot of the section behind.
func TestCostBrowser(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("no Chromium found: the browser test needs one; .ci/run installs Debian's chromium package")
	}
	m := layered(t)
	var want *struct{ id string }
	hops, services := 0, 0
	for _, ep := range m.EntryPoints {
		if c := ep.Cost; c != nil && c.RemoteCalls > 0 && (want == nil || len(c.Hops) > hops) {
			want, hops, services = &struct{ id string }{ep.ID}, len(c.Hops), len(c.Services)
		}
	}
	if want == nil {
		t.Fatal("the golden model has no entry point with a remote call")
	}
	dir := t.TempDir()
	if err := Write(dir, m, Options{}); err != nil {
		t.Fatal(err)
	}
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, IndexFile))}).String()

	profile := t.TempDir()
	ctx, cancelAll := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancelAll)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true), chromedp.UserDataDir(profile), chromedp.WindowSize(1280, 900))
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelBrowser)
	var mu sync.Mutex
	var problems []string
	if err := chromedp.Listen(bctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			mu.Lock()
			problems = append(problems, "uncaught exception: "+ev.ExceptionDetails.Text)
			mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				mu.Lock()
				problems = append(problems, "console.error")
				mu.Unlock()
			}
		}
	}); err != nil {
		t.Fatalf("starting Chromium (%s): %v", bin, err)
	}
	if err := chromedp.Do(bctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("cost-table"))); err != nil {
		t.Fatalf("opening %s: %v", page, err)
	}
	if n := evalJS[int](t, bctx, "cost rows", `document.querySelectorAll("#cost-table tbody tr").length`); n == 0 {
		t.Fatal("the cost table has no rows")
	}
	// Sorting by remote calls, descending, puts the costliest first.
	sorted := evalJS[bool](t, bctx, "sorting by remote calls", `(() => {
		const th = document.querySelectorAll("#cost-table th")[2]; th.click(); th.click();
		const v = Array.from(document.querySelectorAll("#cost-table tbody tr")).map(r => Number(r.cells[2].textContent));
		return th.getAttribute("aria-sort") === "descending" && v.every((x, i) => i === 0 || v[i-1] >= x); })()`)
	if !sorted {
		t.Error("clicking the remote header twice does not sort the rows by remote calls, descending")
	}
	if !evalJS[bool](t, bctx, "the chain is hidden", `document.getElementById("cost-chain").hidden`) {
		t.Error("the chain panel shows before any click")
	}
	click := `(() => { const a = Array.from(document.querySelectorAll("#cost-table a.cost-ep")).find(a => a.textContent === ` + jsString(want.id) + `);
		a.click(); return true; })()`
	evalJS[bool](t, bctx, "clicking "+want.id, click)
	got := evalJS[map[string]any](t, bctx, "the chain", `(() => {
		const p = document.getElementById("cost-chain"), svg = p.querySelector("svg"), r = svg.getBoundingClientRect();
		return {hidden: p.hidden, title: document.getElementById("cost-chain-title").textContent,
			boxes: svg.querySelectorAll("g.cost-svc").length, arrows: svg.querySelectorAll("path.cost-hop").length,
			width: r.width, height: r.height}; })()`)
	if got["hidden"] != false || got["title"] != want.id {
		t.Errorf("after a click on %s the panel is %v", want.id, got)
	}
	if int(got["boxes"].(float64)) != services || int(got["arrows"].(float64)) != hops {
		t.Errorf("the chain of %s draws %v boxes and %v arrows, want %d services and %d hops", want.id, got["boxes"], got["arrows"], services, hops)
	}
	if got["width"].(float64) <= 0 || got["height"].(float64) <= 0 {
		t.Errorf("the chain's SVG is %v×%v", got["width"], got["height"])
	}
	shot, err := chromedp.Run(bctx, chromedp.Screenshot(chromedp.ID("cost")))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(artifactDir(t), "report-cost-layered.png")
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("page error: %s", p)
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
