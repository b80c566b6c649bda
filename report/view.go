package report

import (
	"fmt"
	"html/template"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/summary"
)

// view is what the page template reads: the model, pre-digested into rows
// with their anchors, so the template has no logic beyond loops.
type view struct {
	M *model.Model
	// Sum holds the counts the page shows: the terminal summary shows the
	// same, from the same place.
	Sum        summary.Summary
	Services   []*svcView // by name; colours follow this order
	Plan       []*svcView // extraction order, the shared kernel last
	Entries    []epRow
	Units      []unitRow // only when there are no services
	Metrics    []metric
	ServiceMap *figure
	PackageMap *figure
	// Serverless functions, their map and the readiness findings.
	Functions   []fnRow
	Findings    []findingRow
	FunctionMap *figure
	Packages    []pkgRow

	byName map[string]int
	pkgs   map[string]*model.Package
	split  map[string][]string // package -> services holding its units, when split
	anchor map[string]string   // unit id -> anchor
	unit   map[string]*model.Unit
	entry  map[string]*model.EntryPoint
	short  func(string) string
	src    string
}

type figure struct {
	Name, Title, File, DOTFile, Error string
	Notes                             []string
	SVG                               template.HTML
	Slot                              int  // its marker in the page until rendered
	None                              bool // no diagram (over its budget): only the notes
}

type link struct {
	Text, Href string
}

type svcView struct {
	S       model.Service
	ID      string // section id
	Class   string // class of its nodes in the diagrams
	Fill    fill   // of its nodes
	Swatch  template.CSS
	Shared  bool
	Entries []epRow
	Units   []unitRow
	API     []link
	Depends []svcLink
	UsedBy  []svcLink
	Moves   []moveRow
	Pkgs    []string
	Split   []string
	Callers int
	Graph   *figure // calls inside the service
}

type svcLink struct {
	Name, Href string
	Calls      int
}

type epRow struct {
	ID, Kind, Trigger, Framework string
	Reach                        int // units reached through calls
	Handler                      link
	Service                      link
	Where                        link
}

type unitRow struct {
	Anchor, Name, Kind, Package string
	Where                       link
	LOC                         int
	Tables                      string
	Why                         []model.Reason
	Service                     link
}

type moveRow struct {
	Unit         link
	Package, Why string
}

type pkgRow struct {
	Path, Rel    string
	Units, LOC   int
	Service      link
	SplitAcross  string
	GeneratedPkg bool
}

type metric struct {
	Name, Key, Value, Meaning, Formula string
	Headline                           bool
}

func newView(m *model.Model, opts Options) *view {
	v := &view{M: m, byName: map[string]int{}, pkgs: map[string]*model.Package{}, split: map[string][]string{},
		anchor: map[string]string{}, unit: map[string]*model.Unit{}, entry: map[string]*model.EntryPoint{}, src: opts.SourceURL}
	v.short = func(id string) string {
		if m.Module != "" && (strings.HasPrefix(id, m.Module+"/") || strings.HasPrefix(id, m.Module+".")) {
			return id[len(m.Module)+1:]
		}
		return id
	}
	v.Sum = summary.Of(m)
	for i := range m.Packages {
		p := &m.Packages[i]
		v.pkgs[p.Path] = p
	}

	// Services, their anchors and colours.
	used := map[string]bool{}
	colour := 0
	for i, s := range m.Services {
		sv := &svcView{S: s, Shared: s.Name == model.SharedService}
		slug := uniqueSlug(s.Name, used)
		sv.ID, sv.Class = "service-"+slug, "svc-"+slug
		if sv.Shared {
			sv.Fill = fill{left: sharedColour}
		} else {
			sv.Fill = serviceFill(colour)
			colour++
		}
		sv.Swatch = sv.Fill.css()
		v.byName[s.Name] = i
		v.Services = append(v.Services, sv)
	}
	for _, sv := range v.Services {
		for _, p := range sv.S.Split {
			v.split[p] = append(v.split[p], sv.S.Name)
		}
	}
	for p, names := range v.split {
		if pk := v.pkgs[p]; pk != nil && pk.Service != "" && !contains(names, pk.Service) {
			names = append(names, pk.Service)
		}
		sort.Strings(names)
		v.split[p] = names
	}

	// Unit anchors: every unit gets one; rows are rendered either in its
	// service's section or in the Units section, so every link lands.
	for i := range m.Units {
		v.anchor[m.Units[i].ID] = "u" + strconv.Itoa(i)
		v.unit[m.Units[i].ID] = &m.Units[i]
	}
	for i := range m.EntryPoints {
		v.entry[m.EntryPoints[i].ID] = &m.EntryPoints[i]
	}
	svcOf := func(name string) link {
		if i, ok := v.byName[name]; ok {
			return link{name, "#" + v.Services[i].ID}
		}
		return link{Text: name}
	}
	unitLink := func(id string) link {
		if a, ok := v.anchor[id]; ok {
			return link{v.short(id), "#" + a}
		}
		return link{Text: v.short(id)}
	}
	for _, u := range m.Units {
		var tabs []string
		for _, t := range u.Tables {
			tabs = append(tabs, t.Table+" ("+t.Op+")")
		}
		row := unitRow{Anchor: v.anchor[u.ID], Name: v.short(u.ID), Kind: string(u.Kind), Package: v.short(u.Package),
			Where: v.where(u.File, u.Line), LOC: u.LOC, Tables: strings.Join(tabs, ", "), Why: v.shortWhy(u.Why), Service: svcOf(u.Service)}
		if i, ok := v.byName[u.Service]; ok {
			v.Services[i].Units = append(v.Services[i].Units, row)
		} else {
			v.Units = append(v.Units, row)
		}
	}

	epSvc := map[string]string{}
	for _, s := range m.Services {
		for _, id := range s.EntryPoints {
			epSvc[id] = s.Name
		}
	}
	reach := summary.Reach(m)
	for i, ep := range m.EntryPoints {
		row := epRow{ID: "ep" + strconv.Itoa(i), Kind: string(ep.Kind), Trigger: ep.TriggerText(), Framework: ep.Framework,
			Handler: unitLink(ep.Handler), Where: v.where(ep.File, ep.Line), Reach: reach[i].Units}
		if s, ok := epSvc[ep.ID]; ok {
			row.Service = svcOf(s)
			v.Services[v.byName[s]].Entries = append(v.Services[v.byName[s]].Entries, row)
		}
		v.Entries = append(v.Entries, row)
	}

	for _, sv := range v.Services {
		for _, id := range sv.S.API {
			sv.API = append(sv.API, unitLink(id))
		}
		for _, l := range sv.S.DependsOn {
			sl := svcOf(l.Service)
			sv.Depends = append(sv.Depends, svcLink{l.Service, sl.Href, l.Calls})
		}
		for _, l := range sv.S.UsedBy {
			sl := svcOf(l.Service)
			sv.UsedBy = append(sv.UsedBy, svcLink{l.Service, sl.Href, l.Calls})
			sv.Callers += l.Calls
		}
		for _, p := range sv.S.Packages {
			sv.Pkgs = append(sv.Pkgs, v.short(p))
		}
		for _, p := range sv.S.Split {
			sv.Split = append(sv.Split, v.short(p))
		}
	}
	for _, mv := range m.Moves {
		if i, ok := v.byName[mv.To]; ok {
			v.Services[i].Moves = append(v.Services[i].Moves, moveRow{unitLink(mv.Unit), v.short(mv.Package), mv.Reason})
		}
	}
	v.Plan = append([]*svcView(nil), v.Services...)
	sort.SliceStable(v.Plan, func(i, j int) bool {
		a, b := v.Plan[i], v.Plan[j]
		if a.Shared != b.Shared {
			return b.Shared
		}
		return a.S.Extraction < b.S.Extraction
	})

	for _, p := range m.Packages {
		row := pkgRow{Path: p.Path, Rel: v.short(p.Path), Units: p.Units, LOC: p.LOC, Service: svcOf(p.Service), GeneratedPkg: p.Generated}
		if s := v.split[p.Path]; len(s) > 1 {
			row.SplitAcross = strings.Join(s, ", ")
		}
		v.Packages = append(v.Packages, row)
	}
	v.Metrics = metrics(m.Metrics)
	return v
}

// shortWhy drops the module path from the unit ids the reasons quote.
func (v *view) shortWhy(why []model.Reason) []model.Reason {
	if v.M.Module == "" || len(why) == 0 {
		return why
	}
	out := make([]model.Reason, len(why))
	for i, r := range why {
		r.Detail = strings.ReplaceAll(r.Detail, v.M.Module+"/", "")
		r.Detail = strings.ReplaceAll(r.Detail, v.M.Module+".", "")
		out[i] = r
	}
	return out
}

// where is "file:line", linked to the source when a source URL is set.
func (v *view) where(file string, line int) link {
	if file == "" {
		return link{}
	}
	text := file
	if line > 0 {
		text = fmt.Sprintf("%s:%d", file, line)
	}
	if v.src == "" {
		return link{Text: text}
	}
	segs := strings.Split(file, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	href := v.src + strings.Join(segs, "/")
	if line > 0 {
		href += "#L" + strconv.Itoa(line)
	}
	return link{text, href}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// uniqueSlug makes an id fragment of name: lower-case letters, digits and
// dashes, numbered when two names give the same slug.
func uniqueSlug(name string, used map[string]bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		s = "x"
	}
	base := s
	for n := 2; used[s]; n++ {
		s = fmt.Sprintf("%s-%d", base, n)
	}
	used[s] = true
	return s
}

// metrics lists the decomposition metrics with what they mean; the
// definitions are the README's ("Metrics").
func metrics(mt *model.Metrics) []metric {
	if mt == nil {
		return nil
	}
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }
	return []metric{
		{"Services", "services", strconv.Itoa(mt.Services), "services proposed, the shared kernel excluded", "K", true},
		{"Modularity", "modularity", f(mt.Modularity), "how much more the units are tied inside services than by chance; higher is better",
			"Newman's Q on the undirected weighted graph of all edge kinds", true},
		{"ICP", "icp", f(mt.ICP), "share of calls that would cross a service boundary; lower is better",
			"Σ over cross-service call edges of (ln w + 1) ÷ the same sum over all call edges", true},
		{"BCP", "bcp", f(mt.BCP), "how many business contexts (entry points) each service serves; lower is better",
			"mean over services of ln(number of entry points reaching the service through calls); main and init excluded", false},
		{"SM", "sm", f(mt.SM), "calls inside services against calls across them, per unit pair; higher is better",
			"(1/K)·Σ μ_k/N_k² − Σ_{i<j} σ_ij/(N_i·N_j) ÷ (K(K−1)/2), μ_k unit pairs linked by a call inside k, σ_ij across i and j", false},
		{"IFN", "ifn", f(mt.IFN), "units per service that other services call (its API); lower is better",
			"units called from another service ÷ K", false},
		{"NED", "ned", f(mt.NED), "share of units in services of extreme size; lower is better",
			"1 − units in services of 5 to 20 units ÷ all units in services", false},
		{"Cross-service calls", "crossServiceCalls", strconv.Itoa(mt.CrossServiceCalls), "call sites that would become network calls", "call sites between services", true},
		{"Shared tables", "sharedTables", strconv.Itoa(mt.SharedTables), "tables more than one service touches: data to split or own", "tables touched by more than one service", true},
	}
}
