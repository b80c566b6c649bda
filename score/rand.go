package score

// AdjustedRand returns the adjusted Rand index of Hubert and Arabie
// ("Comparing partitions", 1985) between a and b over the n items present in
// both. With nᵢⱼ = |Aᵢ ∩ Bⱼ|, aᵢ = |Aᵢ|, bⱼ = |Bⱼ| and C(x) = x(x−1)/2:
//
//	index    = Σᵢⱼ C(nᵢⱼ)
//	expected = Σᵢ C(aᵢ) · Σⱼ C(bⱼ) / C(n)
//	maximum  = (Σᵢ C(aᵢ) + Σⱼ C(bⱼ)) / 2
//	ARI      = (index − expected) / (maximum − expected)
//
// It is 1 for identical partitions (up to group names), about 0 for
// independent ones, and can be negative. It is symmetric. The denominator is
// 0 only when both partitions are the same trivial one (one cluster, or all
// singletons); ARI is then 1, as is the case n = 1. It is 0 when the
// partitions share no item.
func AdjustedRand(a, b Partition) float64 {
	t := newTable(a, b)
	if t.n == 0 {
		return 0
	}
	if t.n == 1 {
		return 1
	}
	var index, sa, sb float64
	for _, row := range t.rows {
		for _, c := range row {
			index += pairs(c)
		}
	}
	for _, s := range t.rowSum {
		sa += pairs(s)
	}
	for _, s := range t.colSum {
		sb += pairs(s)
	}
	expected := sa * sb / pairs(t.n)
	maximum := (sa + sb) / 2
	if maximum == expected {
		return 1
	}
	return (index - expected) / (maximum - expected)
}

func pairs(x int) float64 { return float64(x) * float64(x-1) / 2 }
