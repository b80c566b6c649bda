package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/splitter-go/splitter/model"
)

// gqlgen: the generated Config{Resolvers: &graph.Resolver{}} names the
// root resolver; its methods Query(), Mutation(), User() return the
// resolvers of each object type, and every method of those is a use case,
// graphql:Query.user (the field is the method's name, first letter lower).

func init() {
	litHooks = append(litHooks, (*epFinder).gqlgenConfig)
	families = append(families, family{name: "gqlgen", frameworks: []string{"gqlgen"}, pkgs: []string{"github.com/99designs/gqlgen/graphql"}})
}

// gqlgenRoot returns the ResolverRoot interface of a generated Config
// literal and the value given as its Resolvers.
func (f *epFinder) gqlgenRoot(lit *ast.CompositeLit) (*types.Interface, ast.Expr) {
	v := fieldValue(lit, "Resolvers")
	if v == nil {
		return nil, nil
	}
	n := namedOf(f.info.TypeOf(lit))
	if n == nil || n.Obj().Name() != "Config" || n.Obj().Pkg() == nil {
		return nil, nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil, nil
	}
	for i := 0; i < st.NumFields(); i++ {
		if fl := st.Field(i); fl.Name() == "Resolvers" {
			if rn := namedOf(fl.Type()); rn != nil && rn.Obj().Name() == "ResolverRoot" {
				root, _ := rn.Underlying().(*types.Interface)
				return root, v
			}
		}
	}
	return nil, nil
}

func (f *epFinder) gqlgenConfig(lit *ast.CompositeLit, _ []ast.Node) {
	root, v := f.gqlgenRoot(lit)
	if root == nil {
		return
	}
	impl := f.info.TypeOf(v)
	if root == nil || impl == nil {
		return
	}
	for i := 0; i < root.NumMethods(); i++ {
		obj := root.Method(i) // Query() QueryResolver
		getter := methodNamed(impl, obj.Name())
		res := obj.Signature().Results()
		if getter == nil || res.Len() != 1 {
			continue
		}
		iface, _ := res.At(0).Type().Underlying().(*types.Interface)
		concrete := f.returnedType(getter)
		if iface == nil || concrete == nil {
			continue
		}
		for j := 0; j < iface.NumMethods(); j++ {
			m := iface.Method(j)
			im := methodNamed(concrete, m.Name())
			if im == nil {
				continue
			}
			u := f.t.unitOf(im)
			if u < 0 {
				continue
			}
			f.addHandled(model.EntryPoint{Kind: model.EntryGraphQL, Framework: "gqlgen",
				Trigger: model.Trigger{Service: obj.Name(), RPC: lowerFirst(m.Name())}}, lit.Pos(), f.unitRef(u))
		}
	}
}

// returnedType is the type a module method's first return statement
// returns (return &queryResolver{r}).
func (f *epFinder) returnedType(fn *types.Func) types.Type {
	u := f.t.unitOf(fn)
	if u < 0 {
		return nil
	}
	fd, ok := f.t.units[u].decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return nil
	}
	info := f.t.units[u].pkg().TypesInfo
	var t types.Type
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if rs, ok := n.(*ast.ReturnStmt); ok && len(rs.Results) == 1 && t == nil {
			t = info.TypeOf(rs.Results[0])
		}
		return t == nil
	})
	return t
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	// gqlgen names Go methods after fields: ID → id, UserName → userName.
	if strings.ToUpper(s) == s {
		return strings.ToLower(s)
	}
	return string(unicode.ToLower(r)) + s[n:]
}
