package analyzer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// kingpin (github.com/alecthomas/kingpin/v2, gopkg.in/alecthomas/kingpin.v2),
// the flag and command parser of the Prometheus ecosystem. A command is
// declared by a chain of Command calls from the application
// (app.Command("silence", ...).Command("add", ...)), and it runs in one of
// two ways:
//   - cmd.Action(fn): fn handles it;
//   - switch kingpin.Parse() { case cmd.FullCommand(): ... }: the case's
//     body handles it, so the module functions it calls are the targets.
//
// The path is the names of the Command calls, outermost first, followed
// through local variables; a command clause that comes from elsewhere (a
// parameter, a field) contributes "?".

func init() {
	for _, p := range []string{"github.com/alecthomas/kingpin", "gopkg.in/alecthomas/kingpin.v2"} {
		hook(kingpinAction, p+".CmdClause.Action")
		hook(kingpinCase, p+".CmdClause.FullCommand")
	}
	// Not one of the families the missing-framework diagnostic checks:
	// most programs import kingpin for their flags alone.
}

func kingpinAction(f *epFinder, call *ast.CallExpr, fn *types.Func, _ []ast.Node) {
	if len(call.Args) != 1 || fn.Signature().Params().Len() != 1 {
		return
	}
	path := f.kingpinPath(receiver(call), 0)
	if path == nil {
		return
	}
	// The Action type: a wrapper of the module (execWithTimeout(a.query))
	// resolves to the action it wraps.
	h := f.resolveHandler(call.Args[0], fn.Signature().Params().At(0).Type())
	h.mount, h.factory = false, false
	f.addHandled(model.EntryPoint{Kind: model.EntryCLI, Framework: "kingpin",
		Trigger: model.Trigger{Command: strings.Join(path, " ")}}, call.Pos(), h)
}

func kingpinCase(f *epFinder, call *ast.CallExpr, _ *types.Func, stack []ast.Node) {
	if len(stack) < 2 {
		return
	}
	cc, ok := stack[len(stack)-2].(*ast.CaseClause)
	if !ok || !slices.Contains(cc.List, ast.Expr(call)) {
		return
	}
	path := f.kingpinPath(receiver(call), 0)
	if path == nil {
		return
	}
	// The case's body: the module functions it calls, in order, once each.
	targets := []string{}
	seen := map[string]bool{}
	for _, st := range cc.Body {
		ast.Inspect(st, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false
			}
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if fn := f.calleeOf(c); fn != nil {
				if u := f.t.unitOf(fn); u >= 0 {
					if id := f.t.units[u].unit.ID; !seen[id] {
						seen[id] = true
						targets = append(targets, id)
					}
				}
			}
			return true
		})
	}
	h := handlerRef{unit: f.unitID(), function: f.unitID(), targets: targets}
	f.addHandled(model.EntryPoint{Kind: model.EntryCLI, Framework: "kingpin",
		Trigger: model.Trigger{Command: strings.Join(path, " ")}}, call.Pos(), h)
}

// kingpinPath is the command path of a *CmdClause expression; nil when e
// is not one.
func (f *epFinder) kingpinPath(e ast.Expr, depth int) []string {
	if e == nil || depth > 8 || !isKingpin(f.info.TypeOf(e), "CmdClause") {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := f.info.Uses[x].(*types.Var); ok {
			for _, a := range f.lastAssigned(v, x.Pos()) {
				if p := f.kingpinPath(a.rhs, depth+1); p != nil {
					return p
				}
			}
		}
	case *ast.CallExpr:
		fn := f.calleeOf(x)
		if fn == nil {
			break
		}
		if fn.Name() != "Command" {
			// Default(), Hidden(), Alias(...), PreAction(...): the same clause.
			if r := receiver(x); r != nil {
				if p := f.kingpinPath(r, depth+1); p != nil {
					return p
				}
			}
			break
		}
		name := "?"
		if len(x.Args) > 0 {
			if s, ok := f.constString(x.Args[0]); ok {
				name = s
			}
		}
		if r := receiver(x); r != nil && isKingpin(f.info.TypeOf(r), "CmdClause") {
			parent := f.kingpinPath(r, depth+1)
			if parent == nil {
				parent = []string{"?"}
			}
			return append(slices.Clip(parent), name)
		}
		return []string{name} // app.Command or kingpin.Command: a top-level command
	}
	return []string{"?"}
}

// isKingpin reports whether t is kingpin's named type (or a pointer to it).
func isKingpin(t types.Type, name string) bool {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil || n.Obj().Name() != name {
		return false
	}
	p := pkgKey(n.Obj().Pkg())
	return p == "github.com/alecthomas/kingpin" || p == "gopkg.in/alecthomas/kingpin.v2"
}
