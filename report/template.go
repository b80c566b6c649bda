package report

import (
	_ "embed"
	"html/template"
	"strconv"
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
}).Parse(pageHTML))
