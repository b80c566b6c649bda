package score

import "sort"

// MoJoFM returns the MoJoFM effectiveness of the decomposition a measured
// against the reference b, in [0, 100] (100: a is b), as defined by Wen and
// Tzerpos, "An effectiveness measure for software clustering algorithms"
// (IWPC 2004), and computed like their MoJo reference implementation:
//
//	MoJoFM(A, B) = (1 − mno(A, B) / max mno(∀A, B)) · 100
//
// Only the n items present in both partitions count; A's clusters and B's
// groups are restricted to them.
//
// mno(A, B) is the minimum number of Move (one item to another or a new
// cluster) and Join (two clusters) operations turning A into B, found with
// the MoJo algorithm (Wen & Tzerpos 2003):
//   - each cluster Aᵢ may take the tag of any group Bⱼ with which it shares the
//     most items, |Aᵢ ∩ Bⱼ| = maxⱼ |Aᵢ ∩ Bⱼ| (ties kept as alternatives);
//   - tags are chosen by a maximum bipartite matching between clusters and
//     groups over those alternatives; g is the matching's size, i.e. the
//     number of groups that end up with at least one cluster;
//   - moves = Σᵢ (|Aᵢ| − maxⱼ |Aᵢ ∩ Bⱼ|) = n − Σᵢ maxⱼ |Aᵢ ∩ Bⱼ|;
//   - joins = l − g, l the number of clusters of A;
//   - mno(A, B) = moves + joins.
//
// max mno(∀A, B) is the largest mno from any partition of the same n items
// to B. It is n − g*, not n − |B|: with B's group sizes sorted ascending
// b₁ ≤ … ≤ bₘ, g* counts through them starting at 0 and adds one whenever
// g* < bₖ (g* is the most groups that any A can tag). For example B with
// sizes 1, 1, 1 gives g* = 1 and max mno = n − 1 = 2 (A = one cluster),
// where n − |B| would be 0.
//
// MoJoFM returns 0 when the partitions share no item, and 100 when max mno
// is 0 (a single shared item). Unlike the reference implementation it does
// not round to two decimals.
func MoJoFM(a, b Partition) float64 {
	t := newTable(a, b)
	if t.n == 0 {
		return 0
	}
	maxMNO := maxMNO(t.groupSizes())
	if maxMNO == 0 {
		return 100
	}
	return (1 - float64(t.mno())/float64(maxMNO)) * 100
}

// table is the contingency table of two partitions over their common items.
type table struct {
	n      int           // common items
	nb     int           // groups of B
	rows   []map[int]int // rows[i][j] = |Aᵢ ∩ Bⱼ|, clusters and groups numbered in name order
	colSum []int         // |Bⱼ|
	rowSum []int         // |Aᵢ|
}

func newTable(a, b Partition) *table {
	var items []string
	for it := range a {
		if _, ok := b[it]; ok {
			items = append(items, it)
		}
	}
	sort.Strings(items)
	ai, bi := map[string]int{}, map[string]int{}
	for _, it := range items {
		ai[a[it]] = 0
		bi[b[it]] = 0
	}
	number(ai)
	number(bi)
	t := &table{n: len(items), nb: len(bi), rows: make([]map[int]int, len(ai)), colSum: make([]int, len(bi)), rowSum: make([]int, len(ai))}
	for i := range t.rows {
		t.rows[i] = map[int]int{}
	}
	for _, it := range items {
		i, j := ai[a[it]], bi[b[it]]
		t.rows[i][j]++
		t.rowSum[i]++
		t.colSum[j]++
	}
	return t
}

// number gives the keys of m the numbers 0, 1, ... in sorted order.
func number(m map[string]int) {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for i, k := range names {
		m[k] = i
	}
}

func (t *table) groupSizes() []int { return append([]int(nil), t.colSum...) }

// mno computes mno(A, B) with the MoJo algorithm (see MoJoFM).
func (t *table) mno() int {
	moves := 0
	adj := make([][]int, len(t.rows)) // cluster → groups it may be tagged with
	for i, row := range t.rows {
		best := 0
		for _, c := range row {
			best = max(best, c)
		}
		for j, c := range row {
			if c == best {
				adj[i] = append(adj[i], j)
			}
		}
		sort.Ints(adj[i])
		moves += t.rowSum[i] - best
	}
	g := matching(adj, t.nb)
	return moves + len(t.rows) - g
}

// matching returns the size of a maximum matching of the bipartite graph
// whose left vertex i is adjacent to the right vertices adj[i] (Kuhn's
// augmenting paths; a search visits each right vertex at most once).
func matching(adj [][]int, right int) int {
	owner := make([]int, right)
	for j := range owner {
		owner[j] = -1
	}
	seen := make([]int, right)
	stamp := 0
	var augment func(i int) bool
	augment = func(i int) bool {
		for _, j := range adj[i] {
			if seen[j] == stamp {
				continue
			}
			seen[j] = stamp
			if owner[j] < 0 || augment(owner[j]) {
				owner[j] = i
				return true
			}
		}
		return false
	}
	size := 0
	for i := range adj {
		stamp++
		if augment(i) {
			size++
		}
	}
	return size
}

// maxMNO is max mno(∀A, B) for a B with the given group sizes (see MoJoFM).
func maxMNO(sizes []int) int {
	sort.Ints(sizes)
	n, g := 0, 0
	for _, s := range sizes {
		n += s
		if g < s {
			g++
		}
	}
	return n - g
}
