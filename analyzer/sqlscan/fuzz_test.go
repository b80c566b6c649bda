package sqlscan

import (
	"slices"
	"testing"
)

// FuzzTables feeds the scanner arbitrary text: it must not panic, and what
// it returns must be well formed: named tables, read, write or schema, no
// duplicates, the same answer twice.
func FuzzTables(f *testing.F) {
	for _, s := range []string{
		`SELECT id, name FROM users WHERE id = $1`,
		`WITH x AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM x`,
		`DELETE o, i FROM orders o JOIN order_items i ON i.order_id = o.id`,
		`MERGE INTO t USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE`,
		`CREATE INDEX IF NOT EXISTS i ON t (a); COPY t FROM STDIN; EXPLAIN (ANALYZE) SELECT $tag$x$tag$`,
		"SELECT `a``b`, \"c\"\"d\", 'e\\'f', 1.5e-3, .5, 0x1F, @@version, :name, $1, ? FROM t /* x */ -- y",
		`UPDATE "billing"."Invoices" SET paid = true WHERE id IN (SELECT invoice_id FROM payments)`,
		`select a product from the list.`,
		`INSERT INTO a (x) VALUES ((((((1))))))`,
		"SELECT * FROM a /* unterminated",
		"SELECT 'unterminated FROM b",
		`UPDATE "" SET a = 1`,
		"RENAME TABLE a TO b; COMMENT ON TABLE c IS 'x'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, stmt string) {
		got := Tables(stmt)
		seen := map[Access]bool{}
		for _, a := range got {
			if a.Table == "" || (a.Op != Read && a.Op != Write && a.Op != Schema) {
				t.Fatalf("Tables(%q): malformed access %+v in %+v", stmt, a, got)
			}
			if seen[a] {
				t.Fatalf("Tables(%q): %+v twice in %+v", stmt, a, got)
			}
			seen[a] = true
		}
		if again := Tables(stmt); !slices.Equal(got, again) {
			t.Fatalf("Tables(%q) is not deterministic: %+v then %+v", stmt, got, again)
		}
		if n, ok := Name(stmt); ok && n == "" {
			t.Fatalf("Name(%q) = \"\", true", stmt)
		}
	})
}
