package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/splitter-go/splitter/graph"
	"github.com/splitter-go/splitter/model"
)

// The tests share the process-wide renderer; only the first render pays
// for starting Graphviz.

const small = `digraph "t" {
  node [shape=box];
  "api" [label="api\n3 units"];
  "store" [label="store &amp; <cache>"];
  "a\"b\\c" [label="quote \" back \\ slash"];
  "api" -> "store";
  "api" -> "a\"b\\c";
}
`

func TestSVG(t *testing.T) {
	svg, err := SVG([]byte(small))
	if err != nil {
		t.Fatal(err)
	}
	s := string(svg)
	if !strings.Contains(s, "<svg") || !strings.HasSuffix(strings.TrimSpace(s), "</svg>") {
		t.Fatalf("not an SVG document:\n%s", s)
	}
	for _, want := range []string{
		"<title>api</title>",
		">api</text>",
		">3 units</text>",
		">store &amp; &lt;cache&gt;</text>",
		`>quote &quot; back \ slash</text>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %q:\n%s", want, s)
		}
	}
	again, err := SVG([]byte(small))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(svg, again) {
		t.Errorf("two renders differ:\n%s\n----\n%s", svg, again)
	}
}

func TestSVGBadDOT(t *testing.T) {
	if _, err := SVG([]byte("digraph { a -> ")); err == nil {
		t.Fatal("no error for broken DOT")
	}
	// The renderer still works afterwards.
	if _, err := SVG([]byte("digraph { a -> b }")); err != nil {
		t.Fatal(err)
	}
}

func TestSVGTooLarge(t *testing.T) {
	var b strings.Builder
	b.WriteString("digraph {\n")
	for i := 0; i <= MaxNodes; i++ {
		fmt.Fprintf(&b, "n%d;\n", i)
	}
	b.WriteString("}\n")
	_, err := SVG([]byte(b.String()))
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "--max-nodes") {
		t.Fatalf("got %v, want ErrTooLarge with a hint", err)
	}
}

func TestSVGContextDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// With the renderer busy, a done context gives up waiting for it.
	turn <- struct{}{}
	_, err := SVGContext(ctx, []byte(small))
	<-turn
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
	ctx, cancel = context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := SVGContext(ctx, []byte(small)); err != nil {
		t.Fatal(err)
	}
}

// TestSVGHostileNames renders graph.WriteDOT's output for names made to
// break it and checks Graphviz shows them as they are.
func TestSVGHostileNames(t *testing.T) {
	const pkg = `example.com/app/we"ird\pkg<b>&`
	const name = "Evil\"name\\N</title><script>&amp;\n%%{x}%%"
	m := &model.Model{Module: "example.com/app",
		Packages: []model.Package{{Path: pkg}, {Path: "example.com/app/b"}},
		Units: []model.Unit{
			{ID: pkg + "." + name, Package: pkg, Name: name},
			{ID: "example.com/app/b.F", Package: "example.com/app/b", Name: "F"},
		},
		Edges: []model.Edge{{From: pkg + "." + name, To: "example.com/app/b.F", Kind: model.EdgeCall, Weight: 1}},
	}
	var dot bytes.Buffer
	if err := graph.WriteDOT(&dot, graph.Calls(m, graph.Options{})); err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(dot.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, dot.String())
	}
	var texts []string
	for _, m := range regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllSubmatch(svg, -1) {
		texts = append(texts, html.UnescapeString(string(m[1])))
	}
	got := strings.Join(texts, "\n")
	for _, want := range []string{
		`we"ird\pkg<b>&`,                     // the cluster
		"Evil\"name\\N</title><script>&amp;", // the label's first line
		"%%{x}%%",                            // its second line
	} {
		if !strings.Contains(got, want) {
			t.Errorf("SVG text lacks %q; texts:\n%s", want, got)
		}
	}
	tip := regexp.MustCompile(`xlink:title="([^"]*)"`).FindAllSubmatch(svg, -1)
	var tips []string
	for _, m := range tip {
		tips = append(tips, html.UnescapeString(string(m[1])))
	}
	if want := pkg + "." + name + " (0 LOC)"; !strings.Contains(strings.Join(tips, "\n"), want) {
		t.Errorf("no tooltip reads %q; tooltips:\n%s", want, strings.Join(tips, "\n"))
	}
	if bytes.Contains(svg, []byte("<script")) || bytes.Contains(svg, []byte("</title><script")) {
		t.Errorf("markup got through:\n%s", svg)
	}
}

// The graph's layout attribute picks the engine, as in Graphviz's command;
// an engine Graphviz does not have is an error that names the ones it has.
func TestSVGLayout(t *testing.T) {
	dot := func(layout string) []byte {
		return []byte(`digraph { graph [layout=` + layout + `]; a -> b; b -> c; c -> a; }`)
	}
	byDot, err := SVG(dot("dot"))
	if err != nil {
		t.Fatal(err)
	}
	byNeato, err := SVG(dot("neato"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(byDot, byNeato) {
		t.Error("neato and dot drew the same picture: the layout attribute is ignored")
	}
	if _, err := SVG(dot("nosuch")); err == nil || !strings.Contains(err.Error(), "unknown layout \"nosuch\"") || !strings.Contains(err.Error(), "neato") {
		t.Errorf("unknown layout: %v", err)
	}
	// nop2 draws the nodes where the DOT puts them.
	svg, err := SVG([]byte(`digraph { graph [layout=nop2, bb="0,0,300,100"]; node [shape=box]; a [pos="50,50", width=1, height=0.5]; b [pos="250,50", width=1, height=0.5]; }`))
	if err != nil {
		t.Fatal(err)
	}
	xs := regexp.MustCompile(`x="([0-9.]+)"[^>]*>([ab])</text>`).FindAllStringSubmatch(string(svg), -1)
	if len(xs) != 2 || xs[0][2] != "a" {
		t.Fatalf("nop2 drew %v:\n%s", xs, svg)
	}
	var xa, xb float64
	fmt.Sscan(xs[0][1], &xa)
	fmt.Sscan(xs[1][1], &xb)
	if xb-xa != 200 {
		t.Errorf("nop2 put a and b %v apart, want the 200 pt the DOT says", xb-xa)
	}
}

func TestNodeSizes(t *testing.T) {
	sizes, err := NodeSizes([]byte(`digraph { node [shape=box, fontname="Helvetica", fontsize=12]; short [label="a"]; long [label="a much longer label\nand a second line"]; }`))
	if err != nil {
		t.Fatal(err)
	}
	s, l := sizes["short"], sizes["long"]
	if len(sizes) != 2 || s.Width <= 0 || l.Width <= s.Width || l.Height <= s.Height {
		t.Errorf("sizes %v: want the long two-line label wider and taller", sizes)
	}
}
