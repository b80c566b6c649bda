package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// costSummaryEntries is how many of the costliest entry points analyze's
// summary lists; splitter cost lists more.
const costSummaryEntries = 10

// writeCostSummary prints what the proposed cut costs per request: how many
// entry points need 0, 1, 2, 3 or more remote calls, and the costliest.
func writeCostSummary(w io.Writer, m *model.Model, st style) {
	var eps []model.EntryPoint
	var dist [4]int
	loops := 0
	var observed, remote int64
	for _, ep := range m.EntryPoints {
		if ep.Cost == nil {
			continue
		}
		eps = append(eps, ep)
		dist[min(ep.Cost.RemoteCalls, 3)]++
		if ep.Cost.LoopCalls > 0 {
			loops++
		}
		observed += ep.Cost.Samples
		remote += ep.Cost.RemoteSamples
	}
	if len(eps) == 0 {
		return
	}
	width := st.cols()
	line := fmt.Sprintf("%s %d entry points make no remote call, %d make 1, %d make 2, %d make 3 or more; %d make one in a loop",
		st.header("Cost per request:"), dist[0], dist[1], dist[2], dist[3], loops)
	if m.Profile != nil {
		line += fmt.Sprintf("; %s of the observed work under the entry points crosses a service boundary", percent(remote, observed))
	}
	fmt.Fprintf(w, "\n%s\n", wrap(line, width, "  "))
	sort.SliceStable(eps, func(i, j int) bool { return costlier(*eps[i].Cost, *eps[j].Cost) })
	if eps[0].Cost.RemoteCalls == 0 {
		return
	}
	// Fitted to the width as the other tables of the summary (table.go).
	t := &table{cols: []column{{head: "ENTRY POINT", shrink: true, give: 1, min: 16}, {head: "REMOTE", right: true}, {head: "DEPTH", right: true},
		{head: "IN LOOP", short: "LOOP", right: true}, {head: "KERNEL", right: true}, {head: "SERVICES", short: "SVCS", right: true}, {head: "FOREIGN TABLES", shrink: true}}}
	for i, ep := range eps {
		c := ep.Cost
		if i == costSummaryEntries || c.RemoteCalls == 0 {
			break
		}
		t.add(txt(ep.ID), num(c.RemoteCalls), num(c.Depth), num(c.LoopCalls), num(c.KernelCalls), num(len(c.Services)), list(c.ForeignTables))
	}
	st.table(w, strings.Join(t.render(width), "\n")+"\n", nil)
	fmt.Fprintln(w, wrap("  (see `splitter cost` for every entry point, the dependencies and other cuts)", width, "  "))
}
