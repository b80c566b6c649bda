// Package diff says how a change to a Go module moves its service
// boundaries: it compares the models of two revisions (the base, usually
// the merge base of a pull request, and the head, usually the working tree)
// under one assignment of code to services, and lists the cross-service
// dependencies that appear or go (with their uses), the units and entry
// points that change service, the tables that become shared, the lint
// findings that appear or go (readiness findings included when functions
// are declared), and the change in ICP and in remote calls per request.
//
// Both sides are judged by the same config (splitter.yaml, or one made from
// the services proposed at the base, lint.NewScaffold), resolved unit by
// unit with lint's rules (lint.Boundaries): a unit keeps its service when
// only the code around it changes, and a new unit goes where lint would put
// it. A change in the code is never mistaken for a change in the proposal.
//
// Compare works on models alone (and the sources under each side's Root,
// for positions); worktree.go gets the base revision's code from git. The
// Report is sorted, so the same two revisions give the same bytes.
package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/cost"
	"github.com/splitter-go/splitter/lint"
	"github.com/splitter-go/splitter/metrics"
	"github.com/splitter-go/splitter/model"
)

// Schema identifies the JSON form of a Report.
const Schema = "splitter-diff/v1"

// Unattached names the owner of code no service or the kernel holds.
const Unattached = "unattached"

// Side is one revision's analysis.
type Side struct {
	// Label names the revision for people: "main (1a2b3c4d5e6f)",
	// "working tree".
	Label string
	// Rev is the commit id ("" for the working tree).
	Rev string
	// Root is the directory the model's file paths are relative to (the
	// module root at that revision): positions are read from its files.
	Root  string
	Model *model.Model
}

// Options tune Compare.
type Options struct {
	// Config is the assignment both sides are judged by.
	Config *config.Config
	// Source says where Config comes from, for people ("splitter.yaml",
	// "the services splitter proposes at main (1a2b3c4d5e6f)").
	Source string
	// Proposed is true when Config was made from the base's proposal.
	Proposed bool
}

// Report is what changed between two revisions.
type Report struct {
	Schema string `json:"schema"`
	Module string `json:"module"`
	Base   Rev    `json:"base"`
	Head   Rev    `json:"head"`
	// Assignment says which services both sides are judged by.
	Assignment Assignment `json:"assignment"`
	// Services has one entry per declared service, sorted by name, with
	// its size on each side; Kernel and Loose are the shared kernel and
	// the code of no service.
	Services []Service `json:"services"`
	Kernel   Service   `json:"kernel"`
	Loose    Service   `json:"unattached"`
	// Added and Removed are the dependencies between services that exist
	// on one side only; Changed those on both whose uses changed.
	Added   []Dependency `json:"addedDependencies"`
	Removed []Dependency `json:"removedDependencies"`
	Changed []Dependency `json:"changedDependencies"`
	// Dependencies are the head's dependencies between services, for the
	// diagram (without their uses).
	Dependencies []Edge `json:"dependencies"`
	// Units are the units that moved to another package and so to
	// another owner; EntryPoints the entry points added, removed or
	// handled by another service.
	Units       []UnitMove    `json:"movedUnits"`
	EntryPoints []EntryChange `json:"entryPoints"`
	// Tables are the tables whose set of services changed.
	Tables []TableChange `json:"tables"`
	// NewFindings are the lint violations of the head that the base does
	// not have (by identity, never by line), FixedFindings the reverse.
	NewFindings   []lint.Violation `json:"newFindings"`
	FixedFindings []lint.Violation `json:"fixedFindings"`
	// Metrics compares ICP and remote calls, when both sides have a call
	// graph.
	Metrics *Metrics `json:"metrics,omitempty"`
	// Notes are what a reader should know about the comparison.
	Notes []string `json:"notes,omitempty"`
}

// Rev names one side.
type Rev struct {
	Label string `json:"label"`
	Rev   string `json:"rev,omitempty"`
	// Partial is true when packages of that side did not type-check.
	Partial bool `json:"partial,omitempty"`
}

// Assignment is where the services come from.
type Assignment struct {
	Source   string `json:"source"`
	Proposed bool   `json:"proposed,omitempty"`
}

// Service is one service's size on both sides.
type Service struct {
	Name string `json:"name"`
	Base Size   `json:"base"`
	Head Size   `json:"head"`
}

// Size counts a service's code.
type Size struct {
	Units       int `json:"units"`
	LOC         int `json:"loc"`
	EntryPoints int `json:"entryPoints"`
}

// Dependency is one service's use of another, with the uses that make it
// (on the side that has them: the head for added ones and new uses, the
// base for removed ones).
type Dependency struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Uses are, for an added or removed dependency, all its uses; for a
	// changed one, the uses the head adds.
	Uses []Use `json:"uses"`
	// Gone lists, for a changed dependency, the uses the head drops.
	Gone []Use `json:"gone,omitempty"`
	// BaseUses and HeadUses count its uses on each side.
	BaseUses int `json:"baseUses"`
	HeadUses int `json:"headUses"`
}

// Use is one piece of code of a service using another's.
type Use struct {
	// From and To are unit ids, or package paths for an import.
	From string `json:"from"`
	To   string `json:"to"`
	// Kind is the model's edge kind (call, ref, embed, method,
	// global-read, global-write) or import.
	Kind   string `json:"kind"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// Edge is a dependency of the head, with how it changed.
type Edge struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Change is "added", "removed" (base only), "changed" or "".
	Change string `json:"change,omitempty"`
	Uses   int    `json:"uses"`
}

// UnitMove is a unit that moved to another package and another owner: a
// unit of the base that the head no longer has, and one of the head that
// the base did not have, with the same name, receiver and kind.
type UnitMove struct {
	Unit string `json:"unit"`
	Was  string `json:"was"`
	From string `json:"from"`
	To   string `json:"to"`
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// EntryChange is an entry point added, removed, or handled by another
// owner.
type EntryChange struct {
	ID string `json:"id"`
	// Change is "added", "removed" or "moved".
	Change string `json:"change"`
	// From and To are its owner on the base and on the head ("" on the
	// side that does not have it).
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
	Handler string `json:"handler"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
}

// TableChange is a table whose services changed.
type TableChange struct {
	Table string `json:"table"`
	// Owner is the service the config says owns it ("" when none does).
	Owner string   `json:"owner,omitempty"`
	Base  []string `json:"base"`
	Head  []string `json:"head"`
	// Shared is true when the head's services share it (several touch it,
	// or one touches it that is not its owner); NewlyShared when the base's
	// did not.
	Shared      bool `json:"shared,omitempty"`
	NewlyShared bool `json:"newlyShared,omitempty"`
	// Uses are the head's first use of it by each service the base did not
	// have (From a unit id, To "table:NAME", Kind read or write).
	Uses []Use `json:"uses,omitempty"`
}

// Metrics compares the cost of the cut.
type Metrics struct {
	ICP Pair `json:"icp"`
	// RemoteCalls sums the remote calls per request over the business
	// entry points; MaxDepth is the longest chain of them.
	RemoteCalls PairInt `json:"remoteCalls"`
	MaxDepth    PairInt `json:"maxDepth"`
	// Entries are the entry points on both sides whose remote calls per
	// request changed, most changed first.
	Entries []EntryCost `json:"entries,omitempty"`
}

// Pair is a number on both sides.
type Pair struct {
	Base float64 `json:"base"`
	Head float64 `json:"head"`
}

// PairInt is a count on both sides.
type PairInt struct {
	Base int `json:"base"`
	Head int `json:"head"`
}

// EntryCost is an entry point's remote calls per request on both sides.
type EntryCost struct {
	ID          string  `json:"id"`
	RemoteCalls PairInt `json:"remoteCalls"`
}

// Empty reports whether nothing about the boundaries changed.
func (r *Report) Empty() bool {
	return len(r.Added) == 0 && len(r.Removed) == 0 && len(r.Changed) == 0 && len(r.Units) == 0 &&
		len(r.EntryPoints) == 0 && len(r.Tables) == 0 && len(r.NewFindings) == 0 && len(r.FixedFindings) == 0
}

// side is one side's resolved ownership.
type side struct {
	Side
	owner map[string]string // unit id -> service, SharedKernel or "" (excluded units absent)
	units map[string]*model.Unit
	pos   *lint.Positions
	// uses maps a service pair to its uses.
	uses map[[2]string][]Use
}

// Compare compares base with head under opt.Config.
func Compare(base, head Side, opt Options) (*Report, error) {
	if opt.Config == nil {
		return nil, fmt.Errorf("diff: no config to judge the revisions by")
	}
	b, err := resolve(base, opt.Config)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", base.Label, err)
	}
	h, err := resolve(head, opt.Config)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", head.Label, err)
	}
	r := &Report{
		Schema: Schema, Module: head.Model.Module,
		Base:       Rev{Label: base.Label, Rev: base.Rev, Partial: base.Model.Partial},
		Head:       Rev{Label: head.Label, Rev: head.Rev, Partial: head.Model.Partial},
		Assignment: Assignment{Source: opt.Source, Proposed: opt.Proposed},
	}
	r.sizes(opt.Config, b, h)
	r.dependencies(b, h)
	r.moves(b, h)
	r.entryPoints(b, h)
	r.tables(opt.Config, b, h)
	if err := r.findings(opt.Config, b, h); err != nil {
		return nil, err
	}
	r.metrics(opt.Config, b, h)
	if base.Model.Partial || head.Model.Partial {
		r.Notes = append(r.Notes, "packages that do not type-check were left out, on "+partialSides(base.Model, head.Model)+": what they hold is not compared")
	}
	return r, nil
}

func partialSides(b, h *model.Model) string {
	switch {
	case b.Partial && h.Partial:
		return "both sides"
	case b.Partial:
		return "the base"
	}
	return "the head"
}

// resolve finds every unit's owner under cfg, as lint does.
func resolve(s Side, cfg *config.Config) (*side, error) {
	m := s.Model
	var mods []string
	for _, md := range m.Modules {
		mods = append(mods, md.Path)
	}
	if len(mods) == 0 && m.Module != "" {
		mods = []string{m.Module}
	}
	bd := lint.NewBoundaries(cfg, mods)
	out := &side{Side: s, owner: make(map[string]string, len(m.Units)), units: make(map[string]*model.Unit, len(m.Units)),
		pos: lint.NewPositions(s.Root, m)}
	for i := range m.Units {
		u := &m.Units[i]
		if bd.ExcludedPackage(u.Package) || bd.ExcludedFile(u.File) {
			continue
		}
		o, err := bd.Owner(lint.UnitRef{ID: u.ID, Package: u.Package, Exported: u.Exported})
		if err != nil {
			return nil, err
		}
		out.owner[u.ID] = o
		out.units[u.ID] = u
	}
	out.uses = crossUses(m, out)
	return out, nil
}

func isService(o string) bool { return o != "" && o != lint.SharedKernel }

// ownerName is an owner for people: a service, the kernel or Unattached.
func ownerName(o string) string {
	if o == "" {
		return Unattached
	}
	return o
}

// kindRank orders the kinds of edges one unit may have to another: the
// use shown is the strongest.
var kindRank = map[model.EdgeKind]int{
	model.EdgeCall: 0, model.EdgeRef: 1, model.EdgeEmbed: 2, model.EdgeGlobalWrite: 3,
	model.EdgeGlobalRead: 4, model.EdgeMethod: 5,
}

// crossUses lists the uses of one service by another: each pair of units
// linked by an edge (of its strongest kind), and each import of a package
// wholly one service's by one wholly another's with no such edge between
// them, as lint's rules see them.
func crossUses(m *model.Model, s *side) map[[2]string][]Use {
	type pairKey struct{ from, to string }
	best := map[pairKey]model.EdgeKind{}
	pkgPairs := map[[2]string]bool{}
	for _, e := range m.Edges {
		a, b := s.owner[e.From], s.owner[e.To]
		if !isService(a) || !isService(b) || a == b {
			continue
		}
		k := pairKey{e.From, e.To}
		if old, ok := best[k]; !ok || kindRank[e.Kind] < kindRank[old] {
			best[k] = e.Kind
		}
		pkgPairs[[2]string{s.units[e.From].Package, s.units[e.To].Package}] = true
	}
	out := map[[2]string][]Use{}
	for k, kind := range best {
		sv := [2]string{s.owner[k.from], s.owner[k.to]}
		out[sv] = append(out[sv], Use{From: k.from, To: k.to, Kind: string(kind)})
	}
	whole := wholeOwners(m, s)
	for _, p := range m.Packages {
		a := whole[p.Path]
		if !isService(a) {
			continue
		}
		for _, q := range p.Imports {
			b := whole[q]
			if !isService(b) || a == b || pkgPairs[[2]string{p.Path, q}] {
				continue
			}
			sv := [2]string{a, b}
			out[sv] = append(out[sv], Use{From: p.Path, To: q, Kind: "import"})
		}
	}
	for k := range out {
		sortUses(out[k])
	}
	return out
}

// wholeOwners maps each package whose units all have one owner (none
// excluded) to it.
func wholeOwners(m *model.Model, s *side) map[string]string {
	out := map[string]string{}
	mixed := map[string]bool{}
	for i := range m.Units {
		u := &m.Units[i]
		o, ok := s.owner[u.ID]
		if !ok {
			mixed[u.Package] = true
			continue
		}
		if prev, seen := out[u.Package]; seen && prev != o {
			mixed[u.Package] = true
		}
		out[u.Package] = o
	}
	for p := range mixed {
		delete(out, p)
	}
	return out
}

func sortUses(us []Use) {
	sort.Slice(us, func(i, j int) bool {
		a, b := us[i], us[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Kind < b.Kind
	})
}

// sortByPlace orders located uses by file and line.
func sortByPlace(us []Use) {
	sort.SliceStable(us, func(i, j int) bool {
		a, b := us[i], us[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
}

// locate sets the position of each use from s's sources.
func (s *side) locate(us []Use) []Use {
	out := make([]Use, len(us))
	for i, u := range us {
		if u.Kind == "import" {
			u.File, u.Line, u.Column = s.pos.Import(u.From, u.To)
		} else {
			u.File, u.Line, u.Column = s.pos.Use(u.From, u.To)
		}
		out[i] = u
	}
	sortByPlace(out)
	return out
}

func (r *Report) sizes(cfg *config.Config, b, h *side) {
	names := cfg.ServiceNames()
	idx := map[string]int{}
	r.Services = make([]Service, len(names))
	for i, n := range names {
		r.Services[i].Name = n
		idx[n] = i
	}
	r.Kernel.Name, r.Loose.Name = lint.SharedKernel, Unattached
	size := func(o string, pick func(*Service) *Size) *Size {
		switch {
		case o == "":
			return pick(&r.Loose)
		case o == lint.SharedKernel:
			return pick(&r.Kernel)
		}
		if i, ok := idx[o]; ok {
			return pick(&r.Services[i])
		}
		return nil
	}
	for _, sd := range []struct {
		s    *side
		pick func(*Service) *Size
	}{{b, func(s *Service) *Size { return &s.Base }}, {h, func(s *Service) *Size { return &s.Head }}} {
		for id, o := range sd.s.owner {
			if z := size(o, sd.pick); z != nil {
				z.Units++
				z.LOC += sd.s.units[id].LOC
			}
		}
		for _, ep := range sd.s.Model.EntryPoints {
			if ep.Mount {
				continue
			}
			o, ok := sd.s.owner[ep.Handler]
			if !ok {
				continue
			}
			if z := size(o, sd.pick); z != nil {
				z.EntryPoints++
			}
		}
	}
}

func (r *Report) dependencies(b, h *side) {
	pairs := map[[2]string]bool{}
	for k := range b.uses {
		pairs[k] = true
	}
	for k := range h.uses {
		pairs[k] = true
	}
	keys := make([][2]string, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	useKey := func(u Use) string { return u.From + "\x00" + u.To + "\x00" + u.Kind }
	for _, k := range keys {
		bu, hu := b.uses[k], h.uses[k]
		d := Dependency{From: k[0], To: k[1], BaseUses: len(bu), HeadUses: len(hu)}
		edge := Edge{From: k[0], To: k[1], Uses: len(hu)}
		switch {
		case len(bu) == 0:
			d.Uses = h.locate(hu)
			r.Added = append(r.Added, d)
			edge.Change = "added"
		case len(hu) == 0:
			d.Uses = b.locate(bu)
			r.Removed = append(r.Removed, d)
			edge.Change, edge.Uses = "removed", len(bu)
		default:
			had, has := map[string]bool{}, map[string]bool{}
			for _, u := range bu {
				had[useKey(u)] = true
			}
			for _, u := range hu {
				has[useKey(u)] = true
			}
			var added, gone []Use
			for _, u := range hu {
				if !had[useKey(u)] {
					added = append(added, u)
				}
			}
			for _, u := range bu {
				if !has[useKey(u)] {
					gone = append(gone, u)
				}
			}
			if len(added) > 0 || len(gone) > 0 {
				d.Uses, d.Gone = h.locate(added), b.locate(gone)
				if d.Uses == nil {
					d.Uses = []Use{}
				}
				r.Changed = append(r.Changed, d)
				edge.Change = "changed"
			}
		}
		r.Dependencies = append(r.Dependencies, edge)
	}
}

// moveKey identifies a unit across packages.
type moveKey struct {
	name, recv string
	kind       model.UnitKind
}

func (r *Report) moves(b, h *side) {
	gone := map[moveKey][]string{}
	for id, u := range b.units {
		if _, ok := h.units[id]; !ok {
			k := moveKey{u.Name, u.Recv, u.Kind}
			gone[k] = append(gone[k], id)
		}
	}
	came := map[moveKey][]string{}
	for id, u := range h.units {
		if _, ok := b.units[id]; !ok {
			k := moveKey{u.Name, u.Recv, u.Kind}
			came[k] = append(came[k], id)
		}
	}
	for k, ids := range came {
		was := gone[k]
		if len(ids) != 1 || len(was) != 1 || k.name == "init" || k.name == "_" {
			continue // ambiguous, or names that mean nothing across packages
		}
		from, to := b.owner[was[0]], h.owner[ids[0]]
		if from == to {
			continue
		}
		u := h.units[ids[0]]
		r.Units = append(r.Units, UnitMove{Unit: ids[0], Was: was[0], From: ownerName(from), To: ownerName(to), File: u.File, Line: u.Line})
	}
	sort.Slice(r.Units, func(i, j int) bool { return r.Units[i].Unit < r.Units[j].Unit })
}

func (r *Report) entryPoints(b, h *side) {
	index := func(s *side) map[string]model.EntryPoint {
		out := map[string]model.EntryPoint{}
		for _, ep := range s.Model.EntryPoints {
			if _, dup := out[ep.ID]; !dup {
				out[ep.ID] = ep
			}
		}
		return out
	}
	be, he := index(b), index(h)
	ownerOf := func(s *side, ep model.EntryPoint) string {
		o, ok := s.owner[ep.Handler]
		if !ok {
			return "excluded"
		}
		return ownerName(o)
	}
	for id, ep := range he {
		old, ok := be[id]
		switch {
		case !ok:
			r.EntryPoints = append(r.EntryPoints, EntryChange{ID: id, Change: "added", To: ownerOf(h, ep), Handler: ep.Handler, File: ep.File, Line: ep.Line})
		case ownerOf(b, old) != ownerOf(h, ep):
			r.EntryPoints = append(r.EntryPoints, EntryChange{ID: id, Change: "moved", From: ownerOf(b, old), To: ownerOf(h, ep), Handler: ep.Handler, File: ep.File, Line: ep.Line})
		}
	}
	for id, ep := range be {
		if _, ok := he[id]; !ok {
			r.EntryPoints = append(r.EntryPoints, EntryChange{ID: id, Change: "removed", From: ownerOf(b, ep), Handler: ep.Handler, File: ep.File, Line: ep.Line})
		}
	}
	sort.Slice(r.EntryPoints, func(i, j int) bool { return r.EntryPoints[i].ID < r.EntryPoints[j].ID })
}

// touches maps each table to the services whose units use it, with the
// first such unit of each (in file order) and whether it writes, as lint's
// shared-table rule sees them.
type touch struct {
	unit  *model.Unit
	write bool
}

func tableTouches(s *side) map[string]map[string]touch {
	out := map[string]map[string]touch{}
	for id, u := range s.units {
		o := s.owner[id]
		if !isService(o) {
			continue
		}
		for _, t := range u.Tables {
			name := strings.ToLower(t.Table)
			if out[name] == nil {
				out[name] = map[string]touch{}
			}
			if old, ok := out[name][o]; !ok || before(u, old.unit) {
				out[name][o] = touch{unit: u}
			}
		}
	}
	for name, bySvc := range out {
		for o, tc := range bySvc {
			for _, t := range tc.unit.Tables {
				if strings.ToLower(t.Table) == name && t.Op == "write" {
					tc.write = true
				}
			}
			bySvc[o] = tc
		}
	}
	return out
}

func before(a, b *model.Unit) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.ID < b.ID
}

func (r *Report) tables(cfg *config.Config, b, h *side) {
	owners := map[string]string{}
	for _, name := range cfg.ServiceNames() {
		for _, t := range cfg.Services[name].Tables {
			owners[strings.ToLower(t)] = name
		}
	}
	bt, ht := tableTouches(b), tableTouches(h)
	names := map[string]bool{}
	for t := range bt {
		names[t] = true
	}
	for t := range ht {
		names[t] = true
	}
	shared := func(owner string, svcs []string) bool {
		if owner == "" {
			return len(svcs) > 1
		}
		for _, s := range svcs {
			if s != owner {
				return true
			}
		}
		return false
	}
	for _, t := range sortedKeys(names) {
		bs, hs := sortedKeys(bt[t]), sortedKeys(ht[t])
		if strings.Join(bs, ",") == strings.Join(hs, ",") {
			continue
		}
		tc := TableChange{Table: t, Owner: owners[t], Base: bs, Head: hs}
		tc.Shared = shared(tc.Owner, hs)
		tc.NewlyShared = tc.Shared && !shared(tc.Owner, bs)
		for _, s := range hs {
			if _, had := bt[t][s]; had {
				continue
			}
			tu := ht[t][s]
			op := "read"
			if tu.write {
				op = "write"
			}
			file, line, col := h.pos.Decl(tu.unit.ID)
			tc.Uses = append(tc.Uses, Use{From: tu.unit.ID, To: "table:" + t, Kind: op, File: file, Line: line, Column: col})
		}
		if tc.Base == nil {
			tc.Base = []string{}
		}
		if tc.Head == nil {
			tc.Head = []string{}
		}
		r.Tables = append(r.Tables, tc)
	}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// findings runs lint on both sides, without a baseline, and keeps the
// violations one side has and the other does not.
func (r *Report) findings(cfg *config.Config, b, h *side) error {
	br, err := lint.Run(b.Model, cfg, lint.Options{Root: b.Root})
	if err != nil {
		return err
	}
	hr, err := lint.Run(h.Model, cfg, lint.Options{Root: h.Root})
	if err != nil {
		return err
	}
	known := func(res *lint.Result) map[lint.Key]bool {
		out := map[lint.Key]bool{}
		for _, e := range res.All {
			out[e.Key] = true
		}
		return out
	}
	bk, hk := known(br), known(hr)
	r.NewFindings, r.FixedFindings = []lint.Violation{}, []lint.Violation{}
	for _, v := range hr.Violations {
		if !bk[v.Key()] {
			r.NewFindings = append(r.NewFindings, v)
		}
	}
	for _, v := range br.Violations {
		if !hk[v.Key()] {
			r.FixedFindings = append(r.FixedFindings, v)
		}
	}
	if len(cfg.Functions) == 0 {
		r.Notes = append(r.Notes, "no functions are declared (functions: in splitter.yaml), so serverless readiness findings are not compared")
	}
	return nil
}

// hasCalls reports whether m has call edges to measure.
func hasCalls(m *model.Model) bool { return m.CallGraph != "" && m.CallGraph != "none" }

func (r *Report) metrics(cfg *config.Config, b, h *side) {
	if !hasCalls(b.Model) || !hasCalls(h.Model) {
		r.Notes = append(r.Notes, "no call graph (--callgraph none): ICP and remote calls are not compared")
		return
	}
	owners := map[string]string{}
	for _, name := range cfg.ServiceNames() {
		for _, t := range cfg.Services[name].Tables {
			owners[t] = name
		}
	}
	measure := func(s *side) (float64, *cost.Result) {
		ma := metrics.Assignment{}
		ca := cost.Assignment{}
		for id, o := range s.owner {
			if o != "" {
				ma[id], ca[id] = o, o
			}
		}
		icp := metrics.Compute(s.Model, ma, metrics.Options{Shared: lint.SharedKernel}).ICP
		return icp, cost.Compute(s.Model, ca, cost.Options{Owners: owners})
	}
	bi, bc := measure(b)
	hi, hc := measure(h)
	mt := &Metrics{
		ICP:         Pair{bi, hi},
		RemoteCalls: PairInt{bc.Summary.RemoteCalls, hc.Summary.RemoteCalls},
		MaxDepth:    PairInt{bc.Summary.MaxDepth, hc.Summary.MaxDepth},
	}
	before := map[string]int{}
	for _, e := range bc.Entries {
		before[e.ID] = e.Cost.RemoteCalls
	}
	for _, e := range hc.Entries {
		if n, ok := before[e.ID]; ok && n != e.Cost.RemoteCalls {
			mt.Entries = append(mt.Entries, EntryCost{ID: e.ID, RemoteCalls: PairInt{n, e.Cost.RemoteCalls}})
		}
	}
	sort.Slice(mt.Entries, func(i, j int) bool {
		a, c := mt.Entries[i], mt.Entries[j]
		da, dc := abs(a.RemoteCalls.Head-a.RemoteCalls.Base), abs(c.RemoteCalls.Head-c.RemoteCalls.Base)
		if da != dc {
			return da > dc
		}
		return a.ID < c.ID
	})
	r.Metrics = mt
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
