package report

import (
	_ "embed"
	"html/template"
	"sort"
	"strconv"

	"github.com/splitter-go/splitter/model"
)

// The "Cost per request" section (cost.html, cost.js): one row per entry
// point with the cost the cut gives its requests (model.EntryPoint.Cost),
// sortable and filtered by the search box; a click on an entry point draws
// its chain of services, drawn in the page by cost.js from the rows' data.

var (
	//go:embed cost.html
	costHTML string
	//go:embed cost.js
	costJS string
)

// The section's templates join the page's; costSection is their data.
var _ = template.Must(pageTemplate.Funcs(template.FuncMap{
	"costSection": costSection,
	"costJS":      func() template.JS { return template.JS(costJS) },
}).Parse(costHTML))

type costView struct {
	Rows []costRow
	// Dist counts the entry points with 0, 1, 2, 3+ remote calls; Loops
	// those with one in a loop.
	Dist    [4]int
	Loops   int
	Profile bool
	// Data is what cost.js draws from: per row its hops, by row index.
	Data costData
}

type costRow struct {
	Index   int
	ID      string
	Home    link
	Cost    *model.EntryCost
	Share   string // share of its observed work below a remote call
	Tables  string
	Service int // number of services
}

type costData struct {
	Colours map[string]string `json:"colours"`
	Entries []costChain       `json:"entries"`
}

type costChain struct {
	ID    string      `json:"id"`
	Home  string      `json:"home"`
	Depth int         `json:"depth"`
	Svcs  []string    `json:"services"`
	Hops  []model.Hop `json:"hops"`
}

// costSection digests the entry points' costs, or returns nil when the
// model has none.
func costSection(v *view) *costView {
	cv := &costView{Profile: v.M.Profile != nil, Data: costData{Colours: map[string]string{}}}
	for _, sv := range v.Services {
		cv.Data.Colours[sv.S.Name] = sv.Fill.main() // a two-colour service shows its first colour
	}
	var eps []*model.EntryPoint
	for i := range v.M.EntryPoints {
		if v.M.EntryPoints[i].Cost != nil {
			eps = append(eps, &v.M.EntryPoints[i])
		}
	}
	if len(eps) == 0 {
		return nil
	}
	// Costliest first; the table sorts on a click.
	sort.SliceStable(eps, func(i, j int) bool {
		a, b := eps[i].Cost, eps[j].Cost
		if a.RemoteCalls != b.RemoteCalls {
			return a.RemoteCalls > b.RemoteCalls
		}
		if a.Depth != b.Depth {
			return a.Depth > b.Depth
		}
		return a.LoopCalls > b.LoopCalls
	})
	for i, ep := range eps {
		c := ep.Cost
		home := ""
		if u := v.unit[ep.Handler]; u != nil {
			home = u.Service
		}
		row := costRow{Index: i, ID: ep.ID, Cost: c, Service: len(c.Services)}
		if j, ok := v.byName[home]; ok {
			row.Home = link{home, "#" + v.Services[j].ID}
		} else {
			row.Home = link{Text: home}
		}
		for k, t := range c.ForeignTables {
			if k > 0 {
				row.Tables += ", "
			}
			row.Tables += t
		}
		if c.Samples > 0 {
			row.Share = percentText(c.RemoteSamples, c.Samples)
		}
		cv.Rows = append(cv.Rows, row)
		cv.Dist[min(c.RemoteCalls, 3)]++
		if c.LoopCalls > 0 {
			cv.Loops++
		}
		svcs := c.Services
		if svcs == nil {
			svcs = []string{}
		}
		hops := c.Hops
		if hops == nil {
			hops = []model.Hop{}
		}
		cv.Data.Entries = append(cv.Data.Entries, costChain{ID: ep.ID, Home: home, Depth: c.Depth, Svcs: svcs, Hops: hops})
	}
	return cv
}

func percentText(a, b int64) string {
	if b == 0 {
		return ""
	}
	return strconv.FormatFloat(100*float64(a)/float64(b), 'f', 1, 64) + "%"
}
