package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strings"
)

var svgComment = regexp.MustCompile(`(?s)<!--.*?-->`)

// sanitizeSVG checks the SVG go-graphviz rendered before it is inlined: it
// must be well-formed XML made of drawing elements only, with no script,
// no event handler attribute and no link leaving the page. Comments (which
// repeat DOT names) are dropped. Anything else is an error, and the page
// shows the error instead of the diagram.
func sanitizeSVG(svg []byte) ([]byte, error) {
	svg = svgComment.ReplaceAll(svg, nil)
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("render: invalid SVG: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if !allowedElem[se.Name.Local] {
			return nil, fmt.Errorf("render: unexpected <%s> in SVG", se.Name.Local)
		}
		for _, a := range se.Attr {
			name := strings.ToLower(a.Name.Local)
			if strings.HasPrefix(name, "on") {
				return nil, fmt.Errorf("render: unexpected attribute %s in SVG", a.Name.Local)
			}
			if name == "href" && !strings.HasPrefix(a.Value, "#") {
				return nil, fmt.Errorf("render: link %q in SVG", a.Value)
			}
		}
	}
	return svg, nil
}

var allowedElem = map[string]bool{
	"svg": true, "g": true, "title": true, "a": true, "path": true, "polygon": true,
	"polyline": true, "ellipse": true, "circle": true, "rect": true, "line": true, "text": true,
	"tspan": true, "defs": true, "linearGradient": true, "radialGradient": true, "stop": true,
}

// inlineSVG keeps the <svg> element only: the XML declaration and DOCTYPE
// before it have no place in HTML.
func inlineSVG(svg []byte) template.HTML {
	if i := bytes.Index(svg, []byte("<svg")); i >= 0 {
		svg = svg[i:]
	}
	return template.HTML(bytes.TrimSpace(svg)) // checked by sanitizeSVG
}
