package main

import "github.com/jmoiron/sqlx"

// Queries holds the named queries of queries.sql, prepared at start-up by
// goyesql, as listmonk's does.
type Queries struct {
	GetSubscriber    *sqlx.Stmt `query:"get-subscriber"`
	InsertSubscriber *sqlx.Stmt `query:"insert-subscriber"`
	AddToLists       *sqlx.Stmt `query:"add-to-lists"`
	DeleteList       *sqlx.Stmt `query:"delete-list"`

	// Not prepared: a template filled in at run time.
	QueryLists string `query:"query-lists"`

	// No such query in queries.sql: nothing is known of it.
	Missing *sqlx.Stmt `query:"no-such-query"`
}
