package sqlscan

import (
	"fmt"
	"strings"
	"testing"
)

// acc renders accesses compactly: "orders:w order_items:r".
func acc(as []Access) string {
	var parts []string
	for _, a := range as {
		parts = append(parts, a.Table+":"+a.Op[:1])
	}
	return strings.Join(parts, " ")
}

func TestTables(t *testing.T) {
	tests := []struct {
		name, sql, want string
	}{
		// SELECT
		{"select", `SELECT id, name FROM users WHERE id = $1`, "users:r"},
		{"lower case", `select * from users u where u.id = ?`, "users:r"},
		{"join", `SELECT * FROM a JOIN b ON a.id = b.a_id`, "a:r b:r"},
		{"joins and aliases", `SELECT o.id, c.email FROM orders o
			INNER JOIN customers AS c ON c.id = o.customer_id
			LEFT OUTER JOIN addresses addr ON addr.id = o.shipping_address_id
			CROSS JOIN settings
			WHERE o.status = 'pending'`, "orders:r customers:r addresses:r settings:r"},
		{"comma list", `SELECT * FROM a x, b y, c WHERE x.id = y.id`, "a:r b:r c:r"},
		{"schema-qualified", `SELECT * FROM billing.invoices i JOIN billing.lines l ON l.invoice_id = i.id`, "billing.invoices:r billing.lines:r"},
		{"three-part", `SELECT * FROM shop.billing.invoices`, "shop.billing.invoices:r"},
		{"quoted", `SELECT * FROM "orders" JOIN "Order Items" ON true`, "orders:r Order Items:r"},
		{"quoted qualified", `SELECT * FROM "billing"."Invoices"`, "billing.Invoices:r"},
		{"backticks", "SELECT * FROM `orders` o JOIN `shop`.`order_items` i ON i.order_id = o.id", "orders:r shop.order_items:r"},
		{"upper case names fold", `SELECT * FROM Users`, "users:r"},
		{"subquery in where", `SELECT * FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE vip)`, "orders:r customers:r"},
		{"exists", `SELECT 1 FROM products p WHERE EXISTS (SELECT 1 FROM stock_levels s WHERE s.product_id = p.id)`, "products:r stock_levels:r"},
		{"scalar subquery in select list", `SELECT p.id, (SELECT COUNT(*) FROM reviews r WHERE r.product_id = p.id) AS n FROM products p`, "reviews:r products:r"},
		{"derived table", `SELECT t.n FROM (SELECT count(*) AS n FROM orders GROUP BY customer_id) AS t`, "orders:r"},
		{"lateral", `SELECT * FROM customers c, LATERAL (SELECT * FROM orders o WHERE o.customer_id = c.id LIMIT 3) recent`, "customers:r orders:r"},
		{"join lateral", `SELECT * FROM customers c LEFT JOIN LATERAL (SELECT id FROM orders) o ON true`, "customers:r orders:r"},
		{"union", `SELECT id FROM a UNION ALL SELECT id FROM b EXCEPT SELECT id FROM c`, "a:r b:r c:r"},
		{"parenthesised union", `(SELECT id FROM a) UNION (SELECT id FROM b)`, "a:r b:r"},
		{"extract is no table", `SELECT EXTRACT(YEAR FROM placed_at), SUBSTRING(name FROM 1 FOR 3), TRIM(BOTH ' ' FROM sku) FROM orders`, "orders:r"},
		{"is distinct from", `SELECT * FROM t WHERE a IS NOT DISTINCT FROM b`, "t:r"},
		{"table function", `SELECT * FROM unnest($1::text[]) AS u(id) JOIN products p ON p.id = u.id`, "products:r"},
		{"generate_series", `SELECT g FROM generate_series(1, 10) g`, ""},
		{"values list", `SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, name)`, ""},
		{"for update", `SELECT * FROM stock_levels WHERE product_id = $1 FOR UPDATE SKIP LOCKED`, "stock_levels:r"},
		{"casts", `SELECT id::text, created_at::date FROM events WHERE payload->>'kind' = 'x'`, "events:r"},
		{"only", `SELECT * FROM ONLY measurements`, "measurements:r"},
		{"window", `SELECT id, rank() OVER (PARTITION BY customer_id ORDER BY total DESC NULLS LAST) FROM orders`, "orders:r"},
		{"straight_join hint", "SELECT STRAIGHT_JOIN a.id FROM a STRAIGHT_JOIN b ON a.id = b.id", "a:r b:r"},
		{"mysql index hint", "SELECT * FROM orders FORCE INDEX (idx_status) WHERE status = ?", "orders:r"},
		{"no from", `SELECT 1`, ""},
		{"select now", `SELECT now()`, ""},
		{"placeholder table", `SELECT * FROM ? WHERE id = ?`, ""},

		// CTEs
		{"cte", `WITH recent AS (SELECT * FROM orders WHERE placed_at > now() - interval '1 day')
			SELECT * FROM recent JOIN customers c ON c.id = recent.customer_id`, "orders:r customers:r"},
		{"two ctes", `WITH a1 AS (SELECT * FROM x), b1 AS (SELECT * FROM a1 JOIN y ON true) SELECT * FROM b1`, "x:r y:r"},
		{"recursive cte", `WITH RECURSIVE tree(id, parent_id) AS (
			SELECT id, parent_id FROM categories WHERE id = $1
			UNION ALL
			SELECT c.id, c.parent_id FROM categories c JOIN tree t ON c.parent_id = t.id)
			SELECT * FROM tree`, "categories:r"},
		{"materialized cte", `WITH m AS MATERIALIZED (SELECT * FROM big) SELECT * FROM m`, "big:r"},
		{"data-modifying cte", `WITH moved AS (DELETE FROM queue WHERE id = $1 RETURNING *)
			INSERT INTO archive SELECT * FROM moved`, "queue:w archive:w"},
		{"cte updating", `WITH upd AS (UPDATE accounts SET balance = balance - $1 WHERE id = $2 RETURNING id)
			SELECT * FROM upd`, "accounts:w"},

		// INSERT
		{"insert", `INSERT INTO orders (id, total) VALUES ($1, $2)`, "orders:w"},
		{"insert returning", `INSERT INTO orders (id) VALUES ($1) RETURNING id, created_at`, "orders:w"},
		{"insert on conflict", `INSERT INTO stock_levels (product_id, warehouse_id, on_hand) VALUES ($1, $2, $3)
			ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand
			RETURNING product_id`, "stock_levels:w"},
		{"insert on conflict do nothing", `insert into tags (name) values (:name) on conflict do nothing`, "tags:w"},
		{"insert select", `INSERT INTO order_archive (id) SELECT id FROM orders WHERE placed_at < $1`, "order_archive:w orders:r"},
		{"insert alias", `INSERT INTO customers AS c (id, email) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET email = c.email`, "customers:w"},
		{"insert values subquery", `INSERT INTO t (a) VALUES ((SELECT max(a) FROM u))`, "t:w u:r"},
		{"mysql insert ignore", "INSERT IGNORE INTO `sessions` (id) VALUES (?)", "sessions:w"},
		{"mysql on duplicate key", "INSERT INTO counters (k, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = n + VALUES(n)", "counters:w"},
		{"mysql insert set", "INSERT INTO users SET name = ?, email = ?", "users:w"},
		{"mysql insert without into", "INSERT users (name) VALUES (?)", "users:w"},
		{"replace into", "REPLACE INTO settings (k, v) VALUES (?, ?)", "settings:w"},
		{"sqlite insert or replace", "INSERT OR REPLACE INTO kv (k, v) VALUES (?, ?)", "kv:w"},
		{"upsert", "UPSERT INTO kv (k, v) VALUES ($1, $2)", "kv:w"},
		{"insert default values", "INSERT INTO events DEFAULT VALUES", "events:w"},
		{"insert schema", `INSERT INTO billing.invoices (id) VALUES ($1)`, "billing.invoices:w"},

		// UPDATE
		{"update", `UPDATE orders SET status = $2 WHERE id = $1`, "orders:w"},
		{"update alias", `UPDATE orders o SET status = 'paid' WHERE o.id = $1`, "orders:w"},
		{"update from", `UPDATE orders o SET total = s.total FROM order_totals s WHERE s.order_id = o.id`, "orders:w order_totals:r"},
		{"update subquery", `UPDATE products SET rating = (SELECT avg(rating) FROM reviews WHERE product_id = products.id)`, "products:w reviews:r"},
		{"update returning", `UPDATE payments SET status = $2 WHERE id = $1 RETURNING id, status`, "payments:w"},
		{"mysql update join", "UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.vip = c.vip", "orders:w customers:r"},
		{"update only", `UPDATE ONLY parent SET x = 1`, "parent:w"},

		// DELETE
		{"delete", `DELETE FROM sessions WHERE expires_at < now()`, "sessions:w"},
		{"delete using", `DELETE FROM order_items oi USING orders o WHERE o.id = oi.order_id AND o.status = 'cancelled'`, "order_items:w orders:r"},
		{"delete subquery", `DELETE FROM carts WHERE customer_id IN (SELECT id FROM customers WHERE deleted)`, "carts:w customers:r"},
		{"delete returning", `DELETE FROM jobs WHERE id = (SELECT id FROM jobs ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING *`, "jobs:w jobs:r"},
		{"mysql multi-table delete", "DELETE o, i FROM orders o JOIN order_items i ON i.order_id = o.id WHERE o.id = ?", "orders:r order_items:r orders:w order_items:w"},
		{"mysql delete quick", "DELETE QUICK FROM logs WHERE ts < ?", "logs:w"},

		// MERGE
		{"merge", `MERGE INTO inventory t USING incoming s ON t.sku = s.sku
			WHEN MATCHED THEN UPDATE SET qty = t.qty + s.qty
			WHEN NOT MATCHED THEN INSERT (sku, qty) VALUES (s.sku, s.qty)`, "inventory:w incoming:r"},
		{"merge subquery", `MERGE INTO totals USING (SELECT sku, sum(qty) q FROM moves GROUP BY sku) m ON totals.sku = m.sku
			WHEN MATCHED THEN UPDATE SET q = m.q`, "totals:w moves:r"},

		// DDL
		{"create table", `CREATE TABLE IF NOT EXISTS orders (
			id text PRIMARY KEY,
			customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
			total_cents bigint NOT NULL DEFAULT 0,
			placed_at timestamp with time zone NOT NULL DEFAULT now(),
			weight double precision,
			CONSTRAINT fk_addr FOREIGN KEY (address_id) REFERENCES billing.addresses (id)
		)`, "orders:s customers:s billing.addresses:s"},
		{"create temp table as", `CREATE TEMPORARY TABLE tmp_totals AS SELECT customer_id, sum(total) FROM orders GROUP BY 1`, "tmp_totals:s orders:s"},
		{"create index", `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_status ON orders USING btree (status)`, "orders:s"},
		{"create index no name", `CREATE INDEX ON ONLY events (created_at)`, "events:s"},
		{"create view", `CREATE OR REPLACE VIEW active_customers AS SELECT * FROM customers WHERE active`, "active_customers:s customers:s"},
		{"create materialized view", `CREATE MATERIALIZED VIEW sales AS SELECT * FROM orders`, "sales:s orders:s"},
		{"alter table", `ALTER TABLE IF EXISTS ONLY orders ADD COLUMN note text, ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id)`, "orders:s customers:s"},
		{"drop table", `DROP TABLE IF EXISTS a, b CASCADE`, "a:s b:s"},
		{"truncate", `TRUNCATE TABLE sessions, carts RESTART IDENTITY`, "sessions:s carts:s"},
		{"alter rename", `ALTER TABLE sessions RENAME TO user_sessions`, "sessions:s"},
		{"mysql rename", "RENAME TABLE `old_users` TO users, a TO b", "old_users:s users:s a:s b:s"},
		{"comment on", `COMMENT ON TABLE feeds IS 'the subscriptions'`, "feeds:s"},
		{"catalog", `SELECT column_name FROM information_schema.columns c JOIN pg_tables t ON true JOIN sqlite_master m ON true`, "information_schema.columns:s pg_tables:s sqlite_master:s"},
		{"ddl then dml", `CREATE TABLE t (id int); INSERT INTO t VALUES (1)`, "t:s t:w"},
		{"create schema", `CREATE SCHEMA IF NOT EXISTS billing`, ""},
		{"create function", `CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN DELETE FROM x; RETURN NEW; END $$ LANGUAGE plpgsql`, ""},
		{"copy from", `COPY products (id, name) FROM STDIN WITH (FORMAT csv)`, "products:w"},
		{"copy query to", `COPY (SELECT * FROM orders) TO STDOUT`, "orders:r"},

		// Lexical matters
		{"line comment", "-- name: GetOrder :one\nSELECT * FROM orders WHERE id = $1 -- FROM nope\n", "orders:r"},
		{"block comment", "SELECT /* FROM hidden */ * FROM /* a /* nested */ comment */ visible", "visible:r"},
		{"string with keywords", `SELECT * FROM notes WHERE body = 'DELETE FROM users; DROP TABLE x' AND t = 'it''s'`, "notes:r"},
		{"dollar quoted", `SELECT $q$ FROM secret $q$, $$ JOIN x $$ FROM shown`, "shown:r"},
		{"named params", `UPDATE users SET name = :name WHERE id = :id AND kind::text = @kind`, "users:w"},
		{"multiple statements", `BEGIN; INSERT INTO a (x) VALUES (1); UPDATE b SET y = 2; SELECT * FROM c; COMMIT;`, "a:w b:w c:r"},
		{"statements with a non-SQL one", `SELECT * FROM a; this is not sql; DELETE FROM b`, "a:r b:w"},
		{"duplicates", `SELECT * FROM a JOIN a a2 ON true`, "a:r"},
		{"explain", `EXPLAIN ANALYZE SELECT * FROM orders`, "orders:r"},
		{"leading paren and space", "\n\t  (SELECT 1 FROM t)", "t:r"},
		{"title case consistent", `Select * From Users Where id = 1`, "users:r"},
		{"unicode identifiers", `SELECT * FROM produits_été`, "produits_été:r"},

		// Not SQL
		{"prose select", "select a product", ""},
		{"prose select from", "Select a product from the list", ""},
		{"prose select from lower", "select a product from the list", ""},
		{"prose with period", "Please select a product from your cart.", ""},
		{"prose insert", "insert a coin to continue", ""},
		{"prose insert into", "insert into the database failed", ""},
		{"prose update", "update your profile", ""},
		{"prose update table", "update orders", ""},
		{"prose delete", "delete the product?", ""},
		{"prose bare words", "select the product you want from catalog", ""},
		{"prose create", "create a new account", ""},
		{"error message", "failed to update orders: %w", ""},
		{"empty", "", ""},
		{"punctuation", "();;", ""},
		{"unterminated string", "SELECT * FROM t WHERE a = 'oops", ""},
		{"unbalanced", "SELECT * FROM t WHERE (a = 1", ""},
		{"select from nothing", "select from list", ""},
		{"sentence with trailing dot", "Select from orders.", ""},
		{"column list only", "id, email, full_name, created_at", ""},
		{"fragment", " WHERE id = $1", ""},
		{"url", "https://example.com/select?from=users", ""},
		{"empty quoted name", `UPDATE "" SET a = 1`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := acc(Tables(tc.sql)); got != tc.want {
				t.Errorf("Tables(%q)\n got: %s\nwant: %s", tc.sql, got, tc.want)
			}
		})
	}
}

func TestDDL(t *testing.T) {
	for _, tc := range []struct {
		sql  string
		want bool
	}{
		{`CREATE TABLE users (id int)`, true},
		{`create unique index if not exists i on t (a)`, true},
		{`CREATE OR REPLACE VIEW v AS SELECT 1`, true},
		{`CREATE EXTENSION IF NOT EXISTS hstore`, true},
		{`CREATE TYPE mood AS ENUM ('sad', 'ok')`, true},
		{`ALTER TABLE feeds ADD COLUMN x int`, true},
		{`DROP INDEX i`, true},
		{`TRUNCATE schema_version`, true},
		{"RENAME TABLE a TO b", true},
		{`COMMENT ON COLUMN t.a IS 'x'`, true},
		{`SELECT 1; ALTER TABLE t DROP COLUMN a`, true},
		{`CREATE TEMPORARY TABLE tmp AS SELECT * FROM t`, false},
		{`CREATE GLOBAL TEMP TABLE tmp (a int)`, false},
		{`INSERT INTO t VALUES (1)`, false},
		{`UPDATE users SET x = 1`, false},
		{"drop the table", false},
		{"create a new account", false},
		{"comment on the post", false},
		{"truncate", false},
		{"", false},
	} {
		if got := DDL(tc.sql); got != tc.want {
			t.Errorf("DDL(%q) = %v, want %v", tc.sql, got, tc.want)
		}
	}
}

func TestName(t *testing.T) {
	for in, want := range map[string]string{
		"users": "users", "Users": "users", `"Users"`: "Users", "billing.invoices": "billing.invoices",
		"`shop`.`orders`": "shop.orders", "users u": "", "(?) as u": "", "": "", `""`: "", "``": "",
		"information_schema.sequences": "", "pg_catalog.pg_class": "", "sqlite_master": "", "pg_tables": "",
	} {
		got, ok := Name(in)
		if got != want || ok != (want != "") {
			t.Errorf("Name(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// TestNoPanic feeds the scanner truncations of every test statement.
func TestNoPanic(t *testing.T) {
	inputs := []string{
		`WITH x AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM x`,
		`DELETE o, i FROM orders o JOIN order_items i ON i.order_id = o.id`,
		`MERGE INTO t USING (SELECT 1) s ON true WHEN MATCHED THEN DELETE`,
		`CREATE INDEX IF NOT EXISTS i ON t (a); COPY t FROM STDIN; EXPLAIN (ANALYZE) SELECT $tag$x$tag$`,
		"SELECT `a``b`, \"c\"\"d\", 'e\\'f', 1.5e-3, .5, 0x1F, @@version, :name, $1, ? FROM t /* x */ -- y",
	}
	for _, in := range inputs {
		for i := 0; i <= len(in); i++ {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Tables(%q) panicked: %v", in[:i], r)
					}
				}()
				Tables(in[:i])
				Tables(in[i:])
			}()
		}
	}
}

func ExampleTables() {
	fmt.Println(Tables(`WITH r AS (SELECT * FROM orders) INSERT INTO billing.invoices SELECT * FROM r`))
	// Output: [{orders read} {billing.invoices write}]
}
