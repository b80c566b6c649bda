package analyzer

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/splitter-go/splitter/analyzer/declname"
	"github.com/splitter-go/splitter/model"
)

// edgeKey identifies an aggregated edge between two units.
type edgeKey struct {
	from, to int
	kind     model.EdgeKind
}

// edgeSet accumulates weighted edges.
type edgeSet map[edgeKey]int

func (es edgeSet) add(from, to int, kind model.EdgeKind, w int) {
	if from < 0 || to < 0 || from == to {
		return
	}
	es[edgeKey{from, to, kind}] += w
}

// syntaxEdges finds the ref, embed, method and global edges of unit u, and
// the external packages it uses. Calls are left to the SSA call graph.
func syntaxEdges(t *unitTable, u int, es edgeSet, internal map[string]bool) map[string]bool {
	ud := t.units[u]
	info := ud.pkg().TypesInfo
	uses := map[string]bool{}
	var root ast.Node = ud.decl()
	if ud.spec() != nil {
		root = ud.spec()
	}
	if fd, ok := ud.decl().(*ast.FuncDecl); ok && fd.Recv != nil {
		// The receiver's type is the method edge, not a reference.
		if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
			if named := namedOf(fn.Signature().Recv().Type()); named != nil {
				es.add(u, t.unitOf(named.Obj()), model.EdgeMethod, 1)
			}
		}
	}
	if ud.spec() != nil {
		embedEdges(t, u, ud.spec(), info, es)
	}
	var recvList *ast.FieldList
	if fd, ok := ud.decl().(*ast.FuncDecl); ok {
		recvList = fd.Recv
	}
	ast.PreorderStack(root, nil, func(n ast.Node, stack []ast.Node) bool {
		if recvList != nil && n == recvList {
			return false // the receiver's type is the method edge, not a reference
		}
		if id, ok := n.(*ast.Ident); ok {
			identEdge(t, u, info, es, uses, internal, stack, id)
		}
		return true
	})
	return uses
}

// identEdge records what the identifier id, used inside unit u, refers to.
// stack holds the path from the unit's root to id's parent.
func identEdge(t *unitTable, u int, info *types.Info, es edgeSet, uses, internal map[string]bool, stack []ast.Node, id *ast.Ident) {
	obj := info.Uses[id]
	if obj == nil {
		return
	}
	pkg := obj.Pkg()
	if pkg == nil {
		return // universe: int, error, len, nil...
	}
	if _, isPkg := obj.(*types.PkgName); isPkg {
		return
	}
	if !internal[pkg.Path()] {
		if pkg.Path() != "C" {
			uses[pkg.Path()] = true
		}
		return
	}
	to := t.unitOf(obj)
	if to < 0 {
		return // a field, a local, a parameter
	}
	switch o := obj.(type) {
	case *types.TypeName, *types.Const:
		es.add(u, to, model.EdgeRef, 1)
	case *types.Func:
		if !declname.IsCalled(stack, id) {
			es.add(u, to, model.EdgeRef, 1) // a func or method used as a value
		}
	case *types.Var:
		if o.Parent() == pkg.Scope() {
			if isWrite(stack, id, info) {
				es.add(u, to, model.EdgeGlobalWrite, 1)
			} else {
				es.add(u, to, model.EdgeGlobalRead, 1)
			}
		}
	}
}

// namedOf returns the named type behind T or *T.
func namedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

func embedEdges(t *unitTable, u int, ts *ast.TypeSpec, info *types.Info, es edgeSet) {
	var fields []*ast.Field
	switch st := ts.Type.(type) {
	case *ast.StructType:
		fields = st.Fields.List
	case *ast.InterfaceType:
		fields = st.Methods.List
	default:
		return
	}
	for _, f := range fields {
		if len(f.Names) > 0 {
			continue
		}
		if _, isFunc := f.Type.(*ast.FuncType); isFunc {
			continue
		}
		if tv, ok := info.Types[f.Type]; ok {
			if named := namedOf(tv.Type); named != nil {
				es.add(u, t.unitOf(named.Obj()), model.EdgeEmbed, 1)
			}
		}
	}
}

// isWrite reports whether the use id of a package-level var writes it: it is
// (the root of) an assignment's left side, an ++/--, a range assignment, has
// its address taken, is cleared by delete/clear, or has a pointer method called.
func isWrite(stack []ast.Node, id *ast.Ident, info *types.Info) bool {
	var cur ast.Node = id
	i := len(stack) - 1
	for ; i >= 0 && stack[i] == cur; i-- {
	}
	for ; i >= 0; i-- {
		p := stack[i]
		switch p := p.(type) {
		case *ast.SelectorExpr:
			if p.X != cur {
				return false
			}
			if sel := info.Selections[p]; sel != nil && sel.Kind() == types.MethodVal {
				if fn, ok := sel.Obj().(*types.Func); ok {
					if recv := fn.Signature().Recv(); recv != nil {
						if _, ptr := recv.Type().(*types.Pointer); ptr && !isPointer(info.TypeOf(p.X)) {
							return true // mu.Lock(), counter.Add(1), cache.Store(k, v)
						}
					}
				}
				return false
			}
		case *ast.IndexExpr:
			if p.X != cur {
				return false
			}
			if _, isMap := types.Unalias(info.TypeOf(p.X)).Underlying().(*types.Map); !isMap {
				if isPointer(info.TypeOf(p.X)) {
					return false
				}
			}
		case *ast.StarExpr, *ast.ParenExpr:
		case *ast.AssignStmt:
			for _, l := range p.Lhs {
				if l == cur {
					return true
				}
			}
			return false
		case *ast.IncDecStmt:
			return p.X == cur
		case *ast.RangeStmt:
			return p.Tok == token.ASSIGN && (p.Key == cur || p.Value == cur)
		case *ast.UnaryExpr:
			return p.Op == token.AND
		case *ast.CallExpr:
			if fid, ok := ast.Unparen(p.Fun).(*ast.Ident); ok && len(p.Args) > 0 && p.Args[0] == cur {
				if b, ok := info.Uses[fid].(*types.Builtin); ok {
					switch b.Name() {
					case "delete", "clear", "copy":
						return true
					}
				}
			}
			return false
		default:
			return false
		}
		cur = p
	}
	return false
}

func isPointer(t types.Type) bool {
	if t == nil {
		return false
	}
	_, ok := types.Unalias(t).Underlying().(*types.Pointer)
	return ok
}
