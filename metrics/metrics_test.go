package metrics

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/splitter-go/splitter/model"
)

const eps = 1e-12

func near(a, b float64) bool { return math.Abs(a-b) < eps }

func call(from, to string, w int) model.Edge {
	return model.Edge{From: from, To: to, Kind: model.EdgeCall, Weight: w}
}

func ref(from, to string, w int) model.Edge {
	return model.Edge{From: from, To: to, Kind: model.EdgeRef, Weight: w}
}

func entry(id string, kind model.EntryKind, targets ...string) model.EntryPoint {
	return model.EntryPoint{ID: id, Kind: kind, Targets: targets}
}

// shop is the model most tests use:
//
//	service a: a1 (10 LOC), a2 (5), a3 (5)
//	service b: b1 (8), b2 (2)
//	shared:    s1 (4)
//	no service: u1 (1); the assignment also names "ghost", not a unit.
//
//	calls: a1→a2 3, a2→a3 1, a1→b1 2, b1→a1 1, b2→a3 1, b1→b2 1,
//	       a1→s1 5, s1→b2 1, b1→u1 1
//	refs:  a3→b1 2, b2→b1 1
//	entry points: E1 http [a1], E2 http [b2], E3 cli [u1], E4 cron [a2],
//	              M main [a1]
func shop() (*model.Model, Assignment) {
	m := &model.Model{
		Units: []model.Unit{
			{ID: "a1", LOC: 10}, {ID: "a2", LOC: 5}, {ID: "a3", LOC: 5},
			{ID: "b1", LOC: 8}, {ID: "b2", LOC: 2},
			{ID: "s1", LOC: 4}, {ID: "u1", LOC: 1},
		},
		Edges: []model.Edge{
			call("a1", "a2", 3), call("a2", "a3", 1), call("a1", "b1", 2),
			call("b1", "a1", 1), call("b2", "a3", 1), call("b1", "b2", 1),
			call("a1", "s1", 5), call("s1", "b2", 1), call("b1", "u1", 1),
			ref("a3", "b1", 2), ref("b2", "b1", 1),
		},
		EntryPoints: []model.EntryPoint{
			entry("E1", model.EntryHTTP, "a1"),
			entry("E2", model.EntryHTTP, "b2"),
			entry("E3", model.EntryCLI, "u1"),
			entry("E4", model.EntryCron, "a2"),
			entry("M", model.EntryMain, "a1"),
		},
	}
	a := Assignment{"a1": "a", "a2": "a", "a3": "a", "b1": "b", "b2": "b", "s1": "shared", "ghost": "a"}
	return m, a
}

func TestComputeShop(t *testing.T) {
	m, a := shop()
	got := Compute(m, a, Options{})

	// ICP: the calls between units in partitions are a1→a2 3, a2→a3 1,
	// b1→b2 1 inside and a1→b1 2, b1→a1 1, b2→a3 1 across (a1→s1, s1→b2 and
	// b1→u1 involve the kernel or an unassigned unit):
	// (ln2+1 + 1 + 1) / (ln3+1 + 1 + 1 + ln2+1 + 1 + 1).
	wantICP := (math.Log(2) + 3) / (math.Log(3) + math.Log(2) + 6)

	// BCP: E1 from a1 reaches a1, a2, b1, s1, a3, b2, u1 (a, b, shared);
	// E2 from b2 reaches b2, a3 (b, a); E3 from u1 reaches nothing else;
	// E4 from a2 reaches a2, a3 (a); M is main, not a context.
	// a: E1, E2, E4 = 3; b: E1, E2 = 2; shared: E1 = 1.
	wantBCP := (math.Log(3) + math.Log(2)) / 2

	// SM: unit pairs with a call: inside a {a1,a2} {a2,a3}: μ_a = 2, N_a = 3;
	// inside b {b1,b2}: μ_b = 1, N_b = 2; across {a1,b1} (called both ways,
	// one pair) {a3,b2}: σ_ab = 2.
	// (2/9 + 1/4)/2 − (2/(3·2)) / 1 = 17/72 − 24/72.
	wantSM := -7.0 / 72

	// Modularity: edges among a1..b2, all kinds, undirected:
	// a1-a2 3, a2-a3 1, a1-b1 2, b1-a1 1, b2-a3 1, b1-b2 1, a3-b1 2, b2-b1 1:
	// W = 12. Inside a: 4, inside b: 2. Degrees: a1 6, a2 4, a3 4 → 14;
	// b1 7, b2 3 → 10.
	// 4/12 − (14/24)² + 2/12 − (10/24)² = 288/576 − 296/576.
	wantQ := -1.0 / 72

	want := Metrics{
		K:          2,
		Modularity: wantQ,
		ICP:        wantICP,
		BCP:        wantBCP,
		SM:         wantSM,
		// API units: a1 (from b1), a3 (from b2), b1 (from a1): 3/2.
		IFN: 1.5,
		// Sizes 3 and 2: none in 5..20.
		NED: 1,
		// a1→b1 2, b1→a1 1, b2→a3 1.
		CrossServiceCalls: Calls{Edges: 3, Weight: 4},
		Partitions: []Partition{
			{Name: "a", Units: 3, LOC: 20, Inbound: 2, Outbound: 2, APIUnits: []string{"a1", "a3"}, Contexts: 3},
			{Name: "b", Units: 2, LOC: 10, Inbound: 2, Outbound: 2, APIUnits: []string{"b1"}, Contexts: 2},
		},
		// a1→s1 5 in, s1→b2 1 out.
		Shared:     Partition{Name: "shared", Units: 1, LOC: 4, Inbound: 5, Outbound: 1, APIUnits: []string{"s1"}, Contexts: 1},
		Unassigned: []string{"u1"},
		Unknown:    []string{"ghost"},
	}
	checkMetrics(t, got, want)
}

func checkMetrics(t *testing.T, got, want Metrics) {
	t.Helper()
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"Modularity", got.Modularity, want.Modularity},
		{"ICP", got.ICP, want.ICP},
		{"BCP", got.BCP, want.BCP},
		{"SM", got.SM, want.SM},
		{"IFN", got.IFN, want.IFN},
		{"NED", got.NED, want.NED},
	} {
		if !near(f.got, f.want) {
			t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
		}
	}
	got.Modularity, got.ICP, got.BCP, got.SM, got.IFN, got.NED = 0, 0, 0, 0, 0, 0
	want.Modularity, want.ICP, want.BCP, want.SM, want.IFN, want.NED = 0, 0, 0, 0, 0, 0
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("got\n%s\nwant\n%s", g, w)
	}
}

func TestNEDBounds(t *testing.T) {
	m, a := shop()
	tests := []struct {
		name string
		opts Options
		want float64
	}{
		{"default 5..20", Options{}, 1},           // sizes 3, 2
		{"3..20", Options{MinSize: 3}, 1 - 3.0/5}, // a in range
		{"2..2", Options{MinSize: 2, MaxSize: 2}, 1 - 2.0/5},
		{"1..3", Options{MinSize: 1, MaxSize: 3}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Compute(m, a, tt.opts).NED; !near(got, tt.want) {
				t.Errorf("NED = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestContextKinds(t *testing.T) {
	m, a := shop()
	tests := []struct {
		name       string
		kinds      []model.EntryKind
		a, b, s    int
		wantBCP    float64
		wantShared int
	}{
		// Default: E1, E2, E4 reach a; E1, E2 reach b; E1 the kernel.
		{name: "default", a: 3, b: 2, s: 1, wantBCP: (math.Log(3) + math.Log(2)) / 2},
		// With main: M from a1 reaches what E1 reaches.
		{name: "all", kinds: []model.EntryKind{model.EntryMain, model.EntryHTTP, model.EntryCLI, model.EntryCron}, a: 4, b: 3, s: 2, wantBCP: (math.Log(4) + math.Log(3)) / 2},
		// E3 reaches only u1: no partition is reached, ln 1 = 0 each.
		{name: "cli only", kinds: []model.EntryKind{model.EntryCLI}, wantBCP: 0},
		// E4 from a2: a only. (ln 1 + 0)/2.
		{name: "cron only", kinds: []model.EntryKind{model.EntryCron}, a: 1, wantBCP: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compute(m, a, Options{ContextKinds: tt.kinds})
			if c := [3]int{got.Partitions[0].Contexts, got.Partitions[1].Contexts, got.Shared.Contexts}; c != [3]int{tt.a, tt.b, tt.s} {
				t.Errorf("contexts a, b, shared = %v, want %v", c, [3]int{tt.a, tt.b, tt.s})
			}
			if !near(got.BCP, tt.wantBCP) {
				t.Errorf("BCP = %v, want %v", got.BCP, tt.wantBCP)
			}
		})
	}
}

// Entry points with the same ID are one business context, whose targets are
// all of theirs.
func TestContextsByID(t *testing.T) {
	m, a := shop()
	// A second E4 from b1 reaches b1, a1, b2, u1, a2, s1, a3: E4 now reaches b too.
	m.EntryPoints = append(m.EntryPoints, entry("E4", model.EntryCron, "b1"))
	got := Compute(m, a, Options{})
	if ca, cb := got.Partitions[0].Contexts, got.Partitions[1].Contexts; ca != 3 || cb != 3 {
		t.Errorf("contexts a, b = %d, %d; want 3, 3", ca, cb)
	}
	if want := math.Log(3); !near(got.BCP, want) {
		t.Errorf("BCP = %v, want %v", got.BCP, want)
	}
}

func TestSharedName(t *testing.T) {
	m, a := shop()
	a["s1"] = "kernel"
	// With the default name, "kernel" is a third service.
	if got := Compute(m, a, Options{}); got.K != 3 || got.Shared.Units != 0 {
		t.Errorf("default name: K = %d, shared units = %d; want 3, 0", got.K, got.Shared.Units)
	}
	// Named as the kernel, the results are those of TestComputeShop.
	got := Compute(m, a, Options{Shared: "kernel"})
	m2, a2 := shop()
	want := Compute(m2, a2, Options{})
	want.Shared.Name = "kernel"
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

// One partition: no coupling at all.
//
//	x→y call 1, y→z call 2, x→z ref 1, all in "one".
func TestOnePartition(t *testing.T) {
	m := &model.Model{
		Units: []model.Unit{{ID: "x", LOC: 1}, {ID: "y", LOC: 2}, {ID: "z", LOC: 3}},
		Edges: []model.Edge{call("x", "y", 1), call("y", "z", 2), ref("x", "z", 1)},
	}
	got := Compute(m, Assignment{"x": "one", "y": "one", "z": "one"}, Options{})
	want := Metrics{
		K: 1,
		// One community holding every edge: 4/4 − (8/8)² = 0.
		Modularity: 0,
		// Every call is inside.
		ICP: 0,
		// No entry point: ln 1 for the partition.
		BCP: 0,
		// Pairs {x,y} and {y,z} (x→z is a ref): 2/3², no coupling term.
		SM:         2.0 / 9,
		IFN:        0,
		NED:        1, // 3 units
		Partitions: []Partition{{Name: "one", Units: 3, LOC: 6}},
		Shared:     Partition{Name: "shared"},
	}
	checkMetrics(t, got, want)
}

// No unit assigned: K = 0, every metric at its empty value.
func TestEmptyAssignment(t *testing.T) {
	m, _ := shop()
	got := Compute(m, nil, Options{})
	want := Metrics{
		NED:        1,
		Partitions: []Partition{},
		Shared:     Partition{Name: "shared"},
		Unassigned: []string{"a1", "a2", "a3", "b1", "b2", "s1", "u1"},
	}
	checkMetrics(t, got, want)
}

// Call edges between the same units add up, a weight below 1 counts as 1,
// self-calls and edges to units outside the model are ignored.
//
//	x→y call 1 (twice), y→x call 0, x→x call 5, x→nowhere call 4;
//	x in "p", y in "q".
func TestEdgeAggregation(t *testing.T) {
	m := &model.Model{
		Units: []model.Unit{{ID: "x"}, {ID: "y"}},
		Edges: []model.Edge{call("x", "y", 1), call("x", "y", 1), call("y", "x", 0), call("x", "x", 5), call("x", "nowhere", 4)},
	}
	got := Compute(m, Assignment{"x": "p", "y": "q"}, Options{})
	want := Metrics{
		K: 2,
		// x→y 2 and y→x 1, undirected W = 3, nothing inside; degrees 3, 3:
		// 0 − (3/6)² + 0 − (3/6)² = −1/2.
		Modularity: -0.5,
		// Both calls cross: (ln2+1 + 1)/(ln2+1 + 1).
		ICP: 1,
		// One pair across: 0 − (1/(1·1))/1.
		SM: -1,
		// x and y are both called from the other partition: 2/2.
		IFN: 1,
		NED: 1,
		// x→y 2, y→x 1.
		CrossServiceCalls: Calls{Edges: 2, Weight: 3},
		Partitions: []Partition{
			{Name: "p", Units: 1, Inbound: 1, Outbound: 2, APIUnits: []string{"x"}},
			{Name: "q", Units: 1, Inbound: 2, Outbound: 1, APIUnits: []string{"y"}},
		},
		Shared: Partition{Name: "shared"},
	}
	checkMetrics(t, got, want)
}

// The result depends neither on the order of the model's slices nor on map
// iteration order.
func TestDeterministic(t *testing.T) {
	m, a := shop()
	want := Compute(m, a, Options{})
	for range 10 {
		if got := Compute(m, a, Options{}); !reflect.DeepEqual(got, want) {
			t.Fatalf("second run differs:\n%+v\n%+v", got, want)
		}
	}
	slices.Reverse(m.Units)
	slices.Reverse(m.Edges)
	slices.Reverse(m.EntryPoints)
	if got := Compute(m, a, Options{}); !reflect.DeepEqual(got, want) {
		t.Fatalf("reversed model differs:\n%+v\n%+v", got, want)
	}
}
