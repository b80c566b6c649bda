package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/analyzer/sqlscan"
	"github.com/splitter-go/splitter/model"
)

// The data signal: which database tables each unit reads, writes, or
// defines (schema).
//
// Calls are recognised by go/types (the callee's package path and receiver
// type), never by names alone. The query of a call is resolved to constant
// strings when it can be: a constant expression, a package-level var of the
// module with a constant initialiser, a local variable assigned constants
// (and extended with +=), fmt.Sprintf with a constant format (its %s
// arguments resolved the same way), a module function that returns
// constants (a model's TableName()), or a parameter of a module function
// that forwards it to the database (resolved at its callers). ORM calls
// (tables_orm.go, tables_ent.go) give tables through their models. Schema
// work (DDL, migration code: tables_migrate.go) is op "schema", never a
// write.

// Via values.
const (
	viaSQL   = "database/sql"
	viaSqlx  = "sqlx"
	viaPgx   = "pgx"
	viaGorm  = "gorm"
	viaSqlc  = "sqlc"
	viaConst = "const"
	viaXorm  = "xorm"
	viaPop   = "pop"
	viaBun   = "bun"
	viaEnt   = "ent"
)

const sqlxPath = "github.com/jmoiron/sqlx"

// Methods whose query argument is run, per library.
var (
	sqlMethods = words("Query QueryContext QueryRow QueryRowContext Exec ExecContext Prepare PrepareContext")
	// stmtMethods run a prepared statement (*sql.Stmt, *sqlx.Stmt).
	stmtMethods = words(`Query QueryContext QueryRow QueryRowContext Exec ExecContext
		Queryx QueryRowx QueryxContext QueryRowxContext Get GetContext Select SelectContext MustExec MustExecContext`)
	// sqlx's own methods and package funcs (its DB, Tx, Conn also promote
	// the database/sql ones, and its Queryer/Execer interfaces declare them).
	sqlxMethods = words(`Get GetContext Select SelectContext NamedExec NamedExecContext NamedQuery
		NamedQueryContext Queryx QueryxContext QueryRowx QueryRowxContext MustExec MustExecContext
		Preparex PreparexContext PrepareNamed PrepareNamedContext NamedQueryRow` +
		" Query QueryContext QueryRow QueryRowContext Exec ExecContext Prepare PrepareContext")
	pgxMethods = words("Query QueryRow Exec QueryFunc Prepare Queue ExecParams CopyFrom")
	// pgxPackages are pgx's packages with the major version stripped.
	pgxPackages = words("github.com/jackc/pgx github.com/jackc/pgx/pgxpool github.com/jackc/pgx/pgconn github.com/jackc/pgconn")
	// dbtxMethods are the methods of a DBTX-like interface that run a query.
	dbtxMethods = words("Query QueryContext QueryRow QueryRowContext Exec ExecContext Prepare PrepareContext")
)

// words is set over a space-separated list.
func words(list string) map[string]bool { return set(strings.Fields(list)...) }

// maxAlternatives bounds the strings one expression resolves to.
const maxAlternatives = 16

// tableScanner is one analysis' table pass: the module-wide facts that the
// units' scans share (prepared statements, ORM naming settings) and what
// each unit's scan found, for the migration pass at the end.
type tableScanner struct {
	t      *unitTable
	naming naming
	// stmts maps a variable or field holding a prepared statement to the
	// SQL prepared into it anywhere in the module.
	stmts map[*types.Var][]string
	// scans[u] is what unit u's scan found besides its tables.
	scans []unitScan
	// forwarding caches (the units are scanned in parallel).
	fwd  sync.Map // fwdKey → fwdResult, and the other per-object caches
	sqls sync.Map // SQL string → scanned
	// generated packages of the module that import a migration framework
	// (ent's migrate package).
	migratePkgs map[*types.Package]bool
	// modPkgs are the module's packages: models are their types (also
	// types local to a function, as migrations declare them).
	modPkgs map[*types.Package]bool
	// partial: a partial run (partial.go), which has no prepass over the
	// packages it did not load, so what the prepass found is unknown.
	partial bool
	// contrib: the packages whose units the prepass found something in.
	contrib map[string]bool
	// stmtsElsewhere: in a partial run, the module prepares statements
	// into variables (the last full run's prepass found some).
	stmtsElsewhere bool
	// yesql: the named queries of the module's .sql files (tables_yesql.go).
	yesql *yesql
	// answers: in a partial run, what the last run found of the functions
	// of the packages this one did not load, by answerKey.
	answers map[string]answerRec
	// asked records every answer at every depth (askKey → fwdResult),
	// for the aux entry: an answer depends only on the function's package
	// and what it imports.
	asked sync.Map
}

type askKey struct {
	fwdKey
	depth int
}

// answered is, in a partial run, the last run's answer to the question
// key about a function of a package this run did not load, whose source
// it cannot read: no answer then is needSource.
func (ts *tableScanner) answered(key fwdKey, depth int) (fwdResult, bool) {
	if !ts.partial {
		return fwdResult{}, false
	}
	u := ts.t.unitOf(key.fn)
	if u < 0 || !ts.t.units[u].stub {
		return fwdResult{}, false
	}
	rec, ok := ts.answers[answerKey(ts.t.units[u].unit.ID, key, depth)]
	if !ok {
		panic(needSource{ts.t.units[u].unit.ID})
	}
	return rec.result(), true
}

// stmtsOf is the SQL the module prepares into v.
func (ts *tableScanner) stmtsOf(v *types.Var) []string {
	if ts.partial && ts.stmtsElsewhere {
		panic(needSource{v.Name()}) // prepared in a package this run did not load, perhaps
	}
	return ts.stmts[v]
}

// unitScan is what a unit's scan found that the migration pass needs.
type unitScan struct {
	ddl      bool  // it runs DDL or an ORM's schema calls
	migrator bool  // it calls a migration framework
	touches  bool  // it touches a table
	refs     []int // module functions and methods it uses as values
	calls    []int // module functions and methods it calls
	vars     []int // package-level vars of the module it uses
	migRefs  []int // functions it registers with a migration framework
}

// newTableScanner reads the module-wide facts: prepared statements stored
// in variables and fields, and the ORMs' naming settings.
func newTableScanner(t *unitTable, pkgs []*packages.Package, sqlDirs []string) *tableScanner {
	ts := &tableScanner{t: t, stmts: map[*types.Var][]string{}, scans: make([]unitScan, len(t.units)),
		migratePkgs: map[*types.Package]bool{}, modPkgs: map[*types.Package]bool{}, contrib: map[string]bool{},
		yesql: &yesql{dirs: sqlDirs}}
	for _, p := range pkgs {
		ts.modPkgs[p.Types] = true
	}
	ts.naming = defaultNaming()
	ts.prepass(pkgs)
	return ts
}

// unit returns the tables unit u touches: through the database calls in
// its syntax, or, for a const unit, through its SQL values.
func (ts *tableScanner) unit(u int) []model.TableUse {
	ud := ts.t.units[u]
	if ud.spec() != nil || ud.pkg().TypesInfo == nil {
		return nil // a type
	}
	s := &tableScan{ts: ts, t: ts.t, ud: ud, seen: map[model.TableUse]bool{}, locals: map[*types.Var][]string{}}
	if gd, ok := ud.decl().(*ast.GenDecl); ok && gd.Tok == token.CONST {
		info := ud.pkg().TypesInfo
		for _, spec := range gd.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			for _, name := range vs.Names {
				if c, ok := info.Defs[name].(*types.Const); ok && c.Val().Kind() == constant.String {
					s.addSQL(constant.StringVal(c.Val()), viaConst)
				}
			}
		}
	} else {
		s.calls()
	}
	s.scan.touches = len(s.out) > 0
	ts.scans[u] = s.scan
	return s.out
}

// tableScan collects one unit's tables.
type tableScan struct {
	ts     *tableScanner
	t      *unitTable
	ud     *unitDecl
	out    []model.TableUse
	seen   map[model.TableUse]bool
	locals map[*types.Var][]string // resolved local variables of the unit
	scan   unitScan
}

func (s *tableScan) add(tu model.TableUse) {
	// A name with a placeholder is built at run time: `%s`, `?`.
	if tu.Table != "" && !strings.ContainsAny(tu.Table, "?%") && !s.seen[tu] {
		s.seen[tu] = true
		s.out = append(s.out, tu)
	}
}

func (s *tableScan) addSQL(sql, via string) {
	accesses, ddl := s.ts.scanSQL(sql)
	for _, a := range accesses {
		s.add(model.TableUse{Table: a.Table, Op: a.Op, Via: via})
	}
	if via != viaConst && ddl {
		s.scan.ddl = true
	}
}

type scanned struct {
	accesses []sqlscan.Access
	ddl      bool
}

// scanSQL is sqlscan.Scan, once per distinct string of the module (a
// query is met at its const, its callers, its forwarding helpers).
func (ts *tableScanner) scanSQL(sql string) ([]sqlscan.Access, bool) {
	if ts == nil {
		return sqlscan.Scan(sql)
	}
	if r, ok := ts.sqls.Load(sql); ok {
		return r.(scanned).accesses, r.(scanned).ddl
	}
	a, ddl := sqlscan.Scan(sql)
	ts.sqls.Store(sql, scanned{a, ddl})
	return a, ddl
}

// dbCall is a call that runs SQL or names tables.
type dbCall struct {
	via   string
	query int // index of the query argument, -1 if none
	kind  callKind
	orm   *ormSpec // for callORM
}

type callKind uint8

const (
	callQuery    callKind = iota + 1 // runs the SQL of args[query]
	callCopyFrom                     // pgx CopyFrom(ctx, pgx.Identifier{...}, ...)
	callORM                          // a method of an ORM's query type (tables_orm.go)
	callStmt                         // runs a prepared statement
	callEnt                          // a method of an ent-generated builder (tables_ent.go)
	callMigrate                      // a migration framework's function or method
)

// calls walks the unit's syntax for database calls.
func (s *tableScan) calls() {
	info := s.ud.pkg().TypesInfo
	var stack []ast.Node
	ast.Inspect(s.ud.decl(), func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.Ident:
			s.funcRef(n, stack)
			return true
		case *ast.CompositeLit:
			if isMigrationType(info.TypeOf(n)) {
				s.scan.migRefs = append(s.scan.migRefs, s.funcValues(n)...)
			}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, recv := callee(info, call)
		if fn == nil || fn.Pkg() == nil {
			return true
		}
		dc, ok := s.ts.classify(s.ud, fn, recv)
		if !ok {
			s.forwarded(call, fn)
			s.forwardedModels(call, fn)
			return true
		}
		switch dc.kind {
		case callQuery:
			if s.preparedInto(call, stack) {
				break // the statement's users run it (callStmt)
			}
			if dc.query < len(call.Args) && !(call.Ellipsis.IsValid() && dc.query == len(call.Args)-1) {
				for _, q := range s.resolver(s.ud).strs(call.Args[dc.query], 0) {
					s.addSQL(q, dc.via)
				}
			}
		case callStmt:
			for _, q := range s.stmtSQL(recv, 0) {
				s.addSQL(q, dc.via)
			}
		case callCopyFrom:
			if len(call.Args) > 1 {
				if name := identifierLit(info, call.Args[1]); name != "" {
					s.add(model.TableUse{Table: name, Op: sqlscan.Write, Via: dc.via})
				}
			}
		case callORM:
			s.orm(dc.orm, call, fn, stack)
		case callEnt:
			s.ent(call, fn, recv)
		case callMigrate:
			s.scan.migrator = true
			s.scan.migRefs = append(s.scan.migRefs, s.funcValues(call)...)
		}
		return true
	})
}

// funcRef records a module function or method used as a value or called,
// and a package-level var used: the migration pass follows them.
func (s *tableScan) funcRef(id *ast.Ident, stack []ast.Node) {
	obj := s.ud.pkg().TypesInfo.Uses[id]
	switch o := obj.(type) {
	case *types.Var:
		if !o.IsField() && o.Pkg() != nil && o.Parent() == o.Pkg().Scope() {
			if u := s.t.unitOf(o); u >= 0 {
				s.scan.vars = append(s.scan.vars, u)
			}
		}
		return
	case *types.Func:
		u := s.t.unitOf(o)
		if u < 0 {
			return
		}
		// id is called when it (or x.id, or id[T]) is the Fun of its parent call.
		var node ast.Node = id
		i := len(stack) - 2
		if i >= 0 {
			if sel, ok := stack[i].(*ast.SelectorExpr); ok && sel.Sel == id {
				node = sel
				i--
			}
		}
		for i >= 0 {
			if _, ok := stack[i].(*ast.IndexExpr); !ok {
				if _, ok := stack[i].(*ast.IndexListExpr); !ok {
					break
				}
			}
			node = stack[i]
			i--
		}
		if i >= 0 {
			if call, ok := stack[i].(*ast.CallExpr); ok && call.Fun == node {
				s.scan.calls = append(s.scan.calls, u)
				return
			}
		}
		s.scan.refs = append(s.scan.refs, u)
	}
}

// funcValues returns the module functions used as values inside n.
func (s *tableScan) funcValues(n ast.Node) []int {
	info := s.ud.pkg().TypesInfo
	var out []int
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if fn, ok := info.Uses[id].(*types.Func); ok {
				if u := s.t.unitOf(fn); u >= 0 {
					out = append(out, u)
				}
			}
		}
		return true
	})
	return out
}

// callee returns the function or method a call statically calls and, for a
// method, the receiver expression.
func callee(info *types.Info, call *ast.CallExpr) (*types.Func, ast.Expr) {
	fun := ast.Unparen(call.Fun)
	switch f := fun.(type) {
	case *ast.IndexExpr: // f[T](...)
		fun = f.X
	case *ast.IndexListExpr:
		fun = f.X
	}
	switch f := fun.(type) {
	case *ast.SelectorExpr:
		if sel := info.Selections[f]; sel != nil {
			if sel.Kind() != types.MethodVal {
				return nil, nil
			}
			fn, _ := sel.Obj().(*types.Func)
			return fn, f.X
		}
		fn, _ := info.Uses[f.Sel].(*types.Func) // pkg.Func
		return fn, nil
	case *ast.Ident:
		fn, _ := info.Uses[f].(*types.Func)
		return fn, nil
	}
	return nil, nil
}

// classify says whether fn, called on recv (nil for a function) from the
// unit ud, is a database call, and of which kind.
func (ts *tableScanner) classify(ud *unitDecl, fn *types.Func, recv ast.Expr) (dbCall, bool) {
	t := ts.t
	path := stripMajor(fn.Pkg().Path())
	name := fn.Name()
	sig := fn.Signature()
	info := ud.pkg().TypesInfo
	switch {
	case path == "database/sql" && sig.Recv() != nil && sqlMethods[name]:
		switch recvName(sig) {
		case "DB", "Tx", "Conn":
		case "Stmt":
			return dbCall{via: viaSQL, query: -1, kind: callStmt}, true
		default:
			return dbCall{}, false
		}
		via := viaSQL
		if recv != nil && pkgOfType(info.TypeOf(recv)) == sqlxPath {
			via = viaSqlx // a method sqlx.DB promotes from *sql.DB
		} else if isSqlcFile(ud.file()) {
			via = viaSqlc
		}
		return dbCall{via: via, query: stringParam(sig, 0), kind: callQuery}, true
	case path == sqlxPath && recvName(sig) == "Stmt" && stmtMethods[name]:
		return dbCall{via: viaSqlx, query: -1, kind: callStmt}, true
	case path == sqlxPath && sqlxMethods[name]:
		return dbCall{via: viaSqlx, query: stringParam(sig, 0), kind: callQuery}, true
	case pgxPackages[path] && pgxMethods[name]:
		switch name {
		case "CopyFrom":
			return dbCall{via: viaPgx, query: -1, kind: callCopyFrom}, true
		case "Prepare": // Prepare(ctx, name, sql string)
			return dbCall{via: viaPgx, query: stringParam(sig, 1), kind: callQuery}, true
		}
		return dbCall{via: viaPgx, query: stringParam(sig, 0), kind: callQuery}, true
	case recv != nil && dbtxMethods[name] && isDBTX(t, info.TypeOf(recv)):
		via := viaSQL
		if ast.IsGenerated(ud.file()) {
			via = viaSqlc
		}
		return dbCall{via: via, query: stringParam(sig, 0), kind: callQuery}, true
	}
	if spec := ts.ormOf(fn, recv, info); spec != nil {
		return dbCall{via: spec.via, query: -1, kind: callORM, orm: spec}, true
	}
	if ts.isEnt(fn) && !ast.IsGenerated(ud.file()) { // ent's own code is not the use
		return dbCall{via: viaEnt, query: -1, kind: callEnt}, true
	}
	if ts.isMigration(fn) {
		return dbCall{query: -1, kind: callMigrate}, true
	}
	return dbCall{}, false
}

// stripMajor drops the major version element of an import path:
// github.com/jackc/pgx/v5/pgxpool → github.com/jackc/pgx/pgxpool.
func stripMajor(path string) string {
	if !strings.Contains(path, "/v") {
		return path // the common case, without allocating
	}
	parts := strings.Split(path, "/")
	out := parts[:0:0]
	for i, p := range parts {
		if i > 0 && len(p) > 1 && p[0] == 'v' && strings.Trim(p[1:], "0123456789") == "" {
			continue
		}
		out = append(out, p)
	}
	return strings.Join(out, "/")
}

// recvName is the name of the named type a method is declared on.
func recvName(sig *types.Signature) string {
	if sig.Recv() == nil {
		return ""
	}
	if n := namedOf(sig.Recv().Type()); n != nil {
		return n.Obj().Name()
	}
	return ""
}

func pkgOfType(t types.Type) string {
	if n := namedOf(t); n != nil && n.Obj().Pkg() != nil {
		return stripMajor(n.Obj().Pkg().Path())
	}
	return ""
}

// stringParam returns the index of the (skip+1)th string parameter of sig,
// or a large index when there is none.
func stringParam(sig *types.Signature, skip int) int {
	params := sig.Params()
	for i := 0; i < params.Len(); i++ {
		if b, ok := params.At(i).Type().(*types.Basic); ok && b.Kind() == types.String {
			if skip == 0 {
				return i
			}
			skip--
		}
	}
	return 1 << 20
}

// isDBTX reports whether typ is an interface declared in the module that
// has the query methods of *sql.DB (ExecContext and QueryContext, as sqlc's
// DBTX) or of pgx (Exec, Query and QueryRow).
func isDBTX(t *unitTable, typ types.Type) bool {
	n := namedOf(typ)
	if n == nil || t.unitOf(n.Obj()) < 0 {
		return false
	}
	iface, ok := n.Underlying().(*types.Interface)
	if !ok {
		return false
	}
	has := map[string]bool{}
	for i := 0; i < iface.NumMethods(); i++ {
		has[iface.Method(i).Name()] = true
	}
	return has["ExecContext"] && has["QueryContext"] || has["Exec"] && has["Query"] && has["QueryRow"]
}

// isSqlcFile reports whether f was generated by sqlc.
func isSqlcFile(f *ast.File) bool {
	if f == nil || !ast.IsGenerated(f) {
		return false
	}
	for _, cg := range f.Comments {
		if cg.Pos() > f.Package {
			break
		}
		if strings.Contains(cg.Text(), "sqlc") {
			return true
		}
	}
	return false
}

// identifierLit reads pgx.Identifier{"schema", "table"}.
func identifierLit(info *types.Info, e ast.Expr) string {
	cl, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok || len(cl.Elts) == 0 {
		return ""
	}
	var parts []string
	for _, el := range cl.Elts {
		tv, ok := info.Types[el]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
			return ""
		}
		parts = append(parts, constant.StringVal(tv.Value))
	}
	return strings.Join(parts, ".")
}

// forwarded handles a call to a module function that passes a SQL string
// to one of its string parameters, which it forwards to the database:
// s.queryReviews(ctx, selectReviewsSQL, id).
func (s *tableScan) forwarded(call *ast.CallExpr, fn *types.Func) {
	fn = fn.Origin()
	if s.t.unitOf(fn) < 0 {
		return
	}
	sig := fn.Signature()
	for k, arg := range call.Args {
		if k >= sig.Params().Len() || sig.Variadic() && k >= sig.Params().Len()-1 {
			break
		}
		if b, ok := sig.Params().At(k).Type().(*types.Basic); !ok || b.Kind() != types.String {
			continue
		}
		var sqls []string
		for _, q := range s.resolver(s.ud).strs(arg, 0) {
			if a, _ := s.ts.scanSQL(q); len(a) > 0 {
				sqls = append(sqls, q)
			}
		}
		if len(sqls) == 0 {
			continue
		}
		if via, ok := s.ts.forwards(fn, k, 0); ok {
			for _, q := range sqls {
				s.addSQL(q, via)
			}
		}
	}
}

// maxForward bounds the chain of helpers a query or a model may go through.
const maxForward = 3

type fwdKey struct {
	fn   *types.Func
	k    int
	kind uint8 // 0: SQL string, 1: model, 2: type parameters
}

type fwdResult struct {
	via string
	ok  bool
	// for models: how the parameter reaches the ORM
	model modelFwd
	// for type parameters: per type parameter index
	tparams map[int]modelFwd
}

// forwards reports whether the module function fn passes its k-th
// parameter, unchanged, as the query of a database call (possibly through
// other module functions), and with which via.
func (ts *tableScanner) forwards(fn *types.Func, k, depth int) (string, bool) {
	key := fwdKey{fn, k, 0}
	if depth == 0 {
		if r, ok := ts.fwd.Load(key); ok {
			return r.(fwdResult).via, r.(fwdResult).ok
		}
	}
	if r, ok := ts.answered(key, depth); ok {
		return r.via, r.ok
	}
	via, found := ts.forwardsUncached(fn, k, depth)
	if depth == 0 {
		ts.fwd.Store(key, fwdResult{via: via, ok: found})
	}
	ts.asked.Store(askKey{key, depth}, fwdResult{via: via, ok: found})
	return via, found
}

func (ts *tableScanner) forwardsUncached(fn *types.Func, k, depth int) (string, bool) {
	t := ts.t
	i := t.unitOf(fn)
	if i < 0 || depth > maxForward {
		return "", false
	}
	ud := t.units[i]
	fd, ok := ud.decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil || ud.pkg().TypesInfo == nil {
		return "", false
	}
	info := ud.pkg().TypesInfo
	param := fn.Signature().Params().At(k)
	isParam := func(e ast.Expr) bool {
		id, ok := ast.Unparen(e).(*ast.Ident)
		return ok && info.Uses[id] == param
	}
	via, found := "", false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if found || !ok {
			return !found
		}
		g, recv := callee(info, call)
		if g == nil || g.Pkg() == nil {
			return true
		}
		if dc, ok := ts.classify(ud, g, recv); ok {
			switch {
			case dc.kind == callQuery && dc.query < len(call.Args) && isParam(call.Args[dc.query]):
				via, found = dc.via, true
			case dc.kind == callORM:
				if q := dc.orm.rawArg(g); q >= 0 && q < len(call.Args) && isParam(call.Args[q]) {
					via, found = dc.via, true
				}
			}
			return !found
		}
		g = g.Origin()
		if g == fn || t.unitOf(g) < 0 {
			return true
		}
		for j, arg := range call.Args {
			if j < g.Signature().Params().Len() && isParam(arg) {
				if v, ok := ts.forwardsUncached(g, j, depth+1); ok {
					via, found = v, true
					break
				}
			}
		}
		return !found
	})
	return via, found
}

// preparedInto reports whether the Prepare call is assigned to a variable
// or field whose statement the module tracks: the units that run the
// statement then get its tables, not the one that prepares it.
func (s *tableScan) preparedInto(call *ast.CallExpr, stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	as, ok := stack[len(stack)-2].(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != call || len(as.Lhs) == 0 {
		return false
	}
	v := assignedVar(s.ud.pkg().TypesInfo, as.Lhs[0])
	return v != nil && len(s.ts.stmtsOf(v)) > 0 && !isLocal(v)
}

// assignedVar is the variable or field an assignment's left side names.
func assignedVar(info *types.Info, lhs ast.Expr) *types.Var {
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if v, ok := info.Defs[l].(*types.Var); ok {
			return v
		}
		v, _ := info.Uses[l].(*types.Var)
		return v
	case *ast.SelectorExpr:
		v, _ := info.Uses[l.Sel].(*types.Var)
		return v
	}
	return nil
}

func isLocal(v *types.Var) bool {
	return !v.IsField() && v.Pkg() != nil && v.Parent() != v.Pkg().Scope()
}

// stmtSQL returns the SQL the prepared statement e holds: a field or
// package var the module prepares into, a local assigned one, tx.Stmt(e),
// or a module helper passing a statement through (sqlutil.TxStmt(tx, s)).
func (s *tableScan) stmtSQL(e ast.Expr, depth int) []string {
	info := s.ud.pkg().TypesInfo
	if e == nil || depth > maxResolveDepth {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if sqls := s.namedSQL(x); sqls != nil {
			return sqls
		}
		if v, ok := info.Uses[x.Sel].(*types.Var); ok {
			return s.ts.stmtsOf(v.Origin())
		}
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return nil
		}
		if !isLocal(v) {
			return s.ts.stmtsOf(v.Origin())
		}
		// a local: the statements assigned to it in the unit
		var out []string
		ast.Inspect(s.ud.decl(), func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok {
				return true
			}
			for k, lhs := range as.Lhs {
				if assignedVar(info, lhs) != v {
					continue
				}
				switch {
				case len(as.Rhs) == len(as.Lhs):
					out = append(out, s.stmtSQL(as.Rhs[k], depth+1)...)
				case len(as.Rhs) == 1 && k == 0:
					if call, ok := ast.Unparen(as.Rhs[0]).(*ast.CallExpr); ok {
						out = append(out, s.preparedSQL(call, depth)...)
					}
				}
			}
			return true
		})
		return out
	case *ast.CallExpr:
		if out := s.preparedSQL(x, depth); out != nil {
			return out
		}
		// a call passing a statement through: tx.Stmt(st), TxStmt(tx, st)
		for _, arg := range x.Args {
			if isStmtType(info.TypeOf(arg)) {
				return s.stmtSQL(arg, depth+1)
			}
		}
	}
	return nil
}

// preparedSQL returns the SQL of a Prepare call's query.
func (s *tableScan) preparedSQL(call *ast.CallExpr, depth int) []string {
	fn, recv := callee(s.ud.pkg().TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return nil
	}
	dc, ok := s.ts.classify(s.ud, fn, recv)
	if !ok || dc.kind != callQuery || !strings.HasPrefix(fn.Name(), "Prepare") || dc.query >= len(call.Args) {
		return nil
	}
	return s.resolver(s.ud).strs(call.Args[dc.query], depth+1)
}

// isStmtType reports whether t is *sql.Stmt or *sqlx.Stmt.
func isStmtType(t types.Type) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	n := namedOf(p.Elem())
	if n == nil || n.Obj().Pkg() == nil || n.Obj().Name() != "Stmt" {
		return false
	}
	path := n.Obj().Pkg().Path()
	return path == "database/sql" || stripMajor(path) == sqlxPath
}

// resolver turns string expressions of one unit into the constant strings
// they may hold.
type resolver struct {
	s  *tableScan
	ud *unitDecl
}

func (s *tableScan) resolver(ud *unitDecl) resolver { return resolver{s, ud} }

// maxResolveDepth bounds the recursion through variables and expressions.
const maxResolveDepth = 8

// strs returns the strings e may evaluate to, with unknown parts left
// blank, or nil when no part of it is known.
func (r resolver) strs(e ast.Expr, depth int) []string {
	info := r.ud.pkg().TypesInfo
	if e == nil || depth > maxResolveDepth || info == nil {
		return nil
	}
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return []string{constant.StringVal(tv.Value)}
		}
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		return r.s.namedSQL(x) // a string field loaded from a named query
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok || v.IsField() || v.Pkg() == nil {
			return nil
		}
		if v.Parent() == v.Pkg().Scope() {
			return r.global(v, depth)
		}
		return r.local(v, depth)
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return nil
		}
		l, rr := r.strs(x.X, depth+1), r.strs(x.Y, depth+1)
		if l == nil && rr == nil {
			return nil
		}
		return concat(l, rr)
	case *ast.CallExpr:
		fn, recv := callee(info, x)
		if fn == nil || fn.Pkg() == nil {
			return nil
		}
		path := stripMajor(fn.Pkg().Path())
		switch {
		case path == "fmt" && fn.Name() == "Sprintf" && len(x.Args) > 0:
			var out []string
			for _, f := range r.strs(x.Args[0], depth+1) {
				out = append(out, r.sprintf(f, x.Args[1:], depth)...)
			}
			return out
		case path == "strings" && (fn.Name() == "TrimSpace" || fn.Name() == "ToLower" || fn.Name() == "ToUpper") && len(x.Args) > 0:
			return r.strs(x.Args[0], depth+1)
		case path == sqlxPath && (fn.Name() == "In" || fn.Name() == "Named" || fn.Name() == "Rebind"):
			// sqlx.In(query, args...), sqlx.Named(query, arg), db.Rebind(query)
			k := stringParam(fn.Signature(), 0)
			if k < len(x.Args) {
				return r.strs(x.Args[k], depth+1)
			}
		case recv != nil && fn.Name() == "Rebind" && pkgOfType(info.TypeOf(recv)) == sqlxPath && len(x.Args) > 0:
			return r.strs(x.Args[0], depth+1)
		default:
			// a module function that returns constants: a model's
			// TableName(), a query builder without arguments
			return r.s.t.constReturns(fn.Origin())
		}
	}
	return nil
}

// concat returns every concatenation of a string of l and one of r; an
// unknown side counts as a blank.
func concat(l, r []string) []string {
	if l == nil {
		l = []string{" "}
	}
	if r == nil {
		r = []string{" "}
	}
	var out []string
	for _, a := range l {
		for _, b := range r {
			if len(out) == maxAlternatives {
				return out
			}
			out = append(out, a+b)
		}
	}
	return out
}

// sprintf fills the verbs of a fmt format: a %s or %v whose argument
// resolves to strings takes them, any other verb becomes a "?" placeholder,
// so that "SELECT * FROM %s WHERE id = %d" with an unknown table names no
// table and still parses.
func (r resolver) sprintf(f string, args []ast.Expr, depth int) []string {
	out := []string{""}
	lit := func(s string) {
		for i := range out {
			out[i] += s
		}
	}
	arg := 0
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			j := strings.IndexByte(f[i:], '%')
			if j < 0 {
				j = len(f) - i
			}
			lit(f[i : i+j])
			i += j - 1
			continue
		}
		if i+1 < len(f) && f[i+1] == '%' {
			lit("%")
			i++
			continue
		}
		j := i + 1
		indexed := false
		for j < len(f) && strings.IndexByte("+-# 0123456789.[]*", f[j]) >= 0 {
			indexed = indexed || f[j] == '[' || f[j] == '*'
			j++
		}
		var vals []string
		if j < len(f) && (f[j] == 's' || f[j] == 'v') && !indexed && arg < len(args) {
			vals = r.strs(args[arg], depth+1)
		}
		arg++
		if len(vals) == 0 || len(out)*len(vals) > maxAlternatives {
			lit("?")
		} else {
			var next []string
			for _, o := range out {
				for _, v := range vals {
					next = append(next, o+v)
				}
			}
			out = next
		}
		i = j // the verb letter
	}
	return out
}

// global resolves a package-level var of the module from its initialiser.
func (r resolver) global(v *types.Var, depth int) []string {
	i := r.s.t.unitOf(v)
	if i < 0 {
		return nil
	}
	ud := r.s.t.units[i]
	gd, ok := ud.decl().(*ast.GenDecl)
	if !ok || ud.pkg().TypesInfo == nil {
		return nil
	}
	for _, spec := range gd.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for k, name := range vs.Names {
			if ud.pkg().TypesInfo.Defs[name] != v {
				continue
			}
			if len(vs.Values) == len(vs.Names) {
				return r.s.resolver(ud).strs(vs.Values[k], depth+1)
			}
			if len(vs.Values) == 0 && ud.pkg() == r.ud.pkg() {
				return r.s.t.constAssigned(v, ud.pkg())
			}
			return nil
		}
	}
	return nil
}

// constAssigned is the constant strings a package-level var declared
// without a value is set to in its package's functions (sftpgo's
// initSQLTables sets sqlTableUsers = "users" and its queries read
// fmt.Sprintf("SELECT ... FROM %s", sqlTableUsers)). Only assignments of
// constants count; one that builds on the var (v = prefix + v) keeps its
// name as the table's.
func (t *unitTable) constAssigned(v *types.Var, pkg *packages.Package) []string {
	if got, ok := t.assignedConsts.Load(v); ok {
		return got.([]string)
	}
	var out []string
	info := pkg.TypesInfo
	for _, ud := range t.units {
		if ud.stub || ud.srcPkg != pkg {
			continue
		}
		fd, ok := ud.srcDecl.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			as, ok := n.(*ast.AssignStmt)
			if !ok || as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
				return true
			}
			for k, l := range as.Lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok || info.Uses[id] != v {
					continue
				}
				if tv, ok := info.Types[as.Rhs[k]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
					if s := constant.StringVal(tv.Value); !slices.Contains(out, s) && len(out) < maxAlternatives {
						out = append(out, s)
					}
				}
			}
			return true
		})
	}
	t.assignedConsts.Store(v, out)
	return out
}

// local resolves a local variable of the unit from the values assigned to
// it anywhere in the unit, in source order: each assignment starts a new
// alternative, and += (or q = q + x) extends the latest one.
func (r resolver) local(v *types.Var, depth int) []string {
	if r.ud == r.s.ud {
		if out, ok := r.s.locals[v]; ok {
			return out
		}
		r.s.locals[v] = nil // a guard against self-reference
	}
	info := r.ud.pkg().TypesInfo
	var groups [][]string
	extend := func(suffix []string) {
		if len(groups) > 0 && groups[len(groups)-1] != nil {
			groups[len(groups)-1] = concat(groups[len(groups)-1], suffix)
		}
	}
	ast.Inspect(r.ud.decl(), func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			for k, name := range n.Names {
				if info.Defs[name] == v && len(n.Values) == len(n.Names) {
					groups = append(groups, r.strs(n.Values[k], depth+1))
				}
			}
		case *ast.AssignStmt:
			for k, lhs := range n.Lhs {
				id, ok := ast.Unparen(lhs).(*ast.Ident)
				if !ok || (info.Defs[id] != v && info.Uses[id] != v) {
					continue
				}
				switch n.Tok {
				case token.ADD_ASSIGN:
					if len(n.Rhs) == 1 {
						extend(r.strs(n.Rhs[0], depth+1))
					}
				case token.ASSIGN, token.DEFINE:
					var rhs ast.Expr
					switch {
					case len(n.Rhs) == len(n.Lhs):
						rhs = n.Rhs[k]
					case len(n.Rhs) == 1 && k == 0: // q, args, err := sqlx.In(...)
						rhs = n.Rhs[0]
					default:
						continue
					}
					if rest, ok := selfAppend(info, rhs, v); ok {
						var suffix []string
						for _, e := range rest {
							suffix = concat(suffix, r.strs(e, depth+1))
						}
						extend(suffix)
						continue
					}
					groups = append(groups, r.strs(rhs, depth+1))
				}
			}
		}
		return true
	})
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	if len(out) > maxAlternatives {
		out = out[:maxAlternatives]
	}
	if r.ud == r.s.ud {
		r.s.locals[v] = out
	}
	return out
}

// selfAppend recognises v + a + b and returns [a, b].
func selfAppend(info *types.Info, e ast.Expr, v *types.Var) ([]ast.Expr, bool) {
	var rest []ast.Expr
	for {
		be, ok := ast.Unparen(e).(*ast.BinaryExpr)
		if !ok || be.Op != token.ADD {
			id, ok := ast.Unparen(e).(*ast.Ident)
			if !ok || info.Uses[id] != v || len(rest) == 0 {
				return nil, false
			}
			for i, j := 0, len(rest)-1; i < j; i, j = i+1, j-1 {
				rest[i], rest[j] = rest[j], rest[i]
			}
			return rest, true
		}
		rest = append(rest, be.Y)
		e = be.X
	}
}
