package analyzer

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// Named queries kept in .sql files (the yesql family: knadh/goyesql,
// dotsql, sqlx loaders): a block
//
//	-- name: get-subscriber
//	SELECT * FROM subscribers WHERE id = $1;
//
// is loaded at run time into a struct field tagged `query:"get-subscriber"`
// (a *sqlx.Stmt or *sql.Stmt prepared from it, or the string itself), as
// goyesql's ScanToStruct does. The Go code holds no SQL then: a unit that
// runs the field's statement, or passes its string to the database, uses
// the tables of the named query.
//
// The files are those of the modules' roots (listmonk keeps queries.sql
// there, its program in cmd/) and of the packages' directories. The tag is
// read off the field's struct, which export data keeps, so a partial run
// reads it too; one that meets a name it cannot find (its file may be in
// the directory of a package it did not load) runs in full.

// namedQueries maps a query's name to its SQL texts, in file order.
type namedQueries map[string][]string

// yesqlDirs are the directories whose .sql files may hold named queries:
// the modules' roots and the packages' directories.
func yesqlDirs(moduleDirs []string, pkgs []*packages.Package) []string {
	dirs := slices.Clone(moduleDirs)
	for _, p := range pkgs {
		if len(p.GoFiles) > 0 {
			dirs = append(dirs, filepath.Dir(p.GoFiles[0]))
		}
	}
	sort.Strings(dirs)
	return slices.Compact(dirs)
}

// loadedSQLDirs is yesqlDirs of a load.
func loadedSQLDirs(ld *loaded) []string {
	var mods []string
	for _, m := range ld.modules {
		mods = append(mods, filepath.Join(ld.root, m.Dir))
	}
	return yesqlDirs(mods, ld.pkgs)
}

// sqlFile is a .sql file that declares named queries, read once.
type sqlFile struct {
	path string
	stat os.FileInfo // taken before the contents were read
	data []byte
}

// namedQueryFiles reads the .sql files of dirs that declare named queries.
func namedQueryFiles(dirs []string) []sqlFile {
	var out []sqlFile
	for _, d := range dirs {
		ents, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
				continue
			}
			f := filepath.Join(d, e.Name())
			st, err := os.Stat(f)
			if err != nil {
				continue
			}
			if b, err := os.ReadFile(f); err == nil && bytes.Contains(b, []byte("-- name:")) {
				out = append(out, sqlFile{f, st, b})
			}
		}
	}
	return out
}

// readNamedQueries parses the named blocks of the files: a block runs
// from its `-- name:` line to the next one; comment lines are dropped.
func readNamedQueries(files []sqlFile) namedQueries {
	out := namedQueries{}
	for _, f := range files {
		b := f.data
		name := ""
		var body strings.Builder
		flush := func() {
			if name != "" && strings.TrimSpace(body.String()) != "" {
				out[name] = append(out[name], body.String())
			}
			body.Reset()
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if rest, ok := strings.CutPrefix(line, "--"); ok {
				if n, ok := strings.CutPrefix(strings.TrimSpace(rest), "name:"); ok {
					flush()
					name = strings.TrimSpace(n)
				}
				continue
			}
			body.WriteString(sc.Text())
			body.WriteByte('\n')
		}
		flush()
	}
	return out
}

// yesql is the named queries of one analysis, read when a tagged field is
// first met.
type yesql struct {
	dirs    []string
	once    sync.Once
	queries namedQueries
}

func (y *yesql) get() namedQueries {
	y.once.Do(func() { y.queries = readNamedQueries(namedQueryFiles(y.dirs)) })
	return y.queries
}

// namedSQL returns the SQL of the named query behind a field selection
// (q.GetSubscriber), nil when the field carries no query tag.
func (s *tableScan) namedSQL(sel *ast.SelectorExpr) []string {
	if s.ts == nil || s.ts.yesql == nil {
		return nil
	}
	info := s.ud.pkg().TypesInfo
	selection := info.Selections[sel]
	if selection == nil || selection.Kind() != types.FieldVal {
		return nil
	}
	st, ok := derefStruct(selection.Recv(), selection.Index())
	if !ok {
		return nil
	}
	i := selection.Index()[len(selection.Index())-1]
	name, ok := reflect.StructTag(st.Tag(i)).Lookup("query")
	if !ok || name == "" {
		return nil
	}
	sqls := s.ts.yesql.get()[name]
	if sqls == nil && s.ts.partial {
		panic(needSource{name})
	}
	return sqls
}

// derefStruct follows a field selection's path of embedded fields to the
// struct that declares the selected field.
func derefStruct(t types.Type, index []int) (*types.Struct, bool) {
	for k, i := range index {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil, false
		}
		if k == len(index)-1 {
			return st, true
		}
		t = st.Field(i).Type()
	}
	return nil, false
}
