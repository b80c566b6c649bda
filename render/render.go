// Package render lays out DOT graphs and renders them as SVG, in process,
// with github.com/goccy/go-graphviz: Graphviz compiled to WebAssembly and
// run by wazero. It needs neither cgo nor a system Graphviz.
//
// go-graphviz keeps a single WebAssembly instance per process (compiled when
// the program starts, cached on disk under $TMPDIR/go-graphviz), so renders
// are serialised: SVG may be called from several goroutines, one render
// runs at a time.
//
// Layout time grows quickly with the size and the tangle of a graph, and the
// WebAssembly code cannot be interrupted. Graphs over MaxNodes nodes or
// MaxEdges edges are refused with ErrTooLarge; a render that outlives its
// context is abandoned (it finishes in the background and holds the
// renderer until then) and SVG returns an error.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/goccy/go-graphviz"
)

// Hard limits on what SVG accepts.
const (
	MaxNodes = 2000
	MaxEdges = 8000
	MaxBytes = 16 << 20
)

// DefaultTimeout bounds a render started by SVG.
const DefaultTimeout = 2 * time.Minute

// ErrTooLarge is returned, wrapped, for a graph over the hard limits.
var ErrTooLarge = errors.New("graph too large to render")

// ErrTimeout is returned, wrapped, when the context ends before the render.
var ErrTimeout = errors.New("render took too long")

const hint = "show fewer nodes with --max-nodes or --focus, or write --format dot and use Graphviz's dot"

var (
	once    sync.Once
	gv      *graphviz.Graphviz
	initErr error
	// turn is held by the render in progress.
	turn = make(chan struct{}, 1)
	// broken is set after a panic inside Graphviz: its state is unknown.
	broken error
)

// SVG renders a DOT graph as SVG within DefaultTimeout, laid out by the
// engine its graph attribute "layout" names (dot, neato, fdp, sfdp, circo,
// twopi, osage, patchwork), dot when it names none: what Graphviz's own
// command does with the same file. The same input always gives the same
// bytes.
func SVG(dot []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	return SVGContext(ctx, dot)
}

// SVGContext is SVG bounded by ctx instead of DefaultTimeout.
func SVGContext(ctx context.Context, dot []byte) ([]byte, error) {
	if len(dot) > MaxBytes {
		return nil, fmt.Errorf("%w: %d bytes of DOT, over the limit of %d; %s", ErrTooLarge, len(dot), MaxBytes, hint)
	}
	start := time.Now()
	select {
	case turn <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: waiting for the renderer: %v", ErrTimeout, ctx.Err())
	}
	type result struct {
		svg []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		defer func() { <-turn }()
		defer func() {
			if r := recover(); r != nil {
				broken = fmt.Errorf("render: graphviz failed: %v", r)
				done <- result{err: broken}
			}
		}()
		svg, err := render(ctx, dot)
		done <- result{svg, err}
	}()
	select {
	case r := <-done:
		return r.svg, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: gave up after %s (%v); %s", ErrTimeout, time.Since(start).Round(time.Millisecond), ctx.Err(), hint)
	}
}

var layouts = map[graphviz.Layout]bool{
	graphviz.DOT: true, graphviz.NEATO: true, graphviz.FDP: true, graphviz.SFDP: true,
	graphviz.CIRCO: true, graphviz.TWOPI: true, graphviz.OSAGE: true, graphviz.PATCHWORK: true,
}

// render runs with the turn held.
func render(ctx context.Context, dot []byte) ([]byte, error) {
	if broken != nil {
		return nil, broken
	}
	once.Do(func() { gv, initErr = graphviz.New(context.Background()) })
	if initErr != nil {
		return nil, fmt.Errorf("render: starting graphviz: %w", initErr)
	}
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("render: reading DOT: %w", err)
	}
	if g == nil {
		return nil, errors.New("render: reading DOT: no graph")
	}
	defer g.Close()
	nodes, err := g.NodeNum()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	edges, err := g.EdgeNum()
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if nodes > MaxNodes || edges > MaxEdges {
		return nil, fmt.Errorf("%w: %d nodes and %d edges, over the limit of %d nodes and %d edges; %s",
			ErrTooLarge, nodes, edges, MaxNodes, MaxEdges, hint)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	engine := graphviz.DOT
	if l := g.GetStr("layout"); l != "" {
		if !layouts[graphviz.Layout(l)] {
			return nil, fmt.Errorf("render: unknown layout %q: want dot, neato, fdp, sfdp, circo, twopi, osage or patchwork", l)
		}
		engine = graphviz.Layout(l)
	}
	gv.SetLayout(engine) // the turn is held: no other render sees it
	var buf bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	return buf.Bytes(), nil
}
