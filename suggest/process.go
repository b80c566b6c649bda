package suggest

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// exampleOrTest reports whether a program lives in an example or test
// directory (examples/, _example/, test/, e2e/, testdata/, testhelpers/...):
// it is not part of what a team deploys.
func exampleOrTest(file string) bool {
	parts := strings.Split(file, "/")
	for _, d := range parts[:max(len(parts)-1, 0)] {
		d = strings.ToLower(strings.TrimLeft(d, "_."))
		switch {
		case strings.HasPrefix(d, "example"), d == "demo", d == "demos", d == "samples", d == "sample",
			d == "test", d == "tests", d == "e2e", d == "testdata", d == "integration-tests",
			strings.HasPrefix(d, "testhelper"), strings.HasPrefix(d, "testutil"), d == "testing":
			return true
		}
	}
	return strings.HasSuffix(file, "_test.go")
}

// runsUntilStopped says why a program or command runs until it is
// stopped ("" when it finishes): what it reaches serves (a listener), or
// loops (a for-select or for-sleep loop on its own path) where it also
// waits for a stop signal or is named for it (watch, worker, daemon...).
// A loop alone is not enough: it often paces a bounded run (a load test's
// monitor, a connection retried until the database answers).
func (p *planner) runsUntilStopped(e *epInfo) string {
	loop, signal := "", false
	order := e.reach.order
	if e.ep.Kind == model.EntryMain {
		order = p.programReach(e)
	}
	for _, u := range order {
		unit := &p.m.Units[u]
		for _, fa := range unit.Facts {
			switch fa.Kind {
			case model.FactListener:
				return fmt.Sprintf("it serves: %s at %s:%d", fa.Call, fa.File, fa.Line)
			case model.FactLoop:
				if loop == "" && !fa.Detached {
					loop = fmt.Sprintf("it loops: %s at %s:%d", fa.Call, fa.File, fa.Line)
				}
			case model.FactProcess:
				if fa.Call == "signal.Notify" { // NotifyContext is as often a CLI's cancellation
					signal = true
				}
			}
		}
	}
	if loop == "" {
		return ""
	}
	cmd := e.ep.Trigger.Command
	if e.ep.Kind == model.EntryMain {
		cmd = path.Base(cmd)
	}
	if signal || daemonWord(cmd) {
		return loop
	}
	return ""
}

// programReach is what a program runs itself: its reach, less the code
// only its commands run when the program never runs its command tree
// (no cobra Execute, no urfave/cli Run: kratos' clidoc builds the tree
// to write its documentation, and serves nothing). A program that runs
// the tree does what its commands do, the server among them.
func (p *planner) programReach(e *epInfo) []int {
	runs := map[int]bool{}
	for i := range p.m.EntryPoints {
		if ep := &p.m.EntryPoints[i]; ep.Kind == model.EntryCLI {
			for _, u := range p.g.roots(ep) {
				runs[u] = true
			}
		}
	}
	if len(runs) == 0 {
		return e.reach.order
	}
	for _, u := range e.reach.order {
		for _, fa := range p.m.Units[u].Facts {
			if fa.Kind == model.FactDispatch {
				return e.reach.order
			}
		}
	}
	// The search again, not entering the commands' run code.
	seen := map[int]bool{}
	var order []int
	for _, u := range p.g.roots(e.ep) {
		if !seen[u] && !runs[u] {
			seen[u] = true
			order = append(order, u)
		}
	}
	for i := 0; i < len(order); i++ {
		for _, v := range p.g.next[order[i]] {
			if !seen[v] && !runs[v] {
				seen[v] = true
				order = append(order, v)
			}
		}
	}
	return order
}

// daemonWord reports whether a command's words say it runs until stopped.
func daemonWord(command string) bool {
	for _, w := range strings.Fields(strings.ToLower(command)) {
		switch w {
		case "watch", "watcher", "worker", "work", "daemon", "serve", "server", "start", "run", "listen",
			"agent", "consume", "consumer", "poll", "poller", "scheduler", "dispatch", "dispatcher", "relay":
			return true
		}
	}
	return false
}

// catchAll reports whether an HTTP route matches a whole subtree (a
// ServeMux pattern ending in /, a {x...}, * or *name tail) or a path
// splitter could not read.
func catchAll(ep *model.EntryPoint) bool {
	p := ep.Trigger.Path
	if p == "" || p == "?" {
		return true
	}
	last := p[strings.LastIndex(p, "/")+1:]
	switch {
	case strings.HasSuffix(p, "/") && ep.Framework == "net/http":
		return true
	case strings.HasPrefix(last, "*"), strings.HasPrefix(last, "{") && strings.HasSuffix(last, "...}"):
		return true
	}
	return false
}

// leaves keeps the HTTP routes that are use cases: a catch-all whose
// handler reaches the code registering other routes is a mount (a
// sub-router), whatever the analyzer said; and one method and path is
// served once (API gateways reject a route declared twice): the first
// registration is kept, the others are noted on it.
func (p *planner) leaves() {
	// The unit registering each HTTP route.
	regs := map[int][]*epInfo{}
	for _, e := range p.eps {
		if e.ep.Kind != model.EntryHTTP {
			continue
		}
		if u := p.unitAt(e.ep.File, e.ep.Line); u >= 0 {
			regs[u] = append(regs[u], e)
		}
	}
	mount := map[*epInfo]bool{}
	for _, e := range p.eps {
		if e.ep.Kind != model.EntryHTTP || !catchAll(e.ep) {
			continue
		}
		for _, u := range e.reach.order {
			for _, other := range regs[u] {
				if other != e && !mount[other] {
					mount[e] = true
				}
			}
			if mount[e] {
				break
			}
		}
	}
	// Duplicates by method and gateway path.
	first := map[string]*epInfo{}
	var keep []*epInfo
	byPos := append([]*epInfo(nil), p.eps...)
	sort.SliceStable(byPos, func(i, j int) bool {
		a, b := byPos[i].ep, byPos[j].ep
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.ID < b.ID
	})
	dup := map[*epInfo]bool{}
	for _, e := range byPos {
		if e.ep.Kind != model.EntryHTTP || mount[e] {
			continue
		}
		for _, t := range triggersOf(e.ep) {
			if t.Path == "" {
				continue
			}
			k := t.Method + " " + t.Path
			if f, ok := first[k]; ok && f != e {
				dup[e] = true
				f.also = append(f.also, fmt.Sprintf("%s is also registered at %s:%d", k, e.ep.File, e.ep.Line))
				break
			}
		}
		if dup[e] {
			continue
		}
		for _, t := range triggersOf(e.ep) {
			if t.Path != "" {
				first[t.Method+" "+t.Path] = e
			}
		}
	}
	for _, e := range p.eps {
		if !mount[e] && !dup[e] {
			keep = append(keep, e)
		}
	}
	p.eps = keep
}

// unitAt is the index of the innermost func or method unit declared
// around file:line, -1 when none.
func (p *planner) unitAt(file string, line int) int {
	if p.byFile == nil {
		p.byFile = map[string][]int{}
		for i := range p.m.Units {
			u := &p.m.Units[i]
			if u.Kind == model.KindFunc || u.Kind == model.KindMethod {
				p.byFile[u.File] = append(p.byFile[u.File], i)
			}
		}
	}
	best := -1
	for _, i := range p.byFile[file] {
		u := &p.m.Units[i]
		if line >= u.Line && line <= u.EndLine && (best < 0 || u.Line > p.m.Units[best].Line) {
			best = i
		}
	}
	return best
}
