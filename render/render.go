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
	"github.com/goccy/go-graphviz/cgraph"
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
// twopi, osage, patchwork; nop, nop1, nop2 take the positions it gives),
// dot when it names none: what Graphviz's own
// command does with the same file. The same input always gives the same
// bytes.
func SVG(dot []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	return SVGContext(ctx, dot)
}

// SVGContext is SVG bounded by ctx instead of DefaultTimeout.
func SVGContext(ctx context.Context, dot []byte) ([]byte, error) {
	return withTurn(ctx, dot, func(g *cgraph.Graph) ([]byte, error) {
		var buf bytes.Buffer
		if err := gv.Render(ctx, g, graphviz.SVG, &buf); err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
		return buf.Bytes(), nil
	})
}

// Size is a node's size as Graphviz draws it, in points.
type Size struct{ Width, Height float64 }

// NodeSizes returns the size Graphviz gives each node of a DOT graph (its
// label in its font, with its margins and shape), by node name, within
// DefaultTimeout: what a caller needs to place the nodes itself and draw
// them with the nop2 layout.
func NodeSizes(dot []byte) (map[string]Size, error) {
	ctx, cancel := context.WithTimeout(context.Background(), DefaultTimeout)
	defer cancel()
	var sizes map[string]Size
	_, err := withTurn(ctx, dot, func(g *cgraph.Graph) ([]byte, error) {
		var buf bytes.Buffer
		if err := gv.Render(ctx, g, graphviz.XDOT, &buf); err != nil {
			return nil, fmt.Errorf("render: %w", err)
		}
		out, err := graphviz.ParseBytes(buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("render: reading the laid out graph: %w", err)
		}
		defer out.Close()
		sizes = map[string]Size{}
		n, err := out.FirstNode()
		for ; err == nil && n != nil; n, err = out.NextNode(n) {
			name, err := n.Name()
			if err != nil {
				return nil, fmt.Errorf("render: %w", err)
			}
			var w, h float64
			if _, err := fmt.Sscan(n.GetStr("width")+" "+n.GetStr("height"), &w, &h); err != nil {
				return nil, fmt.Errorf("render: node %s has no size: %w", name, err)
			}
			sizes[name] = Size{w * 72, h * 72} // inches
		}
		return nil, err
	})
	return sizes, err
}

// withTurn parses dot and runs do on it with the renderer's turn held,
// bounded by ctx.
func withTurn(ctx context.Context, dot []byte, do func(*cgraph.Graph) ([]byte, error)) ([]byte, error) {
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
		out []byte
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
		out, err := run(ctx, dot, do)
		done <- result{out, err}
	}()
	select {
	case r := <-done:
		return r.out, r.err
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: gave up after %s (%v); %s", ErrTimeout, time.Since(start).Round(time.Millisecond), ctx.Err(), hint)
	}
}

var layouts = map[graphviz.Layout]bool{
	graphviz.DOT: true, graphviz.NEATO: true, graphviz.FDP: true, graphviz.SFDP: true,
	graphviz.CIRCO: true, graphviz.TWOPI: true, graphviz.OSAGE: true, graphviz.PATCHWORK: true,
	graphviz.NOP: true, graphviz.NOP1: true, graphviz.NOP2: true,
}

// run parses dot, checks its size, sets the layout it asks for and calls
// do, with the turn held.
func run(ctx context.Context, dot []byte, do func(*cgraph.Graph) ([]byte, error)) ([]byte, error) {
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
			return nil, fmt.Errorf("render: unknown layout %q: want dot, neato, fdp, sfdp, circo, twopi, osage, patchwork or nop2", l)
		}
		engine = graphviz.Layout(l)
	}
	gv.SetLayout(engine) // the turn is held: no other render sees it
	return do(g)
}
