package graph

import (
	"fmt"
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

// fitPackages fills g with pg's nodes and edges, folding packages into their
// parent directories, one level at a time from the deepest, while there are
// more than budget nodes.
func fitPackages(g *Graph, m *model.Model, pg *pkgGraph, budget int) {
	pkgs := make(map[string]*model.Package, len(m.Packages))
	for i := range m.Packages {
		pkgs[m.Packages[i].Path] = &m.Packages[i]
	}
	paths := make([]pkgPath, len(pg.pkgs))
	depth := 0
	for i, p := range pg.pkgs {
		paths[i] = splitPath(m, p)
		depth = max(depth, len(paths[i].segs))
	}
	d := depth // d >= depth keeps every package as it is
	nodes, edges := fold(pg, pkgs, paths, d, m.Module)
	for len(nodes) > budget && d > 0 {
		d--
		nodes, edges = fold(pg, pkgs, paths, d, m.Module)
	}
	if d < depth {
		g.Collapsed = fmt.Sprintf("dirs:%d", d)
		note := fmt.Sprintf("collapsed to fit %d nodes: %d packages folded into their directories, at most %d levels below the module root: %d nodes",
			budget, len(pg.pkgs), d, len(nodes))
		if len(nodes) > budget {
			note += " (still over budget)"
		}
		g.Notes = append(g.Notes, note)
	}
	g.Nodes, g.Edges = nodes, edges
	g.sort()
}

// fold groups the packages by their path cut to d segments below their
// module and merges the edges accordingly, dropping those that fall inside
// one group.
func fold(pg *pkgGraph, pkgs map[string]*model.Package, paths []pkgPath, d int, module string) ([]Node, []Edge) {
	type group struct {
		node  Node
		exact bool // the group is exactly the package node.ID
	}
	groups := map[string]*group{}
	var order []string
	of := make(map[string]string, len(paths))
	for _, pp := range paths {
		key, exact := pp.cut(d)
		of[pp.path] = key
		gr := groups[key]
		if gr == nil {
			gr = &group{node: Node{ID: key}, exact: true}
			groups[key] = gr
			order = append(order, key)
		}
		gr.exact = gr.exact && exact && gr.node.Packages == 0
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
		if gr.exact {
			n.Kind = NodePackage
		} else {
			n.Kind = NodeDir
			n.ID += "/..."
			n.Label += "/..."
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
