package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/cluster"
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

// configSeeds turns the services and shared packages declared in
// splitter.yaml into clustering seeds: declared packages and units are
// pinned to their service (which then keeps its declared name), shared
// packages go to the kernel. Without a config file there are none.
func configSeeds(cmd *cobra.Command, c *common, m *model.Model) ([]cluster.Seed, []string, error) {
	cfg, err := loadConfig(cmd.Context(), c)
	if err != nil || cfg == nil {
		return nil, nil, err
	}
	rel := func(p string) string {
		return strings.TrimPrefix(strings.TrimPrefix(p, m.Module), "/")
	}
	var seeds []cluster.Seed
	var shared []string
	for _, p := range m.Packages {
		for _, pat := range cfg.Shared {
			if config.MatchPackage(pat, p.Path, rel(p.Path)) {
				shared = append(shared, p.Path)
				break
			}
		}
	}
	for _, name := range cfg.ServiceNames() {
		svc := cfg.Services[name]
		for _, p := range m.Packages {
			for _, pat := range svc.Packages {
				if !config.IsFilePattern(pat) && config.MatchPackage(pat, p.Path, rel(p.Path)) {
					seeds = append(seeds, cluster.Seed{Service: name, Package: p.Path})
					break
				}
			}
		}
		for _, u := range m.Units {
			for _, pat := range svc.Units {
				if config.MatchUnit(pat, u.ID, rel(u.ID)) {
					seeds = append(seeds, cluster.Seed{Service: name, Unit: u.ID})
					break
				}
			}
		}
	}
	return seeds, shared, nil
}
