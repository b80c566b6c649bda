package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

const mod = "example.com/app"

// build makes a model from "pkg.Name" units (pkg relative to mod, "" for the
// root), imports "from>to" between relative packages and unit edges
// "from>to:kind:weight".
func build(units []string, imports []string, edges []string) *model.Model {
	m := &model.Model{Schema: model.Schema, Module: mod, CallGraph: "vta"}
	abs := func(rel string) string {
		if rel == "" {
			return mod
		}
		return mod + "/" + rel
	}
	unitID := func(s string) (string, string, string) {
		i := strings.LastIndex(s, ".")
		return abs(s[:i]) + "." + s[i+1:], abs(s[:i]), s[i+1:]
	}
	pkgs := map[string]*model.Package{}
	pkg := func(p string) *model.Package {
		if pkgs[p] == nil {
			pkgs[p] = &model.Package{Path: p, Name: p[strings.LastIndex(p, "/")+1:]}
		}
		return pkgs[p]
	}
	for _, u := range units {
		id, p, name := unitID(u)
		m.Units = append(m.Units, model.Unit{ID: id, Package: p, Name: name, Kind: model.KindFunc, LOC: 10})
		pkg(p).Units++
		pkg(p).LOC += 10
	}
	for _, imp := range imports {
		from, to, _ := strings.Cut(imp, ">")
		pkg(abs(to))
		pkg(abs(from)).Imports = append(pkg(abs(from)).Imports, abs(to))
	}
	for _, e := range edges {
		var from, to, kind string
		var w int
		ft, rest, _ := strings.Cut(e, ":")
		from, to, _ = strings.Cut(ft, ">")
		fmt.Sscanf(strings.Replace(rest, ":", " ", 1), "%s %d", &kind, &w)
		f, _, _ := unitID(from)
		t, _, _ := unitID(to)
		m.Edges = append(m.Edges, model.Edge{From: f, To: t, Kind: model.EdgeKind(kind), Weight: w})
	}
	for _, p := range pkgs {
		m.Packages = append(m.Packages, *p)
	}
	m.Normalize()
	return m
}

// shop is a small layered module.
func shop() *model.Model {
	return build(
		[]string{".main", "api.Serve", "api.List", "store.Get", "store.Put", "store.open", "util.Log", "util.Fmt", "admin.Run"},
		[]string{">api", ">admin", "api>store", "api>util", "store>util", "admin>store"},
		[]string{
			".main>api.Serve:call:1",
			".main>admin.Run:call:1",
			"api.Serve>api.List:call:1", // inside api: not counted between packages
			"api.List>store.Get:call:3",
			"api.List>store.Put:ref:1",
			"api.Serve>store.Put:call:1",
			"store.Get>store.open:call:1",
			"store.Put>util.Fmt:ref:1",
			"admin.Run>store.Get:call:2",
		},
	)
}

type edgeW struct {
	from, to, kind string
	w              int
}

func edgesOfGraph(g *Graph) []edgeW {
	var out []edgeW
	for _, e := range g.Edges {
		out = append(out, edgeW{rel(e.From), rel(e.To), e.Kind, e.Weight})
	}
	return out
}

func rel(id string) string {
	switch {
	case id == mod:
		return "."
	case strings.HasPrefix(id, mod+"."):
		return id[len(mod):]
	}
	return strings.TrimPrefix(id, mod+"/")
}

func nodeIDs(g *Graph) []string {
	var out []string
	for _, n := range g.Nodes {
		id := rel(n.ID)
		if n.Focus {
			id += "*"
		}
		out = append(out, id)
	}
	return out
}

func TestPackages(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		nodes []string
		edges []edgeW
	}{
		{
			name:  "all",
			nodes: []string{".", "admin", "api", "store", "util"},
			edges: []edgeW{
				{".", "admin", "import", 1},
				{".", "api", "import", 1},
				{"admin", "store", "import", 1},
				{"api", "store", "import", 3}, // List>Get, List>Put, Serve>Put
				{"api", "util", "import", 1},  // no unit edge: weight 1
				{"store", "util", "import", 1},
			},
		},
		{
			name:  "focus relative to the module",
			opts:  Options{Focus: "store"},
			nodes: []string{"admin", "api", "store*", "util"},
			edges: []edgeW{
				{"admin", "store", "import", 1},
				{"api", "store", "import", 3},
				{"store", "util", "import", 1},
			},
		},
		{
			name:  "focus by full path",
			opts:  Options{Focus: mod + "/util"},
			nodes: []string{"api", "store", "util*"},
			edges: []edgeW{
				{"api", "util", "import", 1},
				{"store", "util", "import", 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Packages(shop(), tt.opts)
			if got := nodeIDs(g); !slices.Equal(got, tt.nodes) {
				t.Errorf("nodes = %v, want %v", got, tt.nodes)
			}
			if got := edgesOfGraph(g); !slices.Equal(got, tt.edges) {
				t.Errorf("edges = %v, want %v", got, tt.edges)
			}
			if g.Collapsed != "" {
				t.Errorf("collapsed %q", g.Collapsed)
			}
		})
	}
}

func TestCalls(t *testing.T) {
	tests := []struct {
		name  string
		opts  Options
		nodes []string
		edges []edgeW
	}{
		{
			name:  "calls only",
			nodes: []string{".main", "admin.Run", "api.List", "api.Serve", "store.Get", "store.Put", "store.open"},
			edges: []edgeW{
				{".main", "admin.Run", "call", 1},
				{".main", "api.Serve", "call", 1},
				{"admin.Run", "store.Get", "call", 2},
				{"api.List", "store.Get", "call", 3},
				{"api.Serve", "api.List", "call", 1},
				{"api.Serve", "store.Put", "call", 1},
				{"store.Get", "store.open", "call", 1},
			},
		},
		{
			name:  "focus with refs",
			opts:  Options{Focus: "api", Refs: true},
			nodes: []string{".main", "api.List*", "api.Serve*", "store.Get", "store.Put"},
			edges: []edgeW{
				{".main", "api.Serve", "call", 1},
				{"api.List", "store.Get", "call", 3},
				{"api.List", "store.Put", "ref", 1},
				{"api.Serve", "api.List", "call", 1},
				{"api.Serve", "store.Put", "call", 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := Calls(shop(), tt.opts)
			if got := nodeIDs(g); !slices.Equal(got, tt.nodes) {
				t.Errorf("nodes = %v, want %v", got, tt.nodes)
			}
			if got := edgesOfGraph(g); !slices.Equal(got, tt.edges) {
				t.Errorf("edges = %v, want %v", got, tt.edges)
			}
			for _, n := range g.Nodes {
				if n.Kind != NodeUnit || n.Cluster == "" {
					t.Errorf("node %+v: want a clustered unit", n)
				}
			}
		})
	}
}

// deep has packages at several depths, for folding into directories.
func deep() *model.Model {
	return build(
		[]string{".main", "svc/a.A", "svc/a.A2", "svc/b.B", "svc/c/d.D", "svc/c/e.E", "lib/x.X", "lib/x.X2", "lib/y.Y"},
		[]string{">svc/a", ">svc/b", "svc/a>lib/x", "svc/b>lib/y", "svc/c/d>lib/x", "svc/a>svc/c/d", "svc/c/e>lib/y"},
		[]string{
			".main>svc/a.A:call:1",
			".main>svc/b.B:call:1",
			"svc/a.A>svc/a.A2:call:1",
			"svc/a.A>lib/x.X:call:2",
			"svc/a.A>lib/x.X2:call:1",
			"svc/a.A>svc/c/d.D:call:1",
			"svc/b.B>lib/y.Y:call:4",
			"svc/c/d.D>lib/x.X:call:1",
			"svc/c/e.E>lib/y.Y:call:1",
		},
	)
}

func TestCollapse(t *testing.T) {
	tests := []struct {
		name      string
		calls     bool
		opts      Options
		collapsed string
		nodes     []string
		edges     []edgeW
	}{
		{
			name: "packages fit", opts: Options{MaxNodes: 7},
			nodes: []string{".", "lib/x", "lib/y", "svc/a", "svc/b", "svc/c/d", "svc/c/e"},
		},
		{
			name: "the deepest directory folded", opts: Options{MaxNodes: 6}, collapsed: "dirs:1",
			nodes: []string{".", "lib/x", "lib/y", "svc/a", "svc/b", "svc/c/..."},
			edges: []edgeW{
				{".", "svc/a", "import", 1},
				{".", "svc/b", "import", 1},
				{"svc/a", "lib/x", "import", 2},
				{"svc/a", "svc/c/...", "import", 1},
				{"svc/b", "lib/y", "import", 1},
				{"svc/c/...", "lib/x", "import", 1},
				{"svc/c/...", "lib/y", "import", 1},
			},
		},
		{
			// svc holds three nodes, lib two: folding svc is enough.
			name: "only as far as the budget needs", opts: Options{MaxNodes: 4}, collapsed: "dirs:1",
			nodes: []string{".", "lib/x", "lib/y", "svc/..."},
			edges: []edgeW{
				{".", "svc/...", "import", 2},
				{"svc/...", "lib/x", "import", 3},
				{"svc/...", "lib/y", "import", 2},
			},
		},
		{
			name: "two directories folded", opts: Options{MaxNodes: 3}, collapsed: "dirs:2",
			nodes: []string{".", "lib/...", "svc/..."},
			edges: []edgeW{
				{".", "svc/...", "import", 2},
				{"svc/...", "lib/...", "import", 5},
			},
		},
		{
			name: "packages folded to the root", opts: Options{MaxNodes: 1}, collapsed: "dirs:1",
			nodes: []string{"..."},
			edges: []edgeW{},
		},
		{
			// Folding the root would leave one box: better over budget.
			name: "never the root unless the budget is one", opts: Options{MaxNodes: 2}, collapsed: "dirs:2",
			nodes: []string{".", "lib/...", "svc/..."},
		},
		{
			name: "calls as packages", calls: true, opts: Options{MaxNodes: 7}, collapsed: "packages",
			nodes: []string{".", "lib/x", "lib/y", "svc/a", "svc/b", "svc/c/d", "svc/c/e"},
			edges: []edgeW{
				{".", "svc/a", "call", 1},
				{".", "svc/b", "call", 1},
				{"svc/a", "lib/x", "call", 3},
				{"svc/a", "svc/c/d", "call", 1},
				{"svc/b", "lib/y", "call", 4},
				{"svc/c/d", "lib/x", "call", 1},
				{"svc/c/e", "lib/y", "call", 1},
			},
		},
		{
			name: "calls as directories", calls: true, opts: Options{MaxNodes: 3}, collapsed: "dirs:2",
			nodes: []string{".", "lib/...", "svc/..."},
			edges: []edgeW{
				{".", "svc/...", "call", 2},
				{"svc/...", "lib/...", "call", 9},
			},
		},
		{
			name: "focus units kept, neighbours as packages", calls: true, opts: Options{MaxNodes: 5, Focus: "svc/a"}, collapsed: "neighbours",
			nodes: []string{".", "lib/x", "svc/a.A*", "svc/a.A2*", "svc/c/d"},
			edges: []edgeW{
				{".", "svc/a.A", "call", 1},
				{"svc/a.A", "lib/x", "call", 3},
				{"svc/a.A", "svc/a.A2", "call", 1},
				{"svc/a.A", "svc/c/d", "call", 1},
			},
		},
		{
			name: "focus as packages", calls: true, opts: Options{MaxNodes: 4, Focus: "svc/a"}, collapsed: "packages",
			nodes: []string{".", "lib/x", "svc/a*", "svc/c/d"},
		},
		{
			name: "no budget", calls: true, opts: Options{MaxNodes: -1},
			nodes: []string{".main", "lib/x.X", "lib/x.X2", "lib/y.Y", "svc/a.A", "svc/a.A2", "svc/b.B", "svc/c/d.D", "svc/c/e.E"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var g *Graph
			if tt.calls {
				g = Calls(deep(), tt.opts)
			} else {
				g = Packages(deep(), tt.opts)
			}
			if g.Collapsed != tt.collapsed {
				t.Errorf("collapsed = %q, want %q", g.Collapsed, tt.collapsed)
			}
			if got := nodeIDs(g); !slices.Equal(got, tt.nodes) {
				t.Errorf("nodes = %v, want %v", got, tt.nodes)
			}
			if tt.edges != nil {
				if got := edgesOfGraph(g); !slices.Equal(got, tt.edges) {
					t.Errorf("edges = %v, want %v", got, tt.edges)
				}
			}
			if tt.collapsed != "" && !strings.Contains(strings.Join(g.Notes, "\n"), "collapsed to fit") {
				t.Errorf("notes do not say it was collapsed: %q", g.Notes)
			}
			if tt.opts.MaxNodes > 2 && len(g.Nodes) > tt.opts.MaxNodes {
				t.Errorf("%d nodes over the budget of %d", len(g.Nodes), tt.opts.MaxNodes)
			}
		})
	}
}

func TestCollapseDirNode(t *testing.T) {
	g := Packages(deep(), Options{MaxNodes: 4})
	var svc Node
	for _, n := range g.Nodes {
		if n.ID == mod+"/svc/..." {
			svc = n
		}
	}
	want := Node{ID: mod + "/svc/...", Label: "svc/...", Kind: NodeDir, Packages: 4, Units: 5, LOC: 50}
	if svc != want {
		t.Errorf("svc node = %+v, want %+v", svc, want)
	}
	var dot bytes.Buffer
	if err := WriteDOT(&dot, g); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dot.String(), "4 packages, 5 units, 50 LOC") || !strings.Contains(dot.String(), "collapsed to fit 4 nodes") {
		t.Errorf("DOT lacks the dir's size or the collapse note:\n%s", dot.String())
	}
}

func TestFocusPackages(t *testing.T) {
	m := deep()
	for focus, want := range map[string][]string{
		"svc":             {"svc/a", "svc/b", "svc/c/d", "svc/c/e"},
		"svc/...":         {"svc/a", "svc/b", "svc/c/d", "svc/c/e"},
		"./svc/c":         {"svc/c/d", "svc/c/e"},
		mod + "/lib/x":    {"lib/x"},
		"sv":              nil,
		"example.com/app": {".", "lib/x", "lib/y", "svc/a", "svc/b", "svc/c/d", "svc/c/e"},
	} {
		var got []string
		for _, p := range FocusPackages(m, focus) {
			got = append(got, rel(p))
		}
		if !slices.Equal(got, want) {
			t.Errorf("FocusPackages(%q) = %v, want %v", focus, got, want)
		}
	}
}

// hostile has names made to break every output format.
const hostileName = "Evil\"name\\N</title><script>&amp;\n%%{init: {\"theme\":\"dark\"}}%%#`x`"

func hostile() *model.Model {
	pkgA := mod + `/we"ird\pkg<b>&`
	pkgB := mod + "/plain"
	m := &model.Model{Schema: model.Schema, Module: mod, CallGraph: "vta",
		Packages: []model.Package{
			{Path: pkgA, Units: 1, LOC: 3, Imports: []string{pkgB}},
			{Path: pkgB, Units: 1, LOC: 4},
		},
		Units: []model.Unit{
			{ID: pkgA + "." + hostileName, Package: pkgA, Name: hostileName, Kind: model.KindFunc, LOC: 3},
			{ID: pkgB + ".F", Package: pkgB, Name: "F", Kind: model.KindFunc, LOC: 4},
		},
		Edges: []model.Edge{{From: pkgA + "." + hostileName, To: pkgB + ".F", Kind: model.EdgeCall, Weight: 1}},
	}
	m.Normalize()
	return m
}

// dotStrings returns the quoted strings of a DOT line, as Graphviz's lexer
// reads them (only \" is an escape), and fails on an unterminated one.
func dotStrings(t *testing.T, line string) []string {
	t.Helper()
	var out []string
	for i := 0; i < len(line); i++ {
		if line[i] != '"' {
			continue
		}
		var b strings.Builder
		for i++; ; i++ {
			if i >= len(line) {
				t.Fatalf("unterminated string in DOT line %q", line)
			}
			if line[i] == '\\' && i+1 < len(line) && line[i+1] == '"' {
				b.WriteByte('"')
				i++
				continue
			}
			if line[i] == '\\' && i+1 < len(line) && line[i+1] == '\\' {
				b.WriteString(`\\`)
				i++
				continue
			}
			if line[i] == '"' {
				break
			}
			b.WriteByte(line[i])
		}
		out = append(out, b.String())
	}
	return out
}

// escString decodes a DOT label as Graphviz displays it.
func escString(s string) string {
	r := strings.NewReplacer(`\\`, `\`, `\n`, "\n", `\l`, "\n", "&amp;", "&")
	return r.Replace(s)
}

func TestEscapingDOT(t *testing.T) {
	for _, g := range []*Graph{Calls(hostile(), Options{}), Packages(hostile(), Options{})} {
		var buf bytes.Buffer
		if err := WriteDOT(&buf, g); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		labels := map[string]bool{}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			for _, s := range dotStrings(t, line) {
				labels[escString(s)] = true
			}
		}
		for _, n := range g.Nodes {
			if !labels[n.Label] && !labels[n.Label+"\n"+sizeText(n)] {
				t.Errorf("%s: no DOT label reads back as %q:\n%s", g.View, n.Label, out)
			}
		}
		if n := strings.Count(out, "\n"); n != 6+len(g.Nodes)+len(g.Edges)+3*countClusters(g) {
			t.Errorf("%s: a name broke a line (%d lines):\n%s", g.View, n, out)
		}
	}
}

func countClusters(g *Graph) int {
	_, cls := clusters(g)
	return len(cls)
}

func TestEscapingMermaid(t *testing.T) {
	for _, g := range []*Graph{Calls(hostile(), Options{}), Packages(hostile(), Options{})} {
		var buf bytes.Buffer
		if err := WriteMermaid(&buf, g); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		if strings.Contains(out, "%%{") || strings.Contains(out, "<script") || strings.Contains(out, "</title") {
			t.Errorf("%s: hostile text got through:\n%s", g.View, out)
		}
		id := `n_[A-Za-z0-9_]+`
		nodeLine := regexp.MustCompile(`^ *` + id + `(\["[^"<>&%` + "`" + `]*"\]|\[\["[^"<>&%` + "`" + `]*"\]\])$`)
		edgeLine := regexp.MustCompile(`^  ` + id + ` -\.?->\|[0-9]+\| ` + id + `$`)
		subLine := regexp.MustCompile(`^  subgraph c[0-9]+\["[^"<>&%` + "`" + `]*"\]$`)
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		for i, line := range lines {
			switch {
			case i < 3:
				if i == 1 && !strings.HasPrefix(line, "title: \"") {
					t.Errorf("bad title line %q", line)
				}
			case strings.HasPrefix(line, "%% "), line == "flowchart LR", line == "  end":
			case nodeLine.MatchString(strings.ReplaceAll(line, "<br/>", "")),
				edgeLine.MatchString(line), subLine.MatchString(line):
			default:
				t.Errorf("%s: unexpected mermaid line %q", g.View, line)
			}
		}
		if g.View == ViewCalls && !strings.Contains(out, "Evil#quot;name\\N#lt;/title#gt;#lt;script#gt;#amp;amp;<br/>#37;#37;{init: {#quot;theme#quot;:#quot;dark#quot;}}#37;#37;#35;#96;x#96;") {
			t.Errorf("hostile label not escaped as expected:\n%s", out)
		}
	}
}

func TestEscapingJSON(t *testing.T) {
	g := Calls(hostile(), Options{})
	var buf bytes.Buffer
	if err := WriteJSON(&buf, g); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<script") {
		t.Errorf("JSON holds raw markup:\n%s", buf.String())
	}
	var back Graph
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, buf.String())
	}
	if len(back.Nodes) != 2 || back.Nodes[1].Label != hostileName {
		t.Errorf("names did not survive: %+v", back.Nodes)
	}
}

func TestMermaidIDsUnique(t *testing.T) {
	ids := mermaidIDs(mod, []Node{{ID: "a.b"}, {ID: "a/b"}, {ID: "a_b"}, {ID: "end"}, {ID: mod + "/end"}, {ID: mod + ".main"}})
	want := map[string]string{"a.b": "n_a_b", "a/b": "n_a_b_2", "a_b": "n_a_b_3", "end": "n_end", mod + "/end": "n_end_2", mod + ".main": "n_example_com_app_main"}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
}

// TestDeterministic shuffles the model's slices and checks every format
// gives the same bytes.
func TestDeterministic(t *testing.T) {
	render := func(m *model.Model) string {
		var b strings.Builder
		for _, g := range []*Graph{
			Packages(m, Options{}), Packages(m, Options{MaxNodes: 3}),
			Calls(m, Options{}), Calls(m, Options{MaxNodes: 4}), Calls(m, Options{Focus: "svc", Refs: true}),
		} {
			for _, f := range Formats {
				if err := Write(&b, g, f); err != nil {
					t.Fatal(err)
				}
			}
		}
		return b.String()
	}
	want := render(deep())
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20; i++ {
		m := deep()
		r.Shuffle(len(m.Packages), func(i, j int) { m.Packages[i], m.Packages[j] = m.Packages[j], m.Packages[i] })
		r.Shuffle(len(m.Units), func(i, j int) { m.Units[i], m.Units[j] = m.Units[j], m.Units[i] })
		r.Shuffle(len(m.Edges), func(i, j int) { m.Edges[i], m.Edges[j] = m.Edges[j], m.Edges[i] })
		for k := range m.Packages {
			imps := m.Packages[k].Imports
			r.Shuffle(len(imps), func(i, j int) { imps[i], imps[j] = imps[j], imps[i] })
		}
		if got := render(m); got != want {
			t.Fatalf("output changed with the model's order:\n%s\n----\n%s", got, want)
		}
	}
}
