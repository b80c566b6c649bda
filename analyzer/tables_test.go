package analyzer_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

// tablesOf renders a unit's tables as "table:op:via" sorted, space-separated.
func tablesOf(u model.Unit) string {
	var parts []string
	for _, t := range u.Tables {
		parts = append(parts, t.Table+":"+t.Op+":"+t.Via)
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func TestTables(t *testing.T) {
	m := analyze(t, analyzer.Config{Dir: extract(t, "tables"), CallGraph: analyzer.CallGraphNone})
	for _, d := range m.Diagnostics {
		t.Errorf("diagnostic: %+v", d)
	}
	units := unitIDs(m)
	const p = "example.com/tables/"
	want := map[string]string{
		// database/sql: consts, concatenated consts, a package-level var,
		// local variables, fmt.Sprintf, *sql.Conn, Prepare, a helper.
		"store.Store.Get":       "orders:read:database/sql",
		"store.Store.Insert":    "orders:write:database/sql",
		"store.Store.Purge":     "archive.orders:write:database/sql",
		"store.Store.Customers": "customers:read:database/sql",
		"store.Store.Search":    "order_items:read:database/sql orders:read:database/sql",
		"store.Store.Settle":    "orders:write:database/sql refunds:write:database/sql",
		"store.Store.Dynamic":   "invoices:read:database/sql",
		"store.Store.Session":   "sessions:read:database/sql",
		"store.Store.Decrement": "stock:write:database/sql",
		"store.Store.Reviews":   "reviews:read:database/sql",
		// a table name set in a function, queries built around it
		"store.Store.Account":       "accounts:read:database/sql",
		"store.Store.RenameAccount": "accounts:write:database/sql",
		"store.accountQuery":        "",
		"store.Store.query":         "",
		"store.Store.Chatty":        "",
		"store.Store.NotSQL":        "",
		"store.Lookalikes":          "",
		// const units
		"store.selectOrder":   "orders:read:const orders:write:const",
		"store.deleteOld":     "archive.orders:write:const",
		"store.prompt":        "",
		"store.archiveTable":  "",
		"store.listCustomers": "", // a var, not a const
		// sqlc: generated methods on the DBTX interface, and its consts
		"db.Queries.CreateAuthor": "authors:write:sqlc",
		"db.Queries.ListBooks":    "authors:read:sqlc books:read:sqlc",
		"db.Queries.DeleteBook":   "books:write:sqlc",
		"db.createAuthor":         "authors:write:const",
		"db.New":                  "",
		// a hand-written DBTX-like interface
		"repo.Carts.Clear": "carts:write:database/sql",
		// sqlx
		"sqlxrepo.Get":      "users:read:sqlx",
		"sqlxrepo.Teams":    "teams:read:sqlx",
		"sqlxrepo.Named":    "users:write:sqlx",
		"sqlxrepo.Promoted": "memberships:read:sqlx",
		"sqlxrepo.In":       "projects:read:sqlx",
		"sqlxrepo.InTx":     "audit_log:read:sqlx",
		"sqlxrepo.PkgFunc":  "labels:read:sqlx",
		// pgx v5, pgxpool, pgx.Tx, Prepare's second string, CopyFrom, Batch
		"pgxrepo.Metrics": "metrics:read:pgx metrics:write:pgx",
		"pgxrepo.Count":   "events:read:pgx",
		"pgxrepo.Seen":    "events:write:pgx",
		"pgxrepo.Prepare": "event_types:read:pgx",
		"pgxrepo.Copy":    "raw.samples:write:pgx",
		"pgxrepo.Batch":   "pings:write:pgx",
		// GORM: models, default naming, TableName, Table, Raw, chains
		"gormrepo.Create":        "users:write:gorm",
		"gormrepo.Items":         "order_items:read:gorm",
		"gormrepo.FirstPerson":   "people:read:gorm",
		"gormrepo.Revoke":        "api_keys:write:gorm",
		"gormrepo.DeleteInvoice": "billing.invoices:write:gorm",
		"gormrepo.Audit":         "audit_events:read:gorm",
		"gormrepo.Raw":           "users:read:gorm",
		"gormrepo.InTx":          "people:write:gorm",
		"gormrepo.Naming":        "categories:read:gorm http_logs:read:gorm",
		"gormrepo.NotGorm":       "",
		"gormrepo.User":          "",
	}
	for id, w := range want {
		u, ok := units[p+id]
		if !ok {
			t.Errorf("unit %s missing", id)
			continue
		}
		if got := tablesOf(u); got != w {
			t.Errorf("%s tables:\n got: %s\nwant: %s", id, got, w)
		}
	}
}
