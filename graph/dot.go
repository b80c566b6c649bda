package graph

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteDOT writes g in Graphviz's DOT language, laid out left to right with
// units grouped by package. Every id and label is quoted and escaped, so any
// name is safe; labels also escape '&' so that no name reads as an entity.
func WriteDOT(w io.Writer, g *Graph) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "// splitter graph %s\n", dotComment(g.View))
	b.WriteString("digraph \"splitter\" {\n")
	head := headLines(g)
	fmt.Fprintf(b, "  graph [label=%s, labelloc=t, labeljust=l, rankdir=LR, fontname=\"Helvetica\", fontsize=12, nodesep=0.2, ranksep=0.6];\n",
		dotLabel(head, `\l`))
	b.WriteString("  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10, height=0.3];\n")
	b.WriteString("  edge [color=\"#55555599\", arrowsize=0.6];\n")
	loose, cls := clusters(g)
	for _, n := range loose {
		writeDOTNode(b, "  ", n)
	}
	for i, c := range cls {
		fmt.Fprintf(b, "  subgraph \"cluster_%d\" {\n", i)
		fmt.Fprintf(b, "    label=%s; style=rounded; color=\"#999999\"; fontname=\"Helvetica\"; fontsize=10;\n", dotLabel([]string{c.name}, ""))
		for _, n := range c.nodes {
			writeDOTNode(b, "    ", n)
		}
		b.WriteString("  }\n")
	}
	for _, e := range g.Edges {
		attrs := []string{"penwidth=" + penWidth(e.Weight), "tooltip=" + dotTooltip(fmt.Sprintf("%s -> %s: %s, weight %d", e.From, e.To, e.Kind, e.Weight))}
		if e.Kind == EdgeRef {
			attrs = append(attrs, "style=dashed")
		}
		fmt.Fprintf(b, "  %s -> %s [%s];\n", dotID(e.From), dotID(e.To), strings.Join(attrs, ", "))
	}
	b.WriteString("}\n")
	return b.Flush()
}

func writeDOTNode(b *bufio.Writer, indent string, n Node) {
	lines := []string{n.Label}
	if s := sizeText(n); s != "" {
		lines = append(lines, s)
	}
	tip := n.ID
	if n.Kind == NodeUnit {
		tip = fmt.Sprintf("%s (%d LOC)", n.ID, n.LOC)
	}
	attrs := []string{"label=" + dotLabel(lines, `\n`), "tooltip=" + dotTooltip(tip)}
	if n.Kind == NodeDir {
		attrs = append(attrs, "shape=folder")
	}
	if n.Focus {
		attrs = append(attrs, `style="rounded,filled,bold"`, `fillcolor="#fff3c4"`)
	}
	fmt.Fprintf(b, "%s%s [%s];\n", indent, dotID(n.ID), strings.Join(attrs, ", "))
}

// dotID quotes s as a DOT id. In a quoted DOT string only \" is an escape
// and \\ stays two characters, so doubling backslashes keeps ids distinct and
// the closing quote safe; line breaks are written as \n.
func dotID(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// dotLabel quotes lines as a DOT label (an escString): backslashes are
// doubled so that names never read as \N, \l and the like, line breaks
// become \n, '&' becomes &amp; (Graphviz decodes entities in labels), and
// the lines are joined with sep (\n centred, \l left-justified; a \l sep
// also ends the last line).
func dotLabel(lines []string, sep string) string {
	return dotEsc(lines, sep, `\\`)
}

// dotTooltip quotes s as a tooltip. Graphviz unescapes a tooltip once more
// than a label before it expands \N, \E and the like, so a backslash takes
// four.
func dotTooltip(s string) string {
	return dotEsc([]string{s}, "", `\\\\`)
}

func dotEsc(lines []string, sep, backslash string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i, line := range lines {
		if i > 0 {
			b.WriteString(sep)
		}
		for _, r := range strings.ToValidUTF8(line, "\uFFFD") {
			switch {
			case r == '"':
				b.WriteString(`\"`)
			case r == '\\':
				b.WriteString(backslash)
			case r == '\n':
				b.WriteString(`\n`)
			case r == '&':
				b.WriteString("&amp;")
			case r < 0x20 || r == 0x7f:
				b.WriteByte(' ')
			default:
				b.WriteRune(r)
			}
		}
	}
	if sep == `\l` && len(lines) > 0 {
		b.WriteString(sep)
	}
	b.WriteByte('"')
	return b.String()
}

// QuoteID quotes s as a DOT id or plain attribute value, safe for any input.
func QuoteID(s string) string { return dotID(s) }

// QuoteLabel quotes lines as a DOT label joined by sep (`\n` centred, `\l`
// left-justified), safe for any input: no name can read as \N or an entity.
func QuoteLabel(lines []string, sep string) string { return dotLabel(lines, sep) }

// QuoteTooltip quotes s as a DOT tooltip, safe for any input.
func QuoteTooltip(s string) string { return dotTooltip(s) }

// dotComment keeps s on one line and out of the way of "*/".
func dotComment(s string) string { return oneLine(s) }
