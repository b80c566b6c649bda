package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/splitter-go/splitter/graph"
)

// The DOT quoting rules live in the graph package; these keep the call
// sites short.
func dotQuote(s string) string        { return graph.QuoteID(s) }
func dotLabel(lines ...string) string { return graph.QuoteLabel(lines, `\n`) }
func dotTooltip(s string) string      { return graph.QuoteTooltip(s) }

func attrs(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, kv[i]+"="+kv[i+1])
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func penWidth(w int) string {
	return fmt.Sprintf("%.1f", math.Min(5, 1+math.Log2(float64(max(w, 1)))/2))
}

// diagram is a DOT graph built for the report, with a note on what was left
// out to fit the node budget.
type diagram struct {
	Name  string // file name without extension
	Title string
	DOT   []byte
	Notes []string
}
