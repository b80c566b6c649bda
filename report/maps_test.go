package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/graph"
	"github.com/splitter-go/splitter/render"
)

// Every service gets a fill of its own, past the palette too, and the
// kernel's grey is nobody's.
func TestServiceFills(t *testing.T) {
	seen := map[fill]int{}
	for i := range 200 {
		f := serviceFill(i)
		if j, ok := seen[f]; ok {
			t.Fatalf("services %d and %d share %v", j, i, f)
		}
		if f.right != "" {
			if _, ok := seen[fill{left: f.right, right: f.left}]; ok {
				t.Errorf("service %d is another's fill swapped: %v", i, f)
			}
			if f.left == f.right {
				t.Errorf("service %d: two halves of one colour", i)
			}
		}
		if f.left == sharedColour || f.right == sharedColour {
			t.Errorf("service %d has the kernel's colour", i)
		}
		seen[f] = i
	}
	if got := string(serviceFill(21).css()); !strings.HasPrefix(got, "background: linear-gradient(90deg, ") {
		t.Errorf("two-colour swatch: %q", got)
	}
}

var bbAttr = regexp.MustCompile(`id="([^"]+)".*bb="([0-9.]+),([0-9.]+),([0-9.]+),([0-9.]+)"`)
var posAttr = regexp.MustCompile(`^\s+"([^"]+)" \[.*pos="([0-9.]+),([0-9.]+)", width=([0-9.]+), height=([0-9.]+)\]`)

// The function map's boxes do not overlap, each node lies in its box, the
// trigger sources are at the top left, and the picture is wider than tall.
func TestFunctionMapPacking(t *testing.T) {
	for _, name := range []string{"miniflux", "layered", "layered-3"} {
		v := newView(fixture(t, name), Options{})
		v.functionsView()
		d := functionMap(v, DefaultMaxNodes, render.NodeSizes)
		type rect struct{ x0, y0, x1, y1 float64 }
		var boxes []rect
		var ids []string
		var nodes []rect
		var inBox []int
		var W, H float64
		for _, line := range strings.Split(string(d.DOT), "\n") {
			if m := bbAttr.FindStringSubmatch(line); m != nil {
				f := func(i int) float64 { x, _ := strconv.ParseFloat(m[i], 64); return x }
				r := rect{f(2), f(3), f(4), f(5)}
				if m[1] == "fm" {
					W, H = r.x1, r.y1
					continue
				}
				boxes, ids = append(boxes, r), append(ids, m[1])
			}
			if m := posAttr.FindStringSubmatch(line); m != nil {
				f := func(i int) float64 { x, _ := strconv.ParseFloat(m[i], 64); return x }
				x, y, w, h := f(2), f(3), f(4)*72, f(5)*72
				nodes = append(nodes, rect{x - w/2, y - h/2, x + w/2, y + h/2})
				inBox = append(inBox, len(boxes)-1)
			}
		}
		if len(boxes) < 2 || len(nodes) != len(v.M.Functions)+len(strings.Split(strings.TrimSpace(fmt.Sprint(kindsOf(v))), " ")) {
			t.Errorf("%s: %d boxes and %d nodes for %d functions", name, len(boxes), len(nodes), len(v.M.Functions))
		}
		for i := range boxes {
			for j := i + 1; j < len(boxes); j++ {
				a, b := boxes[i], boxes[j]
				if a.x0 < b.x1-0.5 && b.x0 < a.x1-0.5 && a.y0 < b.y1-0.5 && b.y0 < a.y1-0.5 {
					t.Errorf("%s: boxes %s and %s overlap", name, ids[i], ids[j])
				}
			}
		}
		for k, n := range nodes {
			b := boxes[inBox[k]]
			if n.x0 < b.x0-0.5 || n.x1 > b.x1+0.5 || n.y0 < b.y0-0.5 || n.y1 > b.y1+0.5 {
				t.Errorf("%s: node %d %v sticks out of %s %v", name, k, n, ids[inBox[k]], b)
			}
		}
		if ids[0] != "fm-triggers" || boxes[0].x0 != 0 || boxes[0].y1 != H {
			t.Errorf("%s: the trigger sources are not at the top left: %s at %v (picture %v×%v)", name, ids[0], boxes[0], W, H)
		}
		if W < H && len(v.M.Functions) > 10 {
			t.Errorf("%s: the map is %v×%v, taller than wide", name, W, H)
		}
	}
}

func kindsOf(v *view) string {
	seen := map[string]bool{}
	var out []string
	for _, f := range v.M.Functions {
		for _, t := range f.Triggers {
			if !seen[string(t.Type)] {
				seen[string(t.Type)] = true
				out = append(out, string(t.Type))
			}
		}
	}
	return strings.Join(out, " ")
}

// reduce keeps what every package reaches, and drops the edges a longer
// path implies.
func TestReduce(t *testing.T) {
	n := func(ids ...string) []graph.Node {
		var out []graph.Node
		for _, id := range ids {
			out = append(out, graph.Node{ID: id})
		}
		return out
	}
	e := func(from, to string) graph.Edge { return graph.Edge{From: from, To: to, Weight: 1} }
	nodes := n("a", "b", "c", "d", "x", "y")
	edges := []graph.Edge{e("a", "b"), e("b", "c"), e("a", "c"), e("c", "d"), e("a", "d"), e("x", "y"), e("y", "x"), e("x", "c")}
	kept, dropped := reduce(nodes, edges)
	reach := func(es []graph.Edge) map[string]bool {
		out := map[string]bool{}
		adj := map[string][]string{}
		for _, e := range es {
			adj[e.From] = append(adj[e.From], e.To)
		}
		for _, s := range []string{"a", "b", "c", "d", "x", "y"} {
			seen := map[string]bool{}
			stack := []string{s}
			for len(stack) > 0 {
				u := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				for _, v := range adj[u] {
					if !seen[v] {
						seen[v] = true
						out[s+">"+v] = true
						stack = append(stack, v)
					}
				}
			}
		}
		return out
	}
	before, after := reach(edges), reach(kept)
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("reachability changed:\n%v\n%v", before, after)
	}
	if dropped != 2 || len(kept) != len(edges)-2 {
		t.Errorf("dropped %d (kept %v), want a>c and a>d", dropped, kept)
	}
	for _, k := range kept {
		if k.From == "a" && (k.To == "c" || k.To == "d") {
			t.Errorf("kept %v, implied by a>b>c>d", k)
		}
	}
}

// orientation lays deep, narrow graphs out top to bottom and shallow, wide
// ones left to right.
func TestOrientation(t *testing.T) {
	var chain, fan []graph.Node
	var chainE, fanE []graph.Edge
	for i := range 8 {
		chain = append(chain, graph.Node{ID: fmt.Sprint(i), Label: fmt.Sprintf("internal/pkg%d", i)})
		if i > 0 {
			chainE = append(chainE, graph.Edge{From: fmt.Sprint(i - 1), To: fmt.Sprint(i)})
		}
	}
	fan = append(fan, graph.Node{ID: "root", Label: "hugolib"})
	for i := range 20 {
		fan = append(fan, graph.Node{ID: fmt.Sprint(i), Label: fmt.Sprintf("pkg%d", i)})
		fanE = append(fanE, graph.Edge{From: "root", To: fmt.Sprint(i)})
	}
	if got := orientation(chain, chainE); got != "TB" {
		t.Errorf("a chain of 8: %s, want TB", got)
	}
	if got := orientation(fan, fanE); got != "LR" {
		t.Errorf("a fan of 20: %s, want LR", got)
	}
}

// A finding made at several places is one row listing them; counts say
// "1 entry point", not "1 entry points".
func TestFindingsOnceAndPlurals(t *testing.T) {
	_, page := writeReport(t, fixture(t, "miniflux"), Options{Render: func([]byte) ([]byte, error) { return []byte("<svg></svg>"), nil }})
	if n := strings.Count(page, "this go statement starts a goroutine"); n != 1 {
		t.Errorf("the SPL103 message is on the page %d times, want once", n)
	}
	if !strings.Contains(page, "11 places:") {
		t.Error("the SPL103 row does not say it has 11 places")
	}
	if bad := regexp.MustCompile(`(^|[^0-9.,])1 (entry points|units|functions|calls|services|places|call sites)\b`).FindString(page); bad != "" {
		t.Errorf("the page says %q", bad)
	}
	if !strings.Contains(page, "(1 call)") {
		t.Error("no singular call count on the page")
	}
}
