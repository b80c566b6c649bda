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
	seeds, shared := seedsFrom(cfg, m)
	return seeds, shared, nil
}

// seedsFrom matches a config's services and shared packages against m.
func seedsFrom(cfg *config.Config, m *model.Model) ([]cluster.Seed, []string) {
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
		// init lists packages by their paths too: literal ones are looked
		// up, globs matched (kubernetes: 933 packages, 5,000 entries).
		litPkgs := map[string]bool{}
		var pkgGlobs []string
		for _, pat := range svc.Packages {
			switch k := strings.TrimSuffix(strings.TrimPrefix(pat, "./"), "/"); {
			case config.IsFilePattern(pat):
			case config.IsLiteralPattern(pat) && k != "" && k != ".":
				litPkgs[k] = true
			default:
				pkgGlobs = append(pkgGlobs, pat)
			}
		}
		for _, p := range m.Packages {
			r := rel(p.Path)
			match := litPkgs[p.Path] || r != "" && litPkgs[r]
			for _, pat := range pkgGlobs {
				if match {
					break
				}
				match = config.MatchPackage(pat, p.Path, r)
			}
			if match {
				seeds = append(seeds, cluster.Seed{Service: name, Package: p.Path})
			}
		}
		// `splitter init` lists units by their ids, thousands of them on
		// a large module: those are looked up, and only the globs are
		// matched against every unit.
		literal := map[string]bool{}
		members := map[string]bool{} // "pkg.Type." of the patterns "pkg.Type.*": a type's methods
		var globs []string
		for _, pat := range svc.Units {
			pat = strings.TrimPrefix(pat, "./")
			switch {
			case config.IsLiteralPattern(pat):
				literal[pat] = true
			case strings.HasSuffix(pat, ".*") && config.IsLiteralPattern(strings.TrimSuffix(pat, "*")):
				members[strings.TrimSuffix(pat, "*")] = true
			default:
				globs = append(globs, pat)
			}
		}
		// path.Match's * matches what holds no slash: "L*" is L and then
		// anything without one.
		member := func(id string) bool {
			for i := 0; i < len(id); i++ {
				if id[i] == '.' && members[id[:i+1]] && !strings.Contains(id[i+1:], "/") {
					return true
				}
			}
			return false
		}
		for _, u := range m.Units {
			r := rel(u.ID)
			match := literal[u.ID] || (r != "" && literal[r]) || len(members) > 0 && (member(u.ID) || r != "" && member(r))
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
	return seeds, shared
}
