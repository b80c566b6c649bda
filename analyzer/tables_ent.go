package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/analyzer/sqlscan"
	"github.com/splitter-go/splitter/model"
)

// ent generates, per entity, a client and builders in the module's ent
// package (UserClient, UserCreate, UserQuery, UserUpdateOne, UserDelete...)
// and an entity package (ent/user) whose const Table names the entity's
// table. A call on one of those types (or returning one: client.User.
// Create(), u.QueryCars()) touches the entity's table; the builder's kind
// gives the op. The generated code itself runs the SQL through sqlgraph,
// which is not followed: the application's call is the use.

// entBuilders are the generated builder kinds, longest first, and the op
// each stands for ("" for the client and the entity: the op comes from
// what their methods return).
var entBuilders = []struct{ suffix, op string }{
	{"CreateBulk", sqlscan.Write}, {"UpdateOne", sqlscan.Write}, {"DeleteOne", sqlscan.Write},
	{"UpsertOne", sqlscan.Write}, {"UpsertBulk", sqlscan.Write}, {"GroupBy", sqlscan.Read},
	{"Create", sqlscan.Write}, {"Update", sqlscan.Write}, {"Delete", sqlscan.Write}, {"Upsert", sqlscan.Write},
	{"Query", sqlscan.Read}, {"Select", sqlscan.Read}, {"Client", ""},
}

// entPkg reports whether p is a package of the module that ent generated:
// it imports entgo.io/ent and is made of generated files.
func (ts *tableScanner) entPkg(p *types.Package) bool {
	if p == nil {
		return false
	}
	if r, ok := ts.fwd.Load(p); ok {
		return r.(bool)
	}
	ok := false
	for _, imp := range p.Imports() {
		if imp.Path() == "entgo.io/ent" {
			ok = true
			break
		}
	}
	ts.fwd.Store(p, ok)
	return ok
}

// isEnt reports whether fn is a method of an ent-generated type.
func (ts *tableScanner) isEnt(fn *types.Func) bool {
	n := namedOf(recvType(fn))
	return n != nil && ts.t.unitOf(n.Obj()) >= 0 && ts.entPkg(n.Obj().Pkg())
}

func recvType(fn *types.Func) types.Type {
	if r := fn.Signature().Recv(); r != nil {
		return r.Type()
	}
	return nil
}

// entTable returns the table and op of an ent-generated named type: a
// builder (UserQuery → users, read), a client (UserClient → users, ""), an
// entity (User → users, "").
func (ts *tableScanner) entTable(t types.Type) (table, op string, ok bool) {
	n := namedOf(t)
	if n == nil || !ts.entPkg(n.Obj().Pkg()) {
		return "", "", false
	}
	name := n.Obj().Name()
	for _, b := range entBuilders {
		if ent, cut := strings.CutSuffix(name, b.suffix); cut && ent != "" {
			if tbl, ok := ts.entEntityTable(n.Obj().Pkg(), ent); ok {
				return tbl, b.op, true
			}
		}
	}
	if tbl, ok := ts.entEntityTable(n.Obj().Pkg(), name); ok {
		return tbl, "", true
	}
	return "", "", false
}

// entEntityTable reads the Table const of the entity package ent/<entity>.
func (ts *tableScanner) entEntityTable(p *types.Package, entity string) (string, bool) {
	want := p.Path() + "/" + strings.ToLower(entity)
	for _, imp := range p.Imports() {
		if imp.Path() != want {
			continue
		}
		if c, ok := imp.Scope().Lookup("Table").(*types.Const); ok && c.Val().Kind() == constant.String {
			return sqlscan.Name(constant.StringVal(c.Val()))
		}
	}
	return "", false
}

// ent handles a call of a method of an ent-generated type: the receiver's
// and the result's entities are touched, with the op of the builder kind.
func (s *tableScan) ent(call *ast.CallExpr, fn *types.Func, recv ast.Expr) {
	var results []types.Type
	res := fn.Signature().Results()
	for i := 0; i < res.Len(); i++ {
		results = append(results, res.At(i).Type())
	}
	resOp := ""
	for _, r := range results {
		if tbl, op, ok := s.ts.entTable(r); ok && op != "" {
			s.add(model.TableUse{Table: tbl, Op: op, Via: viaEnt})
			resOp = op
		}
	}
	tbl, op, ok := s.ts.entTable(recvType(fn))
	if !ok || resOp != "" {
		return // a builder it returns was counted
	}
	if op == "" {
		// A client or an entity: only what loads entities reads
		// (client.User.Get(ctx, id) → *User), not Use(hooks) or String().
		op = ""
		for _, r := range results {
			if _, k, isEnt := s.ts.entTable(r); isEnt && k == "" && namedOf(r) != nil && !strings.HasSuffix(namedOf(r).Obj().Name(), "Client") {
				op = sqlscan.Read
			}
		}
		if op == "" {
			return
		}
	}
	s.add(model.TableUse{Table: tbl, Op: op, Via: viaEnt})
}
