package graph

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteMermaid writes g as a mermaid flowchart (flowchart LR), units grouped
// in one subgraph per package. Node ids are sanitised names (n_ plus letters,
// digits and '_', numbered on collision); every label is quoted and its
// special characters written as mermaid entity codes (#quot;, #lt;, ...),
// so no name can close a label, inject HTML or start a directive.
//
// Mermaid refuses graphs with more than 500 edges unless configured with a
// larger maxEdges; keep such graphs small with Options.MaxNodes or Focus.
func WriteMermaid(w io.Writer, g *Graph) error {
	b := bufio.NewWriter(w)
	head := headLines(g)
	fmt.Fprintf(b, "---\ntitle: %s\n---\n", yamlString(head[0]))
	for _, line := range head[1:] {
		fmt.Fprintf(b, "%%%% %s\n", mermaidComment(line))
	}
	b.WriteString("flowchart LR\n")
	ids := mermaidIDs(g.Module, g.Nodes)
	loose, cls := clusters(g)
	var focus []string
	node := func(indent string, n Node) {
		label := mermaidText(n.Label)
		if s := sizeText(n); s != "" {
			label += "<br/>" + mermaidText(s)
		}
		open, shut := "[\"", "\"]"
		if n.Kind == NodeDir {
			open, shut = "[[\"", "\"]]"
		}
		fmt.Fprintf(b, "%s%s%s%s%s\n", indent, ids[n.ID], open, label, shut)
		if n.Focus {
			focus = append(focus, ids[n.ID])
		}
	}
	for _, n := range loose {
		node("  ", n)
	}
	for i, c := range cls {
		fmt.Fprintf(b, "  subgraph c%d[\"%s\"]\n", i, mermaidText(c.name))
		for _, n := range c.nodes {
			node("    ", n)
		}
		b.WriteString("  end\n")
	}
	for _, e := range g.Edges {
		arrow := "-->"
		if e.Kind == EdgeRef {
			arrow = "-.->"
		}
		fmt.Fprintf(b, "  %s %s|%d| %s\n", ids[e.From], arrow, e.Weight, ids[e.To])
	}
	if len(focus) > 0 {
		b.WriteString("  classDef focus fill:#fff3c4,stroke-width:2px\n")
		fmt.Fprintf(b, "  class %s focus\n", strings.Join(focus, ","))
	}
	return b.Flush()
}

// mermaidIDs gives each node a sanitised id: n_ and the node id relative to
// module with every character other than an ASCII letter or digit replaced
// by '_', suffixed _2, _3, ... on collision. Nodes are sorted, so ids are
// stable.
func mermaidIDs(module string, nodes []Node) map[string]string {
	ids := make(map[string]string, len(nodes))
	used := make(map[string]bool, len(nodes))
	for _, n := range nodes {
		base := "n_" + strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
				return r
			}
			return '_'
		}, relTo(module, n.ID))
		id := base
		for i := 2; used[id]; i++ {
			id = fmt.Sprintf("%s_%d", base, i)
		}
		used[id] = true
		ids[n.ID] = id
	}
	return ids
}

// mermaidText escapes s for a quoted mermaid label: the characters that
// could end the label, be read as markup, an entity, a comment or a
// directive become entity codes; line breaks become <br/>.
func mermaidText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString("#quot;")
		case r == '<':
			b.WriteString("#lt;")
		case r == '>':
			b.WriteString("#gt;")
		case r == '&':
			b.WriteString("#amp;")
		case r == '#':
			b.WriteString("#35;")
		case r == '%':
			b.WriteString("#37;")
		case r == '`':
			b.WriteString("#96;")
		case r == '\n':
			b.WriteString("<br/>")
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mermaidComment keeps s on one line with no '%' (no "%%{" directive).
func mermaidComment(s string) string {
	return strings.ReplaceAll(oneLine(s), "%", "#37;")
}

// yamlString quotes s as a YAML double-quoted scalar (JSON's escapes are a
// subset of YAML's), with '%' escaped so that the raw text holds no "%%{".
func yamlString(s string) string {
	q, _ := json.Marshal(oneLine(s))
	return strings.ReplaceAll(string(q), "%", `\u0025`)
}
