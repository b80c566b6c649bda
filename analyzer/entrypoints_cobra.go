package analyzer

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// cobra: &cobra.Command{Use: "x", RunE: f}, cmd.RunE = f, and the tree
// parent.AddCommand(child) builds, so that a command's id is its full path
// below the root ("cli:identity get" for `app identity get`): stable when
// other commands change, unlike a number.

func init() {
	litHooks = append(litHooks, (*epFinder).cobraLiteral)
	hook(cobraAddCommand, "github.com/spf13/cobra.Command.AddCommand")
	families = append(families, family{name: "cobra", frameworks: []string{"cobra"}, pkgs: []string{"github.com/spf13/cobra"}})
}

func isCobraCommand(t types.Type) bool {
	n := namedOf(t)
	return n != nil && n.Obj().Pkg() != nil && stripMajor(n.Obj().Pkg().Path()) == "github.com/spf13/cobra" && n.Obj().Name() == "Command"
}

// cobraGraph is what a package says about its commands. Nodes are command
// literals ("lit:file:offset"); refs name them indirectly: "ret:<unit>" is
// what a function returns, "var:<unit>" a package-level variable.
type cobraGraph struct {
	names   map[string]string   // node → command name (first word of Use)
	alias   map[string]string   // ref → node or ref
	parents map[string][]string // child (node or ref) → parents (nodes or refs)
	// calls are the calls to module functions that pass commands, with
	// what each parameter gets: a helper that adds one parameter's
	// commands under another's (gh's cmdutil.AddGroup(parent, title,
	// cmds...)) links them at each call, not only at the first.
	calls []cobraCall
}

// cobraCall is one call passing commands: the callee's unit and, per
// parameter index, the nodes given to it (every argument of a variadic one).
type cobraCall struct {
	fn   string
	args map[int][]string
}

func newCobraGraph() cobraGraph {
	return cobraGraph{names: map[string]string{}, alias: map[string]string{}, parents: map[string][]string{}}
}

func mergeCobra(all []pkgEntries) *cobraGraph {
	g := newCobraGraph()
	for _, pe := range all {
		for k, v := range pe.cobra.names {
			g.names[k] = v
		}
		for k, v := range pe.cobra.alias {
			g.alias[k] = v
		}
		for k, v := range pe.cobra.parents {
			g.parents[k] = append(g.parents[k], v...)
		}
	}
	// Parents keyed by the nodes refs stand for.
	byNode := map[string][]string{}
	for child, ps := range g.parents {
		c := g.resolve(child)
		for _, p := range ps {
			byNode[c] = append(byNode[c], g.resolve(p))
		}
	}
	// A helper's parameter added under another parameter: at each of its
	// calls, the commands given to the one go under those given to the other.
	for _, pe := range all {
		for _, c := range pe.cobra.calls {
			for k, children := range c.args {
				ps := g.parents[fmt.Sprintf("param:%s:%d", c.fn, k)]
				for j, parents := range c.args {
					if !slices.Contains(ps, fmt.Sprintf("param:%s:%d", c.fn, j)) {
						continue
					}
					for _, child := range children {
						for _, parent := range parents {
							byNode[g.resolve(child)] = append(byNode[g.resolve(child)], g.resolve(parent))
						}
					}
				}
			}
		}
	}
	for k, ps := range byNode {
		slices.Sort(ps)
		byNode[k] = slices.Compact(ps)
	}
	g.parents = byNode
	return &g
}

func (g *cobraGraph) resolve(ref string) string {
	for i := 0; i < 8; i++ {
		next, ok := g.alias[ref]
		if !ok {
			break
		}
		ref = next
	}
	return ref
}

// complete gives a cli entry point its command path below the root.
func (g *cobraGraph) complete(ep *model.EntryPoint, key string) {
	if key == "" {
		return
	}
	node := g.resolve(key)
	var path []string
	seen := map[string]bool{}
	for node != "" && !seen[node] && len(path) < 16 {
		seen[node] = true
		name, ok := g.names[node]
		if !ok {
			name = "?"
		}
		path = append(path, name)
		ps := g.parents[node]
		if len(ps) == 0 {
			break
		}
		node = ps[0]
	}
	if len(path) > 1 {
		path = path[:len(path)-1] // the root is the program itself
	}
	slices.Reverse(path)
	ep.Trigger.Command = strings.Join(path, " ")
	ep.ID = entryID(*ep)
}

func (f *epFinder) litNode(lit *ast.CompositeLit) string {
	p := f.p.Fset.Position(lit.Pos())
	return fmt.Sprintf("lit:%s:%d", f.ld.rel(p.Filename), p.Offset)
}

// cobraNode names the command an expression stands for, or "".
func (f *epFinder) cobraNode(e ast.Expr) string {
	e = ast.Unparen(e)
	if lit := compositeOf(e); lit != nil {
		if !isCobraCommand(f.info.TypeOf(lit)) {
			return ""
		}
		key := f.litNode(lit)
		if _, ok := f.res.cobra.names[key]; !ok {
			use, _ := f.fieldString(lit, "Use")
			f.res.cobra.names[key] = firstWord(use)
		}
		return key
	}
	switch x := e.(type) {
	case *ast.Ident:
		obj := f.info.Uses[x]
		if obj == nil {
			obj = f.info.Defs[x]
		}
		if n, ok := f.cmdNode[obj]; ok {
			return n
		}
		if i, ok := f.params[obj]; ok && i >= 0 {
			return fmt.Sprintf("param:%s:%d", f.unitID(), i) // bound by the callers
		}
		if over, ok := f.ranged[obj]; ok { // for _, c := range cmds: a variadic parameter's commands
			if id, ok := ast.Unparen(over).(*ast.Ident); ok {
				if i, ok := f.params[f.info.Uses[id]]; ok && i >= 0 {
					return fmt.Sprintf("param:%s:%d", f.unitID(), i)
				}
			}
		}
		if u := f.t.unitOf(obj); u >= 0 {
			return "var:" + f.t.units[u].unit.ID
		}
	case *ast.CallExpr:
		if fn := f.calleeOf(x); fn != nil {
			if u := f.t.unitOf(fn); u >= 0 && fn.Signature().Recv() == nil {
				return "ret:" + f.t.units[u].unit.ID
			}
		}
	}
	return ""
}

// cobraArgs binds the commands a call to a module function passes to the
// function's parameters (RegisterCommandRecursive(rootCmd)).
func (f *epFinder) cobraArgs(call *ast.CallExpr, fn *types.Func) {
	u := f.t.unitOf(fn)
	if u < 0 {
		return
	}
	sig := fn.Signature()
	var bound map[int][]string
	for i, a := range call.Args {
		if !isCobraCommand(f.info.TypeOf(a)) {
			continue
		}
		k := i
		if sig.Variadic() && k >= sig.Params().Len()-1 {
			k = sig.Params().Len() - 1 // cmds ...*cobra.Command
		}
		n := f.cobraNode(a)
		if n == "" {
			continue
		}
		if bound == nil {
			bound = map[int][]string{}
		}
		bound[k] = append(bound[k], n)
		key := fmt.Sprintf("param:%s:%d", f.t.units[u].unit.ID, k)
		if _, done := f.res.cobra.alias[key]; !done {
			f.res.cobra.alias[key] = n
		}
	}
	if len(bound) > 1 {
		f.res.cobra.calls = append(f.res.cobra.calls, cobraCall{fn: f.t.units[u].unit.ID, args: bound})
	}
}

// cobraTrack remembers which command a variable holds.
func (f *epFinder) cobraTrack(obj types.Object, rhs ast.Expr) {
	if !isCobraCommand(obj.Type()) {
		return
	}
	n := f.cobraNode(rhs)
	if n == "" {
		return
	}
	f.cmdNode[obj] = n
	if obj.Parent() == obj.Pkg().Scope() {
		f.res.cobra.alias["var:"+f.unitID()] = n
	}
}

// cobraReturned records the command a function returns.
func (f *epFinder) cobraReturned(rs *ast.ReturnStmt) {
	fd, ok := f.t.units[f.unit].decl().(*ast.FuncDecl)
	if !ok || fd.Type.Results == nil || len(fd.Type.Results.List) == 0 {
		return
	}
	var e ast.Expr
	switch {
	case len(rs.Results) > 0:
		e = rs.Results[0]
	case len(fd.Type.Results.List[0].Names) > 0:
		e = fd.Type.Results.List[0].Names[0] // a bare return of a named result
	}
	if e == nil || !isCobraCommand(f.info.TypeOf(e)) {
		return
	}
	if n := f.cobraNode(e); n != "" {
		f.res.cobra.alias["ret:"+f.unitID()] = n
	}
}

func cobraAddCommand(f *epFinder, call *ast.CallExpr, fn *types.Func, stack []ast.Node) {
	parent := f.cobraNode(receiver(call))
	if parent == "" {
		return
	}
	for _, a := range call.Args {
		if c := f.cobraNode(a); c != "" && c != parent {
			f.res.cobra.parents[c] = append(f.res.cobra.parents[c], parent)
		}
	}
}

func compositeOf(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

func (f *epFinder) fieldString(lit *ast.CompositeLit, field string) (string, bool) {
	if v := fieldValue(lit, field); v != nil {
		return f.constString(v)
	}
	return "", false
}

func fieldValue(lit *ast.CompositeLit, field string) ast.Expr {
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == field {
			return kv.Value
		}
	}
	return nil
}

func firstWord(s string) string {
	if fs := strings.Fields(s); len(fs) > 0 {
		return fs[0]
	}
	return ""
}

func (f *epFinder) cobraLiteral(lit *ast.CompositeLit, stack []ast.Node) {
	if !isCobraCommand(f.info.TypeOf(lit)) {
		return
	}
	var run ast.Expr
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && (k.Name == "RunE" || (k.Name == "Run" && run == nil)) {
			run = kv.Value
		}
	}
	if run == nil {
		return // a parent command only groups others
	}
	pos := lit.Pos()
	// Report at the & of &cobra.Command{...}, where the expression starts.
	if len(stack) >= 2 {
		if u, ok := stack[len(stack)-2].(*ast.UnaryExpr); ok && u.Op == token.AND && u.X == lit {
			pos = u.Pos()
		}
	}
	f.cobraEntry(f.cobraNode(lit), run, pos)
}

func (f *epFinder) cobraEntry(node string, run ast.Expr, pos token.Pos) {
	name := f.res.cobra.names[node]
	if name == "" {
		name = "?"
	}
	h := f.resolveHandler(run, nil)
	h.mount, h.factory = false, false
	i := f.addHandled(model.EntryPoint{Kind: model.EntryCLI, Framework: "cobra", Trigger: model.Trigger{Command: name}}, pos, h)
	f.res.cobraKeys[i] = node
}

// cobraAssign handles cmd.RunE = handler after construction.
func (f *epFinder) cobraAssign(l *ast.SelectorExpr, rhs ast.Expr, as *ast.AssignStmt) {
	if l.Sel.Name != "Run" && l.Sel.Name != "RunE" {
		return
	}
	if !isCobraCommand(f.info.TypeOf(l.X)) {
		return
	}
	f.cobraEntry(f.cobraNode(l.X), rhs, as.Pos())
}
