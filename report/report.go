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
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/splitter-go/splitter/graph"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/render"
)

// Options shape a report.
type Options struct {
	// SourceURL, when set, turns file:line into links: SourceURL + file +
	// "#L" + line, e.g. "https://github.com/o/r/blob/main/".
	SourceURL string
	// MaxNodes is the node budget of each diagram (0: graph.DefaultMaxNodes).
	// Past it the package graph folds packages into directories and the
	// service map leaves out tables.
	MaxNodes int
	// Render turns DOT into SVG; nil means render.SVG.
	Render func(dot []byte) ([]byte, error)
}

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
	var js bytes.Buffer
	if err := m.Encode(&js); err != nil { // Encode normalises m first
		return nil, fmt.Errorf("report: encoding the model: %w", err)
	}
	budget := opts.MaxNodes
	if budget <= 0 {
		budget = graph.DefaultMaxNodes
	}
	rnd := opts.Render
	if rnd == nil {
		rnd = render.SVG
	}
	v := newView(m, opts)
	files := []File{{ModelFile, js.Bytes()}}
	var diagrams []diagram
	if len(v.Services) > 0 {
		diagrams = append(diagrams, serviceMap(v, budget))
	}
	if len(m.Packages) > 0 {
		diagrams = append(diagrams, packageMap(v, budget))
	}
	for _, d := range diagrams {
		files = append(files, File{d.Name + ".dot", d.DOT})
		fig := figure{Name: d.Name, Title: d.Title, Notes: d.Notes, File: d.Name + ".svg", DOTFile: d.Name + ".dot"}
		svg, err := rnd(d.DOT)
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
		switch d.Name {
		case "services":
			v.ServiceMap = &fig
		case "packages":
			v.PackageMap = &fig
		}
	}
	var page bytes.Buffer
	if err := pageTemplate.Execute(&page, v); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	files = append(files, File{IndexFile, page.Bytes()})
	return files, nil
}

// ReadModel reads a model written by `splitter analyze --format json` or
// saved as analysis.json.
func ReadModel(path string) (*model.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := model.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("%s: not a splitter model: %w", path, err)
	}
	if m.Schema != model.Schema {
		return nil, fmt.Errorf("%s: schema %q, want %q", path, m.Schema, model.Schema)
	}
	if m.Module == "" && len(m.Units) == 0 {
		return nil, errors.New(path + ": empty model")
	}
	return m, nil
}
