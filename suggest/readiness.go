package suggest

import (
	"sort"

	"github.com/splitter-go/splitter/model"
)

// Readiness computes the readiness findings (SPL101–SPL109) of the given
// functions only, as splitter.yaml declares them: each name is one function
// made of the listed entry point ids, deployed as a function. Ids the model
// does not have, and init entry points, are skipped. Each function is
// checked on its own, so a hazard two functions reach is reported once per
// function, with that function's entry point and shortest chain (Functions
// holds its name). Suppressed findings are returned with Suppressed set.
// m is not modified.
func Readiness(m *model.Model, functions map[string][]string, opts Options) []model.Finding {
	if len(functions) == 0 {
		return nil
	}
	byID := map[string]*model.EntryPoint{}
	for i := range m.EntryPoints {
		byID[m.EntryPoints[i].ID] = &m.EntryPoints[i]
	}
	names := make([]string, 0, len(functions))
	for name := range functions {
		names = append(names, name)
	}
	sort.Strings(names)
	g := newGraph(m)
	infos := map[string]*epInfo{}
	var out []model.Finding
	for _, name := range names {
		f := &fn{name: name, deploy: model.DeployFunction, carried: map[int]bool{}}
		seen := map[string]bool{}
		for _, id := range functions[name] {
			ep := byID[id]
			if ep == nil || ep.Kind == model.EntryInit || seen[id] {
				continue
			}
			seen[id] = true
			e := infos[id]
			if e == nil {
				r := g.bfs(g.roots(ep))
				e = &epInfo{ep: ep, reach: r, carried: g.carried(r.order)}
				infos[id] = e
			}
			f.eps = append(f.eps, e)
			for u := range e.carried {
				f.carried[u] = true
			}
		}
		if len(f.eps) == 0 {
			continue
		}
		p := &planner{m: m, g: g, opts: opts, fns: []*fn{f}}
		p.findings()
		out = append(out, p.out...)
	}
	return out
}

// RuleByID returns the readiness rule with id, and whether there is one.
func RuleByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}
