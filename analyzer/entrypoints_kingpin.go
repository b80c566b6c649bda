package analyzer

import (
	"go/ast"
	"go/token"
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
// through local variables and, for a clause a function is given as a
// parameter, through the package's calls of that function; a clause that
// comes from elsewhere (a field, another package) contributes "?".

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

// kingpinPath is the command path of a *CmdClause expression of the unit
// being scanned; nil when e is not one.
func (f *epFinder) kingpinPath(e ast.Expr, depth int) []string {
	return f.kingpinPathIn(e, f.t.units[f.unit].decl(), depth)
}

// kingpinPathIn is the command path of e, an expression in decl. A local
// is followed to what it was set from in decl; a parameter to the
// arguments the package's calls of decl pass (amtool's
// configureSilenceAddCmd(silenceCmd)).
func (f *epFinder) kingpinPathIn(e ast.Expr, decl ast.Node, depth int) []string {
	if e == nil || depth > 8 || !isKingpin(f.info.TypeOf(e), "CmdClause") {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := f.info.Uses[x].(*types.Var)
		if !ok {
			break
		}
		if rhs := definedIn(f.info, decl, v, x.Pos()); rhs != nil {
			if p := f.kingpinPathIn(rhs, decl, depth+1); p != nil {
				return p
			}
			break
		}
		if fd, ok := decl.(*ast.FuncDecl); ok {
			if p := f.kingpinParam(fd, v, depth); p != nil {
				return p
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
				if p := f.kingpinPathIn(r, decl, depth+1); p != nil {
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
			parent := f.kingpinPathIn(r, decl, depth+1)
			if parent == nil {
				parent = []string{"?"}
			}
			return append(slices.Clip(parent), name)
		}
		return []string{name} // app.Command or kingpin.Command: a top-level command
	}
	return []string{"?"}
}

// kingpinParam is the command path a parameter v of fd is given by the
// package's calls of fd: the first call whose argument has a known path.
// Each (function, parameter) is looked up once per package: every command
// a configure function declares asks for the same parent.
func (f *epFinder) kingpinParam(fd *ast.FuncDecl, v *types.Var, depth int) []string {
	fn, _ := f.info.Defs[fd.Name].(*types.Func)
	if fn == nil {
		return nil
	}
	params := fn.Signature().Params()
	k := -1
	for i := range params.Len() {
		if params.At(i) == v {
			k = i
		}
	}
	if k < 0 {
		return nil
	}
	key := kingpinParamKey{fn, k}
	if p, ok := f.kingpinParams[key]; ok {
		return p
	}
	if f.kingpinParams == nil {
		f.kingpinParams = map[kingpinParamKey][]string{}
	}
	f.kingpinParams[key] = nil // cuts recursion through the callers
	var out []string
	for _, file := range f.p.Syntax {
		for _, d := range file.Decls {
			caller, ok := d.(*ast.FuncDecl)
			if !ok || caller.Body == nil || out != nil {
				continue
			}
			ast.Inspect(caller.Body, func(n ast.Node) bool {
				c, ok := n.(*ast.CallExpr)
				if !ok || out != nil || k >= len(c.Args) || f.calleeOf(c) != fn {
					return out == nil
				}
				if p := f.kingpinPathIn(c.Args[k], caller, depth+1); p != nil && !slices.Equal(p, []string{"?"}) {
					out = p
				}
				return out == nil
			})
		}
	}
	f.kingpinParams[key] = out
	return out
}

type kingpinParamKey struct {
	fn *types.Func
	k  int
}

// definedIn is the last value decl sets the local v to before pos (x :=
// rhs, var x = rhs, x = rhs); nil when decl does not set it.
func definedIn(info *types.Info, decl ast.Node, v *types.Var, pos token.Pos) ast.Expr {
	var out ast.Expr
	ast.Inspect(decl, func(n ast.Node) bool {
		if n == nil || n.Pos() >= pos {
			return n == nil
		}
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && (info.Defs[id] == v || info.Uses[id] == v) && n.Rhs[i].End() <= pos {
						out = n.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, id := range n.Names {
					if info.Defs[id] == v {
						out = n.Values[i]
					}
				}
			}
		}
		return true
	})
	return out
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
