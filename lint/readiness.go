package lint

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/suggest"
)

// The serverless readiness rules (SPL101–SPL109) come from the suggest
// package: for each function declared in splitter.yaml (functions: name →
// entry point ids), suggest.Readiness finds what its entry points reach
// that cannot run in a stateless, short-lived function. They run only when
// functions are declared, and need the call graph.
func init() { Register(readinessCheck()) }

func readinessCheck() Check {
	var rules []Rule
	for _, r := range suggest.Rules {
		rules = append(rules, Rule{ID: r.ID, Name: r.Name, Default: severityOf(r.Severity), Level: LevelCall,
			Short: upperFirst(r.Summary), Help: r.Help + readinessHelp})
	}
	return Check{
		Rules:   rules,
		Enabled: func(cfg *config.Config) bool { return cfg != nil && len(cfg.Functions) > 0 },
		Run:     runReadiness,
	}
}

const readinessHelp = "\n\nReported for the units reachable from the entry points of the functions declared in `functions:` of splitter.yaml, " +
	"with the call chain from the entry point. Suppress one with a `//splitter:ignore RULE reason` comment on the line, or the rule with `rules: {RULE: off}`."

func severityOf(s model.Severity) Severity {
	if s == model.SevError {
		return Error
	}
	return Warning
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Suppressions turns the readiness rules that cfg sets to off into
// suggest suppressions, for the commands that call suggest.Suggest.
func Suppressions(cfg *config.Config) []suggest.Suppression {
	if cfg == nil {
		return nil
	}
	rules := Rules()
	var out []suggest.Suppression
	for _, k := range sortedKeys(cfg.Rules) {
		if cfg.Rules[k] != config.SevOff {
			continue
		}
		r, ok := ruleByKey(rules, k)
		if !ok {
			continue
		}
		if _, readiness := suggest.RuleByID(r.ID); readiness {
			out = append(out, suggest.Suppression{Rule: r.ID, Reason: fmt.Sprintf("%s is off in %s (rules:)", k, filepath.Base(cfg.Path))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rule < out[j].Rule })
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// runReadiness reports the readiness findings of the declared functions.
// A violation's identity is (rule, entry point, unit): the entry point of
// the shortest chain (for cold start findings, the init entry point, else
// the init func or initialised var), so that functions reaching the same
// hazard through the same entry point, or linking the same package
// initialiser, share one violation, whose message names them.
func runReadiness(in *Input) []Violation {
	cfg, m := in.Config, in.Model
	fns := map[string][]string{}
	for _, name := range cfg.FunctionNames() {
		fns[name] = cfg.Functions[name].EntryPoints
	}
	units := map[string]*model.Unit{}
	for i := range m.Units {
		units[m.Units[i].ID] = &m.Units[i]
	}
	eps := map[string]bool{}
	for _, ep := range m.EntryPoints {
		eps[ep.ID] = true
	}
	short := func(id string) string {
		for _, md := range append([]string{m.Module}, modulePaths(m)...) {
			if md != "" && (strings.HasPrefix(id, md+"/") || strings.HasPrefix(id, md+".")) {
				return id[len(md)+1:]
			}
		}
		return id
	}
	type agg struct {
		v   Violation
		fns []string
	}
	byKey := map[Key]*agg{}
	var keys []Key
	for _, f := range suggest.Readiness(m, fns, suggest.Options{}) {
		if f.Suppressed != "" {
			continue
		}
		name := ""
		if len(f.Functions) > 0 {
			name = f.Functions[0]
		}
		from := f.EntryPoint
		if from == "" && len(f.Chain) > 0 {
			from = f.Chain[0] // a cold start: the init func or initialised var
		}
		if from == "" {
			for _, id := range fns[name] {
				if eps[id] {
					from = id
					break
				}
			}
		}
		k := Key{Rule: f.Rule, From: from, To: f.Unit}
		if a, ok := byKey[k]; ok {
			a.fns = append(a.fns, name)
			continue
		}
		v := Violation{Rule: f.Rule, Severity: severityOf(f.Severity), File: f.File, Line: f.Line,
			From: from, To: f.Unit, ToService: in.Owner(f.Unit)}
		var chain []string
		for _, id := range f.Chain {
			step := ChainStep{Unit: id}
			if u := units[id]; u != nil {
				step.File, step.Line = u.File, u.Line
			}
			v.Chain = append(v.Chain, step)
			chain = append(chain, short(id))
		}
		v.Message = f.Message + " [chain: " + strings.Join(chain, " → ") + "]"
		byKey[k] = &agg{v: v, fns: []string{name}}
		keys = append(keys, k)
	}
	out := make([]Violation, 0, len(keys))
	for _, k := range keys {
		a := byKey[k]
		v := a.v
		what := "function " + a.fns[0]
		switch n := len(a.fns); {
		case n > 4:
			what = fmt.Sprintf("functions %s and %d more", strings.Join(a.fns[:3], ", "), n-3)
		case n > 1:
			what = "functions " + strings.Join(a.fns, ", ")
		}
		from := v.From
		if !eps[from] {
			from = short(from)
		}
		v.Message = fmt.Sprintf("%s (%s, from %s): %s", short(v.To), what, from, v.Message)
		out = append(out, v)
	}
	return out
}

func modulePaths(m *model.Model) []string {
	var out []string
	for _, md := range m.Modules {
		out = append(out, md.Path)
	}
	return out
}
