package cli

import (
	"reflect"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/cluster"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

// The lookups for literal patterns and "pkg.Type.*" give what matching
// every pattern against every package and unit gives.
func TestSeedsFrom(t *testing.T) {
	const mod = "ex.com/app"
	m := &model.Model{Module: mod}
	for _, p := range []string{"", "orders", "orders/api", "orders/apix", "users", "users/store"} {
		path := mod
		if p != "" {
			path += "/" + p
		}
		m.Packages = append(m.Packages, model.Package{Path: path})
	}
	for _, id := range []string{"orders.Cart.Add", "orders.Cart.Total", "orders.Cartx.Add", "orders/api.Handler.Get",
		"users.Login", "users/store.DB.Find", "orders.Cart"} {
		m.Units = append(m.Units, model.Unit{ID: mod + "/" + id})
	}
	cfg := &config.Config{Services: map[string]*config.Service{
		"orders": {Packages: []string{"orders", "./orders/api/", "ex.com/app/orders/apix"},
			Units: []string{"orders.Cart.*", "./users.Login"}},
		"users": {Packages: []string{"users/...", "."}, Units: []string{"ex.com/app/orders.Cartx.*", "users/store.D?.Find"}},
	}}
	got, _ := seedsFrom(cfg, m)
	var want []cluster.Seed
	rel := func(p string) string { return strings.TrimPrefix(strings.TrimPrefix(p, mod), "/") }
	for _, name := range cfg.ServiceNames() {
		svc := cfg.Services[name]
		for _, p := range m.Packages {
			for _, pat := range svc.Packages {
				if config.MatchPackage(pat, p.Path, rel(p.Path)) {
					want = append(want, cluster.Seed{Service: name, Package: p.Path})
					break
				}
			}
		}
		for _, u := range m.Units {
			for _, pat := range svc.Units {
				if config.MatchUnit(pat, u.ID, rel(u.ID)) {
					want = append(want, cluster.Seed{Service: name, Unit: u.ID})
					break
				}
			}
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("seeds =\n%v\nwant\n%v", got, want)
	}
	if len(want) < 8 {
		t.Fatalf("the case matches too little to test anything: %v", want)
	}
}
