// Package sqlscan finds the tables that SQL statements read, write, or
// define.
//
// It is a light scanner over a tokenizer, not a parser: it knows where table
// names stand (after FROM and JOIN, the target of INSERT, UPDATE, DELETE,
// MERGE and of DDL statements) and skips everything else. Every table a DDL
// statement names (CREATE, ALTER, DROP, TRUNCATE, RENAME, COMMENT ON) is a
// Schema access: defining a table says nothing about who owns its rows. It handles
// subqueries, CTEs (whose names are not tables), aliases, schema-qualified
// and quoted names, comments, string literals, placeholders ($1, ?, :name,
// @name) and several statements separated by ';', in the PostgreSQL, MySQL
// and SQLite flavours.
//
// A string that does not have a plausible statement shape (an unknown first
// word, a SELECT list of three bare words, a sentence ending in a period,
// "Select ... from" in prose case, unbalanced parentheses, a table named
// "the") yields nothing, so that messages like "select a product from the
// list" are not mistaken for queries.
package sqlscan

import (
	"strings"
)

// Access is one table touched by a statement.
type Access struct {
	// Table is the name as written, schema-qualified when it is
	// ("billing.invoices"); unquoted parts are lower-cased, as PostgreSQL
	// folds them, quoted parts are kept as they are.
	Table string
	// Op is Read, Write or Schema (DDL, and reads of system catalogs).
	Op string
}

// Ops.
const (
	Read   = "read"
	Write  = "write"
	Schema = "schema"
)

// Tables returns the tables that the statements in stmt read and write, in
// order of appearance, without duplicates. It returns nil for text that is
// not SQL.
func Tables(stmt string) []Access {
	out, _ := Scan(stmt)
	return out
}

// Scan returns what Tables and DDL return, reading stmt once.
func Scan(stmt string) (accesses []Access, ddl bool) {
	if !startsLikeSQL(stmt) {
		return nil, false
	}
	toks := lex(stmt)
	var seen map[Access]bool
	start := 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && !toks[i].is(";") {
			continue
		}
		if st := toks[start:i]; len(st) > 0 {
			if len(st) > 1 && !ddl && plausible(st) && isDDL(st) {
				ddl = true
			}
			for _, a := range statement(st) {
				if seen == nil {
					seen = map[Access]bool{}
				}
				if !seen[a] {
					seen[a] = true
					accesses = append(accesses, a)
				}
			}
		}
		start = i + 1
	}
	return accesses, ddl
}

// Name normalises a table name written outside SQL, e.g. in an ORM call:
// `"billing"."Invoices"` → billing.Invoices, Orders → orders. It reports
// false when s is not one plain, possibly qualified, name, or when it names
// a system catalog (an ORM session on information_schema.sequences is
// schema introspection, as it is in SQL, not the application's data).
func Name(s string) (string, bool) {
	toks := lex(s)
	p := newParser(toks)
	name, ok := p.qualifiedName()
	if !ok || p.i != len(toks) || isCatalog(name) {
		return "", false
	}
	return name, true
}

// heads are the words a statement can start with.
var heads = map[string]bool{
	"SELECT": true, "WITH": true, "VALUES": true, "TABLE": true,
	"INSERT": true, "REPLACE": true, "UPSERT": true, "UPDATE": true, "DELETE": true, "MERGE": true,
	"CREATE": true, "ALTER": true, "DROP": true, "TRUNCATE": true, "RENAME": true, "COMMENT": true,
	"COPY": true, "EXPLAIN": true,
}

// isCatalog reports whether t is a system catalog (information_schema.*,
// pg_catalog.*, pg_tables, sqlite_master, sys.columns...): reading one is
// schema introspection, not the application's data.
func isCatalog(t string) bool {
	schema, name, qualified := strings.Cut(strings.ToLower(t), ".")
	if qualified {
		switch schema {
		case "information_schema", "pg_catalog", "sys", "mysql", "performance_schema", "sqlite_temp_master":
			return true
		}
		return false
	}
	name = schema
	return strings.HasPrefix(name, "pg_") || name == "sqlite_master" || name == "sqlite_schema" ||
		name == "sqlite_sequence" || name == "sqlite_temp_master"
}

// ddlHeads are the words a DDL statement starts with.
var ddlHeads = set("CREATE ALTER DROP TRUNCATE RENAME COMMENT")

// DDL reports whether one of the statements in stmt changes the schema
// (CREATE, ALTER or DROP of a table, index, view, sequence, schema, type,
// extension, function or trigger; TRUNCATE; RENAME TABLE; COMMENT ON),
// whether or not it names a table. Temporary tables are not schema work:
// creating one is part of a query's.
func DDL(stmt string) bool {
	_, ddl := Scan(stmt)
	return ddl
}

// ddlObjects are the things CREATE, ALTER and DROP work on.
var ddlObjects = set("TABLE INDEX VIEW SEQUENCE SCHEMA EXTENSION TYPE FUNCTION PROCEDURE TRIGGER DATABASE DOMAIN")

func isDDL(st []token) bool {
	switch st[0].up {
	case "CREATE", "ALTER", "DROP":
		for _, t := range st[1:] {
			switch {
			case t.kind != tWord:
				return false
			case t.up == "TEMP" || t.up == "TEMPORARY":
				return false
			case ddlObjects[t.up]:
				return true
			case !ddlModifiers[t.up]:
				return false
			}
		}
	case "TRUNCATE":
		return st[1].kind == tWord || st[1].kind == tQuoted
	case "RENAME":
		return st[1].up == "TABLE"
	case "COMMENT":
		return len(st) > 2 && st[1].up == "ON" && (st[2].up == "TABLE" || st[2].up == "COLUMN" || st[2].up == "INDEX")
	}
	return false
}

// ddlModifiers may stand between CREATE, ALTER or DROP and the object.
var ddlModifiers = set("OR REPLACE GLOBAL LOCAL UNLOGGED UNIQUE MATERIALIZED RECURSIVE")

// others are statements that name no table but may come first in a script.
var others = set(`BEGIN COMMIT ROLLBACK START SAVEPOINT RELEASE SET RESET LOCK ANALYZE VACUUM GRANT
	REVOKE DECLARE PREPARE EXECUTE DEALLOCATE CALL DO PRAGMA USE SHOW LISTEN NOTIFY`)

// startsLikeSQL is a cheap filter: the first word, after white space,
// comments and opening parentheses, must start a statement.
func startsLikeSQL(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == '\f' || c == '\v':
			i++
		case strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return false
			}
			i += j
		case strings.HasPrefix(s[i:], "/*"):
			j := strings.Index(s[i:], "*/")
			if j < 0 {
				return false
			}
			i += j + 2
		default:
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			w := strings.ToUpper(s[i:j])
			return heads[w] || others[w]
		}
	}
	return false
}

// statement returns the accesses of one statement, or nil when it is not a
// plausible one.
func statement(toks []token) []Access {
	if !plausible(toks) {
		return nil
	}
	p := newParser(toks)
	if !heads[toks[0].up] && !toks[0].is("(") {
		return nil
	}
	p.statement()
	if p.bad {
		return nil
	}
	for _, t := range p.pending {
		if real, ok := p.aliases[t]; ok {
			t = real
		}
		p.acc = append(p.acc, Access{t, Write})
	}
	var out []Access
	for _, a := range p.acc {
		if p.ctes[a.Table] {
			continue
		}
		if ddlHeads[toks[0].up] || isCatalog(a.Table) {
			a.Op = Schema // the tables a DDL statement creates, alters or references
		}
		out = append(out, a)
	}
	return out
}

type parser struct {
	toks    []token
	match   []int // index of the matching parenthesis
	i       int
	end     int // tokens from end on are out of reach
	acc     []Access
	ctes    map[string]bool
	aliases map[string]string
	pending []string // MySQL multi-table DELETE targets, maybe aliases
	bad     bool
}

func newParser(toks []token) *parser {
	p := &parser{toks: toks, end: len(toks), ctes: map[string]bool{}, aliases: map[string]string{}}
	p.match = make([]int, len(toks))
	var stack []int
	for i, t := range toks {
		p.match[i] = -1
		switch {
		case t.is("("):
			stack = append(stack, i)
		case t.is(")"):
			if len(stack) == 0 {
				p.bad = true
				continue
			}
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			p.match[o], p.match[i] = i, o
		}
	}
	if len(stack) > 0 {
		p.bad = true
	}
	return p
}

func (p *parser) peek() token { return p.at(p.i) }

func (p *parser) at(i int) token {
	if i < 0 || i >= p.end {
		return token{}
	}
	return p.toks[i]
}

// accept skips the current token if it is one of the words ups.
func (p *parser) accept(ups ...string) bool {
	t := p.peek()
	if t.kind != tWord {
		return false
	}
	for _, u := range ups {
		if t.up == u {
			p.i++
			return true
		}
	}
	return false
}

func (p *parser) isPunct(s string) bool { return p.peek().is(s) }

// statement parses a statement from its first word to p.end.
func (p *parser) statement() {
	for p.i < p.end && !p.bad {
		t := p.peek()
		if t.is("(") {
			p.walk(true) // (SELECT ...) UNION (SELECT ...)
			return
		}
		if t.kind != tWord {
			p.bad = true
			return
		}
		switch t.up {
		case "WITH":
			p.i++
			if !p.with() {
				p.bad = true
				return
			}
		case "EXPLAIN":
			p.i++
			for p.accept("ANALYZE", "VERBOSE") {
			}
			if p.isPunct("(") {
				p.i = p.match[p.i] + 1
			}
		case "SELECT", "VALUES":
			p.walk(true)
			return
		case "TABLE":
			p.i++
			if !p.tableRef(Read) {
				p.bad = true
			}
			p.walk(true)
			return
		case "INSERT", "REPLACE", "UPSERT":
			p.insert()
			return
		case "UPDATE":
			p.update()
			return
		case "DELETE":
			p.delete()
			return
		case "MERGE":
			p.merge()
			return
		case "CREATE", "ALTER", "DROP", "TRUNCATE":
			p.ddl()
			return
		case "RENAME": // MySQL: RENAME TABLE a TO b, c TO d
			p.i++
			if !p.accept("TABLE") {
				p.bad = true
				return
			}
			for !p.bad {
				p.target()
				if !p.accept("TO") {
					p.bad = true
					return
				}
				p.target()
				if !p.isPunct(",") {
					return
				}
				p.i++
			}
			return
		case "COMMENT": // COMMENT ON TABLE t IS '...'
			p.i++
			if !p.accept("ON") {
				p.bad = true
				return
			}
			if p.accept("TABLE") {
				p.target()
			}
			return
		case "COPY":
			p.copy()
			return
		default:
			p.bad = true
			return
		}
	}
}

// with parses the CTE list after WITH and records the CTE names.
func (p *parser) with() bool {
	p.accept("RECURSIVE")
	for {
		t := p.peek()
		if t.kind != tQuoted && (t.kind != tWord || reserved[t.up]) {
			return false
		}
		p.i++
		if p.isPunct("(") {
			p.i = p.match[p.i] + 1 // column names
		}
		if !p.accept("AS") {
			return false
		}
		p.accept("NOT")
		p.accept("MATERIALIZED")
		if !p.isPunct("(") {
			return false
		}
		p.ctes[identName(t)] = true
		p.group(nil)
		if p.isPunct(",") {
			p.i++
			continue
		}
		return true
	}
}

// isWith reports whether the WITH at p.i starts a CTE list (and not WITH
// ORDINALITY, WITH TIME ZONE, WITH (NOLOCK)...).
func (p *parser) isWith() bool {
	j := p.i + 1
	if p.at(j).word("RECURSIVE") {
		j++
	}
	if t := p.at(j); t.kind != tQuoted && (t.kind != tWord || reserved[t.up]) {
		return false
	}
	j++
	if p.at(j).is("(") {
		j = p.match[j] + 1
	}
	if !p.at(j).word("AS") {
		return false
	}
	j++
	for p.at(j).word("NOT") || p.at(j).word("MATERIALIZED") {
		j++
	}
	return p.at(j).is("(")
}

// group parses the parenthesised group at p.i and moves past it. A group
// that starts a statement is a subquery; any other is an expression, or,
// when table is not nil, a parenthesised join whose tables get *table.
func (p *parser) group(table *string) {
	open := p.i
	closing := p.match[open]
	if closing < 0 {
		p.bad = true
		p.i = p.end
		return
	}
	saved := p.end
	p.end = closing
	p.i = open + 1
	first := p.peek()
	switch {
	case first.kind == tWord && (first.up == "SELECT" || first.up == "WITH" || first.up == "VALUES" ||
		first.up == "INSERT" || first.up == "UPDATE" || first.up == "DELETE"):
		p.statement()
	case table != nil:
		p.tableList(*table)
		p.walk(true)
	default:
		p.walk(false)
	}
	p.end = saved
	p.i = closing + 1
}

// walk goes over tokens up to p.end looking for table references. query
// says whether FROM introduces tables at this level (it does not inside
// EXTRACT(year FROM ts) or SUBSTRING(s FROM 2)).
func (p *parser) walk(query bool) {
	for p.i < p.end && !p.bad {
		t := p.peek()
		if t.is("(") {
			p.group(nil)
			continue
		}
		if t.kind != tWord {
			p.i++
			continue
		}
		switch t.up {
		case "SELECT":
			query = true
			p.i++
			for p.accept("DISTINCT", "ALL") {
			}
			if p.i == 1 || p.i == 2 && p.toks[1].word("DISTINCT") {
				if nt := p.peek(); nt.kind == 0 || nt.word("FROM") {
					p.bad = true // "select from the list": not a query
				}
			}
		case "FROM":
			p.i++
			if query && !p.at(p.i-2).word("DISTINCT") { // IS [NOT] DISTINCT FROM
				p.tableList(Read)
			}
		case "JOIN":
			p.i++
			p.tableRef(Read)
		case "STRAIGHT_JOIN":
			p.i++
			if !p.at(p.i - 2).word("SELECT") { // SELECT STRAIGHT_JOIN is a hint
				p.tableRef(Read)
			}
		case "REFERENCES":
			p.i++
			if name, ok := p.qualifiedName(); ok {
				p.record(name, Read)
			}
		case "WITH":
			if p.isWith() {
				p.i++
				if !p.with() {
					p.bad = true
				}
				continue
			}
			p.i++
		default:
			p.i++
		}
	}
}

// tableList parses table references separated by commas.
func (p *parser) tableList(op string) bool {
	ok := p.tableRef(op)
	for ok && p.isPunct(",") {
		p.i++
		ok = p.tableRef(op)
	}
	return ok
}

// tableRef parses one table reference: a name, a subquery, a table
// function, each with an optional alias. It reports whether there was one.
func (p *parser) tableRef(op string) bool {
	for p.accept("LATERAL", "ONLY") {
	}
	if p.isPunct("(") {
		p.group(&op)
		p.alias("")
		return true
	}
	t := p.peek()
	if t.kind == tParam || t.kind == tString {
		p.i++ // FROM ? or a placeholder-built name: no table to report
		p.alias("")
		return true
	}
	name, ok := p.qualifiedName()
	if !ok {
		return false
	}
	if p.isPunct("(") { // a table function: unnest($1), generate_series(1, 3)
		p.group(nil)
		p.accept("WITH")
		p.accept("ORDINALITY")
		p.alias("")
		return true
	}
	p.record(name, op)
	if p.isPunct("*") && !p.at(p.i+1).is(".") {
		p.i++ // postgres: FROM t * (t and its descendants)
	}
	p.alias(name)
	return true
}

// alias skips an optional alias (and column aliases) after a table.
func (p *parser) alias(table string) {
	t := p.peek()
	if p.accept("AS") {
		t = p.peek()
		if t.kind != tWord && t.kind != tQuoted {
			p.bad = true
			return
		}
	} else if t.kind != tQuoted && (t.kind != tWord || reserved[t.up] || notAlias[t.up]) {
		return
	}
	p.i++
	if table != "" {
		p.aliases[identName(t)] = table
	}
	if p.isPunct("(") {
		p.group(nil)
	}
}

// qualifiedName reads name[.name[.name]].
func (p *parser) qualifiedName() (string, bool) {
	var parts []string
	for {
		t := p.peek()
		if t.kind != tQuoted && (t.kind != tWord || reserved[t.up]) || t.kind == tQuoted && t.text == "" {
			if len(parts) > 0 || t.kind == tQuoted {
				p.bad = true // "" names nothing
			}
			return "", false
		}
		parts = append(parts, identName(t))
		p.i++
		if p.isPunct(".") {
			if nt := p.at(p.i + 1); nt.kind == tQuoted || nt.kind == tWord {
				p.i++
				continue
			}
		}
		return strings.Join(parts, "."), true
	}
}

func identName(t token) string {
	if t.kind == tQuoted {
		return t.text
	}
	return strings.ToLower(t.text)
}

func (p *parser) record(name, op string) {
	if stopwords[name] {
		p.bad = true // "insert into the database", "select ... from your list"
		return
	}
	p.acc = append(p.acc, Access{name, op})
}

// skipWords accepts any number of the given words.
func (p *parser) skipWords(ups ...string) {
	for p.accept(ups...) {
	}
}

func (p *parser) insert() {
	head := p.peek().up
	p.i++
	if p.accept("OR") { // SQLite: INSERT OR REPLACE / OR IGNORE ...
		p.i++
	}
	p.skipWords("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY", "IGNORE")
	into := p.accept("INTO")
	if head == "REPLACE" && !into && !p.at(p.i+1).word("VALUES") && !p.at(p.i+1).is("(") && !p.at(p.i+1).word("SET") {
		p.bad = true
		return
	}
	name, ok := p.qualifiedName()
	if !ok {
		p.bad = true
		return
	}
	p.record(name, Write)
	t := p.peek()
	switch {
	case t.is("("):
	case t.word("AS"):
		p.alias(name)
	case t.kind == tWord && insertFollow[t.up]:
	default:
		p.bad = true // "insert a coin", "insert into queue"
		return
	}
	p.walk(true)
}

func (p *parser) update() {
	p.i++
	if p.accept("OR") {
		p.i++
	}
	p.skipWords("LOW_PRIORITY", "IGNORE")
	if !p.tableRef(Write) {
		p.bad = true
		return
	}
	for p.isPunct(",") { // MySQL multi-table UPDATE
		p.i++
		p.tableRef(Read)
	}
	if !p.hasWord("SET") {
		p.bad = true // "update your profile"
		return
	}
	p.walk(true)
}

func (p *parser) delete() {
	p.i++
	p.skipWords("LOW_PRIORITY", "QUICK", "IGNORE")
	if p.accept("FROM") {
		if !p.tableList(Write) {
			p.bad = true
			return
		}
	} else {
		// MySQL: DELETE t1[.*], t2 FROM t1 JOIN t2 ...
		for {
			name, ok := p.qualifiedName()
			if !ok {
				p.bad = true
				return
			}
			if p.isPunct(".") && p.at(p.i+1).is("*") {
				p.i += 2
			}
			p.pending = append(p.pending, name)
			if !p.isPunct(",") {
				break
			}
			p.i++
		}
		if !p.accept("FROM") || !p.tableList(Read) {
			p.bad = true
			return
		}
	}
	if p.accept("USING") {
		p.tableList(Read)
	}
	p.walk(true)
}

func (p *parser) merge() {
	p.i++
	p.accept("INTO")
	if !p.tableRef(Write) || !p.accept("USING") || !p.tableRef(Read) {
		p.bad = true
		return
	}
	p.walk(true)
}

func (p *parser) ddl() {
	verb := p.peek().up
	p.i++
	switch verb {
	case "CREATE":
		if p.accept("OR") && !p.accept("REPLACE") {
			p.bad = true
			return
		}
		p.skipWords("GLOBAL", "LOCAL", "TEMP", "TEMPORARY", "UNLOGGED", "UNIQUE", "MATERIALIZED", "RECURSIVE")
		switch {
		case p.accept("TABLE"), p.accept("VIEW"):
			p.ifExists()
			p.target()
			p.walk(false) // REFERENCES, AS SELECT ...
		case p.accept("INDEX"):
			p.accept("CONCURRENTLY")
			p.ifExists()
			if !p.peek().word("ON") {
				if _, ok := p.qualifiedName(); !ok {
					p.bad = true
					return
				}
			}
			if !p.accept("ON") {
				p.bad = true
				return
			}
			p.accept("ONLY")
			p.target()
			p.walk(false)
		}
	case "ALTER":
		if p.accept("TABLE") {
			p.ifExists()
			p.accept("ONLY")
			p.target()
			p.walk(false)
		}
	case "DROP":
		p.accept("MATERIALIZED")
		if p.accept("TABLE") || p.accept("VIEW") {
			p.ifExists()
			p.targets()
		}
	case "TRUNCATE":
		p.accept("TABLE")
		p.targets()
	}
}

// ifExists skips IF [NOT] EXISTS.
func (p *parser) ifExists() {
	if p.peek().word("IF") {
		j := p.i + 1
		if p.at(j).word("NOT") {
			j++
		}
		if p.at(j).word("EXISTS") {
			p.i = j + 1
		}
	}
}

// target records the written table of a DDL statement.
func (p *parser) target() {
	name, ok := p.qualifiedName()
	if !ok {
		p.bad = true
		return
	}
	p.record(name, Write)
}

// targets records a comma-separated list of written tables.
func (p *parser) targets() {
	for {
		p.accept("ONLY")
		p.target()
		if p.bad {
			return
		}
		if p.isPunct("*") {
			p.i++
		}
		if !p.isPunct(",") {
			return
		}
		p.i++
	}
}

func (p *parser) copy() {
	p.i++
	if p.isPunct("(") { // COPY (query) TO ...
		p.group(nil)
		return
	}
	name, ok := p.qualifiedName()
	if !ok {
		p.bad = true
		return
	}
	if p.isPunct("(") {
		p.i = p.match[p.i] + 1
	}
	switch {
	case p.accept("FROM"):
		p.record(name, Write)
	case p.accept("TO"):
		p.record(name, Read)
	default:
		p.bad = true
	}
}

// hasWord reports whether the word up occurs from p.i on, outside parentheses.
func (p *parser) hasWord(up string) bool {
	for j := p.i; j < p.end; j++ {
		t := p.toks[j]
		if t.is("(") && p.match[j] > j {
			j = p.match[j]
			continue
		}
		if t.word(up) {
			return true
		}
	}
	return false
}

// plausible rejects token streams that cannot be a statement: unterminated
// literals, a dot not between names, three bare words in a row ("select
// the product you want"), or prose capitalisation ("Select a product from
// the list").
func plausible(toks []token) bool {
	if len(toks) == 0 || toks[0].kind != tWord && !toks[0].is("(") {
		return false
	}
	title := isTitle(toks[0].text)
	bare := 0
	for i, t := range toks {
		switch t.kind {
		case tBad:
			return false
		case tPunct:
			if t.text == "." {
				if i == 0 || i+1 == len(toks) {
					return false
				}
				prev, next := toks[i-1], toks[i+1]
				if prev.kind != tWord && prev.kind != tQuoted && !prev.is(")") && prev.kind != tParam ||
					next.kind != tWord && next.kind != tQuoted && !next.is("*") {
					return false
				}
			}
		case tWord:
			if title && i > 0 && clauseWords[t.up] && t.text == strings.ToLower(t.text) {
				return false
			}
			if !keywords[t.up] && !(i+1 < len(toks) && toks[i+1].is("(")) {
				bare++
				if bare >= 3 {
					return false
				}
				continue
			}
		}
		bare = 0
	}
	return true
}

// isTitle reports whether w is capitalised like a word in a sentence:
// "Select", not "SELECT" or "select".
func isTitle(w string) bool {
	return len(w) > 1 && w[0] >= 'A' && w[0] <= 'Z' && w[1:] == strings.ToLower(w[1:]) && w[1:] != strings.ToUpper(w[1:])
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// reserved words are never table names or aliases.
var reserved = set(`SELECT FROM WHERE GROUP ORDER BY HAVING LIMIT OFFSET FETCH UNION INTERSECT EXCEPT MINUS
	JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL ON USING AS SET VALUES INTO RETURNING WITH WINDOW FOR
	LATERAL AND OR NOT IS IN EXISTS BETWEEN LIKE ILIKE CASE WHEN THEN ELSE END NULL DEFAULT DISTINCT ALL
	ANY SOME TABLE ONLY DO UPDATE DELETE INSERT MERGE PARTITION OVERRIDING TABLESAMPLE STRAIGHT_JOIN
	QUALIFY IF PRIMARY FOREIGN REFERENCES CONSTRAINT CHECK UNIQUE CREATE DROP ALTER TRUNCATE`)

// notAlias are words that may follow a table but are no alias.
var notAlias = set(`USE FORCE IGNORE LOCK OUTPUT CONNECT START ASC DESC NULLS RESTART CASCADE RESTRICT
	CONTINUE IDENTITY ADD RENAME OWNER INHERITS TO PARTITION FINAL SAMPLE VALUE`)

// clauseWords are keywords that are never column names: in lower case after
// a Title-case first word, they mark prose.
var clauseWords = set(`FROM INTO WHERE SET JOIN VALUES AND OR ON AS BY IN NOT IS NULL ORDER GROUP LIMIT`)

// insertFollow are the words that may follow INSERT INTO name.
var insertFollow = set(`VALUES VALUE SELECT SET DEFAULT OVERRIDING PARTITION WITH TABLE`)

// stopwords are English words that no table is named: finding one where a
// table stands means the text is prose.
var stopwords = set(`the an your my our their his her its this that these those which what me you us
	them it here there please`)

// keywords are words that do not count as bare words in plausible, and
// whose case is checked against a Title-case first word.
var keywords = set(`SELECT FROM WHERE GROUP ORDER BY HAVING LIMIT OFFSET FETCH FIRST NEXT ROWS ROW ONLY
	UNION INTERSECT EXCEPT MINUS JOIN INNER LEFT RIGHT FULL OUTER CROSS NATURAL ON USING AS SET VALUES
	VALUE INTO RETURNING WITH WINDOW FOR LATERAL AND OR NOT IS IN EXISTS BETWEEN LIKE ILIKE SIMILAR TO
	ESCAPE CASE WHEN THEN ELSE END NULL TRUE FALSE UNKNOWN DEFAULT DISTINCT ALL ANY SOME TABLE DO
	NOTHING CONFLICT DUPLICATE KEY UPDATE DELETE INSERT REPLACE UPSERT MERGE MATCHED PARTITION OVER
	FILTER WITHIN ASC DESC NULLS LAST SKIP LOCKED NOWAIT SHARE MODE OF LOCK IGNORE LOW_PRIORITY
	HIGH_PRIORITY DELAYED QUICK OVERRIDING SYSTEM USER RECURSIVE MATERIALIZED CREATE ALTER DROP
	TRUNCATE IF PRIMARY FOREIGN REFERENCES CONSTRAINT CHECK UNIQUE INDEX VIEW TEMP TEMPORARY UNLOGGED
	CASCADE RESTRICT RESTART CONTINUE IDENTITY GENERATED ALWAYS STORED COLLATE ADD COLUMN RENAME TYPE
	INT INTEGER BIGINT SMALLINT TINYINT TEXT VARCHAR CHAR CHARACTER VARYING DOUBLE PRECISION NUMERIC
	DECIMAL REAL FLOAT BOOLEAN BOOL DATE TIME TIMESTAMP TIMESTAMPTZ INTERVAL ZONE WITHOUT AT UUID JSON
	JSONB BYTEA BLOB SERIAL BIGSERIAL UNSIGNED SIGNED ZEROFILL AUTO_INCREMENT CURRENT ROWS RANGE GROUPS
	UNBOUNDED PRECEDING FOLLOWING EXCLUDE TIES ORDINALITY ARRAY CAST EXPLAIN ANALYZE VERBOSE COPY
	CONCURRENTLY STRAIGHT_JOIN TABLESAMPLE QUALIFY LEADING TRAILING BOTH PLACING EPOCH YEAR MONTH DAY
	HOUR MINUTE SECOND`)
