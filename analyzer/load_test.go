package analyzer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

// extract writes testdata/loader/NAME.txtar into a fresh directory.
func extract(t *testing.T, name string) string {
	t.Helper()
	return extractFile(t, filepath.Join("..", "testdata", "loader", name+".txtar"))
}

func analyze(t *testing.T, cfg analyzer.Config) *model.Model {
	t.Helper()
	m, err := analyzer.Analyze(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	return m
}

func unitIDs(m *model.Model) map[string]model.Unit {
	out := map[string]model.Unit{}
	for _, u := range m.Units {
		out[u.ID] = u
	}
	return out
}

func hasEdge(m *model.Model, from, to string, kind model.EdgeKind) (int, bool) {
	for _, e := range m.Edges {
		if e.From == from && e.To == to && e.Kind == kind {
			return e.Weight, true
		}
	}
	return 0, false
}

func TestBrokenPackageIsSkippedAndReported(t *testing.T) {
	m := analyze(t, analyzer.Config{Dir: extract(t, "broken")})
	units := unitIDs(m)
	for _, id := range []string{"example.com/broken/a.Hello", "example.com/broken/d.Greet", "example.com/broken/c.UsesBroken"} {
		if _, ok := units[id]; !ok {
			t.Errorf("unit %s missing: packages whose own code type-checks must still be analysed", id)
		}
	}
	for _, id := range []string{"example.com/broken/b.Broken", "example.com/broken/g.UsesMissing"} {
		if _, ok := units[id]; ok {
			t.Errorf("unit %s present: a package that does not type-check must be skipped", id)
		}
	}
	var skipped []string
	for _, sp := range m.Skipped {
		skipped = append(skipped, sp.Package)
	}
	if got := strings.Join(skipped, " "); got != "example.com/broken/b example.com/broken/e example.com/broken/g" {
		t.Errorf("skipped %s, want b, e and g", got)
	}
	var sawC bool
	for _, d := range m.Diagnostics {
		sawC = sawC || d.Package == "example.com/broken/c" && strings.Contains(d.Message, "analysed although its dependency example.com/broken/b does not type-check")
	}
	if !sawC {
		t.Errorf("no diagnostic says c is analysed without what it uses of b: %+v", m.Diagnostics)
	}
	if _, ok := hasEdge(m, "example.com/broken/d.Greet", "example.com/broken/a.Hello", model.EdgeCall); !ok {
		t.Errorf("call d.Greet → a.Hello missing")
	}
	var sawB, sawE bool
	for _, d := range m.Diagnostics {
		if d.File == "b/b.go" && d.Line == 4 && strings.Contains(d.Message, "undefinedThing") {
			sawB = true
		}
		if d.File == "e/e.go" && d.Line == 3 {
			sawE = true
		}
	}
	if !sawB || !sawE {
		t.Errorf("want diagnostics at b/b.go:4 (type error) and e/e.go:3 (syntax error), got %+v", m.Diagnostics)
	}
}

func TestNotAModule(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	_, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
	if !errors.Is(err, analyzer.ErrNotModule) {
		t.Fatalf("want ErrNotModule, got %v", err)
	}
	if !strings.Contains(err.Error(), "go mod init") {
		t.Errorf("the error should say what to do: %v", err)
	}
}

func TestBuildTags(t *testing.T) {
	dir := extract(t, "buildtags")
	plain := unitIDs(analyze(t, analyzer.Config{Dir: dir}))
	if _, ok := plain["example.com/tags/lib.Pro"]; ok {
		t.Error("lib.Pro present without the pro tag")
	}
	pro := analyze(t, analyzer.Config{Dir: dir, Tags: []string{"pro"}})
	if _, ok := unitIDs(pro)["example.com/tags/lib.Pro"]; !ok {
		t.Error("lib.Pro missing with --tags pro")
	}
	if _, ok := hasEdge(pro, "example.com/tags/lib.Pro", "example.com/tags/lib.Free", model.EdgeCall); !ok {
		t.Error("call Pro → Free missing")
	}
}

func TestCgo(t *testing.T) {
	m := analyze(t, analyzer.Config{Dir: extract(t, "cgo")})
	u, ok := unitIDs(m)["example.com/cgo/native.Twice"]
	if !ok {
		t.Fatalf("native.Twice missing; diagnostics: %+v", m.Diagnostics)
	}
	if u.File != "native/native.go" || u.Line != 9 {
		t.Errorf("Twice at %s:%d, want native/native.go:9 (the original file, not cgo's output)", u.File, u.Line)
	}
	if _, ok := hasEdge(m, "example.com/cgo/native.Quad", "example.com/cgo/native.Twice", model.EdgeCall); !ok {
		t.Error("call Quad → Twice missing")
	}
}

func TestVendor(t *testing.T) {
	m := analyze(t, analyzer.Config{Dir: extract(t, "vendor")})
	for _, p := range m.Packages {
		if strings.HasPrefix(p.Path, "example.com/dep") {
			t.Errorf("vendored package %s analysed", p.Path)
		}
	}
	u, ok := unitIDs(m)["example.com/vend/app.Run"]
	if !ok {
		t.Fatalf("app.Run missing; diagnostics %+v", m.Diagnostics)
	}
	if len(u.Uses) != 1 || u.Uses[0] != "example.com/dep" {
		t.Errorf("app.Run uses %v, want [example.com/dep]", u.Uses)
	}
}

func TestWorkspace(t *testing.T) {
	m := analyze(t, analyzer.Config{Dir: extract(t, "workspace")})
	if len(m.Modules) != 2 {
		t.Fatalf("modules %+v, want billing and users", m.Modules)
	}
	if _, ok := hasEdge(m, "example.com/billing/invoice.Bill", "example.com/users/account.Name", model.EdgeCall); !ok {
		t.Errorf("cross-module call missing; units %d, diagnostics %+v", len(m.Units), m.Diagnostics)
	}
	u := unitIDs(m)["example.com/users/account.Name"]
	if u.File != "users/account/account.go" {
		t.Errorf("file %q, want it relative to the workspace root", u.File)
	}
}

func TestUnitsAndEdges(t *testing.T) {
	dir := extract(t, "generics")
	m := analyze(t, analyzer.Config{Dir: dir})
	units := unitIDs(m)
	const p = "example.com/gen/store."
	for id, kind := range map[string]model.UnitKind{
		p + "Set": model.KindType, p + "Set.Add": model.KindMethod, p + "NewSet": model.KindFunc,
		p + "hits": model.KindVar, p + "mu": model.KindVar, p + "Small": model.KindConst,
		p + "init": model.KindFunc, p + "init#2": model.KindFunc, p + "User.Label": model.KindMethod,
	} {
		if u, ok := units[id]; !ok || u.Kind != kind {
			t.Errorf("unit %s: got %+v, want kind %s", id, u, kind)
		}
	}
	if _, ok := units[p+"cache"]; ok {
		t.Error("cache is in the hits block: the block is one unit named hits")
	}
	if _, ok := units[p+"Large"]; ok {
		t.Error("Large is in the Small block")
	}
	if !units[p+"Generated"].Generated || units[p+"Set"].Generated {
		t.Error("generated marking wrong")
	}
	if _, ok := units[p+"TestSet"]; ok {
		t.Error("test units present without --tests")
	}
	if u := units[p+"Count"]; u.LOC != 7 || !u.Exported {
		t.Errorf("Count: loc %d exported %v, want 7 and true", u.LOC, u.Exported)
	}
	for _, e := range []struct {
		from, to string
		kind     model.EdgeKind
	}{
		{p + "Set.Add", p + "Set", model.EdgeMethod},
		{p + "Count", p + "hits", model.EdgeGlobalWrite},
		{p + "Count", p + "mu", model.EdgeGlobalWrite},
		{p + "Read", p + "hits", model.EdgeGlobalRead},
		{p + "Count", p + "Small", model.EdgeRef},
		{p + "User", p + "Base", model.EdgeEmbed},
		{p + "User", p + "Named", model.EdgeEmbed},
		{p + "User", p + "Set", model.EdgeRef},
		{p + "Generated", p + "NewSet", model.EdgeCall},
		{p + "Generated", p + "Set.Add", model.EdgeCall},
		{p + "init#2", p + "Small", model.EdgeRef},
	} {
		if _, ok := hasEdge(m, e.from, e.to, e.kind); !ok {
			t.Errorf("edge %s -%s-> %s missing", e.from, e.kind, e.to)
		}
	}
	if _, ok := hasEdge(m, p+"Read", p+"hits", model.EdgeGlobalWrite); ok {
		t.Error("Read only reads")
	}
	mt := analyze(t, analyzer.Config{Dir: dir, Tests: true})
	if _, ok := unitIDs(mt)[p+"TestSet"]; !ok {
		t.Error("TestSet missing with --tests")
	}
}

func TestExclude(t *testing.T) {
	dir := extract(t, "broken")
	m := analyze(t, analyzer.Config{Dir: dir, Exclude: []string{"b", ".../c", "example.com/broken/e", "g/..."}})
	for _, d := range m.Diagnostics {
		if d.Package != "" && !strings.HasSuffix(d.Package, "/a") && !strings.HasSuffix(d.Package, "/d") {
			t.Errorf("excluded package reported: %+v", d)
		}
	}
	if len(m.Packages) != 2 {
		t.Errorf("packages %+v, want a and d", m.Packages)
	}
}

func TestDeterministic(t *testing.T) {
	dir := extract(t, "generics")
	var outs []string
	for i := 0; i < 2; i++ {
		m := analyze(t, analyzer.Config{Dir: dir})
		var b strings.Builder
		if err := m.Encode(&b); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b.String())
	}
	if outs[0] != outs[1] {
		t.Error("two runs encode differently")
	}
}

func TestExcludePatterns(t *testing.T) {
	dir := extract(t, "broken")
	for _, c := range []struct {
		pattern string
		want    int // packages left of a and d
	}{
		{".../a/...", 1}, // go-style: a itself and below
		{"example.com/broken/a", 1},
		{"a", 1},                 // any element
		{"[ax]", 1},              // a glob over one element
		{"example.com/.../d", 1}, // ... in the middle
	} {
		m := analyze(t, analyzer.Config{Dir: dir, Exclude: []string{c.pattern, "b", "c", "e"}})
		if len(m.Packages) != c.want {
			t.Errorf("--exclude %q: %d packages left, want %d", c.pattern, len(m.Packages), c.want)
		}
	}
}

func TestNothingTypeChecks(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/b\n\ngo 1.26\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "a", "a.go"), []byte("package a\n\nfunc F() { y }\n"), 0o644)
	_, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "a/a.go:3") || !strings.Contains(err.Error(), "could be type-checked") {
		t.Fatalf("want an error naming a/a.go:3, got %v", err)
	}
}
