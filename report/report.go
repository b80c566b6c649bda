// Package report writes splitter's HTML report: one self-contained
// index.html (CSS, JavaScript and SVG diagrams inline, nothing fetched, so
// it opens from file:// offline), the diagrams as .svg and .dot files, and
// the model as analysis.json.
//
// Each section appears only when the model has its data: services, moves
// and metrics once the decomposition ran, diagnostics when there are some.
// Every model string reaches the page through html/template, which escapes
// it; the only markup inserted verbatim is the SVG that go-graphviz renders
// from DOT this package writes (labels escaped there), checked by sanitizeSVG.
//
// The same model and options give the same bytes.
package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/render"
)

// Options shape a report.
type Options struct {
	// SourceURL, when set, turns file:line into links: SourceURL + file +
	// "#L" + line, e.g. "https://github.com/o/r/blob/main/".
	SourceURL string
	// MaxNodes is the node budget of each diagram (0: DefaultMaxNodes).
	// Past it the package graph folds packages into directories, the
	// service map leaves out tables and a service's graph shows its
	// packages instead of its units (see ServiceGraphNodes).
	MaxNodes int
	// Render turns DOT into SVG; nil means render.SVG.
	Render func(dot []byte) ([]byte, error)
	// ModelJSON, when set, is written as analysis.json instead of encoding
	// the model again: `splitter report` passes the file it read.
	ModelJSON []byte
}

// DefaultMaxNodes is the report's node budget: a diagram of more boxes is
// neither readable in a page nor quick to lay out.
const DefaultMaxNodes = 80

// Files written by Write.
const (
	IndexFile = "index.html"
	ModelFile = "analysis.json"
)

// Write writes the report for m into dir (created if needed): index.html,
// the diagrams as NAME.svg and NAME.dot, and analysis.json. A diagram that
// cannot be rendered is replaced in the page by a note saying why; its DOT
// is still written.
func Write(dir string, m *model.Model, opts Options) error {
	files, err := Files(m, opts)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return nil
}

// File is one file of a report.
type File struct {
	Name string
	Data []byte
}

// Files builds the report's files in memory, in the order Write writes
// them (index.html last).
func Files(m *model.Model, opts Options) ([]File, error) {
	budget := opts.MaxNodes
	if budget <= 0 {
		budget = DefaultMaxNodes
	}
	rnd := opts.Render
	if rnd == nil {
		rnd = render.SVG
	}
	m.Normalize() // the view's order is the model's
	v := newView(m, opts)
	var diagrams []diagram
	var figs []*figure // each diagram's figure, also its slot in the page
	add := func(d diagram) *figure {
		f := &figure{Name: d.Name, Title: d.Title, Notes: d.Notes, File: d.Name + ".svg", DOTFile: d.Name + ".dot", Slot: len(figs)}
		diagrams, figs = append(diagrams, d), append(figs, f)
		return f
	}
	if len(v.Services) > 0 {
		v.ServiceMap = add(serviceMap(v, budget))
	}
	if len(m.Packages) > 0 {
		v.PackageMap = add(packageMap(v, budget))
	}
	for _, sv := range v.Plan {
		if d := serviceGraph(v, v.byName[sv.S.Name], budget); d.DOT != nil {
			sv.Graph = add(d)
		}
	}
	if len(m.Functions) > 0 || len(m.Findings) > 0 {
		v.functionsView()
		if len(m.Functions) > 0 {
			sizes := render.NodeSizes
			if opts.Render != nil {
				sizes = func([]byte) (map[string]render.Size, error) { return nil, errors.New("no Graphviz") }
			}
			v.FunctionMap = add(functionMap(v, budget, sizes))
		}
	}

	// Graphviz lays the diagrams out one at a time (it reads only their
	// DOT) while this goroutine writes the page, with a marker in place of
	// each figure, encodes the model and checks each SVG.
	type rendered struct {
		svg []byte
		err error
	}
	results := make([]chan rendered, len(diagrams))
	for i := range results {
		results[i] = make(chan rendered, 1)
	}
	go func() {
		for i, d := range diagrams {
			if d.DOT == nil {
				results[i] <- rendered{} // over its budget: its notes say so
				continue
			}
			svg, err := rnd(d.DOT)
			results[i] <- rendered{svg, err}
		}
	}()
	var page bytes.Buffer
	if err := pageTemplate.Execute(&page, v); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	js := opts.ModelJSON
	if js == nil {
		var buf bytes.Buffer
		if err := m.Encode(&buf); err != nil {
			return nil, fmt.Errorf("report: encoding the model: %w", err)
		}
		js = buf.Bytes()
	}
	files := []File{{ModelFile, js}}
	html := make([][]byte, len(diagrams))
	for i, d := range diagrams {
		fig := figs[i]
		r := <-results[i]
		switch {
		case d.DOT == nil:
			// Over its budget: only its notes, no files (and nothing
			// rendered: Graphviz given no graph reports the previous
			// graph's warnings as its error).
			fig.None = true
		default:
			files = append(files, File{d.Name + ".dot", d.DOT})
			svg, err := r.svg, r.err
			if err == nil {
				svg, err = sanitizeSVG(svg)
			}
			if err != nil {
				fig.Error = err.Error()
				fig.File = ""
			} else {
				files = append(files, File{d.Name + ".svg", svg})
				fig.SVG = inlineSVG(svg)
			}
		}
		var b bytes.Buffer
		if err := pageTemplate.ExecuteTemplate(&b, "figure", fig); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
		html[i] = b.Bytes()
	}
	index, err := fillSlots(page.Bytes(), html)
	if err != nil {
		return nil, err
	}
	files = append(files, File{IndexFile, index})
	return files, nil
}

// ReadModel reads a model written by `splitter analyze --format json` or
// saved as analysis.json.
func ReadModel(path string) (*model.Model, error) {
	m, _, err := ReadModelFile(path)
	return m, err
}

// ReadModelFile is ReadModel that also returns the file's bytes, to be
// written again as the report's analysis.json (Options.ModelJSON).
func ReadModelFile(path string) (*model.Model, []byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	// What model.Decode does, on the bytes in hand: json.Unmarshal skips
	// a stream's buffering and is about a third faster on a large model.
	m := new(model.Model)
	if err := json.Unmarshal(b, m); err != nil {
		return nil, nil, fmt.Errorf("%s: not a splitter model: %w", path, err)
	}
	if m.Schema != model.Schema {
		return nil, nil, fmt.Errorf("%s: schema %q, want %q", path, m.Schema, model.Schema)
	}
	if m.Module == "" && len(m.Units) == 0 {
		return nil, nil, errors.New(path + ": empty model")
	}
	return m, b, nil
}
