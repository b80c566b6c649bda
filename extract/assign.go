package extract

import (
	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/lint"
	"github.com/splitter-go/splitter/model"
)

// Unattached is the service name Declared gives the units splitter.yaml
// attaches to no service: they are code of the rest of the monolith, so
// they count as callers.
const Unattached = "(unattached)"

// Declared returns the assignment splitter.yaml declares (units of no
// service are Unattached; the kernel is model.SharedService) and the tables'
// owners it names.
func Declared(cfg *config.Config, m *model.Model) (map[string]string, map[string]string, error) {
	mods := []string{m.Module}
	if len(m.Modules) > 0 {
		mods = nil
		for _, md := range m.Modules {
			mods = append(mods, md.Path)
		}
	}
	b := lint.NewBoundaries(cfg, mods)
	a := make(map[string]string, len(m.Units))
	for _, u := range m.Units {
		owner, err := b.Owner(lint.UnitRef{ID: u.ID, Package: u.Package, Exported: u.Exported})
		if err != nil {
			return nil, nil, err
		}
		if owner == "" {
			owner = Unattached
		}
		a[u.ID] = owner
	}
	owners := map[string]string{}
	for name, s := range cfg.Services {
		for _, t := range s.Tables {
			owners[t] = name
		}
	}
	return a, owners, nil
}

// Proposed returns the assignment of the model's proposed services.
func Proposed(m *model.Model) map[string]string {
	a := make(map[string]string, len(m.Units))
	for _, u := range m.Units {
		if u.Service != "" {
			a[u.ID] = u.Service
		}
	}
	return a
}
