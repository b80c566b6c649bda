package graph

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Formats lists the formats Write accepts.
var Formats = []string{"dot", "mermaid", "json"}

// Write writes g in format, one of Formats.
func Write(w io.Writer, g *Graph, format string) error {
	switch format {
	case "dot":
		return WriteDOT(w, g)
	case "mermaid":
		return WriteMermaid(w, g)
	case "json":
		return WriteJSON(w, g)
	}
	return fmt.Errorf("graph: unknown format %q: want one of %v", format, Formats)
}

// sizeText is the second line of a package or dir node.
func sizeText(n Node) string {
	switch n.Kind {
	case NodeUnit:
		return ""
	case NodeDir:
		return fmt.Sprintf("%s, %s, %d LOC", count(n.Packages, "package", "packages"), count(n.Units, "unit", "units"), n.LOC)
	}
	return fmt.Sprintf("%s, %d LOC", count(n.Units, "unit", "units"), n.LOC)
}

// count is "1 package", "2 packages".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// penWidth grows with the log of the weight, from 1 to 5.
func penWidth(w int) string {
	return fmt.Sprintf("%.1f", math.Min(5, 1+math.Log2(float64(max(w, 1)))/2))
}

// cluster is a group of nodes drawn together.
type cluster struct {
	name  string
	nodes []Node
}

// clusters splits g's nodes into the unclustered ones and the clusters,
// sorted by name; nodes keep their order.
func clusters(g *Graph) ([]Node, []cluster) {
	var loose []Node
	byName := map[string]*cluster{}
	var names []string
	for _, n := range g.Nodes {
		if n.Cluster == "" {
			loose = append(loose, n)
			continue
		}
		c := byName[n.Cluster]
		if c == nil {
			c = &cluster{name: n.Cluster}
			byName[n.Cluster] = c
			names = append(names, n.Cluster)
		}
		c.nodes = append(c.nodes, n)
	}
	sort.Strings(names)
	out := make([]cluster, len(names))
	for i, name := range names {
		out[i] = *byName[name]
	}
	return loose, out
}

// headLines are the title and notes, one per line, without line breaks.
func headLines(g *Graph) []string {
	lines := []string{oneLine(g.Title)}
	for _, n := range g.Notes {
		lines = append(lines, oneLine(n))
	}
	return lines
}

// oneLine makes s valid UTF-8 on one line: control characters become spaces.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}
