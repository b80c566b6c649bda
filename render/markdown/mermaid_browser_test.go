package markdown

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/splitter-go/splitter/diff"
)

// MermaidVersion is the mermaid release the diagrams are checked with; .ci/run
// fetches the same one.
const MermaidVersion = "12.3.0"

// mermaidJS finds mermaid's browser bundle (dist/mermaid.min.js of the npm
// package): $SPLITTER_MERMAID_JS, else where .ci/run puts it.
func mermaidJS() string {
	if p := os.Getenv("SPLITTER_MERMAID_JS"); p != "" {
		return p
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(cache, "splitter", "mermaid-"+MermaidVersion, "mermaid.min.js")
}

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

// TestMermaidParses runs the diagrams through mermaid's own parser and
// renderer, in headless Chromium: the diagram of a real report (testdata of
// package diff: added, removed and unchanged dependencies) and one whose
// service names need escaping.
func TestMermaidParses(t *testing.T) {
	bin := findChromium()
	if bin == "" {
		t.Skip("no Chromium found (/usr/bin/chromium, or chromium, chromium-browser, google-chrome in PATH); .ci/run installs Debian's chromium package")
	}
	js := mermaidJS()
	if _, err := os.Stat(js); err != nil {
		t.Skipf("no mermaid bundle at %s: set SPLITTER_MERMAID_JS to dist/mermaid.min.js of the npm package mermaid@%s (.ci/run fetches it with npm pack)", js, MermaidVersion)
	}
	real := miniReport(t)
	odd := &diff.Report{Dependencies: []diff.Edge{
		{From: `a "quoted" name`, To: "end", Change: "added", Uses: 2},
		{From: "end", To: "graph [x]", Change: "removed", Uses: 1},
		{From: "graph [x]", To: `a "quoted" name`, Uses: 3},
		{From: "ünïcödé & <b>", To: "end", Change: "added", Uses: 1},
	}}
	type diagramCase struct {
		name    string
		diagram string
		labels  []string // drawn
		edges   int
	}
	cases := []diagramCase{
		{"mini", Diagram(real), []string{"orders", "payments", "shipping"}, 3},
		{"escaping", Diagram(odd), []string{`a "quoted" name`, "end", "graph [x]", "ünïcödé &amp; &lt;b&gt;"}, 4},
		{"comment", mermaidBlock(t, string(Diff(real, Options{}))), []string{"orders", "payments", "shipping"}, 3},
	}
	// The diagram of the comment splitter diff writes on the layered
	// example's change (internal/cli's golden file): what a reviewer sees.
	if data, err := os.ReadFile("../../internal/cli/testdata/diff-layered.md"); err == nil {
		cases = append(cases, diagramCase{"layered-golden", mermaidBlock(t, string(data)), []string{"catalog", "inventory"}, 1})
	} else {
		t.Errorf("the layered example's comment: %v", err)
	}

	dir := t.TempDir()
	data, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "mermaid.min.js"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "index.html")
	if err := os.WriteFile(page, []byte(`<!doctype html><meta charset="utf-8"><script src="mermaid.min.js"></script><body></body>`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()), chromedp.Flag("disable-dev-shm-usage", true))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	kind, err := chromedp.Run(bctx, chromedp.Evaluate[string](`mermaid.initialize({startOnLoad: false}); typeof mermaid.parse`))
	if err != nil || kind != "function" {
		t.Fatalf("mermaid did not load from %s: %v (%s)", js, err, kind)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(c.diagram), "```mermaid\n"), "```")
			if !strings.HasPrefix(text, "flowchart") {
				t.Fatalf("not a mermaid flowchart:\n%s", c.diagram)
			}
			type result struct {
				Error string `json:"error"`
				SVG   string `json:"svg"`
				Edges int    `json:"edges"`
			}
			script := fmt.Sprintf(`(async () => {
				const text = %q;
				try {
					await mermaid.parse(text);
					const {svg} = await mermaid.render("d%d", text);
					const div = document.createElement("div");
					div.innerHTML = svg;
					document.body.appendChild(div);
					return {svg, edges: div.querySelectorAll(".flowchart-link").length};
				} catch (e) {
					return {error: String(e && e.message || e)};
				}
			})()`, text, i)
			res, err := chromedp.Run(bctx, chromedp.Evaluate[result](script, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if res.Error != "" {
				t.Fatalf("mermaid %s rejects the diagram: %s\n%s", MermaidVersion, res.Error, text)
			}
			if res.Edges != c.edges {
				t.Errorf("%d edges drawn, want %d:\n%s", res.Edges, c.edges, text)
			}
			for _, l := range c.labels {
				if !strings.Contains(res.SVG, l) {
					t.Errorf("label %q not in the drawing", l)
				}
			}
		})
	}
}

// mermaidBlock returns the mermaid code block of a comment.
func mermaidBlock(t *testing.T, md string) string {
	t.Helper()
	m := regexp.MustCompile("(?s)```mermaid\n.*?```").FindString(md)
	if m == "" {
		t.Fatalf("no mermaid block in:\n%s", md)
	}
	return m
}
