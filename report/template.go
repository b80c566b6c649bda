package report

import (
	"bytes"
	_ "embed"
	"encoding/json"
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
	"lazy": func(rows []unitRow) bool { return len(rows) > lazyRows },
	// The rows of a lazy table, as a JSON string of their HTML; set in
	// init, since it executes pageTemplate itself.
	"rowsJSON": func([]unitRow) (template.JS, error) { return "", nil },
}).Parse(pageHTML))

func init() { pageTemplate.Funcs(template.FuncMap{"rowsJSON": rowsJSON}) }

// lazyRows is the most rows a units table holds in the page's markup.
// Past it the rows travel as one JSON string and become rows when their
// section opens, a search runs or a link points into them: parsing HTML
// costs the browser far more than a string (gitea's 15,000 units made a
// 10 MB page that took 5 s to open), and a closed section needs none of
// it. Two hundred rows cost a few milliseconds however they come, so the
// reports of small modules are unchanged. A variable for the tests.
var lazyRows = 200

// rowsJSON renders the rows of a units table and returns their HTML as a
// JSON string for a script element, which "</" (written "<\/") and "<!--"
// cannot end or disturb.
func rowsJSON(rows []unitRow) (template.JS, error) {
	var b bytes.Buffer
	if err := pageTemplate.ExecuteTemplate(&b, "unitrows", rows); err != nil {
		return "", err
	}
	var j bytes.Buffer
	enc := json.NewEncoder(&j)
	enc.SetEscapeHTML(false) // escaping every < would grow the string by a third
	if err := enc.Encode(b.String()); err != nil {
		return "", err
	}
	// What could end the script or open a comment in it is escaped; the
	// rest of the markup stays as it is.
	out := strings.ReplaceAll(strings.TrimSuffix(j.String(), "\n"), "</", `<\/`)
	out = strings.ReplaceAll(out, "<!--", `\u003c!--`)
	return template.JS(out), nil
}

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
