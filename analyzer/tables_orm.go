package analyzer

import (
	"go/ast"
	"go/types"
	"reflect"
	"strings"

	"github.com/splitter-go/splitter/analyzer/sqlscan"
	"github.com/splitter-go/splitter/model"
)

// ORMs whose queries are chains of method calls on their own types: GORM
// (gorm.io/gorm and github.com/jinzhu/gorm), xorm, gobuffalo/pop and bun.
// A chain's tables come from its models (the argument of Create, Find,
// Model...: a struct type of the module, named by its TableName() method,
// its tags, or the ORM's default naming rule), from table-name arguments
// (Table("users")) and from raw SQL (Raw, Exec, RawQuery, SQL...). The op
// is the chain's: schema when one of its calls changes the schema
// (AutoMigrate, Sync, CreateTable...), write when one writes (Create,
// Update, Delete...), else read. A call is an ORM's when the callee is a
// method of one of the ORM's types (or of a module interface that wraps
// them, as gitea's db.Engine wraps *xorm.Session), never by name alone.

// ormSpec describes one ORM.
type ormSpec struct {
	via   string
	paths map[string]bool // import paths, major version stripped
	recvs map[string]bool // the types whose methods build and run queries
	// models: method → index of its first model argument; the variadic
	// rest are models too (Insert(beans...), AutoMigrate(&A{}, &B{})).
	models map[string]int
	// tables: method → index of an argument naming a table (or, for xorm's
	// Table(nameOrBean), a model).
	tables map[string]int
	// raws: method → index of the SQL argument.
	raws map[string]int
	// joins: method → index of an argument holding a JOIN clause
	// ("JOIN users ON ...") or, with joinTable, a joined table name.
	joins     map[string]int
	joinTable bool
	// ops: method → the op it gives its whole chain (write or schema).
	ops map[string]string
	// recvOps: query type → the op of the chains it is in (bun).
	recvOps map[string]string
	// naming is the default table name of a model type name.
	naming func(n *naming, name string) string
	// tableNameMethod: a model's TableName() method names its table.
	tableNameMethod bool
	// bunTags: a model's table is in its bun.BaseModel field's tag.
	bunTags bool
}

func argIndex(list string, k int) map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields(list) {
		m[w] = k
	}
	return m
}

func merge(ms ...map[string]int) map[string]int {
	out := map[string]int{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func opsOf(writes, schema string) map[string]string {
	m := map[string]string{}
	for _, w := range strings.Fields(writes) {
		m[w] = sqlscan.Write
	}
	for _, w := range strings.Fields(schema) {
		m[w] = sqlscan.Schema
	}
	return m
}

var (
	gormSpec = &ormSpec{
		via:   viaGorm,
		paths: words("gorm.io/gorm"),
		recvs: words("DB Migrator"),
		models: merge(argIndex(`Model Create CreateInBatches Save First Take Last Find FindInBatches FirstOrInit
			FirstOrCreate Delete Updates Where Not Or Scan AutoMigrate CreateTable DropTable HasTable RenameTable
			AddColumn DropColumn AlterColumn MigrateColumn HasColumn RenameColumn ColumnTypes CreateConstraint
			DropConstraint HasConstraint CreateIndex DropIndex HasIndex RenameIndex GetIndexes`, 0)),
		tables: argIndex("Table", 0),
		raws:   argIndex("Raw Exec", 0),
		joins:  argIndex("Joins InnerJoins", 0),
		ops: opsOf("Create CreateInBatches Save Update Updates UpdateColumn UpdateColumns Delete FirstOrCreate",
			`AutoMigrate Migrator CreateTable DropTable RenameTable AddColumn DropColumn AlterColumn MigrateColumn
			RenameColumn CreateConstraint DropConstraint CreateIndex DropIndex RenameIndex CreateView DropView`),
		naming:          (*naming).gorm,
		tableNameMethod: true,
	}
	jinzhuSpec = &ormSpec{
		via:   viaGorm,
		paths: words("github.com/jinzhu/gorm"),
		recvs: words("DB"),
		models: argIndex(`Model Create Save First Take Last Find FirstOrInit FirstOrCreate Delete Where Not Or
			Related Scan AutoMigrate CreateTable DropTable DropTableIfExists HasTable`, 0),
		tables: argIndex("Table", 0),
		raws:   argIndex("Raw Exec", 0),
		joins:  argIndex("Joins", 0),
		ops: opsOf("Create Save Update Updates UpdateColumn UpdateColumns Delete FirstOrCreate",
			`AutoMigrate CreateTable DropTable DropTableIfExists ModifyColumn DropColumn AddIndex AddUniqueIndex
			RemoveIndex AddForeignKey RemoveForeignKey`),
		naming:          (*naming).jinzhu,
		tableNameMethod: true,
	}
	xormSpec = &ormSpec{
		via:   viaXorm,
		paths: words("xorm.io/xorm github.com/go-xorm/xorm"),
		recvs: words("Engine Session EngineGroup Interface EngineInterface"),
		models: argIndex(`Insert InsertOne InsertMulti Update Delete Get Find FindAndCount Count Exist Iterate
			Rows Sum Sums SumInt SumsInt Sync Sync2 CreateTables DropTables CreateIndexes CreateUniques DropIndexes
			Truncate IsTableEmpty`, 0),
		tables:    argIndex("Table IsTableExist DropTable CreateTable", 0),
		raws:      argIndex("SQL Exec Query QueryString QueryInterface", 0),
		joins:     argIndex("Join", 1),
		joinTable: true,
		ops: opsOf("Insert InsertOne InsertMulti Update Delete",
			`Sync Sync2 CreateTables DropTables CreateIndexes CreateUniques DropIndexes DropTable CreateTable
			Truncate IsTableExist ImportFile Import`),
		naming:          (*naming).xorm,
		tableNameMethod: true,
	}
	popSpec = &ormSpec{
		via:   viaPop,
		paths: words("github.com/gobuffalo/pop"),
		recvs: words("Connection Query"),
		models: argIndex(`Create ValidateAndCreate Save ValidateAndSave Update ValidateAndUpdate UpdateColumns
			UpdateQuery Destroy Delete Find First Last All Load Reload Exists Count CountByField`, 0),
		raws:      argIndex("RawQuery", 0),
		joins:     argIndex("Join LeftJoin RightJoin LeftOuterJoin RightOuterJoin InnerJoin", 0),
		joinTable: true,
		ops: opsOf(`Create ValidateAndCreate Save ValidateAndSave Update ValidateAndUpdate UpdateColumns
			UpdateQuery Destroy Delete`, "TruncateAll"),
		naming:          (*naming).pop,
		tableNameMethod: true,
	}
	bunSpec = &ormSpec{
		via:   viaBun,
		paths: words("github.com/uptrace/bun"),
		recvs: words(`DB Tx Conn IDB IConn SelectQuery InsertQuery UpdateQuery DeleteQuery MergeQuery ValuesQuery
			RawQuery CreateTableQuery DropTableQuery CreateIndexQuery DropIndexQuery TruncateTableQuery
			AddColumnQuery DropColumnQuery`),
		models: argIndex("Model NewValues", 0),
		tables: argIndex("Table TableExpr ModelTableExpr", 0),
		raws: merge(argIndex("NewRaw Exec Query QueryRow", 0),
			argIndex("ExecContext QueryContext QueryRowContext", 1)),
		joins: argIndex("Join", 0),
		ops:   opsOf("NewInsert NewUpdate NewDelete NewMerge", "NewCreateTable NewDropTable NewCreateIndex NewDropIndex NewTruncateTable NewAddColumn NewDropColumn"),
		recvOps: map[string]string{
			"InsertQuery": sqlscan.Write, "UpdateQuery": sqlscan.Write, "DeleteQuery": sqlscan.Write,
			"MergeQuery": sqlscan.Write, "CreateTableQuery": sqlscan.Schema, "DropTableQuery": sqlscan.Schema,
			"CreateIndexQuery": sqlscan.Schema, "DropIndexQuery": sqlscan.Schema,
			"TruncateTableQuery": sqlscan.Schema, "AddColumnQuery": sqlscan.Schema, "DropColumnQuery": sqlscan.Schema,
		},
		naming:  (*naming).bun,
		bunTags: true,
	}
	// xorm's SQL builder: builder.Select(...).From("repository"); the
	// chain's constructor (Insert, Update, Delete) gives the op.
	xormBuilderSpec = &ormSpec{
		via:       viaXorm,
		paths:     words("xorm.io/builder"),
		recvs:     words("Builder"),
		tables:    argIndex("From Into", 0),
		joins:     merge(argIndex("InnerJoin LeftJoin RightJoin CrossJoin FullJoin", 0), argIndex("Join", 1)),
		joinTable: true,
		ops:       opsOf("Insert Update Delete", ""),
		naming:    (*naming).xorm,
	}
	orms = []*ormSpec{gormSpec, jinzhuSpec, xormSpec, popSpec, bunSpec, xormBuilderSpec}
)

// isString reports whether e is a string (the SQL or table name of an
// argument typed any, as xorm's Exec(sqlOrArgs ...any)).
func isString(info *types.Info, e ast.Expr) bool {
	b, ok := info.TypeOf(e).Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// rawArg is the index of fn's SQL argument, or -1.
func (o *ormSpec) rawArg(fn *types.Func) int {
	if k, ok := o.raws[fn.Name()]; ok {
		return k
	}
	return -1
}

// ormOf returns the ORM fn (called on recv) belongs to, or nil.
func (ts *tableScanner) ormOf(fn *types.Func, recv ast.Expr, info *types.Info) *ormSpec {
	sig := fn.Signature()
	if sig.Recv() == nil {
		return nil
	}
	path := stripMajor(fn.Pkg().Path())
	rn := recvName(sig)
	for _, o := range orms {
		if o.paths[path] && o.recvs[rn] {
			return o
		}
	}
	// A module interface that wraps an ORM's query type.
	if n := namedOf(sig.Recv().Type()); n != nil && ts.t.unitOf(n.Obj()) >= 0 {
		if _, ok := n.Underlying().(*types.Interface); ok {
			return ts.wrapped(n)
		}
	}
	return nil
}

// wrapped returns the ORM whose query type one of the interface's methods
// returns (gitea's SQLSession: Where(...) *xorm.Session), or nil.
func (ts *tableScanner) wrapped(n *types.Named) *ormSpec {
	if r, ok := ts.fwd.Load(n); ok {
		o, _ := r.(*ormSpec)
		return o
	}
	var found *ormSpec
	iface := n.Underlying().(*types.Interface)
	for i := 0; i < iface.NumMethods() && found == nil; i++ {
		res := iface.Method(i).Signature().Results()
		for j := 0; j < res.Len() && found == nil; j++ {
			r := namedOf(res.At(j).Type())
			if r == nil || r.Obj().Pkg() == nil {
				continue
			}
			path := stripMajor(r.Obj().Pkg().Path())
			for _, o := range orms {
				if o.paths[path] && o.recvs[r.Obj().Name()] {
					found = o
					break
				}
			}
		}
	}
	ts.fwd.Store(n, found)
	return found
}

// orm handles a call of an ORM's method; stack is the path to it.
func (s *tableScan) orm(o *ormSpec, call *ast.CallExpr, fn *types.Func, stack []ast.Node) {
	info := s.ud.pkg().TypesInfo
	name := fn.Name()
	res := s.resolver(s.ud)
	if k, ok := o.raws[name]; ok && k < len(call.Args) && isString(info, call.Args[k]) {
		for _, q := range res.strs(call.Args[k], 0) {
			s.addSQL(q, o.via)
		}
		return
	}
	op, named := chainOp(s.ts, info, s.ud.decl(), o, call, stack)
	if op == sqlscan.Schema {
		s.scan.ddl = true
	}
	if k, ok := o.joins[name]; ok && k < len(call.Args) {
		for _, q := range res.strs(call.Args[k], 0) {
			if o.joinTable {
				s.addName(q, sqlscan.Read, o.via)
				continue
			}
			for _, a := range sqlscan.Tables("SELECT 1 FROM " + joinPlaceholder + " " + q) {
				if a.Table != joinPlaceholder {
					s.add(model.TableUse{Table: a.Table, Op: sqlscan.Read, Via: o.via})
				}
			}
		}
	}
	if k, ok := o.tables[name]; ok && k < len(call.Args) {
		arg := call.Args[k]
		if isString(info, arg) {
			for _, v := range res.strs(arg, 0) {
				s.addName(v, op, o.via)
			}
		} else {
			s.addModel(o, info.TypeOf(arg), op)
		}
	}
	if k, ok := o.models[name]; ok && !named {
		for j := k; j < len(call.Args); j++ {
			if call.Ellipsis.IsValid() && j == len(call.Args)-1 {
				if sl, ok := info.TypeOf(call.Args[j]).Underlying().(*types.Slice); ok {
					s.addModel(o, sl.Elem(), op)
				}
				break
			}
			s.addModel(o, info.TypeOf(call.Args[j]), op)
			if !fn.Signature().Variadic() {
				break // Find(&rows, condBean): only the first is the model
			}
		}
	}
}

// joinPlaceholder stands for the main table when a JOIN clause is scanned.
const joinPlaceholder = "splitter_join_base"

// addName adds a table named outside SQL: "users", "users AS u",
// "billing.invoices".
func (s *tableScan) addName(v, op, via string) {
	if f := strings.Fields(v); len(f) > 0 {
		if tbl, ok := sqlscan.Name(f[0]); ok {
			s.add(model.TableUse{Table: tbl, Op: op, Via: via})
		}
	}
}

func (s *tableScan) addModel(o *ormSpec, typ types.Type, op string) {
	if op == "read" && localStruct(typ) {
		// A struct declared in a function and read into is the row of a
		// query's selected columns (gitea's `type result struct` for a
		// grouped select, on a session whose table a helper set), not a
		// model: the ORM's naming of it names no table. Written or
		// synced, it is one (a migration declares the table's struct
		// in its step).
		return
	}
	for _, tbl := range s.ts.modelTables(o, typ) {
		s.add(model.TableUse{Table: tbl, Op: op, Via: o.via})
	}
}

// opRank orders ops: a chain takes its strongest.
func opRank(op string) int {
	switch op {
	case sqlscan.Write:
		return 1
	case sqlscan.Schema:
		return 2
	}
	return 0
}

func maxOp(a, b string) string {
	if opRank(b) > opRank(a) {
		return b
	}
	return a
}

// chainOp is the op of the chain of o's calls that call belongs to:
// db.Model(&T{}).Where(...).Delete(...) deletes. named says whether
// another call of the chain names the table or runs raw SQL
// (Table("issue")...Find(&counts), SQL(...).Iterate(&row)): the chain's
// models are then only where rows land. A chain split over statements
// through a local variable (sess := e.Table(x); ...; sess.Find(&rows))
// is followed within root, the unit's syntax.
func chainOp(ts *tableScanner, info *types.Info, root ast.Node, o *ormSpec, call *ast.CallExpr, stack []ast.Node) (op string, named bool) {
	c := chain{ts: ts, info: info, root: root, o: o, call: call, op: sqlscan.Read}
	v := c.down(call, 0)
	// Up the chain: call.Where(...).Delete(&T{}).
	var cur ast.Node = call
	i := len(stack) - 2
	for ; i >= 1; i -= 2 {
		sel, ok := stack[i].(*ast.SelectorExpr)
		if !ok || sel.X != cur {
			break
		}
		up, ok := stack[i-1].(*ast.CallExpr)
		if !ok || up.Fun != sel {
			break
		}
		if !c.step(up) {
			break
		}
		cur = up
	}
	// The chain's result kept in a local: the chains continuing from it.
	if i >= 0 && root != nil {
		if as, ok := stack[i].(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
			for k, r := range as.Rhs {
				if r == cur {
					if lv := assignedVar(info, as.Lhs[k]); lv != nil && isLocal(lv) && lv != v {
						c.continuations(lv)
					}
				}
			}
		}
	}
	return c.op, c.named
}

type chain struct {
	ts    *tableScanner
	info  *types.Info
	root  ast.Node
	o     *ormSpec
	call  *ast.CallExpr
	op    string
	named bool
}

// step adds c's op to the chain, if c is one of its calls: a method of o's
// types, or a function of o's package that starts a chain
// (builder.Delete(...).From("t")).
func (c *chain) step(e *ast.CallExpr) bool {
	fn, recv := callee(c.info, e)
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	o := c.o
	if c.ts.ormOf(fn, recv, c.info) != o && (fn.Signature().Recv() != nil || !o.paths[stripMajor(fn.Pkg().Path())]) {
		return false
	}
	if e != c.call {
		if k, ok := o.raws[fn.Name()]; ok && k < len(e.Args) && isString(c.info, e.Args[k]) {
			c.named = true
		}
		if _, ok := o.tables[fn.Name()]; ok {
			c.named = true
		}
	}
	op := o.ops[fn.Name()]
	if r := o.recvOps[recvName(fn.Signature())]; r != "" {
		op = maxOp(op, r)
	}
	c.op = maxOp(c.op, op)
	return true
}

// down walks the chain down from e (db.Model(&T{}).Where(...) ← e) and,
// when it starts at a local variable, through the chains assigned to it;
// it returns that variable.
func (c *chain) down(e *ast.CallExpr, depth int) *types.Var {
	for {
		if !c.step(e) {
			return nil
		}
		sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		next, ok := ast.Unparen(sel.X).(*ast.CallExpr)
		if !ok {
			id, ok := ast.Unparen(sel.X).(*ast.Ident)
			if !ok {
				return nil
			}
			v, ok := c.info.Uses[id].(*types.Var)
			if !ok || !isLocal(v) {
				return nil
			}
			if depth < 2 && c.root != nil {
				ast.Inspect(c.root, func(n ast.Node) bool {
					as, ok := n.(*ast.AssignStmt)
					if !ok || len(as.Lhs) != len(as.Rhs) {
						return true
					}
					for k, lhs := range as.Lhs {
						if assignedVar(c.info, lhs) == v {
							if rc, ok := ast.Unparen(as.Rhs[k]).(*ast.CallExpr); ok {
								c.down(rc, depth+1)
							}
						}
					}
					return true
				})
			}
			return v
		}
		e = next
	}
}

// continuations adds the ops of the chains that start at v: q := db.Table
// ("x"); q.Where(...).Update(...) updates x.
func (c *chain) continuations(v *types.Var) {
	ast.Inspect(c.root, func(n ast.Node) bool {
		e, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		var ops []string
		for cur := e; ; {
			fn, recv := callee(c.info, cur)
			if fn == nil || fn.Pkg() == nil || c.ts.ormOf(fn, recv, c.info) != c.o {
				return true
			}
			op := c.o.ops[fn.Name()]
			if r := c.o.recvOps[recvName(fn.Signature())]; r != "" {
				op = maxOp(op, r)
			}
			ops = append(ops, op)
			sel, ok := ast.Unparen(cur.Fun).(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok {
				if c.info.Uses[id] == v {
					for _, op := range ops {
						c.op = maxOp(c.op, op)
					}
				}
				return true
			}
			if cur, ok = ast.Unparen(sel.X).(*ast.CallExpr); !ok {
				return true
			}
		}
	})
}

// modelTables returns the tables an ORM maps a model type to: *T, []T,
// *[]T, []*T for a struct type T declared in the module (or a named slice
// of them). T's TableName() method, when the ORM reads it and it returns
// constants, names the table; bun reads the bun.BaseModel tag; else the
// ORM's default naming applies.
func (ts *tableScanner) modelTables(o *ormSpec, typ types.Type) []string {
	if typ == nil {
		return nil
	}
	type key struct {
		o   *ormSpec
		typ types.Type
	}
	k := key{o, typ}
	if r, ok := ts.fwd.Load(k); ok {
		return r.([]string)
	}
	out := ts.modelTablesUncached(o, typ)
	ts.fwd.Store(k, out)
	return out
}

func (ts *tableScanner) modelTablesUncached(o *ormSpec, typ types.Type) []string {
	for range 6 {
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
			if !ts.modPkgs[u.Obj().Pkg()] {
				return nil // not a model of the module (time.Time, an ORM type)
			}
			if o.tableNameMethod {
				obj, _, _ := types.LookupFieldOrMethod(u, true, u.Obj().Pkg(), "TableName")
				if fn, ok := obj.(*types.Func); ok && ts.t.unitOf(fn.Origin()) >= 0 {
					return ts.t.constReturns(fn.Origin()) // nil when it is not constant: unknown
				}
			}
			switch under := u.Underlying().(type) {
			case *types.Struct:
				if o.bunTags {
					if tbl, ok := bunTable(under); ok {
						return []string{tbl}
					}
				}
				return []string{o.naming(&ts.naming, u.Obj().Name())}
			case *types.Slice, *types.Array, *types.Pointer:
				typ = under
				continue
			}
		}
		return nil
	}
	return nil
}

// bunTable reads `bun:"table:users,alias:u"` (or `bun:"users"`) on the
// struct's embedded bun.BaseModel field.
func bunTable(st *types.Struct) (string, bool) {
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		n := namedOf(f.Type())
		if !f.Embedded() || n == nil || n.Obj().Name() != "BaseModel" || n.Obj().Pkg() == nil ||
			stripMajor(n.Obj().Pkg().Path()) != "github.com/uptrace/bun" {
			continue
		}
		tag := reflect.StructTag(st.Tag(i)).Get("bun")
		for k, part := range strings.Split(tag, ",") {
			if v, ok := strings.CutPrefix(part, "table:"); ok {
				return normName(v)
			}
			if k == 0 && part != "" && !strings.Contains(part, ":") {
				return normName(part)
			}
		}
	}
	return "", false
}

func normName(v string) (string, bool) {
	return sqlscan.Name(strings.Trim(v, " "))
}

// constReturns returns the strings a module function returns when every
// return resolves to constants (a TableName() method, a query builder
// without arguments), or nil.
func (t *unitTable) constReturns(fn *types.Func) []string {
	i := t.unitOf(fn)
	if i < 0 {
		return nil
	}
	id := t.units[i].unit.ID
	if t.units[i].stub {
		// A partial run: the last run's finding (partial.go).
		out, ok := t.lastConstReturns[id]
		if !ok {
			panic(needSource{id})
		}
		return out
	}
	out := t.constReturnsOf(fn, i)
	t.constReturned.Store(id, out)
	return out
}

func (t *unitTable) constReturnsOf(fn *types.Func, i int) []string {
	ud := t.units[i]
	fd, ok := ud.decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil || ud.pkg().TypesInfo == nil || fn.Signature().Results().Len() != 1 {
		return nil
	}
	if b, ok := fn.Signature().Results().At(0).Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsString == 0 {
		return nil
	}
	s := &tableScan{t: t, ud: ud, seen: map[model.TableUse]bool{}, locals: map[*types.Var][]string{}}
	res := s.resolver(ud)
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
			// Only constants and constant-built strings, not calls:
			// resolving another function's returns here could recurse.
			// fmt.Sprintf is the exception (a query built around a table
			// name: sftpgo's getUserByUsernameQuery), its arguments
			// resolved within the depth left.
			if c, isCall := ast.Unparen(n.Results[0]).(*ast.CallExpr); isCall && !isSprintf(ud.pkg().TypesInfo, c) {
				good = false
				return false
			}
			vs := res.strs(n.Results[0], maxResolveDepth-2)
			if len(vs) == 0 {
				good = false
				return false
			}
			for _, v := range vs {
				if strings.TrimSpace(v) != v || v == "" {
					good = false
				}
			}
			out = append(out, vs...)
		}
		return good
	})
	if !good {
		return nil
	}
	return out
}

// modelFwd says how a module function hands a parameter to an ORM as a
// model.
type modelFwd struct {
	orm *ormSpec
	op  string
}

// forwardedModels handles a call to a module function that passes one of
// its arguments (or one of its type arguments: db.Find[Repository](ctx,
// opts)) to an ORM as a model: the table is the caller's to claim.
func (s *tableScan) forwardedModels(call *ast.CallExpr, fn *types.Func) {
	info := s.ud.pkg().TypesInfo
	fn = fn.Origin()
	if s.t.unitOf(fn) < 0 {
		return
	}
	sig := fn.Signature()
	for k, arg := range call.Args {
		pk := k
		if sig.Variadic() && k >= sig.Params().Len()-1 {
			pk = sig.Params().Len() - 1
		}
		if pk >= sig.Params().Len() || !modelLike(sig.Params().At(pk).Type()) {
			continue
		}
		if f, ok := s.ts.forwardsModel(fn, pk, 0); ok {
			typ := info.TypeOf(arg)
			if call.Ellipsis.IsValid() && k == len(call.Args)-1 {
				if sl, ok := typ.Underlying().(*types.Slice); ok {
					typ = sl.Elem()
				}
			}
			s.addModel(f.orm, typ, f.op)
		}
	}
	if sig.TypeParams().Len() == 0 {
		return
	}
	inst, ok := info.Instances[funIdent(call.Fun)]
	if !ok {
		return
	}
	for i, f := range s.ts.typeParamModels(fn, 0) {
		if i < inst.TypeArgs.Len() {
			s.addModel(f.orm, inst.TypeArgs.At(i), f.op)
		}
	}
}

// modelLike reports whether a parameter of type t can carry any model: an
// interface (any, interface{}) or a type parameter, or a slice of them.
func modelLike(t types.Type) bool {
	if sl, ok := t.Underlying().(*types.Slice); ok {
		t = sl.Elem()
	}
	switch t.(type) {
	case *types.TypeParam:
		return true
	}
	_, ok := t.Underlying().(*types.Interface)
	return ok
}

// funIdent is the identifier naming a call's function: f, pkg.f, f[T],
// x.m.
func funIdent(e ast.Expr) *ast.Ident {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			return x.Sel
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		default:
			return nil
		}
	}
}

// ormCallsOf walks a module function's body and calls visit for each ORM
// call (with the path to it) and for each call of another module function.
func (ts *tableScanner) ormCallsOf(fn *types.Func, visit func(ud *unitDecl, call *ast.CallExpr, g *types.Func, o *ormSpec, stack []ast.Node)) bool {
	i := ts.t.unitOf(fn)
	if i < 0 {
		return false
	}
	ud := ts.t.units[i]
	fd, ok := ud.decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil || ud.pkg().TypesInfo == nil {
		return false
	}
	info := ud.pkg().TypesInfo
	var stack []ast.Node
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		g, recv := callee(info, call)
		if g == nil || g.Pkg() == nil {
			return true
		}
		visit(ud, call, g, ts.ormOf(g, recv, info), stack)
		return true
	})
	return true
}

// forwardsModel reports whether fn passes its k-th parameter to an ORM as
// a model (itself, &p, p...), possibly through other module functions.
func (ts *tableScanner) forwardsModel(fn *types.Func, k, depth int) (modelFwd, bool) {
	// Only whole answers (depth 0) are cached: a depth-limited one cached
	// by whichever unit came first would make the output depend on the
	// order the units are scanned in.
	key := fwdKey{fn, k, 1}
	if depth == 0 {
		if r, ok := ts.fwd.Load(key); ok {
			return r.(fwdResult).model, r.(fwdResult).ok
		}
	}
	if r, ok := ts.answered(key, depth); ok {
		return r.model, r.ok
	}
	var out modelFwd
	found := false
	if depth <= maxForward {
		param := fn.Signature().Params().At(k)
		ts.ormCallsOf(fn, func(ud *unitDecl, call *ast.CallExpr, g *types.Func, o *ormSpec, stack []ast.Node) {
			info := ud.pkg().TypesInfo
			isParam := func(e ast.Expr) bool {
				e = ast.Unparen(e)
				if u, ok := e.(*ast.UnaryExpr); ok {
					e = ast.Unparen(u.X)
				}
				id, ok := e.(*ast.Ident)
				return ok && info.Uses[id] == param
			}
			if o != nil {
				first, ok := o.models[g.Name()]
				if j, tok := o.tables[g.Name()]; tok && (!ok || j < first) {
					first, ok = j, true
				}
				if !ok {
					return
				}
				for j := first; j < len(call.Args); j++ {
					if isParam(call.Args[j]) {
						op, named := chainOp(ts, info, ud.decl(), o, call, stack)
						if named {
							continue
						}
						if !found || opRank(op) > opRank(out.op) {
							out, found = modelFwd{o, op}, true
						}
					}
				}
				return
			}
			g = g.Origin()
			if g == fn || ts.t.unitOf(g) < 0 {
				return
			}
			sig := g.Signature()
			for j, arg := range call.Args {
				pj := j
				if sig.Variadic() && j >= sig.Params().Len()-1 {
					pj = sig.Params().Len() - 1
				}
				if pj < sig.Params().Len() && isParam(arg) {
					if f, ok := ts.forwardsModel(g, pj, depth+1); ok && (!found || opRank(f.op) > opRank(out.op)) {
						out, found = f, true
					}
				}
			}
		})
	}
	if depth == 0 {
		ts.fwd.Store(key, fwdResult{model: out, ok: found})
	}
	ts.asked.Store(askKey{key, depth}, fwdResult{model: out, ok: found})
	return out, found
}

// typeParamModels returns, per type parameter of fn, how fn hands a value
// of that type to an ORM as a model: var bean T; engine.Get(&bean).
func (ts *tableScanner) typeParamModels(fn *types.Func, depth int) map[int]modelFwd {
	key := fwdKey{fn, -1, 2}
	if depth == 0 { // see forwardsModel
		if r, ok := ts.fwd.Load(key); ok {
			return r.(fwdResult).tparams
		}
	}
	if r, ok := ts.answered(key, depth); ok {
		return r.tparams
	}
	out := map[int]modelFwd{}
	tps := fn.Signature().TypeParams()
	// index of a type parameter of fn that typ is built on (T, *T, []*T)
	tparam := func(typ types.Type) int {
		for range 4 {
			switch u := types.Unalias(typ).(type) {
			case *types.Pointer:
				typ = u.Elem()
				continue
			case *types.Slice:
				typ = u.Elem()
				continue
			case *types.TypeParam:
				for i := 0; i < tps.Len(); i++ {
					if tps.At(i) == u {
						return i
					}
				}
			}
			return -1
		}
		return -1
	}
	set := func(i int, f modelFwd) {
		if old, ok := out[i]; !ok || opRank(f.op) > opRank(old.op) {
			out[i] = f
		}
	}
	if tps.Len() > 0 && depth <= maxForward {
		ts.ormCallsOf(fn, func(ud *unitDecl, call *ast.CallExpr, g *types.Func, o *ormSpec, stack []ast.Node) {
			info := ud.pkg().TypesInfo
			if o != nil {
				first, ok := o.models[g.Name()]
				if j, tok := o.tables[g.Name()]; tok && (!ok || j < first) {
					first, ok = j, true
				}
				if !ok {
					return
				}
				for j := first; j < len(call.Args); j++ {
					if i := tparam(info.TypeOf(call.Args[j])); i >= 0 {
						if op, named := chainOp(ts, info, ud.decl(), o, call, stack); !named {
							set(i, modelFwd{o, op})
						}
					}
				}
				return
			}
			g = g.Origin()
			if g == fn || ts.t.unitOf(g) < 0 || g.Signature().TypeParams().Len() == 0 {
				return
			}
			inst, ok := info.Instances[funIdent(call.Fun)]
			if !ok {
				return
			}
			for gi, f := range ts.typeParamModels(g, depth+1) {
				if gi < inst.TypeArgs.Len() {
					if i := tparam(inst.TypeArgs.At(gi)); i >= 0 {
						set(i, f)
					}
				}
			}
		})
	}
	if depth == 0 {
		ts.fwd.Store(key, fwdResult{tparams: out})
	}
	ts.asked.Store(askKey{key, depth}, fwdResult{tparams: out})
	return out
}

// isSprintf reports whether call calls fmt.Sprintf.
func isSprintf(info *types.Info, call *ast.CallExpr) bool {
	fn, _ := callee(info, call)
	return fn != nil && fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Sprintf"
}

// localStruct reports whether typ, through pointers, slices and arrays, is
// a named struct type declared inside a function.
func localStruct(typ types.Type) bool {
	for range 6 {
		switch u := types.Unalias(typ).(type) {
		case *types.Pointer:
			typ = u.Elem()
		case *types.Slice:
			typ = u.Elem()
		case *types.Array:
			typ = u.Elem()
		case *types.Named:
			_, isStruct := u.Underlying().(*types.Struct)
			p := u.Obj().Pkg()
			return isStruct && p != nil && u.Obj().Parent() != p.Scope()
		default:
			return false
		}
	}
	return false
}
