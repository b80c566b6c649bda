package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// urfave/cli v2 and v3: a Command literal with an Action is an entry point;
// its path is the names of the Command literals it is nested in
// (Subcommands in v2, Commands in v3), below the root (v2's App, or v3's
// outermost Command).

func init() {
	litHooks = append(litHooks, (*epFinder).urfaveCommand)
	families = append(families, family{name: "urfave/cli", frameworks: []string{"urfave/cli"}, pkgs: []string{"github.com/urfave/cli"}})
}

func urfaveType(t types.Type) string {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil || stripMajor(n.Obj().Pkg().Path()) != "github.com/urfave/cli" {
		return ""
	}
	return n.Obj().Name()
}

func (f *epFinder) urfaveCommand(lit *ast.CompositeLit, stack []ast.Node) {
	if urfaveType(f.info.TypeOf(lit)) != "Command" {
		return
	}
	action := fieldValue(lit, "Action")
	if action == nil {
		return
	}
	name, _ := f.fieldString(lit, "Name")
	if name == "" {
		name = "?"
	}
	path := []string{name}
	rooted := false
	for i := len(stack) - 2; i >= 0; i-- {
		outer, ok := stack[i].(*ast.CompositeLit)
		if !ok {
			continue
		}
		switch urfaveType(f.info.TypeOf(outer)) {
		case "Command":
			n, _ := f.fieldString(outer, "Name")
			path = append([]string{n}, path...)
		case "App":
			rooted = true
		}
		if rooted {
			break
		}
	}
	if !rooted && len(path) > 1 {
		path = path[1:] // v3: the outermost Command is the program
	}
	pos := lit.Pos()
	if len(stack) >= 2 {
		if u, ok := stack[len(stack)-2].(*ast.UnaryExpr); ok && u.Op == token.AND && u.X == lit {
			pos = u.Pos()
		}
	}
	h := f.resolveHandler(action, nil)
	h.mount, h.factory = false, false
	f.addHandled(model.EntryPoint{Kind: model.EntryCLI, Framework: "urfave/cli",
		Trigger: model.Trigger{Command: strings.Join(path, " ")}}, pos, h)
}
