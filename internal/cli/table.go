package cli

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// DefaultWidth is the width of the text output when neither COLUMNS nor
// the terminal says one.
const DefaultWidth = 100

// termWidth is the width the text output fits: $COLUMNS, else the width of
// the terminal w is, else DefaultWidth.
func termWidth(w io.Writer) int {
	if n, err := strconv.Atoi(strings.TrimSpace(os.Getenv("COLUMNS"))); err == nil && n > 0 {
		return n
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if n, _, err := term.GetSize(int(f.Fd())); err == nil && n > 0 {
			return n
		}
	}
	return DefaultWidth
}

// column of a text table.
type column struct {
	head  string
	short string // a shorter head, used when the table is too wide
	right bool   // numbers, aligned right
	// shrink lets the column give up width when the table is too wide:
	// its lists end in "+N more", its text in "…" (at the start with
	// left, for paths and names whose end says most).
	shrink bool
	left   bool
	// give orders the shrinking: the columns of the highest give shrink
	// first (sharing what is left equally), down to min, then the next.
	give, min int
}

// cell of a text table: a text, or a list (items) shown as "a, b, c" and,
// cut, "a, b +1 more".
type cell struct {
	text  string
	items []string
	list  bool
}

func txt(s string) cell { return cell{text: s} }
func num(n int) cell    { return cell{text: strconv.Itoa(n)} }

// list is a list cell, "-" when empty.
func list(items []string) cell {
	if len(items) == 0 {
		return txt("-")
	}
	return cell{items: items, list: true}
}

func width(s string) int    { return utf8.RuneCountInString(s) }
func (c cell) natural() int { return width(c.fit(1 << 30)) }

// fit renders the cell in at most w characters.
func (c cell) fit(w int) string { return c.fitFrom(w, false) }

// fitFrom is fit cutting text from its start when left is set.
func (c cell) fitFrom(w int, left bool) string {
	if !c.list {
		if left {
			return cutLeft(c.text, w)
		}
		return cut(c.text, w)
	}
	all := strings.Join(c.items, ", ")
	if width(all) <= w {
		return all
	}
	if len(c.items) == 1 {
		return cut(all, w)
	}
	for k := len(c.items) - 1; k >= 1; k-- {
		s := strings.Join(c.items[:k], ", ") + fmt.Sprintf(" +%d more", len(c.items)-k)
		if width(s) <= w {
			return s
		}
	}
	more := fmt.Sprintf(" +%d more", len(c.items)-1)
	if w-width(more) >= 4 {
		return cut(c.items[0], w-width(more)) + more
	}
	return cut(fmt.Sprintf("%d items", len(c.items)), w)
}

// cut shortens s to w characters, ending in "…" when it was longer.
func cut(s string, w int) string {
	if width(s) <= w {
		return s
	}
	if w <= 1 {
		return "…"
	}
	r := []rune(s)
	return string(r[:w-1]) + "…"
}

// cutLeft shortens s to w characters, starting with "…" when it was longer.
func cutLeft(s string, w int) string {
	if width(s) <= w {
		return s
	}
	if w <= 1 {
		return "…"
	}
	r := []rune(s)
	return "…" + string(r[len(r)-(w-1):])
}

// table is a text table indented by two spaces, its columns two apart,
// fitted to a width: the columns that may shrink share what the others
// leave, the narrow ones keeping their width.
type table struct {
	cols []column
	rows [][]cell
}

func (t *table) add(cells ...cell) { t.rows = append(t.rows, cells) }

// naturalWidth is the table's width with no column cut.
func (t *table) naturalWidth(indent, gap int) int {
	w := indent + gap*(len(t.cols)-1)
	for i, c := range t.cols {
		n := len(c.head)
		for _, r := range t.rows {
			if i < len(r) {
				n = max(n, r[i].natural())
			}
		}
		w += n
	}
	return w
}

// colMin is the narrowest column i may become: its min, else its header
// up to 10 characters (a longer header is cut), never under 8 ("+99 more").
func (t *table) colMin(i int) int {
	if m := t.cols[i].min; m > 0 {
		return m
	}
	return max(min(len(t.cols[i].head), 10), 8)
}

// render returns the table's lines (the header first), each at most width
// characters when the columns that cannot shrink leave room.
func (t *table) render(width int) []string {
	const indent, gap = 2, 2
	if t.naturalWidth(indent, gap) > width {
		for i, c := range t.cols {
			if c.short != "" {
				t.cols[i].head = c.short
			}
		}
	}
	nat := make([]int, len(t.cols))
	for i, c := range t.cols {
		nat[i] = len(c.head)
		for _, r := range t.rows {
			if i < len(r) {
				nat[i] = max(nat[i], r[i].natural())
			}
		}
	}
	widths := append([]int(nil), nat...)
	total := indent + gap*(len(t.cols)-1)
	room := width - total
	var shrink []int
	for i, c := range t.cols {
		if c.shrink {
			shrink = append(shrink, i)
		} else {
			room -= nat[i]
		}
	}
	need := 0
	for _, i := range shrink {
		need += nat[i]
	}
	// Shrink level by level, the highest give first, each level sharing
	// what the others leave it (water-filling: the columns narrower than
	// an equal share keep their width).
	levels := map[int][]int{}
	top := 0
	for _, i := range shrink {
		levels[t.cols[i].give] = append(levels[t.cols[i].give], i)
		top = max(top, t.cols[i].give)
	}
	for g := top; g >= 0 && need > room; g-- {
		cols := levels[g]
		if len(cols) == 0 {
			continue
		}
		mine, floor := 0, 0
		for _, i := range cols {
			mine += nat[i]
			floor += t.colMin(i)
		}
		avail := max(room-(need-mine), floor) // what this level may use
		left, n := avail, len(cols)
		done := map[int]bool{}
		for changed := true; changed && n > 0; {
			changed = false
			share := left / n
			for _, i := range cols {
				if !done[i] && nat[i] <= share {
					widths[i], done[i] = nat[i], true
					left -= nat[i]
					n--
					changed = true
				}
			}
		}
		if n > 0 {
			share, extra := left/n, left%n
			for _, i := range cols {
				if !done[i] {
					widths[i] = share
					if extra > 0 {
						widths[i]++
						extra--
					}
					widths[i] = max(widths[i], t.colMin(i))
				}
			}
		}
		used := 0
		for _, i := range cols {
			used += widths[i]
		}
		need += used - mine
	}
	line := func(cells []string) string {
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", indent))
		for i, s := range cells {
			pad := widths[i] - utf8.RuneCountInString(s)
			last := i == len(cells)-1
			switch {
			case t.cols[i].right:
				b.WriteString(strings.Repeat(" ", max(pad, 0)) + s)
			case last:
				b.WriteString(s)
			default:
				b.WriteString(s + strings.Repeat(" ", max(pad, 0)))
			}
			if !last {
				b.WriteString(strings.Repeat(" ", gap))
			}
		}
		return strings.TrimRight(b.String(), " ")
	}
	heads := make([]string, len(t.cols))
	for i, c := range t.cols {
		heads[i] = cut(c.head, widths[i])
	}
	out := []string{line(heads)}
	for _, r := range t.rows {
		cells := make([]string, len(t.cols))
		for i := range t.cols {
			if i < len(r) {
				cells[i] = r[i].fitFrom(widths[i], t.cols[i].left)
			}
		}
		out = append(out, line(cells))
	}
	return out
}

// wrap breaks text into lines of at most width characters at spaces, the
// lines after the first indented by indent. Colour codes take no room.
func wrap(text string, width int, indent string) string {
	lead := text[:len(text)-len(strings.TrimLeft(text, " "))]
	words := strings.Fields(text)
	var b strings.Builder
	b.WriteString(lead)
	n := len(lead)
	for i, w := range words {
		switch {
		case i == 0:
		case n+1+visible(w) > width:
			b.WriteString("\n" + indent)
			n = visible(indent)
		default:
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += visible(w)
	}
	return b.String()
}

// visible is the width of s on a terminal: its characters but the ANSI
// colour codes.
func visible(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if s[i] == '\033' {
			if j := strings.IndexByte(s[i:], 'm'); j > 0 {
				i += j + 1
				continue
			}
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	return n
}
