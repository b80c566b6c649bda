// Command reportload opens a splitter report in headless Chromium and
// prints how long it takes to become usable: the page's load event, then
// opening every collapsed section (each service's details) and typing a
// filter into the search box, the two interactions that touch the whole
// page. Issue 13's budget is a report that opens in under 3 s.
//
//	go run ./bench/reportload [-chromium PATH] [-runs N] DIR/index.html
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	bin := flag.String("chromium", "", "Chromium binary (default: /usr/bin/chromium or one in PATH)")
	runs := flag.Int("runs", 3, "page loads; the median is printed")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: reportload [-chromium PATH] [-runs N] DIR/index.html")
		os.Exit(2)
	}
	page, err := filepath.Abs(flag.Arg(0))
	check(err)
	if *bin == "" {
		*bin = findChromium()
	}
	if *bin == "" {
		fmt.Fprintln(os.Stderr, "reportload: no Chromium found: install Debian's chromium or pass -chromium")
		os.Exit(1)
	}
	info, err := os.Stat(page)
	check(err)
	var loads, opens, filters []float64
	for range max(*runs, 1) {
		l, o, f := once(*bin, "file://"+page)
		loads, opens, filters = append(loads, l), append(opens, o), append(filters, f)
	}
	fmt.Printf("%s (%.1f MB): load %.2fs, open every section %.2fs, filter %.2fs (median of %d)\n",
		page, float64(info.Size())/1e6, median(loads), median(opens), median(filters), len(loads))
}

// once loads the page in a fresh browser and returns the seconds to the
// load event, to open every details element, and to filter by a word.
func once(bin, url string) (load, open, filter float64) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.WindowSize(1400, 900))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	check(chromedp.Do(bctx, chromedp.Navigate("about:blank"))) // start the browser outside the timing
	start := time.Now()
	check(chromedp.Do(bctx, chromedp.Navigate(url)))
	_, err := chromedp.Run(bctx, chromedp.Poll[bool](`document.readyState === "complete"`))
	check(err)
	load = time.Since(start).Seconds()
	start = time.Now()
	// Open them all, then wait for a frame, so that the layout is in the time.
	_, err = chromedp.Run(bctx, chromedp.Evaluate[int](`new Promise(r => { const ds = document.querySelectorAll("details");
		ds.forEach(d => d.open = true); requestAnimationFrame(() => setTimeout(() => r(ds.length), 0)); })`, chromedp.EvalAwaitPromise))
	check(err)
	open = time.Since(start).Seconds()
	start = time.Now()
	_, err = chromedp.Run(bctx, chromedp.Evaluate[bool](`new Promise(r => { const s = document.getElementById("search");
		if (!s) { r(false); return; } s.value = "user"; s.dispatchEvent(new Event("input"));
		requestAnimationFrame(() => setTimeout(() => r(true), 0)); })`, chromedp.EvalAwaitPromise))
	check(err)
	filter = time.Since(start).Seconds()
	return load, open, filter
}

func median(xs []float64) float64 {
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

func findChromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "reportload:", err)
		os.Exit(1)
	}
}
