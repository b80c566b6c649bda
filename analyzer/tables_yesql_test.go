package analyzer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNamedQueriesCache: the named queries' .sql file keys the result
// cache, so that editing a query is never answered from the cache, and the
// run after the edit matches a run without it.
func TestNamedQueriesCache(t *testing.T) {
	dir := copyModuleDir(t, filepath.Join("..", "testdata", "tables", "yesql"))
	cache := t.TempDir()
	var rep CacheReport
	run := func(cached bool) ([]byte, string) {
		t.Helper()
		b, m := analyzeCached(t, Config{Dir: dir, CallGraph: CallGraphNone}, cache, &rep, cached)
		var tables []string
		for _, u := range m.Units {
			if strings.HasSuffix(u.ID, ".app.deleteList") {
				for _, tu := range u.Tables {
					tables = append(tables, tu.Table+" "+tu.Op)
				}
			}
		}
		return b, strings.Join(tables, ",")
	}
	if _, tables := run(true); tables != "lists write" {
		t.Fatalf("deleteList touches %q, want lists write", tables)
	}
	if _, _ = run(true); !rep.Hit {
		t.Fatalf("an unchanged tree missed the cache: %+v", rep)
	}
	sql := filepath.Join(dir, "queries.sql")
	b, err := os.ReadFile(sql)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("DELETE FROM lists WHERE id = $1;"), []byte("UPDATE archived_lists SET gone = true WHERE id = $1;"), 1)
	if err := os.WriteFile(sql, b, 0o644); err != nil {
		t.Fatal(err)
	}
	got, tables := run(true)
	if rep.Hit {
		t.Fatal("an edited queries.sql was answered from the cache")
	}
	if tables != "archived_lists write" {
		t.Errorf("after the edit deleteList touches %q, want archived_lists write", tables)
	}
	if cold, _ := run(false); !bytes.Equal(got, cold) {
		t.Errorf("the cached run differs from a run without the cache:\n%s", firstDiff(got, cold))
	}
}
