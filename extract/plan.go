package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/cost"
	"github.com/splitter-go/splitter/model"
)

// Plan is the order of the steps that take the service out, and what the
// last one costs.
type Plan struct {
	Steps []Step `json:"steps"`
	// Entries are the entry points whose requests make remote calls once
	// the service runs apart from the rest (none do today, in one
	// process), from the cost of that two-way cut (package cost).
	Entries []PlanEntry `json:"entrypoints"`
}

// Step is one step of the plan.
type Step struct {
	Name  string   `json:"name"` // seam, adapter, move, remote
	Text  string   `json:"text"`
	Items []string `json:"items,omitempty"`
}

// PlanEntry is an entry point's remote calls once the service is apart.
type PlanEntry struct {
	ID          string `json:"id"`
	RemoteCalls int    `json:"remoteCalls"`
	Depth       int    `json:"depth"`
	LoopCalls   int    `json:"loopCalls"`
}

// Rest names the rest of the monolith in the plan's two-way cut.
const Rest = "(rest)"

func (x *extraction) plan() {
	p := &x.planned
	// The cost of the two-way cut: the service apart, the rest together.
	two := cost.Assignment{}
	for id, s := range x.opts.Assignment {
		switch s {
		case "":
		case x.svc, model.SharedService:
			two[id] = s
		default:
			two[id] = Rest
		}
	}
	res := cost.Compute(x.opts.Model, two, cost.Options{Owners: x.opts.Owners})
	for _, e := range res.Entries {
		if e.Cost.RemoteCalls > 0 {
			p.Entries = append(p.Entries, PlanEntry{ID: e.ID, RemoteCalls: e.Cost.RemoteCalls, Depth: e.Cost.Depth, LoopCalls: e.Cost.LoopCalls})
		}
	}
	sort.SliceStable(p.Entries, func(i, j int) bool {
		if p.Entries[i].RemoteCalls != p.Entries[j].RemoteCalls {
			return p.Entries[i].RemoteCalls > p.Entries[j].RemoteCalls
		}
		return p.Entries[i].ID < p.Entries[j].ID
	})

	var seam []string
	wraps := 0
	for _, e := range x.edits {
		for _, c := range e.Changes {
			seam = append(seam, e.Path+": "+c)
			if strings.HasPrefix(c, "wraps ") {
				wraps++
			}
		}
	}
	if len(x.members) == 0 {
		p.Steps = append(p.Steps, Step{Name: "seam", Text: "Nothing to generate: no other service calls " + x.svc + " today."})
	} else {
		p.Steps = append(p.Steps, Step{Name: "seam", Text: fmt.Sprintf(
			"Commit the package %s (the interface, Local, Client and Server) and the callers' edits (%d in %d %s), so that the callers hold %s.API: the behaviour is unchanged. Check with go build ./... && go test ./...",
			x.dir, len(seam), len(x.edits), plural(len(x.edits), "file", "files"), x.pkgName), Items: seam})
	}
	var adapter string
	switch {
	case len(x.members) == 0:
	case wraps > 0:
		adapter = fmt.Sprintf("The program passes the in-process adapter (%s.Local around today's objects) at %d places, in the edits above; elsewhere today's objects satisfy the interface as they are.", x.pkgName, wraps)
	default:
		var hs []string
		for _, h := range x.handles {
			hs = append(hs, heldType(h))
		}
		adapter = fmt.Sprintf("The program's wiring stays as it is: %s %s %s.API as %s (%s.Local wraps today's objects where one value must serve several parts).",
			strings.Join(hs, ", "), plural(len(hs), "satisfies", "satisfy"), x.pkgName, plural(len(hs), "it is", "they are"), x.pkgName)
	}
	if adapter != "" {
		p.Steps = append(p.Steps, Step{Name: "adapter", Text: adapter})
	}
	// Move: the packages the service shares with others.
	pkgs := map[string][2]int{}
	for _, u := range x.opts.Model.Units {
		s := x.opts.Assignment[u.ID]
		c := pkgs[u.Package]
		if s == x.svc {
			c[0]++
		} else if s != "" {
			c[1]++
		}
		pkgs[u.Package] = c
	}
	var split, own []string
	for _, pk := range sortedKeys(pkgs) {
		c := pkgs[pk]
		switch {
		case c[0] > 0 && c[1] > 0:
			split = append(split, fmt.Sprintf("%s: %d %s of %s, %d of others", x.short(pk), c[0], plural(c[0], "unit", "units"), x.svc, c[1]))
		case c[0] > 0:
			own = append(own, x.short(pk))
		}
	}
	var moveText string
	if len(split) == 0 {
		moveText = fmt.Sprintf("Nothing to move: the code of %s is in packages of its own (%s).", x.svc, strings.Join(own, ", "))
	} else {
		moveText = fmt.Sprintf("Move the code of %s out of the %d packages it shares with others, into packages of its own", x.svc, len(split))
		if len(own) > 0 {
			moveText += fmt.Sprintf(" (beside %s)", strings.Join(own, ", "))
		}
		moveText += "."
	}
	if len(x.left) > 0 {
		moveText += fmt.Sprintf(" Then run splitter extract again for the %d %s left as %s (see Left).", len(x.left), plural(len(x.left), "use", "uses"), plural(len(x.left), "it is", "they are"))
	}
	p.Steps = append(p.Steps, Step{Name: "move", Text: moveText, Items: split})
	if len(x.members) == 0 {
		text := fmt.Sprintf("No other service calls %s: it can run on its own as it is.", x.svc)
		if len(x.refs) > 0 {
			text += fmt.Sprintf(" The callers use %d of its types, fields or values (see Other uses): what reaches them in the process (events on an in-process bus, values passed through the kernel) needs a broker or an API once apart.", len(x.refs))
		}
		p.Steps = append(p.Steps, Step{Name: "remote", Text: text})
		return
	}
	remote := fmt.Sprintf("Run %s on its own, serving %s.NewServer(%s.Local{...}) on HTTP; in the monolith give the callers %s.NewClient(url, nil) where they now get Local or today's objects.",
		x.svc, x.pkgName, x.pkgName, x.pkgName)
	if n := len(x.blockers); n > 0 {
		remote += fmt.Sprintf(" First resolve what blocks the cut (%d).", n)
	}
	if len(p.Entries) == 0 {
		remote += " No entry point's requests then cross the boundary (the calls come from code no entry point reaches)."
	} else {
		remote += fmt.Sprintf(" Then %d %s remote calls (none %s in one process):", len(p.Entries), plural(len(p.Entries), "entry point makes", "entry points make"), plural(len(p.Entries), "does", "do"))
	}
	var items []string
	for _, e := range p.Entries {
		s := fmt.Sprintf("%s: %d remote %s, depth %d", e.ID, e.RemoteCalls, plural(e.RemoteCalls, "call", "calls"), e.Depth)
		if e.LoopCalls > 0 {
			s += fmt.Sprintf(", %d in a loop", e.LoopCalls)
		}
		items = append(items, s)
	}
	p.Steps = append(p.Steps, Step{Name: "remote", Text: remote, Items: items})
}

func heldType(h *handle) string {
	if h.ptr {
		return "*" + h.obj.Pkg().Name() + "." + h.obj.Name()
	}
	return h.obj.Pkg().Name() + "." + h.obj.Name()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
