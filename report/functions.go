package report

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/render"
	"github.com/splitter-go/splitter/summary"
)

// fnRow is one proposed serverless function in the report.
type fnRow struct {
	Name, Anchor string
	Service      link
	Deploy       string
	Triggers     []string
	EntryPoints  int
	LOC, Own     int
	SharedLOC    int
	Size         string
	Errors       int
	Warnings     int
	Note         string
}

// findingRow is one rule's finding in the report, with every place it is
// made at: findings that say the same thing are shown once.
type findingRow struct {
	Rule, Severity string
	Message        string
	Places         []placeRow
	Functions      []link // the functions one of its places affects, the first findingFunctions
	More           int    // and how many more
	Suppressed     bool
}

// findingFunctions is the most functions a finding's row names. A finding
// in the way of hundreds of functions is about the whole application
// (gitea's dump command reached from 360 of them: 44,000 links, 2 MB of
// the page); twenty say as much, and analysis.json lists them all.
var findingFunctions = 20 // a variable for the tests

// placeRow is one place a finding is made at.
type placeRow struct {
	Where      link
	Unit       string
	Chain      string
	Suppressed string
}

// functionsView fills the serverless section: the functions, their
// triggers and sizes, and the findings that stand in their way.
func (v *view) functionsView() {
	m := v.M
	used := map[string]bool{}
	anchor := map[string]string{}
	for _, f := range m.Functions {
		a := uniqueSlug("fn-"+f.Name, used)
		anchor[f.Name] = a
		row := fnRow{Name: f.Name, Anchor: a, Deploy: string(f.Deploy), EntryPoints: len(f.EntryPoints),
			LOC: f.LOC, Own: f.ExclusiveLOC, SharedLOC: f.SharedLOC, Size: megabytes(f.EstimatedSize),
			Errors: f.Findings.Error, Warnings: f.Findings.Warning, Note: f.Note}
		if f.MeasuredSize > 0 {
			row.Size = megabytes(f.MeasuredSize) + " (built)"
		}
		if f.Service != "" {
			row.Service = link{Text: f.Service}
			if i, ok := v.byName[f.Service]; ok {
				row.Service.Href = "#" + v.Services[i].ID
			}
		}
		for _, t := range f.Triggers {
			row.Triggers = append(row.Triggers, triggerText(t))
		}
		v.Functions = append(v.Functions, row)
	}
	sum := summary.Of(m)
	for _, groups := range [][]summary.FindingGroup{sum.FindingGroups, sum.SuppressedGroups} {
		for _, g := range groups {
			r := findingRow{Rule: g.Rule, Severity: string(g.Severity), Message: g.Message}
			fns := map[string]bool{}
			for _, f := range g.Findings {
				chain := make([]string, len(f.Chain))
				for i, c := range f.Chain {
					chain[i] = v.short(c)
				}
				r.Places = append(r.Places, placeRow{Where: v.where(f.File, f.Line), Unit: v.short(f.Unit), Chain: strings.Join(chain, " → "), Suppressed: f.Suppressed})
				r.Suppressed = f.Suppressed != ""
				for _, fn := range f.Functions {
					fns[fn] = true
				}
			}
			names := make([]string, 0, len(fns))
			for fn := range fns {
				names = append(names, fn)
			}
			sort.Strings(names)
			if len(names) > findingFunctions {
				names, r.More = names[:findingFunctions], len(names)-findingFunctions
			}
			for _, fn := range names {
				r.Functions = append(r.Functions, link{Text: fn, Href: "#" + anchor[fn]})
			}
			v.Findings = append(v.Findings, r)
		}
	}
}

func triggerText(t model.FunctionTrigger) string {
	switch t.Type {
	case model.TriggerHTTP:
		m := t.Method
		if m == "" {
			m = "ANY"
		}
		return m + " " + t.Path
	case model.TriggerSchedule:
		if t.Expression != "" {
			return t.Expression
		}
		return t.Schedule
	case model.TriggerQueue:
		return t.Broker + " " + t.Topic
	case model.TriggerHTTP2:
		return "gRPC " + t.RPC
	case model.TriggerManual, model.TriggerProcess:
		return string(t.Type) + " " + t.Command
	}
	return string(t.Type)
}

func megabytes(n int64) string {
	if n <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// triggerSources names the outside systems that start functions.
var triggerSources = map[model.TriggerType]string{
	model.TriggerHTTP:     "API gateway",
	model.TriggerSchedule: "scheduler",
	model.TriggerQueue:    "queue / topic",
	model.TriggerHTTP2:    "HTTP/2 load balancer",
	model.TriggerManual:   "job runner",
	model.TriggerProcess:  "process start",
}

// functionMap draws the functions in a box per service (tinted with the
// service's colour), each with what starts it; a function with error
// findings is red. The trigger sources, with the number of functions each
// starts, are a box at the top left, where the requests come in. The boxes
// are packed side by side (see packBoxes) into a picture about one and a
// half times as wide as it is tall: dot, with the trigger sources as nodes
// feeding every function, made one column 4,670 pt tall on miniflux (77
// functions); osage's packing left half of the picture empty.
func functionMap(v *view, budget int, sizes func([]byte) (map[string]render.Size, error)) diagram {
	m := v.M
	d := diagram{Name: "functions", Title: "Function map"}
	// Boxes without edges read like a table and cost no layout: twice the
	// node budget.
	if len(m.Functions) > 2*budget {
		d.Notes = append(d.Notes, fmt.Sprintf("%d functions are more than the map's budget of %d (twice --max-nodes): see the table below.", len(m.Functions), 2*budget))
		return d
	}
	started := map[model.TriggerType]int{}
	byService := map[string][]int{}
	var services []string
	for i, f := range m.Functions {
		if _, ok := byService[f.Service]; !ok {
			services = append(services, f.Service)
		}
		byService[f.Service] = append(byService[f.Service], i)
		seen := map[model.TriggerType]bool{}
		for _, t := range f.Triggers {
			if !seen[t.Type] {
				seen[t.Type] = true
				started[t.Type]++
			}
		}
	}
	sort.Strings(services)

	var nodes []mapNode
	trig := &mapBox{id: "fm-triggers", label: "started by", style: "rounded,dashed", fill: "#ffffff"}
	var kinds []string
	for t := range started {
		kinds = append(kinds, string(t))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t := model.TriggerType(k)
		trig.nodes = append(trig.nodes, len(nodes))
		nodes = append(nodes, mapNode{name: "trig-" + k, attrs: []string{"id", dotQuote("fm-trig-" + k),
			"label", dotLabel(triggerSources[t], summary.Count(started[t], "function")), "shape", "box", "style", "filled", "fillcolor", dotQuote("#eeeeee")}})
	}
	boxes := []*mapBox{trig}
	for si, s := range services {
		box := &mapBox{id: fmt.Sprintf("fm-svc%d", si), label: s, style: "rounded,filled", fill: "#f4f4f4"}
		switch s {
		case "":
			box.label = "outside the services" // code the decomposition left out (tools, examples), or none ran
		case model.SharedService:
			box.label = "shared kernel"
		}
		class := "svc"
		if i, ok := v.byName[s]; ok {
			class += " " + v.Services[i].Class
			box.fill = v.Services[i].Fill.main() + "40" // a quarter of the colour on white
		}
		for _, i := range byService[s] {
			f := m.Functions[i]
			fill := "#e3f2fd"
			if f.Findings.Error > 0 {
				fill = "#ffd6d6"
			}
			what := summary.Count(len(f.EntryPoints), "entry point") + " · " + megabytes(f.EstimatedSize)
			if f.Deploy != model.DeployFunction {
				what = string(f.Deploy) + " · " + what
			}
			box.nodes = append(box.nodes, len(nodes))
			nodes = append(nodes, mapNode{name: fmt.Sprintf("f%d", i), attrs: []string{"id", dotQuote(fmt.Sprintf("fm-f%d", i)), "class", dotQuote(class),
				"label", dotLabel(f.Name, firstTrigger(f.Triggers), what), "tooltip", dotTooltip(functionTip(f)),
				"shape", "box", "style", `"rounded,filled"`, "fillcolor", dotQuote(fill)}})
		}
		boxes = append(boxes, box)
	}

	const head = "  node [fontname=\"Helvetica\", fontsize=12, margin=\"0.08,0.03\"];\n"
	// Graphviz measures the labels; without it (a renderer that fails),
	// about 7 pt a character.
	var flat bytes.Buffer
	flat.WriteString("digraph sizes {\n" + head)
	for _, n := range nodes {
		fmt.Fprintf(&flat, "  %s %s;\n", dotQuote(n.name), attrs(n.attrs...))
	}
	flat.WriteString("}\n")
	measured, err := sizes(flat.Bytes())
	for i := range nodes {
		sz, ok := measured[nodes[i].name]
		if err != nil || !ok {
			sz = estimateSize(nodes[i].attrs)
		}
		nodes[i].w, nodes[i].h = sz.Width, sz.Height
	}
	width, height := packBoxes(boxes, nodes)

	var b bytes.Buffer
	b.WriteString("digraph functions {\n")
	fmt.Fprintf(&b, "  graph [id=\"fm\", layout=nop2, bb=\"0,0,%.0f,%.0f\", fontname=\"Helvetica\", fontsize=13, bgcolor=\"transparent\"];\n", width, height)
	b.WriteString(head)
	for ci, box := range boxes {
		// Graphviz's y grows upwards; packBoxes' downwards.
		fmt.Fprintf(&b, "  subgraph %s {\n    graph [id=%s, label=%s, style=%s, fillcolor=%s, color=\"#999999\", fontname=\"Helvetica\", fontsize=13, bb=\"%.0f,%.0f,%.0f,%.0f\", lp=\"%.0f,%.0f\"];\n",
			dotQuote(fmt.Sprintf("cluster_%d", ci)), dotQuote(box.id), dotLabel(box.label), dotQuote(box.style), dotQuote(box.fill),
			box.x, max(0, height-box.y-box.h), box.x+box.w, height-box.y, box.x+box.w/2, height-box.y-boxLabel/2-2) // max: no "-0"
		for _, i := range box.nodes {
			n := nodes[i]
			a := append(append([]string(nil), n.attrs...), "pos", dotQuote(fmt.Sprintf("%.1f,%.1f", n.x, height-n.y)),
				"width", fmt.Sprintf("%.3f", n.w/72), "height", fmt.Sprintf("%.3f", n.h/72))
			fmt.Fprintf(&b, "    %s %s;\n", dotQuote(n.name), attrs(a...))
		}
		b.WriteString("  }\n")
	}
	b.WriteString("}\n")
	d.DOT = b.Bytes()
	return d
}

// mapNode is a node of the function map: its DOT name and attributes, its
// size and, once packed, its centre (y downwards), in points.
type mapNode struct {
	name       string
	attrs      []string
	w, h, x, y float64
}

// mapBox is a box of the function map holding nodes in a grid; x, y is its
// top left corner once packed.
type mapBox struct {
	id, label, style, fill string
	nodes                  []int
	cols                   int
	w, h, x, y             float64
}

// mapMaxWidth is the widest the function map should be, in points: fitted
// to the 1,350 px a 1400 px screen leaves it, its 12 pt labels are then 11
// px or more.
const mapMaxWidth = 1440

// Spacing of the function map, in points.
const (
	boxPad   = 8  // inside a box, around its nodes
	boxGap   = 10 // between boxes, and between nodes of a box
	boxLabel = 22 // the band holding a box's name
)

// packBoxes lays each box's nodes out in a grid (one column up to three
// nodes, two up to eight, three past that), then packs the boxes, tallest
// first, each at the lowest place it fits (the skyline heuristic) in the
// width, of a few tried, that makes the picture closest to 1.6 times as
// wide as tall, the first box at the top left. It returns the picture's
// size.
func packBoxes(boxes []*mapBox, nodes []mapNode) (float64, float64) {
	area, widest := 0.0, 0.0
	for _, box := range boxes {
		k := len(box.nodes)
		box.cols = 1
		switch {
		case k > 8:
			box.cols = 3
		case k > 3:
			box.cols = 2
		}
		colW := make([]float64, box.cols)
		rows := (k + box.cols - 1) / box.cols
		rowH := make([]float64, rows)
		for j, i := range box.nodes {
			colW[j%box.cols] = max(colW[j%box.cols], nodes[i].w)
			rowH[j/box.cols] = max(rowH[j/box.cols], nodes[i].h)
		}
		w := 2*boxPad + float64(box.cols-1)*boxGap
		for _, cw := range colW {
			w += cw
		}
		h := boxLabel + boxPad + float64(rows-1)*boxGap
		for _, rh := range rowH {
			h += rh
		}
		box.w = max(w, 7*float64(len([]rune(box.label)))+2*boxPad)
		box.h = h
		// Node centres relative to the box, centred in their cells.
		left := (box.w - w) / 2
		for j, i := range box.nodes {
			c, r := j%box.cols, j/box.cols
			cx := left + boxPad + colW[c]/2
			for k := 0; k < c; k++ {
				cx += colW[k] + boxGap
			}
			cy := boxLabel + rowH[r]/2
			for k := 0; k < r; k++ {
				cy += rowH[k] + boxGap
			}
			nodes[i].x, nodes[i].y = cx, cy
		}
		area += (box.w + boxGap) * (box.h + boxGap)
		widest = max(widest, box.w)
	}
	order := make([]*mapBox, 0, len(boxes))
	order = append(order, boxes[1:]...)
	sort.SliceStable(order, func(a, b int) bool { return order[a].h > order[b].h })
	order = append([]*mapBox{boxes[0]}, order...)
	// Pack into widths around the one that would make the area 1.6 times
	// as wide as tall and keep the result closest to that shape: a few big
	// boxes make a skyline taller than the area says.
	pack := func(width float64) (right, height float64) {
		sky := []skySeg{{0, width, 0}}
		for _, box := range order {
			box.x, box.y = placeOnSkyline(&sky, box.w+boxGap, box.h+boxGap)
			height = max(height, box.y+box.h)
			right = max(right, box.x+box.w)
		}
		return right, height
	}
	ideal := math.Sqrt(area * 1.6)
	best, bestOff, fits := 0.0, math.Inf(1), false
	for _, f := range []float64{0.8, 0.9, 1, 1.1, 1.25, 1.4, 1.6, 1.8, 2} {
		w := max(widest, ideal*f)
		right, height := pack(w)
		off := math.Abs(math.Log(right / height / 1.6))
		ok := right <= mapMaxWidth
		if ok && !fits || ok == fits && off < bestOff-1e-9 {
			best, bestOff, fits = w, off, ok
		}
	}
	_, height := pack(best)
	right := 0.0
	for _, box := range boxes {
		right = max(right, box.x+box.w)
		for _, i := range box.nodes {
			nodes[i].x += box.x
			nodes[i].y += box.y
		}
	}
	return right, height
}

// skySeg is a stretch of the skyline: from x, w wide, the top of what is
// packed below it at y (y downwards).
type skySeg struct{ x, w, y float64 }

// placeOnSkyline finds the lowest (then leftmost) place for a w × h box
// and raises the skyline over it.
func placeOnSkyline(sky *[]skySeg, w, h float64) (float64, float64) {
	s := *sky
	width := s[len(s)-1].x + s[len(s)-1].w
	bestX, bestY := 0.0, math.Inf(1)
	for _, seg := range s {
		x := seg.x
		if x+w > width+0.01 && x > 0 {
			continue
		}
		y := 0.0
		for _, t := range s {
			if t.x < x+w && t.x+t.w > x {
				y = max(y, t.y)
			}
		}
		if y < bestY {
			bestX, bestY = x, y
		}
	}
	// Raise [bestX, bestX+w) to bestY+h: keep what is left and right of it.
	end := bestX + w
	var out []skySeg
	for _, t := range s {
		if t.x < bestX {
			out = append(out, skySeg{t.x, min(t.x+t.w, bestX) - t.x, t.y})
		}
	}
	out = append(out, skySeg{bestX, w, bestY + h})
	for _, t := range s {
		if r := t.x + t.w; r > end {
			l := max(t.x, end)
			out = append(out, skySeg{l, r - l, t.y})
		}
	}
	*sky = out
	return bestX, bestY
}

// estimateSize guesses a node's size from its label when Graphviz could
// not measure it: about 7 pt a character, 15 pt a line.
func estimateSize(attrs []string) render.Size {
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i] == "label" {
			lines := strings.Split(strings.Trim(attrs[i+1], `"`), `\n`)
			w := 0
			for _, l := range lines {
				w = max(w, len([]rune(l)))
			}
			return render.Size{Width: 7*float64(w) + 16, Height: 15*float64(len(lines)) + 8}
		}
	}
	return render.Size{Width: 54, Height: 36}
}

// firstTrigger is what starts a function, in one short line: its first
// trigger and how many others it has.
func firstTrigger(ts []model.FunctionTrigger) string {
	if len(ts) == 0 {
		return "no trigger"
	}
	t := triggerText(ts[0])
	if r := []rune(t); len(r) > 34 {
		t = string(r[:33]) + "…"
	}
	if len(ts) > 1 {
		t += fmt.Sprintf(" +%d", len(ts)-1)
	}
	return t
}

// functionTip lists a function's triggers for its tooltip.
func functionTip(f model.Function) string {
	lines := []string{f.Name + " (" + f.Group + ")"}
	for i, t := range f.Triggers {
		if i == 20 {
			lines = append(lines, fmt.Sprintf("… %d more", len(f.Triggers)-20))
			break
		}
		lines = append(lines, triggerText(t))
	}
	return strings.Join(lines, "\n")
}
