package analyzer

import (
	"go/ast"
	"go/constant"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/analyzer/sqlscan"
	"github.com/splitter-go/splitter/model"
)

// Migration code says nothing about who owns a table: it creates and
// alters every table, and moves data between them once. Its table uses
// are op "schema", whatever its statements are. Code is migration code by
// what it does, not by its name:
//   - it runs DDL (CREATE/ALTER/DROP/TRUNCATE TABLE, CREATE INDEX...) or an
//     ORM's schema calls (AutoMigrate, Sync, CreateTable...): all its uses
//     are schema, its INSERTs and UPDATEs being data migrations;
//   - it calls a migration framework (golang-migrate, goose, gormigrate,
//     xorm's migrate, pop's migrator and fizz, ory's popx migrator, bun's migrate,
//     sql-migrate, ent's generated schema migration...);
//   - it is registered with one (goose.AddMigration(up, down),
//     gormigrate.Migration{Migrate: f});
//   - it is one of the functions a registry lists, when most of the listed
//     functions that touch tables are migration code by the rules above
//     (gitea's migration list: newMigration(n, "...", v1_20.AddX), ...).

// migrationPaths are migration frameworks (import path prefixes, major
// version stripped).
var migrationPaths = []string{
	"github.com/golang-migrate/migrate", "github.com/pressly/goose", "github.com/go-gormigrate/gormigrate",
	"xorm.io/xorm/migrate", "src.techknowlogick.com/xormigrate", "github.com/gobuffalo/fizz",
	"github.com/uptrace/bun/migrate", "github.com/rubenv/sql-migrate",
	"github.com/amacneil/dbmate", "github.com/jackc/tern/migrate", "entgo.io/ent/dialect/sql/schema",
	"ariga.io/atlas", "github.com/go-pg/migrations", "github.com/lopezator/migrator", "github.com/GuiaBolso/darwin",
}

// popMigration are gobuffalo/pop's migration types and functions (the rest
// of pop is its ORM).
var popMigration = words("Migrator FileMigrator MigrationBox NewMigrator NewFileMigrator NewMigrationBox MigrationContent")

func isMigrationPath(path string) bool {
	path = stripMajor(path)
	for _, p := range migrationPaths {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// isMigration reports whether fn belongs to a migration framework, or to
// a generated package of the module that drives one (ent's migrate).
func (ts *tableScanner) isMigration(fn *types.Func) bool {
	p := fn.Pkg()
	type migKey struct{ p *types.Package }
	r, ok := ts.fwd.Load(migKey{p})
	if !ok {
		r = isMigrationPath(p.Path())
		ts.fwd.Store(migKey{p}, r)
	}
	if r.(bool) {
		return true
	}
	switch stripMajor(p.Path()) {
	case "github.com/gobuffalo/pop":
		return popMigration[fn.Name()] || popMigration[recvName(fn.Signature())]
	case "github.com/ory/x/popx": // pop extensions: connections, transactions, and a migrator
		return strings.Contains(fn.Name(), "Migrat") || strings.Contains(recvName(fn.Signature()), "Migrat")
	}
	if ts.migratePkgs[p] {
		return true
	}
	return false
}

// isMigrationType reports whether t is a migration framework's type
// (gormigrate.Migration, migrate.Migration): a literal of it registers
// the functions it holds.
func isMigrationType(t types.Type) bool {
	for range 3 {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		}
		break
	}
	n := namedOf(t)
	return n != nil && n.Obj().Pkg() != nil && isMigrationPath(n.Obj().Pkg().Path())
}

// prepass reads, before the units are scanned, what several units share:
// the SQL prepared into statement variables and fields, the ORMs' naming
// settings, and the module's generated packages that drive a migration
// framework.
func (ts *tableScanner) prepass(pkgs []*packages.Package) {
	byPkg := map[*packages.Package][]int{}
	for i, ud := range ts.t.units {
		if ud.stub {
			continue // a partial run's unit of a package it did not load
		}
		byPkg[ud.pkg()] = append(byPkg[ud.pkg()], i)
	}
	type found struct {
		stmts  map[*types.Var][]string
		naming []func(*naming)
	}
	for _, p := range pkgs {
		if p.Types != nil && generatedPkg(p) && importsMigration(p.Types) {
			ts.migratePkgs[p.Types] = true
		}
	}
	res := make([]found, len(pkgs))
	parallel(len(pkgs), func(i int) {
		p := pkgs[i]
		if p.Types == nil || p.TypesInfo == nil || !usesDB(p.Types) {
			return
		}
		f := found{stmts: map[*types.Var][]string{}}
		for _, u := range byPkg[p] {
			ts.prepassUnit(u, f.stmts, &f.naming)
		}
		res[i] = f
	})
	for i, f := range res { // in package order: deterministic
		if len(f.stmts) > 0 || len(f.naming) > 0 {
			ts.contrib[pkgs[i].PkgPath] = true
		}
		for v, sqls := range f.stmts {
			ts.stmts[v] = append(ts.stmts[v], sqls...)
		}
		for _, set := range f.naming {
			set(&ts.naming)
		}
	}
}

// usesDB reports whether p imports a database library (or a package of the
// module that may wrap one: the module's own db packages).
func usesDB(p *types.Package) bool {
	for _, imp := range p.Imports() {
		path := stripMajor(imp.Path())
		switch {
		case path == "database/sql", path == sqlxPath, strings.HasPrefix(path, "gorm.io/"),
			strings.HasPrefix(path, "github.com/jinzhu/gorm"), strings.HasPrefix(path, "xorm.io/"),
			strings.HasPrefix(path, "github.com/uptrace/bun"), strings.HasPrefix(path, "entgo.io/"):
			return true
		}
	}
	return false
}

func generatedPkg(p *packages.Package) bool {
	for _, f := range p.Syntax {
		if !ast.IsGenerated(f) {
			return false
		}
	}
	return len(p.Syntax) > 0
}

func importsMigration(p *types.Package) bool {
	for _, imp := range p.Imports() {
		if isMigrationPath(imp.Path()) {
			return true
		}
	}
	return false
}

// prepassUnit reads one unit's statement preparations and naming settings.
func (ts *tableScanner) prepassUnit(u int, stmts map[*types.Var][]string, set *[]func(*naming)) {
	ud := ts.t.units[u]
	if ud.spec() != nil {
		return
	}
	info := ud.pkg().TypesInfo
	s := &tableScan{ts: ts, t: ts.t, ud: ud, seen: map[model.TableUse]bool{}, locals: map[*types.Var][]string{}}
	res := s.resolver(ud)
	ast.Inspect(ud.decl(), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			// s.insertStmt, err = db.Prepare(insertSQL)
			if len(n.Rhs) != 1 {
				return true
			}
			call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
			if !ok {
				return true
			}
			v := assignedVar(info, n.Lhs[0])
			if v == nil || isLocal(v) || !isStmtType(v.Type()) {
				return true
			}
			if sqls := s.preparedSQL(call, 0); len(sqls) > 0 {
				stmts[v.Origin()] = append(stmts[v.Origin()], sqls...)
			}
		case *ast.CompositeLit:
			ts.prepassLiteral(info, res, n, stmts, set)
		case *ast.CallExpr:
			ts.prepassNamingCall(info, res, n, set)
		}
		return true
	})
}

// prepassLiteral reads a statement list entry ({&s.insertStmt, insertSQL})
// and gorm's schema.NamingStrategy{TablePrefix: "x_", SingularTable: true}.
func (ts *tableScanner) prepassLiteral(info *types.Info, res resolver, cl *ast.CompositeLit, stmts map[*types.Var][]string, set *[]func(*naming)) {
	if n := namedOf(info.TypeOf(cl)); n != nil && n.Obj().Name() == "NamingStrategy" && n.Obj().Pkg() != nil &&
		n.Obj().Pkg().Path() == "gorm.io/gorm/schema" {
		for _, el := range cl.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			key, _ := kv.Key.(*ast.Ident)
			tv := info.Types[kv.Value]
			switch {
			case key == nil || tv.Value == nil:
			case key.Name == "TablePrefix" && tv.Value.Kind() == constant.String:
				p := constant.StringVal(tv.Value)
				*set = append(*set, func(n *naming) { n.gormPrefix = p })
			case key.Name == "SingularTable" && tv.Value.Kind() == constant.Bool:
				b := constant.BoolVal(tv.Value)
				*set = append(*set, func(n *naming) { n.gormSingular = b })
			}
		}
		return
	}
	var field *types.Var
	var sqls []string
	for _, el := range cl.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			el = kv.Value
		}
		if u, ok := ast.Unparen(el).(*ast.UnaryExpr); ok {
			if v := assignedVar(info, u.X); v != nil && !isLocal(v) && isStmtType(v.Type()) {
				if field != nil {
					return // two statements: which SQL is whose?
				}
				field = v
			}
			continue
		}
		if b, ok := info.TypeOf(el).Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
			for _, q := range res.strs(el, 0) {
				if a, _ := ts.scanSQL(q); len(a) > 0 {
					sqls = append(sqls, q)
				}
			}
		}
	}
	if field != nil && len(sqls) > 0 {
		stmts[field.Origin()] = append(stmts[field.Origin()], sqls...)
	}
}

// prepassNamingCall reads db.SingularTable(true) (jinzhu/gorm) and
// engine.SetMapper / SetTableMapper(...) (xorm).
func (ts *tableScanner) prepassNamingCall(info *types.Info, res resolver, call *ast.CallExpr, set *[]func(*naming)) {
	fn, recv := callee(info, call)
	if fn == nil || fn.Pkg() == nil || len(call.Args) == 0 {
		return
	}
	o := ts.ormOf(fn, recv, info)
	switch {
	case o == jinzhuSpec && fn.Name() == "SingularTable":
		if tv := info.Types[call.Args[0]]; tv.Value != nil && tv.Value.Kind() == constant.Bool {
			b := constant.BoolVal(tv.Value)
			*set = append(*set, func(n *naming) { n.jinzhuSingle = b })
		}
	case o == xormSpec && (fn.Name() == "SetMapper" || fn.Name() == "SetTableMapper"):
		mapper, prefix, suffix := xormMapper(info, res, call.Args[0], 0)
		if mapper != "" {
			*set = append(*set, func(n *naming) { n.xormMapper, n.xormPrefix, n.xormSuffix = mapper, prefix, suffix })
		}
	}
}

// xormMapper reads a names.Mapper expression: names.GonicMapper{},
// names.SnakeMapper{}, names.SameMapper{}, names.LintGonicMapper,
// names.NewPrefixMapper(m, "p_"), names.NewSuffixMapper(m, "_s").
func xormMapper(info *types.Info, res resolver, e ast.Expr, depth int) (mapper, prefix, suffix string) {
	if depth > 3 {
		return "", "", ""
	}
	kind := func(name string) string {
		switch name {
		case "GonicMapper", "LintGonicMapper":
			return "gonic"
		case "SnakeMapper":
			return "snake"
		case "SameMapper":
			return "same"
		}
		return ""
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		if n := namedOf(info.TypeOf(x)); n != nil {
			return kind(n.Obj().Name()), "", ""
		}
	case *ast.SelectorExpr, *ast.Ident:
		if v, ok := info.Uses[funIdent(x)].(*types.Var); ok {
			return kind(v.Name()), "", ""
		}
	case *ast.UnaryExpr:
		return xormMapper(info, res, x.X, depth+1)
	case *ast.CallExpr:
		fn, _ := callee(info, x)
		if fn == nil || len(x.Args) != 2 {
			return "", "", ""
		}
		m, p, s := xormMapper(info, res, x.Args[0], depth+1)
		vs := res.strs(x.Args[1], 0)
		if m == "" || len(vs) != 1 {
			return "", "", ""
		}
		switch fn.Name() {
		case "NewPrefixMapper":
			return m, vs[0] + p, s
		case "NewSuffixMapper":
			return m, p, s + vs[0]
		}
	}
	return "", "", ""
}

// finish applies the migration rules to every unit's tables (see the top
// of this file): migration code's uses become schema.
func (ts *tableScanner) finish(tables [][]model.TableUse) {
	n := len(ts.scans)
	mig := make([]bool, n)    // migration code
	spread := make([]bool, n) // migration code whose callees may be too
	for u, sc := range ts.scans {
		if sc.ddl {
			mig[u], spread[u] = true, true
		}
		if sc.migrator {
			mig[u] = true
		}
		for _, r := range sc.migRefs {
			mig[r], spread[r] = true, true
		}
	}
	listed := make([][]int, n)  // what each unit calls or refers to
	listers := make([][]int, n) // who calls or refers to each unit
	refs := make([][]int, n)
	for u, sc := range ts.scans {
		refs[u] = uniqueInts(sc.refs)
		listed[u] = uniqueInts(append(append([]int(nil), sc.refs...), sc.calls...))
		for _, f := range listed[u] {
			if f != u {
				listers[f] = append(listers[f], u)
			}
		}
	}
	// By the units' model alone (a var decl is a KindVar unit, one
	// package per path), which a partial run's stubs have too.
	isVar := func(u int) bool { return ts.t.units[u].unit.Kind == model.KindVar }
	samePkg := func(a, b int) bool { return ts.t.units[a].unit.Package == ts.t.units[b].unit.Package }
	for changed := true; changed; {
		changed = false
		mark := func(u int) {
			if !mig[u] {
				mig[u], spread[u], changed = true, true, true
			}
		}
		for r := range ts.scans {
			// A registry: it lists several migrations.
			migs, touching := 0, 0
			for _, f := range refs[r] {
				if ts.scans[f].touches || mig[f] {
					touching++
					if mig[f] {
						migs++
					}
				}
			}
			if migs >= 2 && 2*migs >= touching {
				for _, f := range refs[r] {
					mark(f)
				}
				if isVar(r) {
					mark(r)
				}
			}
			all := 0
			for _, f := range listed[r] {
				if mig[f] && f != r {
					all++
				}
			}
			if all >= 2 && !isVar(r) {
				mark(r) // a setup sequence: it runs several migrations
			}
		}
		for f := range ts.scans {
			// Code only migration code of its package uses is migration code.
			if mig[f] || len(listers[f]) == 0 {
				continue
			}
			only := true
			for _, l := range listers[f] {
				if !spread[l] || !samePkg(l, f) {
					only = false
					break
				}
			}
			if only {
				mark(f)
			}
		}
		for u, sc := range ts.scans {
			// A runner: it reads a registry of migrations.
			for _, v := range sc.vars {
				if mig[v] && isVar(v) && !mig[u] {
					mark(u)
				}
			}
		}
	}
	for u := range tables {
		if !mig[u] || len(tables[u]) == 0 {
			continue
		}
		seen := map[model.TableUse]bool{}
		out := tables[u][:0]
		for _, tu := range tables[u] {
			tu.Op = sqlscan.Schema
			if !seen[tu] {
				seen[tu] = true
				out = append(out, tu)
			}
		}
		tables[u] = out
	}
}

func uniqueInts(xs []int) []int {
	if len(xs) < 2 {
		return xs
	}
	out := append([]int(nil), xs...)
	sort.Ints(out)
	k := 0
	for i, x := range out {
		if i == 0 || x != out[k-1] {
			out[k] = x
			k++
		}
	}
	return out[:k]
}
