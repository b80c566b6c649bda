package report

import (
	"html/template"
	"strings"
)

// palette colours the services, in the order of their names: twenty light
// colours, each at least 0.08 apart from the others, from white and from
// the kernel's grey in OKLab (picked greedily, farthest first, among
// lightnesses 0.74–0.94 and chromas up to 0.13), so that black labels stay
// readable (contrast 7:1 or more) and no two services look alike. Past
// twenty, services get two colours side by side (see serviceFill).
var palette = []string{
	"#e288c2", "#0dbedf", "#bbad3f", "#6bdeaa", "#ffae85",
	"#cbfea1", "#9ea0fa", "#f5b8fa", "#72e3ff", "#8fb5a1",
	"#ead166", "#b7c3e5", "#c99f9f", "#c7c7a2", "#abfdf9",
	"#e6964f", "#75c075", "#f28882", "#fbecae", "#1dc5ae",
}

// sharedColour is the shared kernel's: a neutral grey no service has.
const sharedColour = "#e0e0e0"

// fill is how the nodes of one service are painted: one colour, or two
// halves (left, right) for the services past the palette.
type fill struct{ left, right string }

// serviceFill is the fill of the i-th service (the kernel not counted).
// The first twenty get a colour each; then come pairs of two palette
// colours, a different pair each: every service looks different from every
// other.
func serviceFill(i int) fill {
	n := len(palette)
	if i < n {
		return fill{left: palette[i]}
	}
	// Pairs (a, a+7) for twenty services, then (a, a+8), and so on; no
	// step is another's complement to 20, so no pair comes back swapped.
	t := i - n
	a, step := t%n, pairSteps[(t/n)%len(pairSteps)]
	return fill{left: palette[a], right: palette[(a+step)%n]}
}

var pairSteps = []int{7, 8, 9, 6, 5, 4, 3, 2, 1}

// dot is the fill as DOT attributes for a node whose style is style
// ("filled" is added).
func (f fill) dot(style string) []string {
	if !strings.Contains(style, "filled") {
		style = strings.TrimPrefix(style+",filled", ",")
	}
	if f.right == "" {
		return []string{"style", dotQuote(style), "fillcolor", dotQuote(f.left)}
	}
	// Graphviz draws "a;0.5:b" as a linear gradient with a hard stop: two
	// halves, left to right.
	return []string{"style", dotQuote(style), "fillcolor", dotQuote(f.left + ";0.5:" + f.right), "gradientangle", "0"}
}

// css is the fill as a CSS background, for the swatches of the page. The
// colours are the palette's, never model text.
func (f fill) css() template.CSS {
	if f.right == "" {
		return template.CSS("background: " + f.left)
	}
	return template.CSS("background: linear-gradient(90deg, " + f.left + " 50%, " + f.right + " 50%)")
}

// main is the fill's first colour, for what takes one colour only (a
// cluster's tint).
func (f fill) main() string { return f.left }
