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
		// `splitter init` lists units by their ids, thousands of them on
		// a large module: those are looked up, and only the globs are
		// matched against every unit.
		literal := map[string]bool{}
		var globs []string
		for _, pat := range svc.Units {
			if config.IsLiteralPattern(pat) {
				literal[strings.TrimPrefix(pat, "./")] = true
			} else {
				globs = append(globs, pat)
			}
		}
		for _, u := range m.Units {
			r := rel(u.ID)
			match := literal[u.ID] || (r != "" && literal[r])
			for _, pat := range globs {
				if match {
					break
				}
				match = config.MatchUnit(pat, u.ID, r)
			}
			if match {
				seeds = append(seeds, cluster.Seed{Service: name, Unit: u.ID})
			}
		}
	}
	return seeds, shared, nil
}
