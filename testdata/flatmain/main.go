// Command newsletter serves a mailing-list manager's JSON API.
package main

import (
	"database/sql"
	"flag"
	"log"
	"net/http"
	"time"
)

// app is what every handler needs: the database and the mailer.
type app struct {
	db     *sql.DB
	mailer *mailer
}

func main() {
	addr := flag.String("addr", ":8080", "listen address")
	dsn := flag.String("db", "postgres://localhost/newsletter", "database URL")
	flag.Parse()
	db, err := openDB(*dsn)
	if err != nil {
		log.Fatal(err)
	}
	a := &app{db: db, mailer: newMailer("smtp://localhost:25", 10)}
	srv := &http.Server{Addr: *addr, Handler: a.routes(), ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}

func openDB(dsn string) (*sql.DB, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(10)
	return db, db.Ping()
}

// routes registers every handler.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/lists", a.handleGetLists)
	mux.HandleFunc("GET /api/lists/{id}", a.handleGetList)
	mux.HandleFunc("POST /api/lists", a.handleCreateList)
	mux.HandleFunc("PUT /api/lists/{id}", a.handleUpdateList)
	mux.HandleFunc("DELETE /api/lists/{id}", a.handleDeleteList)

	mux.HandleFunc("GET /api/subscribers", a.handleQuerySubscribers)
	mux.HandleFunc("GET /api/subscribers/{id}", a.handleGetSubscriber)
	mux.HandleFunc("POST /api/subscribers", a.handleCreateSubscriber)
	mux.HandleFunc("PUT /api/subscribers/{id}/lists", a.handleManageSubscriberLists)
	mux.HandleFunc("DELETE /api/subscribers/{id}", a.handleDeleteSubscriber)

	mux.HandleFunc("GET /api/campaigns", a.handleGetCampaigns)
	mux.HandleFunc("GET /api/campaigns/{id}", a.handleGetCampaign)
	mux.HandleFunc("POST /api/campaigns", a.handleCreateCampaign)
	mux.HandleFunc("PUT /api/campaigns/{id}/status", a.handleUpdateCampaignStatus)
	mux.HandleFunc("POST /api/campaigns/{id}/test", a.handleTestCampaign)
	return mux
}
