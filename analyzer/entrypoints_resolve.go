package analyzer

import (
	"fmt"
	"go/ast"
	"slices"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// epResult is every package's entry points put together.
type epResult struct {
	eps   []model.EntryPoint
	lits  map[string]*ast.FuncLit // Function of a literal handler → the literal
	diags []model.Diagnostic
}

// resolveEntryPoints puts the packages' entry points together: routes on
// routers that functions receive as parameters (func (h *Handler)
// Routes(r chi.Router)) or return get the prefixes their callers mount them
// at, through any number of forwarding calls (a route mounted at several
// prefixes is repeated; one whose router comes from nowhere known keeps its
// own path); registrations whose handler holds routes of its own become
// mounts; cobra commands get their full path; frameworks imported with no
// entry point found are reported.
func resolveEntryPoints(all []pkgEntries, det *detectors) epResult {
	type slot struct {
		unit  string
		param int
	}
	bindings := map[slot][]routerBinding{}
	for _, pe := range all {
		for _, b := range pe.bindings {
			s := slot{b.callee, b.param}
			bindings[s] = append(bindings[s], b)
		}
	}
	memo := map[slot][]string{}
	var prefixes func(s slot, j joinRule) []string
	prefixes = func(s slot, j joinRule) []string {
		if ps, ok := memo[s]; ok {
			return ps
		}
		memo[s] = nil // cuts recursion cycles
		var out []string
		for _, b := range bindings[s] {
			if b.prefix.param < 0 {
				out = append(out, b.prefix.path)
				continue
			}
			outer := prefixes(slot{b.caller, b.prefix.param}, j)
			if len(outer) == 0 {
				outer = []string{""}
			}
			for _, o := range outer {
				out = append(out, j.join(o, b.prefix.path))
			}
		}
		slices.Sort(out)
		out = slices.Compact(out)
		memo[s] = out
		return out
	}
	// appMux.Handle("/v1/", api.NewHandler(store)) where NewHandler
	// registers the /v1 routes itself: a mount, not a use case.
	registers := map[string]bool{}
	for _, pe := range all {
		for i, ep := range pe.eps {
			if ep.Kind == model.EntryHTTP {
				registers[pe.registrar[i]] = true
			}
		}
	}
	// A goroutine a use case's code starts (an import run in the
	// background of its request) is that use case's work, not a worker.
	handles := map[string]bool{}
	for _, pe := range all {
		for _, ep := range pe.eps {
			if ep.Kind != model.EntryMain && ep.Kind != model.EntryInit && ep.Kind != model.EntryWorker {
				handles[ep.Handler] = true
				for _, t := range ep.Targets {
					handles[t] = true
				}
			}
		}
	}
	res := epResult{lits: map[string]*ast.FuncLit{}}
	cobra := mergeCobra(all)
	found := map[string]bool{}
	for _, pe := range all {
		for k, v := range pe.lits {
			res.lits[k] = v
		}
		res.diags = append(res.diags, pe.diags...)
		mount := map[int]bool{}
		for _, i := range pe.factories {
			if h := pe.eps[i].Handler; registers[h] && h != pe.registrar[i] {
				mount[i] = true
			}
		}
		for _, i := range pe.mounts {
			mount[i] = true
		}
		rel := map[int]relRoute{}
		for _, r := range pe.relative {
			rel[r.ep] = r
		}
		for i, ep := range pe.eps {
			if ep.Kind == model.EntryWorker && handles[pe.registrar[i]] {
				continue
			}
			found[ep.Framework] = true
			if mount[i] {
				ep.Mount = true
			}
			if ep.Kind == model.EntryCLI {
				cobra.complete(&ep, pe.cobraKeys[i])
			}
			r, ok := rel[i]
			var ps []string
			if ok {
				ps = prefixes(slot{r.unit, r.param}, r.join)
			}
			if len(ps) == 0 {
				if ok {
					ep.Trigger.Path = r.join.finish(ep.Trigger.Path)
					ep.ID = entryID(ep)
				}
				res.eps = append(res.eps, ep)
				continue
			}
			// A router that is mounted joins by the rule of the router that
			// mounts it (a wrapper type that concatenates its own group
			// prefixes, mounted by chi's Mount underneath).
			j := r.join
			if bs := bindings[slot{r.unit, r.param}]; r.param == resultParam && len(bs) > 0 {
				j = bs[0].join
			}
			for _, p := range ps {
				e := ep
				e.Trigger.Path = r.join.finish(j.join(p, ep.Trigger.Path))
				e.ID = entryID(e)
				res.eps = append(res.eps, e)
			}
		}
	}
	if g := resolveGRPC(all); len(g) > 0 {
		res.eps = append(res.eps, g...)
		found["grpc"] = true
	}
	res.diags = append(res.diags, missingFrameworks(all, found, det)...)
	res.diags = append(res.diags, unknownPaths(res.eps)...)
	return res
}

// unknownPaths says where routes are registered with paths splitter cannot
// read (built at run time, from maps or loops): one note per package.
func unknownPaths(eps []model.EntryPoint) []model.Diagnostic {
	type where struct {
		n    int
		file string
		line int
	}
	byDir := map[string]*where{}
	for _, ep := range eps {
		if ep.Kind != model.EntryHTTP || ep.Mount || ep.Trigger.Path != "?" {
			continue
		}
		dir := ep.File
		if i := strings.LastIndex(dir, "/"); i >= 0 {
			dir = dir[:i]
		}
		w := byDir[dir]
		if w == nil {
			w = &where{file: ep.File, line: ep.Line}
			byDir[dir] = w
		}
		if ep.File < w.file || (ep.File == w.file && ep.Line < w.line) {
			w.file, w.line = ep.File, ep.Line
		}
		w.n++
	}
	var out []model.Diagnostic
	for _, dir := range sortedKeys(byDir) {
		w := byDir[dir]
		out = append(out, model.Diagnostic{Severity: model.SevInfo, File: w.file, Line: w.line,
			Message: fmt.Sprintf("%d route(s) in %s are registered with a path that is not a constant (built at run time, from a map or a loop): they are listed with path ?; name their handlers under entrypoints: in splitter.yaml if they matter", w.n, dir)})
	}
	return out
}

// missingFrameworks says which imported frameworks yielded no entry point.
func missingFrameworks(all []pkgEntries, found map[string]bool, det *detectors) []model.Diagnostic {
	importers := map[string][]string{}
	for _, pe := range all {
		for fam := range pe.imports {
			importers[fam] = append(importers[fam], pe.pkg)
		}
	}
	var out []model.Diagnostic
	for _, fam := range families {
		pkgs := importers[fam.name]
		if len(pkgs) == 0 {
			continue
		}
		hit := false
		for _, fw := range fam.frameworks {
			hit = hit || found[fw]
		}
		if hit {
			continue
		}
		slices.Sort(pkgs)
		more := ""
		if len(pkgs) > 3 {
			more = fmt.Sprintf(" and %d more", len(pkgs)-3)
			pkgs = pkgs[:3]
		}
		out = append(out, model.Diagnostic{Severity: model.SevInfo, Package: pkgs[0],
			Message: fmt.Sprintf("%s is imported (by %s%s) but no entry point of it was found: if handlers are registered through your own types, reflection or maps, declare them in splitter.yaml (routers: or consumers:, see README \"Entry points\")",
				fam.name, strings.Join(pkgs, ", "), more)})
	}
	return out
}
