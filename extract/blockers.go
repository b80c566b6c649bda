package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// business reports whether an entry point is a use case (as cost counts
// them): not main, init or a mount.
func business(ep model.EntryPoint) bool {
	return ep.Kind != model.EntryMain && ep.Kind != model.EntryInit && !ep.Mount
}

// blockTablesAndGlobals finds, from the model, the tables both sides
// write in one use case (a transaction the cut would split) and the
// package-level variables both sides use while someone writes them.
func (x *extraction) blockTablesAndGlobals() {
	m := x.opts.Model
	a := x.opts.Assignment
	calls := map[string][]string{}
	for _, e := range m.Edges {
		if e.Kind == model.EdgeCall {
			calls[e.From] = append(calls[e.From], e.To)
		}
	}
	side := func(id string) string {
		switch s := a[id]; {
		case s == x.svc:
			return "in"
		case s == "":
			return ""
		default:
			return "out"
		}
	}
	type both struct {
		entries []string
		in, out string // a unit writing it on each side
	}
	tables := map[string]*both{}
	for _, ep := range m.EntryPoints {
		if !business(ep) {
			continue
		}
		seen := map[string]bool{}
		stack := append([]string(nil), ep.Targets...)
		writers := map[string][2]string{}
		for len(stack) > 0 {
			id := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if seen[id] {
				continue
			}
			seen[id] = true
			stack = append(stack, calls[id]...)
			u := x.ld.unit[id]
			if u == nil {
				continue
			}
			sd := side(id)
			for _, t := range u.Tables {
				if t.Op != "write" || sd == "" {
					continue
				}
				w := writers[t.Table]
				if sd == "in" && (w[0] == "" || id < w[0]) {
					w[0] = id
				}
				if sd == "out" && (w[1] == "" || id < w[1]) {
					w[1] = id
				}
				writers[t.Table] = w
			}
		}
		for t, w := range writers {
			if w[0] == "" || w[1] == "" {
				continue
			}
			b := tables[t]
			if b == nil {
				b = &both{in: w[0], out: w[1]}
				tables[t] = b
			}
			b.entries = append(b.entries, ep.ID)
		}
	}
	for _, t := range sortedKeys(tables) {
		b := tables[t]
		sort.Strings(b.entries)
		u := x.ld.unit[b.in]
		first := b.entries[0]
		more := ""
		if n := len(b.entries) - 1; n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		x.block("table", "table "+t, u.File, u.Line,
			fmt.Sprintf("table %s is written by %s (%s) and by %s (%s) in the same request of %s%s: one transaction today, two once apart",
				t, x.short(b.in), x.svc, x.short(b.out), a[b.out], first, more),
			"give the table one owner and have the other side call its API (then make the steps idempotent, or compensate on failure)")
	}

	// Globals: users on both sides, and someone writes it.
	type users struct {
		in, out []string
		written bool
	}
	vars := map[string]*users{}
	for _, e := range m.Edges {
		if e.Kind != model.EdgeGlobalRead && e.Kind != model.EdgeGlobalWrite {
			continue
		}
		v := vars[e.To]
		if v == nil {
			v = &users{}
			vars[e.To] = v
		}
		if e.Kind == model.EdgeGlobalWrite && !isInit(x.ld.unit[e.From]) {
			v.written = true // writes at start (init) are configuration
		}
		switch side(e.From) {
		case "in":
			v.in = append(v.in, e.From)
		case "out":
			v.out = append(v.out, e.From)
		}
	}
	for _, id := range sortedKeys(vars) {
		v := vars[id]
		if !v.written || len(v.in) == 0 || len(v.out) == 0 {
			continue
		}
		u := x.ld.unit[id]
		if u == nil {
			continue
		}
		sort.Strings(v.in)
		sort.Strings(v.out)
		owner := a[id]
		if owner == "" {
			owner = "no service"
		}
		x.block("global", x.short(id), u.File, u.Line,
			fmt.Sprintf("the variable %s (%s) is used by %s (%s) and by %s (%s), and written: once apart, each side has its own copy",
				u.Name, owner, x.short(v.in[0]), x.svc, x.short(v.out[0]), a[v.out[0]]),
			"make it the state of one service, reached through its API, or configuration both read at start")
	}
}

// kernelNote says how the kernel uses the service (the kernel is linked
// into every service: what it calls of the service comes along).
func (x *extraction) kernelNotes() []string {
	var out []string
	for _, k := range sortedKeys(x.kernelUse) {
		u := x.kernelUse[k]
		out = append(out, fmt.Sprintf("%s uses %s", x.short(u.caller.ID), x.short(x.objID(u.obj))))
	}
	return dedupStrings(out)
}

func dedupStrings(s []string) []string {
	sort.Strings(s)
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

func isInit(u *model.Unit) bool {
	return u != nil && u.Kind == model.KindFunc && (u.Name == "init" || strings.HasPrefix(u.Name, "init#"))
}
