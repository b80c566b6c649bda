// Command mailer is a listmonk-shaped program: its SQL lives in
// queries.sql at the module's root, loaded into Queries by name.
package main

import (
	"fmt"
	"os"

	"github.com/jmoiron/sqlx"
	"github.com/knadh/goyesql/v2"
	goyesqlx "github.com/knadh/goyesql/v2/sqlx"
)

type app struct {
	db      *sqlx.DB
	queries *Queries
}

func (a *app) subscriber(id int) (string, error) {
	var email string
	err := a.queries.GetSubscriber.Get(&email, id)
	return email, err
}

func (a *app) subscribe(email, name string, lists []int) error {
	var id int
	if err := a.queries.InsertSubscriber.Get(&id, email, name); err != nil {
		return err
	}
	_, err := a.queries.AddToLists.Exec(id, lists)
	return err
}

func (a *app) lists(cond string) ([]string, error) {
	var names []string
	err := a.db.Select(&names, fmt.Sprintf(a.queries.QueryLists, cond))
	return names, err
}

func (a *app) deleteList(id int) error {
	_, err := a.queries.DeleteList.Exec(id)
	return err
}

func (a *app) missing() error {
	_, err := a.queries.Missing.Exec()
	return err
}

func main() {
	db := sqlx.MustConnect("postgres", os.Getenv("DATABASE_URL"))
	qMap, err := goyesql.ParseFile("queries.sql")
	if err != nil {
		panic(err)
	}
	var q Queries
	if err := goyesqlx.ScanToStruct(&q, qMap, db.Unsafe()); err != nil {
		panic(err)
	}
	a := &app{db: db, queries: &q}
	_, _ = a.subscriber(1)
	_ = a.subscribe("a@example.com", "A", []int{1})
	_, _ = a.lists("true")
	_ = a.deleteList(1)
	_ = a.missing()
}
