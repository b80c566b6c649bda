package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"regexp"
	"strings"

	"github.com/splitter-go/splitter/analyzer/sqlscan"
	"github.com/splitter-go/splitter/model"
)

// The data signal: which database tables each unit reads and writes.
//
// Calls are recognised by go/types (the callee's package path and name),
// never by names alone. The query of a call is resolved to constant strings
// when it can be: a constant expression, a package-level var of the module
// with a constant initialiser, a local variable assigned constants (and
// extended with +=), fmt.Sprintf with a constant format, or a parameter of a
// module function that forwards it to the database (resolved at its callers).

// Via values.
const (
	viaSQL   = "database/sql"
	viaSqlx  = "sqlx"
	viaPgx   = "pgx"
	viaGorm  = "gorm"
	viaSqlc  = "sqlc"
	viaConst = "const"
)

const (
	sqlxPath = "github.com/jmoiron/sqlx"
	gormPath = "gorm.io/gorm"
)

// Methods whose query argument is run, per library.
var (
	sqlMethods = words("Query QueryContext QueryRow QueryRowContext Exec ExecContext Prepare PrepareContext")
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

	// GORM methods whose first argument is a model (or a slice of models).
	gormModelArg = words(`Model Create CreateInBatches Save First Take Last Find FindInBatches FirstOrInit
		FirstOrCreate Delete Updates Where Not Or`)
	// GORM methods that write; a chain containing one writes its tables.
	gormWrites = words("Create CreateInBatches Save Update Updates UpdateColumn UpdateColumns Delete FirstOrCreate")
)

// words is set over a space-separated list.
func words(list string) map[string]bool { return set(strings.Fields(list)...) }

// maxAlternatives bounds the strings one expression resolves to.
const maxAlternatives = 16

// unitTables returns the tables unit u touches: through the database calls
// in its syntax, or, for a const unit, through its SQL values.
func unitTables(t *unitTable, u int) []model.TableUse {
	ud := t.units[u]
	if ud.spec != nil || ud.pkg.TypesInfo == nil {
		return nil // a type
	}
	s := &tableScan{t: t, ud: ud, seen: map[model.TableUse]bool{}, locals: map[*types.Var][]string{}}
	if gd, ok := ud.decl.(*ast.GenDecl); ok && gd.Tok == token.CONST {
		info := ud.pkg.TypesInfo
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
		return s.out
	}
	s.calls()
	return s.out
}

// tableScan collects one unit's tables.
type tableScan struct {
	t      *unitTable
	ud     *unitDecl
	out    []model.TableUse
	seen   map[model.TableUse]bool
	locals map[*types.Var][]string // resolved local variables of the unit
}

func (s *tableScan) add(tu model.TableUse) {
	if tu.Table != "" && !s.seen[tu] {
		s.seen[tu] = true
		s.out = append(s.out, tu)
	}
}

func (s *tableScan) addSQL(sql, via string) {
	for _, a := range sqlscan.Tables(sql) {
		s.add(model.TableUse{Table: a.Table, Op: a.Op, Via: via})
	}
}

// dbCall is a call that runs SQL or names tables.
type dbCall struct {
	via   string
	query int // index of the query argument, -1 if none
	kind  callKind
}

type callKind uint8

const (
	callQuery    callKind = iota + 1 // runs the SQL of args[query]
	callCopyFrom                     // pgx CopyFrom(ctx, pgx.Identifier{...}, ...)
	callGorm                         // a *gorm.DB method
)

// calls walks the unit's syntax for database calls.
func (s *tableScan) calls() {
	info := s.ud.pkg.TypesInfo
	var stack []ast.Node
	ast.Inspect(s.ud.decl, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn, recv := callee(info, call)
		if fn == nil || fn.Pkg() == nil {
			return true
		}
		dc, ok := classify(s.t, s.ud, fn, recv)
		if !ok {
			s.forwarded(call, fn)
			return true
		}
		switch dc.kind {
		case callQuery:
			if dc.query < len(call.Args) && !(call.Ellipsis.IsValid() && dc.query == len(call.Args)-1) {
				for _, q := range s.resolver(s.ud).strs(call.Args[dc.query], 0) {
					s.addSQL(q, dc.via)
				}
			}
		case callCopyFrom:
			if len(call.Args) > 1 {
				if name := identifierLit(info, call.Args[1]); name != "" {
					s.add(model.TableUse{Table: name, Op: sqlscan.Write, Via: dc.via})
				}
			}
		case callGorm:
			s.gorm(call, fn, stack)
		}
		return true
	})
}

// callee returns the function or method a call statically calls and, for a
// method, the receiver expression.
func callee(info *types.Info, call *ast.CallExpr) (*types.Func, ast.Expr) {
	switch f := ast.Unparen(call.Fun).(type) {
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
func classify(t *unitTable, ud *unitDecl, fn *types.Func, recv ast.Expr) (dbCall, bool) {
	path := stripMajor(fn.Pkg().Path())
	name := fn.Name()
	sig := fn.Signature()
	info := ud.pkg.TypesInfo
	switch {
	case path == "database/sql" && sig.Recv() != nil && sqlMethods[name]:
		switch recvName(sig) {
		case "DB", "Tx", "Conn":
		default:
			return dbCall{}, false
		}
		via := viaSQL
		if recv != nil && pkgOfType(info.TypeOf(recv)) == sqlxPath {
			via = viaSqlx // a method sqlx.DB promotes from *sql.DB
		} else if isSqlcFile(ud.file) {
			via = viaSqlc
		}
		return dbCall{via: via, query: stringParam(sig, 0), kind: callQuery}, true
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
	case path == gormPath && recvName(sig) == "DB":
		return dbCall{via: viaGorm, query: -1, kind: callGorm}, true
	case recv != nil && dbtxMethods[name] && isDBTX(t, info.TypeOf(recv)):
		via := viaSQL
		if ast.IsGenerated(ud.file) {
			via = viaSqlc
		}
		return dbCall{via: via, query: stringParam(sig, 0), kind: callQuery}, true
	}
	return dbCall{}, false
}

// stripMajor drops the major version element of an import path:
// github.com/jackc/pgx/v5/pgxpool → github.com/jackc/pgx/pgxpool.
func stripMajor(path string) string {
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
			if len(sqlscan.Tables(q)) > 0 {
				sqls = append(sqls, q)
			}
		}
		if len(sqls) == 0 {
			continue
		}
		if via, ok := forwards(s.t, fn, k, 0); ok {
			for _, q := range sqls {
				s.addSQL(q, via)
			}
		}
	}
}

// maxForward bounds the chain of helpers a query may go through.
const maxForward = 3

// forwards reports whether the module function fn passes its k-th
// parameter, unchanged, as the query of a database call (possibly through
// other module functions), and with which via.
func forwards(t *unitTable, fn *types.Func, k, depth int) (string, bool) {
	i := t.unitOf(fn)
	if i < 0 || depth > maxForward {
		return "", false
	}
	ud := t.units[i]
	fd, ok := ud.decl.(*ast.FuncDecl)
	if !ok || fd.Body == nil || ud.pkg.TypesInfo == nil {
		return "", false
	}
	info := ud.pkg.TypesInfo
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
		if dc, ok := classify(t, ud, g, recv); ok {
			if dc.kind == callQuery && dc.query < len(call.Args) && isParam(call.Args[dc.query]) {
				via, found = dc.via, true
			}
			return !found
		}
		g = g.Origin()
		if g == fn || t.unitOf(g) < 0 {
			return true
		}
		for j, arg := range call.Args {
			if j < g.Signature().Params().Len() && isParam(arg) {
				if v, ok := forwards(t, g, j, depth+1); ok {
					via, found = v, true
					break
				}
			}
		}
		return !found
	})
	return via, found
}

// gorm handles a *gorm.DB method call; stack is the path to it.
func (s *tableScan) gorm(call *ast.CallExpr, fn *types.Func, stack []ast.Node) {
	info := s.ud.pkg.TypesInfo
	name := fn.Name()
	switch {
	case name == "Raw" || name == "Exec":
		if len(call.Args) > 0 {
			for _, q := range s.resolver(s.ud).strs(call.Args[0], 0) {
				s.addSQL(q, viaGorm)
			}
		}
		return
	case name == "Table":
		if len(call.Args) == 0 {
			return
		}
		op := s.gormOp(call, stack)
		for _, v := range s.resolver(s.ud).strs(call.Args[0], 0) {
			// Table("users"), Table("users AS u"), Table("billing.invoices")
			if f := strings.Fields(v); len(f) > 0 {
				if tbl, ok := sqlscan.Name(f[0]); ok {
					s.add(model.TableUse{Table: tbl, Op: op, Via: viaGorm})
				}
			}
		}
	case gormModelArg[name]:
		if len(call.Args) == 0 {
			return
		}
		tables := s.t.gormTables(info.TypeOf(call.Args[0]))
		if len(tables) == 0 {
			return
		}
		op := s.gormOp(call, stack)
		for _, tbl := range tables {
			s.add(model.TableUse{Table: tbl, Op: op, Via: viaGorm})
		}
	}
}

// gormOp is "write" when the chain of *gorm.DB calls that call belongs to
// writes (Create, Save, Update*, Delete...), else "read".
func (s *tableScan) gormOp(call *ast.CallExpr, stack []ast.Node) string {
	info := s.ud.pkg.TypesInfo
	isGorm := func(c *ast.CallExpr) (string, bool) {
		fn, _ := callee(info, c)
		if fn == nil || fn.Pkg() == nil || stripMajor(fn.Pkg().Path()) != gormPath || recvName(fn.Signature()) != "DB" {
			return "", false
		}
		return fn.Name(), true
	}
	write := false
	// Down the chain: db.Model(&T{}).Where(...) ← call is the last one.
	for c := call; ; {
		name, ok := isGorm(c)
		if !ok {
			break
		}
		write = write || gormWrites[name]
		sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr)
		if !ok {
			break
		}
		if c, ok = ast.Unparen(sel.X).(*ast.CallExpr); !ok {
			break
		}
	}
	// Up the chain: call.Where(...).Delete(&T{}).
	var cur ast.Node = call
	for i := len(stack) - 2; i >= 1; i -= 2 {
		sel, ok := stack[i].(*ast.SelectorExpr)
		if !ok || sel.X != cur {
			break
		}
		up, ok := stack[i-1].(*ast.CallExpr)
		if !ok || up.Fun != sel {
			break
		}
		name, ok := isGorm(up)
		if !ok {
			break
		}
		write = write || gormWrites[name]
		cur = up
	}
	if write {
		return sqlscan.Write
	}
	return sqlscan.Read
}

// gormTables returns the tables GORM maps a model type to: *T, []T, *[]T,
// []*T for a struct type T. It is T's TableName() when T has one in the
// module returning constants, else GORM's default naming.
func (t *unitTable) gormTables(typ types.Type) []string {
	for range 4 {
		if typ == nil {
			return nil
		}
		switch u := types.Unalias(typ).(type) {
		case *types.Pointer:
			typ = u.Elem()
			continue
		case *types.Slice:
			typ = u.Elem()
			continue
		case *types.Array:
			typ = u.Elem()
			continue
		case *types.Named:
			if _, ok := u.Underlying().(*types.Struct); !ok || u.Obj().Pkg() == nil || stripMajor(u.Obj().Pkg().Path()) == gormPath {
				return nil
			}
			obj, _, _ := types.LookupFieldOrMethod(u, true, u.Obj().Pkg(), "TableName")
			if fn, ok := obj.(*types.Func); ok {
				if names := t.constReturns(fn); len(names) > 0 {
					return names
				}
			}
			return []string{gormTableName(u.Obj().Name())}
		}
		return nil
	}
	return nil
}

// constReturns returns the constant strings a module function returns, or
// nil if one of its returns is not constant.
func (t *unitTable) constReturns(fn *types.Func) []string {
	i := t.unitOf(fn)
	if i < 0 {
		return nil
	}
	fd, ok := t.units[i].decl.(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return nil
	}
	info := t.units[i].pkg.TypesInfo
	var out []string
	good := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				good = false
				return false
			}
			tv := info.Types[n.Results[0]]
			if tv.Value == nil || tv.Value.Kind() != constant.String {
				good = false
				return false
			}
			if name, ok := sqlscan.Name(constant.StringVal(tv.Value)); ok {
				out = append(out, name)
			}
		}
		return good
	})
	if !good {
		return nil
	}
	return out
}

// gormTableName is GORM's default table name for a type: its snake_case
// name (with Go initialisms as words), pluralised: OrderItem → order_items,
// APIKey → api_keys, Person → people.
func gormTableName(name string) string {
	return gormPlural(gormSnake(name))
}

var initialisms = func() *strings.Replacer {
	var pairs []string
	for _, w := range strings.Fields(`API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON LHS QPS RAM
		RHS RPC SLA SMTP SSH TLS TTL UID UI UUID URI URL UTF8 VM XML XSRF XSS`) {
		pairs = append(pairs, w, w[:1]+strings.ToLower(w[1:]))
	}
	return strings.NewReplacer(pairs...)
}()

// gormSnake follows gorm's schema.NamingStrategy.toDBName.
func gormSnake(name string) string {
	if name == "" {
		return ""
	}
	v := initialisms.Replace(name)
	upper := func(c byte) bool { return c >= 'A' && c <= 'Z' }
	var b strings.Builder
	last, cur := false, upper(v[0])
	for i := 0; i < len(v)-1; i++ {
		c := v[i]
		next, nextNum := upper(v[i+1]), v[i+1] >= '0' && v[i+1] <= '9'
		if cur {
			if !(last && (next || nextNum)) && i > 0 && v[i-1] != '_' && v[i+1] != '_' {
				b.WriteByte('_')
			}
			b.WriteByte(c + 'a' - 'A')
		} else {
			b.WriteByte(c)
		}
		last, cur = cur, next
	}
	c := v[len(v)-1]
	if cur {
		if !last && len(v) > 1 {
			b.WriteByte('_')
		}
		c += 'a' - 'A'
	}
	b.WriteByte(c)
	return b.String()
}

type pluralRule struct {
	re   *regexp.Regexp
	repl string
}

// pluralRules are github.com/jinzhu/inflection's, which GORM uses, for lower
// case words: uncountables, then irregulars, then the regular rules (the
// last-defined first).
var pluralRules = func() []pluralRule {
	var rules []pluralRule
	for _, w := range strings.Fields("equipment information rice money species series fish sheep jeans police") {
		rules = append(rules, pluralRule{regexp.MustCompile("^(" + w + ")$"), "${1}"})
	}
	for _, p := range [][2]string{{"person", "people"}, {"man", "men"}, {"child", "children"}, {"sex", "sexes"}, {"move", "moves"}, {"mombie", "mombies"}} {
		rules = append(rules, pluralRule{regexp.MustCompile(p[0] + "$"), p[1]})
	}
	regular := [][2]string{
		{"([a-z])$", "${1}s"}, {"s$", "s"}, {"^(ax|test)is$", "${1}es"}, {"(octop|vir)us$", "${1}i"},
		{"(octop|vir)i$", "${1}i"}, {"(alias|status)$", "${1}es"}, {"(bu)s$", "${1}ses"},
		{"(buffal|tomat)o$", "${1}oes"}, {"([ti])um$", "${1}a"}, {"([ti])a$", "${1}a"}, {"sis$", "ses"},
		{"(?:([^f])fe|([lr])f)$", "${1}${2}ves"}, {"(hive)$", "${1}s"}, {"([^aeiouy]|qu)y$", "${1}ies"},
		{"(x|ch|ss|sh)$", "${1}es"}, {"(matr|vert|ind)(?:ix|ex)$", "${1}ices"}, {"^(m|l)ouse$", "${1}ice"},
		{"^(m|l)ice$", "${1}ice"}, {"^(ox)$", "${1}en"}, {"^(oxen)$", "${1}"}, {"(quiz)$", "${1}zes"},
	}
	for i := len(regular) - 1; i >= 0; i-- {
		rules = append(rules, pluralRule{regexp.MustCompile(regular[i][0]), regular[i][1]})
	}
	return rules
}()

func gormPlural(w string) string {
	for _, r := range pluralRules {
		if r.re.MatchString(w) {
			return r.re.ReplaceAllString(w, r.repl)
		}
	}
	return w
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
	info := r.ud.pkg.TypesInfo
	if depth > maxResolveDepth || info == nil {
		return nil
	}
	if tv, ok := info.Types[e]; ok && tv.Value != nil {
		if tv.Value.Kind() == constant.String {
			return []string{constant.StringVal(tv.Value)}
		}
		return nil
	}
	switch x := ast.Unparen(e).(type) {
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
		if fn == nil || fn.Pkg() == nil || len(x.Args) == 0 {
			return nil
		}
		path := stripMajor(fn.Pkg().Path())
		switch {
		case path == "fmt" && fn.Name() == "Sprintf":
			var out []string
			for _, f := range r.strs(x.Args[0], depth+1) {
				out = append(out, fillVerbs(f))
			}
			return out
		case path == "strings" && (fn.Name() == "TrimSpace" || fn.Name() == "ToLower" || fn.Name() == "ToUpper"):
			return r.strs(x.Args[0], depth+1)
		case path == sqlxPath && (fn.Name() == "In" || fn.Name() == "Named" || fn.Name() == "Rebind"):
			// sqlx.In(query, args...), sqlx.Named(query, arg), db.Rebind(query)
			k := stringParam(fn.Signature(), 0)
			if k < len(x.Args) {
				return r.strs(x.Args[k], depth+1)
			}
		case recv != nil && fn.Name() == "Rebind" && pkgOfType(info.TypeOf(recv)) == sqlxPath:
			return r.strs(x.Args[0], depth+1)
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

// fillVerbs replaces the verbs of a fmt format with "?" placeholders, so
// that "SELECT * FROM %s WHERE id = %d" names no table and still parses.
func fillVerbs(f string) string {
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			b.WriteByte(f[i])
			continue
		}
		if i+1 < len(f) && f[i+1] == '%' {
			b.WriteByte('%')
			i++
			continue
		}
		j := i + 1
		for j < len(f) && strings.IndexByte("+-# 0123456789.[]*", f[j]) >= 0 {
			j++
		}
		b.WriteByte('?')
		i = j // the verb letter
	}
	return b.String()
}

// global resolves a package-level var of the module from its initialiser.
func (r resolver) global(v *types.Var, depth int) []string {
	i := r.s.t.unitOf(v)
	if i < 0 {
		return nil
	}
	ud := r.s.t.units[i]
	gd, ok := ud.decl.(*ast.GenDecl)
	if !ok || ud.pkg.TypesInfo == nil {
		return nil
	}
	for _, spec := range gd.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok || len(vs.Values) != len(vs.Names) {
			continue
		}
		for k, name := range vs.Names {
			if ud.pkg.TypesInfo.Defs[name] == v {
				return r.s.resolver(ud).strs(vs.Values[k], depth+1)
			}
		}
	}
	return nil
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
	info := r.ud.pkg.TypesInfo
	var groups [][]string
	extend := func(suffix []string) {
		if len(groups) > 0 && groups[len(groups)-1] != nil {
			groups[len(groups)-1] = concat(groups[len(groups)-1], suffix)
		}
	}
	ast.Inspect(r.ud.decl, func(n ast.Node) bool {
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
