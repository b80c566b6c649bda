package graph

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// pkgGraph is a package-level graph before it is fitted to the budget.
type pkgGraph struct {
	pkgs  []string // sorted, unique
	edges map[edgeKey]int
	focus map[string]bool
}

type edgeKey struct{ from, to, kind string }

// fitPackages fills g with pg's nodes and edges. Over the budget it folds
// packages into directories, one directory at a time, only as far as the
// budget needs: the deepest directory first (it hides the least), and of
// those at one depth the one holding the most nodes (one fold then does
// the work of several). A folded directory stands for itself and every
// package below it.
func fitPackages(g *Graph, m *model.Model, pg *pkgGraph, budget int) {
	pkgs := make(map[string]*model.Package, len(m.Packages))
	for i := range m.Packages {
		pkgs[m.Packages[i].Path] = &m.Packages[i]
	}
	paths := make([]pkgPath, len(pg.pkgs))
	for i, p := range pg.pkgs {
		paths[i] = splitPath(m, p)
	}
	folded := map[string]bool{}
	for len(groupKeys(paths, folded)) > budget {
		dir, ok := nextFold(paths, folded, budget < 2)
		if !ok {
			break // over budget: better than one box standing for everything
		}
		for d := range folded {
			if under(d, dir) {
				delete(folded, d) // inside the new fold
			}
		}
		folded[dir] = true
	}
	nodes, edges := fold(pg, pkgs, paths, folded, m.Module)
	if len(folded) > 0 {
		g.Collapsed = fmt.Sprintf("dirs:%d", len(folded))
		dirs := make([]string, 0, len(folded))
		inside := 0
		for d := range folded {
			dirs = append(dirs, relTo(m.Module, d)+"/...")
		}
		for _, pp := range paths {
			if _, _, ok := foldedIn(pp, folded); ok {
				inside++
			}
		}
		sort.Strings(dirs)
		list := strings.Join(dirs, ", ")
		if len(dirs) > 6 {
			list = strings.Join(dirs[:6], ", ") + fmt.Sprintf(" and %d more", len(dirs)-6)
		}
		note := fmt.Sprintf("collapsed to fit %d nodes: %s folded into %s (%s): %s",
			budget, count(inside, "package", "packages"), count(len(dirs), "directory", "directories"), list, count(len(nodes), "node", "nodes"))
		if len(nodes) > budget {
			note += " (still over budget)"
		}
		g.Notes = append(g.Notes, note)
	}
	g.Nodes, g.Edges = nodes, edges
	g.sort()
}

// nextFold picks the directory to fold next: among those holding two nodes
// or more, the deepest, then the one holding the most, then by path. The
// module's root is a candidate only with root set (a budget of one node).
func nextFold(paths []pkgPath, folded map[string]bool, root bool) (string, bool) {
	type cand struct {
		depth int
		keys  map[string]bool // the nodes it would merge
	}
	cands := map[string]*cand{}
	for _, pp := range paths {
		key, in, ok := foldedIn(pp, folded)
		if !ok {
			key, in = pp.path, len(pp.segs)
		}
		first := pp.keep
		if !root {
			first = max(first, 1)
		}
		for k := first; k <= in; k++ { // deeper is inside a fold
			d, _ := pp.cut(k)
			c := cands[d]
			if c == nil {
				c = &cand{depth: k, keys: map[string]bool{}}
				cands[d] = c
			}
			c.keys[key] = true
		}
	}
	best := ""
	for d, c := range cands {
		if len(c.keys) < 2 {
			continue
		}
		b := cands[best]
		if best == "" || c.depth > b.depth || c.depth == b.depth && (len(c.keys) > len(b.keys) || len(c.keys) == len(b.keys) && d < best) {
			best = d
		}
	}
	return best, best != ""
}

// foldedIn returns the folded directory holding pp and its depth (the
// segments it keeps). Folds never nest: a new fold replaces those inside it.
func foldedIn(pp pkgPath, folded map[string]bool) (string, int, bool) {
	for k := pp.keep; k <= len(pp.segs); k++ {
		if d, _ := pp.cut(k); folded[d] {
			return d, k, true
		}
	}
	return "", 0, false
}

// under reports whether path is dir or below it.
func under(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+"/")
}

// groupKeys returns the nodes the packages make with these folds.
func groupKeys(paths []pkgPath, folded map[string]bool) map[string]bool {
	keys := make(map[string]bool, len(paths))
	for _, pp := range paths {
		if d, _, ok := foldedIn(pp, folded); ok {
			keys[d] = true
		} else {
			keys[pp.path] = true
		}
	}
	return keys
}

// fold groups the packages by the folded directory holding them (a package
// in none is its own group) and merges the edges accordingly, dropping
// those that fall inside one group.
func fold(pg *pkgGraph, pkgs map[string]*model.Package, paths []pkgPath, folded map[string]bool, module string) ([]Node, []Edge) {
	type group struct {
		node Node
		dir  bool
	}
	groups := map[string]*group{}
	var order []string
	of := make(map[string]string, len(paths))
	for _, pp := range paths {
		key, dir := pp.path, false
		if d, _, ok := foldedIn(pp, folded); ok {
			key, dir = d, true
		}
		of[pp.path] = key
		gr := groups[key]
		if gr == nil {
			gr = &group{node: Node{ID: key}, dir: dir}
			groups[key] = gr
			order = append(order, key)
		}
		gr.node.Packages++
		if p := pkgs[pp.path]; p != nil {
			gr.node.Units += p.Units
			gr.node.LOC += p.LOC
		}
		gr.node.Focus = gr.node.Focus || pg.focus[pp.path]
	}
	nodes := make([]Node, 0, len(order))
	ids := make(map[string]string, len(order))
	for _, key := range order {
		gr := groups[key]
		n := gr.node
		n.Label = relTo(module, key)
		if gr.dir {
			n.Kind = NodeDir
			n.ID += "/..."
			n.Label += "/..."
		} else {
			n.Kind = NodePackage
		}
		ids[key] = n.ID
		nodes = append(nodes, n)
	}
	merged := map[edgeKey]int{}
	for k, w := range pg.edges {
		a, b := of[k.from], of[k.to]
		if a == "" || b == "" || a == b {
			continue
		}
		merged[edgeKey{ids[a], ids[b], k.kind}] += w
	}
	edges := make([]Edge, 0, len(merged))
	for k, w := range merged {
		edges = append(edges, Edge{From: k.from, To: k.to, Kind: k.kind, Weight: w})
	}
	return nodes, edges
}

// pkgPath is a package path split below the module that holds it.
type pkgPath struct {
	path string
	base string // the path the segments are below: the main module, or ""
	segs []string
	keep int // segments never cut: 1 for a package outside the main module
}

// splitPath splits p below the main module; a package of another module of
// a workspace keeps its module path as one first segment.
func splitPath(m *model.Model, p string) pkgPath {
	mod := ""
	for _, mp := range modulePaths(m) {
		if (p == mp || strings.HasPrefix(p, mp+"/")) && len(mp) > len(mod) {
			mod = mp
		}
	}
	pp := pkgPath{path: p}
	switch {
	case mod != "" && mod == m.Module:
		pp.base = mod
		pp.segs = splitSegs(strings.TrimPrefix(p, mod))
	case mod != "":
		pp.segs = append([]string{mod}, splitSegs(strings.TrimPrefix(p, mod))...)
		pp.keep = 1
	default:
		pp.segs = splitSegs(p)
		pp.keep = 1
	}
	return pp
}

func splitSegs(s string) []string {
	s = strings.Trim(s, "/")
	if s == "" {
		return nil
	}
	return strings.Split(s, "/")
}

func modulePaths(m *model.Model) []string {
	out := []string{}
	if m.Module != "" {
		out = append(out, m.Module)
	}
	for _, mod := range m.Modules {
		if mod.Path != "" {
			out = append(out, mod.Path)
		}
	}
	return out
}

// cut returns the path of pp cut to d segments and whether that is pp itself.
func (pp pkgPath) cut(d int) (string, bool) {
	k := max(d, pp.keep)
	if k >= len(pp.segs) {
		return pp.path, true
	}
	parts := append([]string{}, pp.segs[:k]...)
	if pp.base != "" {
		parts = append([]string{pp.base}, parts...)
	}
	return strings.Join(parts, "/"), false
}

// relLabel is a package path relative to m's module, for display.
func relLabel(m *model.Model, path string) string { return relTo(m.Module, path) }

// relTo is path relative to module; module's own path stays whole.
func relTo(module, path string) string {
	switch {
	case module == "" || path == module:
		return path
	case strings.HasPrefix(path, module+"/"):
		return path[len(module)+1:]
	}
	return path
}
