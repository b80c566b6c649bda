package analyzer

import (
	"go/ast"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Background workers: a program that starts a function or method of the
// module in a goroutine and leaves it running (alertmanager's
// `go disp.Run()`, listmonk's `go app.manager.Run(...)`) runs that work
// on no request: it is a use case of its own, as a consumer or a cron job
// is. Only go statements of package main count (a library's goroutines
// are its callers' business), and only those whose callee the module
// declares (a func literal or the standard library's server is wiring);
// one started by a use case's handler is that use case's background work,
// and resolveEntryPoints drops it.

func (f *epFinder) worker(g *ast.GoStmt) {
	if f.p.Name != "main" {
		return
	}
	fn := f.calleeOf(g.Call)
	if fn == nil {
		return
	}
	u := f.t.unitOf(fn)
	if u < 0 || u == f.unit {
		return
	}
	h := f.unitRef(u)
	uu := f.t.units[u].unit
	name := lastElem(stripMajor(uu.Package)) + strings.TrimPrefix(uu.ID, uu.Package)
	f.addHandled(model.EntryPoint{Kind: model.EntryWorker, Framework: "go", Trigger: model.Trigger{Command: name}}, g.Pos(), h)
}
