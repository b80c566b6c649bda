// Package declname holds the syntax rules that name splitter's units, shared
// by the analyzer and the go vet checker so that both agree on unit ids:
// the first non-blank name of a var or const block, a method's receiver type
// without pointer or type parameters, and whether an identifier is called.
package declname

import "go/ast"

// FirstName returns the first non-blank name of a var or const declaration,
// the name of its unit ("" when every name is blank).
func FirstName(d *ast.GenDecl) string {
	for _, s := range d.Specs {
		if vs, ok := s.(*ast.ValueSpec); ok {
			for _, n := range vs.Names {
				if n.Name != "_" {
					return n.Name
				}
			}
		}
	}
	return ""
}

// RecvTypeName returns T for receivers T, *T, T[P], *T[P, Q].
func RecvTypeName(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return "?"
		}
	}
}

// IsCalled reports whether id is the function operand of a call, possibly
// through a selector (x.M), an instantiation (F[T]) or parentheses.
func IsCalled(stack []ast.Node, id *ast.Ident) bool {
	var cur ast.Node = id
	for i := len(stack) - 1; i >= 0; i-- {
		p := stack[i]
		if p == cur {
			continue
		}
		switch p := p.(type) {
		case *ast.SelectorExpr:
			if p.Sel != cur {
				return false
			}
		case *ast.IndexExpr:
			if p.X != cur {
				return false
			}
		case *ast.IndexListExpr:
			if p.X != cur {
				return false
			}
		case *ast.ParenExpr:
		case *ast.CallExpr:
			return p.Fun == cur
		default:
			return false
		}
		cur = p
	}
	return false
}
