package cluster

import (
	"slices"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// seedIndex finds the seeds (services declared in splitter.yaml) that
// match a unit or a package without trying every seed: `splitter init`
// writes a seed per package, thousands on a large module, and the steps
// ask for every unit. It answers what seedMatches would, seed by seed, in
// the order of Options.Seeds.
type seedIndex struct {
	byUnit   map[string][]int // seed.Unit → seeds
	byPkg    map[string][]int // seed.Package, exact
	byPrefix map[string][]int // seed.Package without "/...": the package and those below it
	memo     map[string][]int // package → its package-level seeds
}

func newSeedIndex(seeds []Seed) *seedIndex {
	x := &seedIndex{byUnit: map[string][]int{}, byPkg: map[string][]int{}, byPrefix: map[string][]int{}, memo: map[string][]int{}}
	for k, sd := range seeds {
		switch {
		case sd.Unit != "":
			x.byUnit[sd.Unit] = append(x.byUnit[sd.Unit], k)
		case strings.HasSuffix(sd.Package, "/..."):
			p := strings.TrimSuffix(sd.Package, "/...")
			x.byPrefix[p] = append(x.byPrefix[p], k)
		case sd.Package != "":
			x.byPkg[sd.Package] = append(x.byPkg[sd.Package], k)
		}
	}
	return x
}

// pkg returns the package-level seeds matching a package path, in order.
func (x *seedIndex) pkg(path string) []int {
	if x == nil {
		return nil // a state made without seeds (tests)
	}
	if ks, ok := x.memo[path]; ok {
		return ks
	}
	ks := slices.Clone(x.byPkg[path])
	for p := path; ; {
		ks = append(ks, x.byPrefix[p]...)
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	slices.Sort(ks)
	x.memo[path] = ks
	return ks
}

// any reports whether a seed matches a unit, without listing them.
func (x *seedIndex) any(u *model.Unit) bool {
	return x != nil && (len(x.byUnit[u.ID]) > 0 || len(x.pkg(u.Package)) > 0)
}

// unit returns the seeds matching a unit, in order.
func (x *seedIndex) unit(u *model.Unit) []int {
	if x == nil {
		return nil
	}
	byUnit := x.byUnit[u.ID]
	if len(byUnit) == 0 {
		return x.pkg(u.Package)
	}
	ks := append(slices.Clone(byUnit), x.pkg(u.Package)...)
	slices.Sort(ks)
	return ks
}
