package extract

import (
	"sort"
	"strings"

	"github.com/pmezard/go-difflib/difflib"
)

// result assembles what Extract returns, in a stable order.
func (x *extraction) result() *Result {
	r := &Result{Service: x.svc, Package: x.pkgPath, Dir: x.dir, Files: x.files, Edits: x.edits,
		Blockers: x.blockers, Left: x.left, Plan: x.planned}
	g := x.newFile("")
	for _, f := range x.ifaces {
		i := Interface{Name: f.name, Callers: f.callers}
		for _, m := range f.members {
			i.Methods = append(i.Methods, m.name)
		}
		r.API.Interfaces = append(r.API.Interfaces, i)
	}
	for _, m := range x.members {
		r.API.Methods = append(r.API.Methods, Method{Name: m.name, Of: x.short(x.objID(m.fn)),
			Signature: "func" + strings.TrimPrefix(g.sigDecl(m), m.name), Callers: sortedKeys(m.callers),
			Evidence: m.evidence, Remote: !m.noRemote})
	}
	for _, h := range x.handles {
		r.API.Handles = append(r.API.Handles, x.short(x.objID(h.obj)))
	}
	for _, t := range x.dtos {
		r.API.Types = append(r.API.Types, x.short(x.objID(t)))
	}
	for _, s := range x.sentinel {
		r.API.Sentinels = append(r.API.Sentinels, x.short(x.objID(s)))
	}
	for _, k := range sortedKeys(x.refs) {
		r.API.Refs = append(r.API.Refs, *x.refs[k])
	}
	sort.SliceStable(r.Blockers, func(i, j int) bool {
		a, b := r.Blockers[i], r.Blockers[j]
		if a.Kind != b.Kind {
			return kindRank(a.Kind) < kindRank(b.Kind)
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	r.Blockers = dedupBlockers(r.Blockers)
	sort.SliceStable(r.Left, func(i, j int) bool {
		a, b := r.Left[i], r.Left[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Message < b.Message
	})
	sort.Slice(r.Edits, func(i, j int) bool { return r.Edits[i].Path < r.Edits[j].Path })
	sort.Slice(r.Files, func(i, j int) bool { return r.Files[i].Path < r.Files[j].Path })
	var diff strings.Builder
	for _, e := range r.Edits {
		d, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
			A: difflib.SplitLines(string(e.Old)), B: difflib.SplitLines(string(e.New)),
			FromFile: "a/" + e.Path, ToFile: "b/" + e.Path, Context: 3,
		})
		diff.WriteString(d)
	}
	r.Diff = diff.String()
	if r.Blockers == nil {
		r.Blockers = []Blocker{}
	}
	if r.Left == nil {
		r.Left = []Left{}
	}
	if r.Edits == nil {
		r.Edits = []Edit{}
	}
	return r
}

func kindRank(k string) int {
	for i, o := range []string{"transaction", "table", "global", "type", "pointer", "signature", "kernel"} {
		if o == k {
			return i
		}
	}
	return 99
}

func dedupBlockers(bs []Blocker) []Blocker {
	var out []Blocker
	for i, b := range bs {
		if i > 0 && b == bs[i-1] {
			continue
		}
		out = append(out, b)
	}
	return out
}
