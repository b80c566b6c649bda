package cluster

import (
	"fmt"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// The index answers what seedMatches answers, seed by seed, in order.
func TestSeedIndex(t *testing.T) {
	seeds := []Seed{
		{Service: "orders", Package: "ex.com/app/orders/..."},
		{Service: "api", Package: "ex.com/app/orders/api"},
		{Service: "billing", Unit: "ex.com/app/orders/api.Invoice"},
		{Service: "all", Package: "ex.com/app/..."},
		{Service: "x", Package: "ex.com/app/ord"}, // no prefix match on a partial element
	}
	x := newSeedIndex(seeds)
	for _, u := range []model.Unit{
		{ID: "ex.com/app/orders/api.Invoice", Package: "ex.com/app/orders/api"},
		{ID: "ex.com/app/orders/api.List", Package: "ex.com/app/orders/api"},
		{ID: "ex.com/app/orders.Place", Package: "ex.com/app/orders"},
		{ID: "ex.com/app/ordersx.Y", Package: "ex.com/app/ordersx"},
		{ID: "ex.com/app/ord.Z", Package: "ex.com/app/ord"},
		{ID: "ex.com/other.W", Package: "ex.com/other"},
	} {
		var want []int
		for k, sd := range seeds {
			if seedMatches(sd, &u) {
				want = append(want, k)
			}
		}
		if got := x.unit(&u); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: seeds %v, want %v", u.ID, got, want)
		}
		if x.any(&u) != (len(want) > 0) {
			t.Errorf("%s: any = %v, want %v", u.ID, x.any(&u), len(want) > 0)
		}
	}
	var nilIndex *seedIndex
	if nilIndex.unit(&model.Unit{Package: "p"}) != nil || nilIndex.pkg("p") != nil {
		t.Error("a nil index matches")
	}
}
