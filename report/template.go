package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/splitter-go/splitter/summary"
)

var (
	//go:embed page.html
	pageHTML string
	//go:embed report.css
	css string
	//go:embed report.js
	js string
)

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	// Our own stylesheet and script, embedded at build time: not model data.
	"css": func() template.CSS { return template.CSS(css) },
	"js":  func() template.JS { return template.JS(js) },
	"weight": func(w float64) string {
		return strconv.FormatFloat(w, 'f', -1, 64)
	},
	"breakable": breakable,
	"count":     summary.Count,
	"kinds":     summary.KindsText,
	// The place of a figure, filled once its diagram is rendered (Files).
	"slot": func(f *figure) template.HTML { return template.HTML(slotMarker(f.Slot)) },
}).Parse(pageHTML))

// breakable escapes an identifier and lets the browser wrap it after a dot
// or a slash (<wbr>), never inside a name.
func breakable(s string) template.HTML {
	var b strings.Builder
	for {
		i := strings.IndexAny(s, "./")
		if i < 0 {
			b.WriteString(template.HTMLEscapeString(s))
			return template.HTML(b.String())
		}
		b.WriteString(template.HTMLEscapeString(s[:i+1]))
		b.WriteString("<wbr>")
		s = s[i+1:]
	}
}

const slotPrefix = "<!--splitter-figure-"

func slotMarker(i int) string { return slotPrefix + strconv.Itoa(i) + "-->" }

// fillSlots replaces each figure's marker in page by its HTML. Model text
// cannot forge a marker: the template escapes "<" in it.
func fillSlots(page []byte, figs [][]byte) ([]byte, error) {
	out := make([]byte, 0, len(page)+sumLen(figs))
	for {
		i := bytes.Index(page, []byte(slotPrefix))
		if i < 0 {
			return append(out, page...), nil
		}
		out = append(out, page[:i]...)
		page = page[i+len(slotPrefix):]
		j := bytes.Index(page, []byte("-->"))
		n, err := strconv.Atoi(string(page[:max(j, 0)]))
		if j < 0 || err != nil || n < 0 || n >= len(figs) {
			return nil, fmt.Errorf("report: bad figure slot in the page")
		}
		out = append(out, figs[n]...)
		page = page[j+len("-->"):]
	}
}

func sumLen(bs [][]byte) int {
	n := 0
	for _, b := range bs {
		n += len(b)
	}
	return n
}
