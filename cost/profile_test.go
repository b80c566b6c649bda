package cost

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/pprof/profile"

	"github.com/splitter-go/splitter/model"
)

// The committed CPU profile (testdata/webhooks.pprof) of testdata/profgen,
// a program running the layered example's code: webhooks through
// handlers.webhookHandler.ServeHTTP → PaymentService.HandleWebhook →
// VerifySignature (an HMAC of the body), and models.Order.Recalculate →
// OrderItem.LineTotal (inlined) over a big order.
const (
	webhooksProfile = "testdata/webhooks.pprof"
	shop            = "example.com/shop/"
	serveWebhook    = shop + "handlers.webhookHandler.ServeHTTP"
	handleWebhook   = shop + "services.PaymentService.HandleWebhook"
	verifySignature = shop + "services.VerifySignature"
	recalculate     = shop + "models.Order.Recalculate"
	lineTotal       = shop + "models.OrderItem.LineTotal"
	webhookEntry    = "http:POST /v1/webhooks/payments/{provider}"
)

// copyModel copies what Weigh and Annotate write to.
func copyModel(m *model.Model) *model.Model {
	c := *m
	c.Edges = append([]model.Edge(nil), m.Edges...)
	c.Units = append([]model.Unit(nil), m.Units...)
	c.EntryPoints = append([]model.EntryPoint(nil), m.EntryPoints...)
	return &c
}

func edgeSamples(m *model.Model) map[[2]string]int64 {
	out := map[[2]string]int64{}
	for _, e := range m.Edges {
		if e.Kind == model.EdgeCall && e.Samples != 0 {
			out[[2]string{e.From, e.To}] = e.Samples
		}
	}
	return out
}

// TestProfileWeights checks that the samples land on the call edges the
// program ran, and only on code it ran.
func TestProfileWeights(t *testing.T) {
	m := copyModel(layeredModel(t))
	o, err := Read(m, []string{webhooksProfile})
	if err != nil {
		t.Fatal(err)
	}
	s := o.Summary
	if s.SampleType != "cpu/nanoseconds" || s.Samples == 0 || s.Total == 0 || s.MatchedValue == 0 || s.MatchedValue > s.Total {
		t.Errorf("summary: %+v", s)
	}
	// The program is all this version's code: nothing unmatched; the
	// runtime, net/http and crypto are outside the module.
	if s.UnmatchedFrames != 0 || len(s.Unmatched) != 0 || s.ExternalFrames == 0 || s.External == 0 || s.Frames <= s.ExternalFrames {
		t.Errorf("frames: %+v", s)
	}
	o.Weigh(m)
	got := edgeSamples(m)
	serve, verify, line := got[[2]string{serveWebhook, handleWebhook}], got[[2]string{handleWebhook, verifySignature}], got[[2]string{recalculate, lineTotal}]
	if serve == 0 || verify == 0 || line == 0 {
		t.Fatalf("ServeHTTP → HandleWebhook %d, HandleWebhook → VerifySignature %d, Recalculate → LineTotal (inlined) %d: want samples on each", serve, verify, line)
	}
	// The value on an edge is the work below it: what VerifySignature
	// does is part of what HandleWebhook does.
	if verify > serve {
		t.Errorf("HandleWebhook → VerifySignature has %d, more than ServeHTTP → HandleWebhook's %d", verify, serve)
	}
	// Every weighted edge is on a path the program ran.
	ran := reachable(m, serveWebhook, recalculate)
	for k, v := range got {
		if !ran[k[0]] {
			t.Errorf("%s → %s has %d samples, but the program never runs %s", k[0], k[1], v, k[0])
		}
	}
	if m.Profile == nil || m.Profile.Weighted != len(got) {
		t.Errorf("model profile %+v, want %d weighted edges", m.Profile, len(got))
	}

	// The webhook route's requests run ServeHTTP: their samples are the
	// stacks through it. Under the pinned cut everything it runs is in
	// payments (and the kernel): nothing crosses a boundary.
	r := Compute(m, truthCut(t, m), Options{Observed: o})
	c := entry(t, r, webhookEntry)
	if c.Samples < serve || c.Samples > s.Total || c.RemoteSamples != 0 || r.Summary.Remote != 0 || r.Summary.Observed != s.Total {
		t.Errorf("under the pinned cut: %s %+v, summary %+v", webhookEntry, c, r.Summary)
	}
	// Taking the signature check out to a service of its own puts the
	// HMAC behind a remote call: exactly the samples of that edge cross.
	a := truthCut(t, m)
	a[verifySignature], a[shop+"services.webhookSecret"] = "security", "security"
	r = Compute(m, a, Options{Observed: o})
	c = entry(t, r, webhookEntry)
	if c.RemoteSamples != verify || r.Summary.Remote != verify {
		t.Errorf("with security apart: %s crosses %d (summary %d), want %d", webhookEntry, c.RemoteSamples, r.Summary.Remote, verify)
	}
	for _, l := range r.Links {
		if l.From == "payments" && l.To == "security" && l.Samples != verify {
			t.Errorf("payments → security carries %d, want %d", l.Samples, verify)
		}
	}

	// Two profiles add up.
	o2, err := Read(m, []string{webhooksProfile, webhooksProfile})
	if err != nil {
		t.Fatal(err)
	}
	if o2.Summary.Total != 2*s.Total || o2.edges[[2]string{serveWebhook, handleWebhook}] != 2*serve {
		t.Errorf("the profile read twice: total %d, ServeHTTP → HandleWebhook %d; want %d and %d",
			o2.Summary.Total, o2.edges[[2]string{serveWebhook, handleWebhook}], 2*s.Total, 2*serve)
	}
}

// reachable returns the units reachable over call edges from roots.
func reachable(m *model.Model, roots ...string) map[string]bool {
	succ := map[string][]string{}
	for _, e := range m.Edges {
		if e.Kind == model.EdgeCall {
			succ[e.From] = append(succ[e.From], e.To)
		}
	}
	seen := map[string]bool{}
	var walk func(u string)
	walk = func(u string) {
		if seen[u] {
			return
		}
		seen[u] = true
		for _, v := range succ[u] {
			walk(v)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return seen
}

// TestProfileOtherVersion reads the profile against models of other
// versions of the code: what still exists matches, what is gone is
// listed, never dropped.
func TestProfileOtherVersion(t *testing.T) {
	base := copyModel(layeredModel(t))
	o, err := Read(base, []string{webhooksProfile})
	if err != nil {
		t.Fatal(err)
	}
	o.Weigh(base)
	want := edgeSamples(base)

	// Lines moved (code added above every declaration): names still match.
	moved := copyModel(base)
	for i := range moved.Units {
		moved.Units[i].Line += 40
		moved.Units[i].EndLine += 40
	}
	om, err := Read(moved, []string{webhooksProfile})
	if err != nil {
		t.Fatal(err)
	}
	om.Weigh(moved)
	if got := edgeSamples(moved); len(got) != len(want) || got[[2]string{serveWebhook, handleWebhook}] != want[[2]string{serveWebhook, handleWebhook}] {
		t.Errorf("with lines moved: %v, want %v", got, want)
	}

	// VerifySignature renamed away: its frames are the module's and match
	// no unit; they are listed with their value, the rest still matches.
	gone := copyModel(base)
	gone.Units = gone.Units[:0]
	for _, u := range base.Units {
		if u.ID != verifySignature {
			gone.Units = append(gone.Units, u)
		}
	}
	gone.Edges = gone.Edges[:0]
	for _, e := range base.Edges {
		if e.From != verifySignature && e.To != verifySignature {
			gone.Edges = append(gone.Edges, e)
		}
	}
	og, err := Read(gone, []string{webhooksProfile})
	if err != nil {
		t.Fatal(err)
	}
	s := og.Summary
	if s.UnmatchedFrames == 0 || len(s.Unmatched) != 1 || s.Unmatched[0].Function != verifySignature ||
		s.Unmatched[0].Value != want[[2]string{handleWebhook, verifySignature}] || !strings.HasSuffix(s.Unmatched[0].File, "services/payments.go") {
		t.Errorf("with VerifySignature gone: unmatched %+v (%d frames), want it with value %d", s.Unmatched, s.UnmatchedFrames, want[[2]string{handleWebhook, verifySignature}])
	}
	og.Weigh(gone)
	if got := edgeSamples(gone)[[2]string{serveWebhook, handleWebhook}]; got != want[[2]string{serveWebhook, handleWebhook}] {
		t.Errorf("with VerifySignature gone, ServeHTTP → HandleWebhook has %d, want %d", got, want[[2]string{serveWebhook, handleWebhook}])
	}
}

// TestProfileErrors: what is not a profile, and profiles that do not add up.
func TestProfileErrors(t *testing.T) {
	m := layeredModel(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.pprof")
	if err := os.WriteFile(junk, []byte("not a profile"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(m, []string{junk}); err == nil || !strings.Contains(err.Error(), "junk.pprof: not a pprof profile") {
		t.Errorf("junk: %v", err)
	}
	if _, err := Read(m, []string{filepath.Join(dir, "missing.pprof")}); err == nil {
		t.Error("a missing file reads")
	}
	heap := &profile.Profile{
		SampleType: []*profile.ValueType{{Type: "alloc_space", Unit: "bytes"}},
		Function:   []*profile.Function{{ID: 1, Name: recalculate}},
	}
	heap.Location = []*profile.Location{{ID: 1, Line: []profile.Line{{Function: heap.Function[0], Line: 86}}}}
	heap.Sample = []*profile.Sample{{Location: heap.Location, Value: []int64{4096}}}
	hp := filepath.Join(dir, "heap.pprof")
	f, err := os.Create(hp)
	if err != nil {
		t.Fatal(err)
	}
	if err := heap.Write(f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := Read(m, []string{webhooksProfile, hp}); err == nil || !strings.Contains(err.Error(), "cannot be added up") {
		t.Errorf("a CPU and a heap profile: %v", err)
	}
	// A heap profile alone is fine: any profile with stacks.
	o, err := Read(m, []string{hp})
	if err != nil {
		t.Fatal(err)
	}
	if o.Summary.SampleType != "alloc_space/bytes" || o.Summary.MatchedValue != 4096 {
		t.Errorf("heap profile: %+v", o.Summary)
	}
}

// TestMatchFrames checks how frames are tied to units, on a model written
// for it: methods, closures, wrappers and generics by name; package
// initialisers by file and line; main packages by name and file.
func TestMatchFrames(t *testing.T) {
	m := &model.Model{Module: "example.com/app", Packages: []model.Package{
		{Path: "example.com/app/store", Name: "store"},
		{Path: "example.com/app/cmd/app", Name: "main"},
		{Path: "example.com/app/cmd/tool", Name: "main"},
	}}
	add := func(pkg, name, recv, file string, line, end int) {
		id := pkg + "." + name
		if recv != "" {
			id = pkg + "." + recv + "." + name
		}
		m.Units = append(m.Units, model.Unit{ID: id, Package: pkg, Name: name, Recv: recv, File: file, Line: line, EndLine: end})
	}
	const st, app, tool = "example.com/app/store", "example.com/app/cmd/app", "example.com/app/cmd/tool"
	add(st, "Store", "", "store/store.go", 5, 8)
	add(st, "Get", "Store", "store/store.go", 10, 20)
	add(st, "Map", "", "store/generic.go", 3, 9)
	add(st, "cache", "", "store/store.go", 22, 24) // var cache = load()
	add(st, "init", "", "store/store.go", 26, 30)
	add(app, "main", "", "cmd/app/main.go", 3, 10)
	add(app, "run", "", "cmd/app/main.go", 12, 20)
	add(tool, "main", "", "cmd/tool/main.go", 3, 10)
	mt := newMatcher(m)
	cases := []struct {
		fn, file string
		line     int64
		unit     string // "" with kind
		kind     int
	}{
		{st + ".(*Store).Get", "/src/store/store.go", 12, st + ".Store.Get", frameMatched},
		{st + ".Store.Get", "example.com/app/store/store.go", 12, st + ".Store.Get", frameMatched},
		{st + ".(*Store).Get.func1", "", 15, st + ".Store.Get", frameMatched},
		{st + ".(*Store).Get.func1.2", "", 15, st + ".Store.Get", frameMatched},
		{st + ".(*Store).Get-fm", "", 0, st + ".Store.Get", frameMatched},
		{st + ".(*Store).Get.gowrap1", "", 0, st + ".Store.Get", frameMatched},
		{st + ".Map[...]", "", 4, st + ".Map", frameMatched},
		{st + ".Map[go.shape.int]", "", 4, st + ".Map", frameMatched},
		{st + ".Map-range1", "", 4, st + ".Map", frameMatched},
		{st + ".init", "/src/store/store.go", 23, st + ".cache", frameMatched},
		{st + ".init.0", "/src/store/store.go", 27, st + ".init", frameMatched},
		{st + ".init.0.func1", "/src/store/store.go", 28, st + ".init", frameMatched},
		{st + ".init", "/src/store/store.go", 99, "", frameUnmatched},
		{st + ".gone", "/src/store/store.go", 40, "", frameUnmatched},
		{"example.com/app/removed.F", "/src/removed/r.go", 3, "", frameUnmatched},
		{"main.run", "/src/cmd/app/main.go", 14, app + ".run", frameMatched},
		{"main.main", "/src/cmd/tool/main.go", 4, tool + ".main", frameMatched},
		{"main.main", "/elsewhere/profgen/main.go", 4, "", frameExternal},
		{"main.gone", "/src/cmd/app/main.go", 30, "", frameUnmatched},
		{"runtime.mallocgc", "/usr/lib/go/src/runtime/malloc.go", 1000, "", frameExternal},
		{"gopkg.in/yaml%2ev3.(*parser).parse", "", 1, "", frameExternal},
		{"type:.eq.example.com/app/store.Store", "", 1, "", frameExternal},
	}
	for _, c := range cases {
		u, kind := mt.match(c.fn, c.file, c.line)
		got := ""
		if u >= 0 {
			got = mt.ids[u]
		}
		if got != c.unit || kind != c.kind {
			t.Errorf("%s (%s:%d): unit %q kind %d, want %q kind %d", c.fn, c.file, c.line, got, kind, c.unit, c.kind)
		}
	}
}
