package score

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// part builds a partition of one-letter items: part("abc", "de") puts a, b, c
// in group g0 and d, e in group g1.
func part(groups ...string) Partition {
	p := Partition{}
	for i, g := range groups {
		for _, it := range g {
			p[string(it)] = fmt.Sprintf("g%d", i)
		}
	}
	return p
}

// renamed gives every group of p another name.
func renamed(p Partition) Partition {
	q := Partition{}
	for it, g := range p {
		q[it] = "other-" + strings.ToUpper(g)
	}
	return q
}

const eps = 1e-9

func TestMoJoFM(t *testing.T) {
	tests := []struct {
		name string
		a, b Partition
		want float64
	}{
		{"identical", part("abc", "de", "f"), part("abc", "de", "f"), 100},
		{"identical, other names", renamed(part("abc", "de", "f")), part("abc", "de", "f"), 100},
		// A = one cluster, B = abcd|efgh. The cluster ties between g0 and g1
		// (4 each): moves 8−4 = 4, l = 1, g = 1, joins 0: mno 4.
		// max: sizes 4,4 → g* = 2 → 8−2 = 6. (1 − 4/6)·100.
		{"one cluster", part("abcdefgh"), part("abcd", "efgh"), 100.0 / 3},
		// A = 8 singletons: moves 0; the matching tags 2 groups, joins 8−2 = 6:
		// mno 6 = max, so 0.
		{"singletons", part("a", "b", "c", "d", "e", "f", "g", "h"), part("abcd", "efgh"), 0},
		// The worked example: A = abc|def|gh, B = abcd|efgh.
		// abc → g0 (3); def → g1 (2 of 3); gh → g1 (2): moves 0+1+0 = 1.
		// Matching abc–g0, def–g1 (or gh–g1): g = 2, joins 3−2 = 1: mno 2
		// (move d to abc, join def with gh). max 6. (1 − 2/6)·100.
		{"textbook", part("abc", "def", "gh"), part("abcd", "efgh"), 200.0 / 3},
		// B all singletons: sizes 1,1,1 → g* = 1, max = 3−1 = 2 (not n−|B| = 0).
		// A one cluster: moves 3−1 = 2, joins 0: mno 2 → 0.
		{"one cluster vs singletons", part("abc"), part("a", "b", "c"), 0},
		{"singletons vs singletons", part("a", "b", "c"), part("a", "b", "c"), 100},
		// A = ab|c vs singletons: moves 1, l = 2, g = 2: mno 1, max 2 → 50.
		{"pair vs singletons", part("ab", "c"), part("a", "b", "c"), 50},
		// Ties decided by the matching: ab and cd both tie between g0 and g1
		// (1 each) and can take different tags. B = ac|bd.
		// moves (2−1)+(2−1) = 2, g = 2, joins 0: mno 2; max = 4−2 = 2 → 0.
		{"ties", part("ab", "cd"), part("ac", "bd"), 0},
		// The reverse direction of "one cluster": B's two groups both tag the
		// single cluster: moves 0, l = 2, g = 1, joins 1: mno 1.
		// max: sizes 8 → g* = 1 → 7. (1 − 1/7)·100.
		{"one-cluster reference", part("abcd", "efgh"), part("abcdefgh"), 600.0 / 7},
		// Items in only one partition do not count: x, y and z are ignored.
		{"common items only", Partition{"a": "1", "b": "1", "c": "2", "x": "1", "y": "9"}, Partition{"a": "p", "b": "p", "c": "q", "z": "p"}, 100},
		{"no common item", part("ab"), part("cd"), 0},
		{"one common item", part("ab"), part("bc"), 100},
		{"empty", Partition{}, Partition{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MoJoFM(tt.a, tt.b)
			if math.Abs(got-tt.want) > eps {
				t.Errorf("MoJoFM = %v, want %v", got, tt.want)
			}
			if got < 0 || got > 100 {
				t.Errorf("MoJoFM = %v, out of [0, 100]", got)
			}
		})
	}
}

func TestMoJoFMAsymmetric(t *testing.T) {
	a, b := part("abcdefgh"), part("abcd", "efgh")
	ab, ba := MoJoFM(a, b), MoJoFM(b, a)
	if math.Abs(ab-ba) < 1 {
		t.Errorf("MoJoFM(A,B) = %v and MoJoFM(B,A) = %v: expected them to differ", ab, ba)
	}
}

func TestMaxMNO(t *testing.T) {
	tests := []struct {
		sizes []int
		want  int
	}{
		{nil, 0},
		{[]int{1}, 0},
		{[]int{5}, 4},
		{[]int{1, 1, 1}, 2},
		{[]int{4, 4}, 6},
		{[]int{3, 1, 2}, 3},    // sorted 1,2,3: g* 1,2,3 → 6−3
		{[]int{2, 2, 2, 2}, 6}, // g* 1,2,2,2 → 8−2
		// The comment of the reference implementation: sizes 1…8, 10, 10, 10, 15
		// give g* = 11.
		{[]int{15, 10, 10, 10, 8, 7, 6, 5, 4, 3, 2, 1}, 81 - 11},
	}
	for _, tt := range tests {
		if got := maxMNO(append([]int(nil), tt.sizes...)); got != tt.want {
			t.Errorf("maxMNO(%v) = %d, want %d", tt.sizes, got, tt.want)
		}
	}
}

// setPartitions returns every partition of n items as restricted growth
// strings: s[i] is item i's cluster, and s[i] ≤ max(s[:i])+1.
func setPartitions(n int) [][]int {
	var out [][]int
	var rec func(s []int, top int)
	rec = func(s []int, top int) {
		if len(s) == n {
			out = append(out, append([]int(nil), s...))
			return
		}
		for c := 0; c <= top+1; c++ {
			rec(append(s, c), max(top, c))
		}
	}
	rec(nil, -1)
	return out
}

// canon renumbers clusters in order of first appearance.
func canon(s []int) string {
	m := map[int]byte{}
	b := make([]byte, len(s))
	for i, c := range s {
		if _, ok := m[c]; !ok {
			m[c] = byte('0' + len(m))
		}
		b[i] = m[c]
	}
	return string(b)
}

// distances returns the least number of moves and joins from s to every
// partition, by breadth-first search over the partitions of len(s) items.
func distances(s []int) map[string]int {
	start := canon(s)
	dist := map[string]int{start: 0}
	queue := []string{start}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		c := make([]int, len(cur))
		k := 0
		for i := range cur {
			c[i] = int(cur[i] - '0')
			k = max(k, c[i]+1)
		}
		var next []string
		for i := range c { // move item i to cluster to (k: a new one)
			for to := 0; to <= k; to++ {
				if to == c[i] {
					continue
				}
				d := append([]int(nil), c...)
				d[i] = to
				next = append(next, canon(d))
			}
		}
		for x := 0; x < k; x++ { // join clusters x and y
			for y := x + 1; y < k; y++ {
				d := append([]int(nil), c...)
				for i := range d {
					if d[i] == y {
						d[i] = x
					}
				}
				next = append(next, canon(d))
			}
		}
		for _, nx := range next {
			if _, ok := dist[nx]; !ok {
				dist[nx] = dist[cur] + 1
				queue = append(queue, nx)
			}
		}
	}
	return dist
}

func toPartition(s []int) Partition {
	p := Partition{}
	for i, c := range s {
		p[string(rune('a'+i))] = fmt.Sprint(c)
	}
	return p
}

// TestMNOExhaustive checks the MoJo algorithm against a breadth-first search
// for every pair of partitions of up to 6 items, and max mno(∀A, B) against
// the largest distance found.
func TestMNOExhaustive(t *testing.T) {
	maxN := 6
	if testing.Short() {
		maxN = 5
	}
	for n := 1; n <= maxN; n++ {
		all := setPartitions(n)
		maxTo := map[string]int{}
		for _, a := range all {
			dist := distances(a)
			pa := toPartition(a)
			for _, b := range all {
				want := dist[canon(b)]
				if got := newTable(pa, toPartition(b)).mno(); got != want {
					t.Fatalf("mno(%v, %v) = %d, want %d", a, b, got, want)
				}
				maxTo[canon(b)] = max(maxTo[canon(b)], want)
			}
		}
		for _, b := range all {
			tb := newTable(toPartition(b), toPartition(b))
			if got, want := maxMNO(tb.groupSizes()), maxTo[canon(b)]; got != want {
				t.Fatalf("max mno(∀A, %v) = %d, want %d", b, got, want)
			}
		}
	}
}

func TestAdjustedRand(t *testing.T) {
	tests := []struct {
		name string
		a, b Partition
		want float64
	}{
		{"identical", part("abc", "de", "f"), part("abc", "de", "f"), 1},
		{"identical, other names", renamed(part("abc", "de", "f")), part("abc", "de", "f"), 1},
		// a|b|cd vs ab|cd (labels [0,0,1,2] vs [0,0,1,1]): index C(2) = 1;
		// Σ C(aᵢ) = 1, Σ C(bⱼ) = 2, C(4) = 6: expected 1·2/6 = 1/3,
		// maximum 3/2. (1 − 1/3)/(3/2 − 1/3) = 4/7.
		{"sklearn 4/7", part("ab", "c", "d"), part("ab", "cd"), 4.0 / 7},
		// ab|cd vs ac|bd: index 0, sums 2 and 2: expected 4/6, maximum 2:
		// (0 − 2/3)/(2 − 2/3) = −1/2.
		{"negative", part("ab", "cd"), part("ac", "bd"), -0.5},
		// abc|def|gh vs abcd|efgh: cells 3,1,2,2 → index 3+0+1+1 = 5;
		// Σ C(aᵢ) = 3+3+1 = 7, Σ C(bⱼ) = 6+6 = 12, C(8) = 28: expected 3,
		// maximum 9.5: (5−3)/(9.5−3) = 4/13.
		{"textbook", part("abc", "def", "gh"), part("abcd", "efgh"), 4.0 / 13},
		// One cluster vs abcd|efgh: index 12, sums 28 and 12: expected 12 = index.
		{"one cluster", part("abcdefgh"), part("abcd", "efgh"), 0},
		// Singletons: index 0, Σ C(aᵢ) = 0: expected 0 = index.
		{"singletons", part("a", "b", "c", "d"), part("ab", "cd"), 0},
		{"one cluster vs singletons", part("abcd"), part("a", "b", "c", "d"), 0},
		{"both one cluster", part("abcd"), renamed(part("abcd")), 1},
		{"both singletons", part("a", "b", "c"), part("a", "b", "c"), 1},
		{"common items only", Partition{"a": "1", "b": "1", "c": "2", "x": "1"}, Partition{"a": "p", "b": "p", "c": "q", "y": "q"}, 1},
		{"one common item", part("ab"), part("bc"), 1},
		{"no common item", part("ab"), part("cd"), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AdjustedRand(tt.a, tt.b); math.Abs(got-tt.want) > eps {
				t.Errorf("AdjustedRand(a, b) = %v, want %v", got, tt.want)
			}
			if got := AdjustedRand(tt.b, tt.a); math.Abs(got-tt.want) > eps {
				t.Errorf("AdjustedRand(b, a) = %v, want %v (symmetric)", got, tt.want)
			}
		})
	}
}

// TestDeterministic runs both measures repeatedly on partitions with many
// ties: map iteration order must not change the results.
func TestDeterministic(t *testing.T) {
	a, b := Partition{}, Partition{}
	for i := range 60 {
		it := fmt.Sprintf("u%02d", i)
		a[it] = fmt.Sprint("A", i%7)
		b[it] = fmt.Sprint("B", i%5)
	}
	m0, r0 := MoJoFM(a, b), AdjustedRand(a, b)
	for range 20 {
		if m, r := MoJoFM(a, b), AdjustedRand(a, b); m != m0 || r != r0 {
			t.Fatalf("got %v/%v, then %v/%v", m0, r0, m, r)
		}
	}
}

func TestLoadTruth(t *testing.T) {
	tests := []struct {
		name, in string
		want     Truth
		err      string
	}{
		{name: "ok", in: `{"ex.com/a": "billing", "ex.com/b.F": "_shared"}`, want: Truth{"ex.com/a": "billing", "ex.com/b.F": "_shared"}},
		{name: "ok with spaces", in: " \n{ \"k\" : \"g\" }\n", want: Truth{"k": "g"}},
		{name: "empty file", in: "", err: "empty file"},
		{name: "array", in: `["a"]`, err: "want a JSON object mapping unit ids or package paths to group names, got an array"},
		{name: "string", in: `"a"`, err: "got a string"},
		{name: "null", in: `null`, err: "got null"},
		{name: "number value", in: `{"ex.com/a": 3}`, err: `key "ex.com/a": group name must be a string, got a number`},
		{name: "object value", in: `{"ex.com/a": {"x": 1}}`, err: `key "ex.com/a": group name must be a string, got an object`},
		{name: "null value", in: `{"ex.com/a": null}`, err: `key "ex.com/a": group name must be a string, got null`},
		{name: "empty group", in: `{"ex.com/a": ""}`, err: `key "ex.com/a": empty group name`},
		{name: "spaced group", in: `{"ex.com/a": " billing"}`, err: `leading or trailing spaces`},
		{name: "empty key", in: `{"": "billing"}`, err: `empty key (group "billing")`},
		{name: "spaced key", in: `{"ex.com/a ": "billing"}`, err: `key "ex.com/a " has leading or trailing spaces`},
		{name: "duplicate", in: `{"ex.com/a": "x", "ex.com/a": "y"}`, err: `key "ex.com/a" appears twice (groups "x" and "y")`},
		{name: "no entries", in: `{}`, err: "no entries"},
		{name: "trailing data", in: `{"a": "b"} {}`, err: "unexpected data after the object"},
		{name: "truncated", in: `{"a": "b"`, err: "truth: "},
		{name: "syntax", in: `{"a" "b"}`, err: "truth: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadTruth(strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	units := []model.Unit{
		{ID: "ex.com/shop/billing.Charge", Package: "ex.com/shop/billing"},
		{ID: "ex.com/shop/billing.Refund", Package: "ex.com/shop/billing"},
		{ID: "ex.com/shop/billing/store.Save", Package: "ex.com/shop/billing/store"},
		{ID: "ex.com/shop/billingx.F", Package: "ex.com/shop/billingx"},
		{ID: "ex.com/shop/util.Log", Package: "ex.com/shop/util"},
		{ID: "ex.com/shop.main", Package: "ex.com/shop"},
		{ID: "ex.com/other.F", Package: "ex.com/other"},
		{ID: "ex.com/shop/api.Orders", Package: "ex.com/shop/api", File: "api/orders.go"},
		{ID: "ex.com/shop/api.OrdersPage", Package: "ex.com/shop/api", File: "api/orders.go"},
		{ID: "ex.com/shop/api.Users", Package: "ex.com/shop/api", File: "api/users.go"},
		{ID: "ex.com/shop/mocks.Store", Package: "ex.com/shop/mocks", File: "mocks/store.go"},
	}
	truth := Truth{
		"ex.com/shop/api":            "web",
		"api/orders.go":              "orders", // a file beats its package
		"ex.com/shop/api.OrdersPage": "pages",  // a unit id beats its file
		"ex.com/shop/mocks":          Out,      // not scored, listed by Excluded
		"ex.com/shop":                "core",
		"ex.com/shop/billing":        "billing",
		"ex.com/shop/billing.Refund": "refunds", // a unit id beats its package
		"ex.com/shop/util.Log":       Shared,
		"ex.com/shop/orders":         "orders", // covers nothing
	}
	want := Partition{
		"ex.com/shop/billing.Charge":     "billing",
		"ex.com/shop/billing.Refund":     "refunds",
		"ex.com/shop/billing/store.Save": "billing", // longest parent path
		"ex.com/shop/billingx.F":         "core",    // "billing" is not a parent of "billingx"
		"ex.com/shop/util.Log":           Shared,
		"ex.com/shop.main":               "core",
		"ex.com/shop/api.Orders":         "orders",
		"ex.com/shop/api.OrdersPage":     "pages",
		"ex.com/shop/api.Users":          "web",
	}
	if got := truth.Resolve(units); !reflect.DeepEqual(got, want) {
		t.Errorf("Resolve = %v,\nwant %v", got, want)
	}
	unresolved, unused := truth.Coverage(units)
	if want := []string{"ex.com/other.F"}; !reflect.DeepEqual(unresolved, want) {
		t.Errorf("unresolved = %v, want %v", unresolved, want)
	}
	if want := []string{"ex.com/shop/orders"}; !reflect.DeepEqual(unused, want) {
		t.Errorf("unused keys = %v, want %v", unused, want)
	}
	if got, want := truth.Excluded(units), []string{"ex.com/shop/mocks.Store"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Excluded = %v, want %v", got, want)
	}
}
