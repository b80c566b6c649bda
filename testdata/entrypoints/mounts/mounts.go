// Package mounts composes routers: sub-routers and handler factories that
// register routes of their own are mounts (their routes are the entry
// points); a mounted handler that dispatches by itself is a route that keeps
// its prefix form; chi's Mount gives the mounted routes its prefix.
package mounts

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

type api struct{}

func (api) users(w http.ResponseWriter, r *http.Request)  {}
func (api) orders(w http.ResponseWriter, r *http.Request) {}

// newAPI registers its own routes: mounting it is a mount.
func newAPI() http.Handler {
	mux := http.NewServeMux()
	a := api{}
	mux.HandleFunc("GET /v1/users", a.users)   // want http "GET /v1/users" example.com/ep/mounts.api.users
	mux.HandleFunc("GET /v1/orders", a.orders) // want http "GET /v1/orders" example.com/ep/mounts.api.orders
	return mux
}

// feverHandler dispatches on query parameters itself: a leaf.
type feverHandler struct{}

func (feverHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

func newFever() http.Handler { return feverHandler{} }

func logging(h http.Handler) http.Handler { return h }

type admin struct{}

func (admin) stats(w http.ResponseWriter, r *http.Request)  {}
func (admin) reload(w http.ResponseWriter, r *http.Request) {}

// adminRouter returns a chi router; where it is mounted gives its prefix.
func adminRouter() chi.Router {
	r := chi.NewRouter()
	a := admin{}
	r.Get("/stats", a.stats) // want http "GET /admin/stats" example.com/ep/mounts.admin.stats
	return r
}

func metrics(w http.ResponseWriter, r *http.Request) {}

// Root wires everything.
func Root(base string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/", newAPI())               // want http "ANY /v1/" example.com/ep/mounts.newAPI mount
	mux.Handle("/fever/", logging(newFever())) // want http "ANY /fever/" example.com/ep/mounts.newFever

	r := chi.NewRouter()
	r.Mount("/admin", adminRouter()) // want http "ANY /admin/*" example.com/ep/mounts.adminRouter mount
	ops := chi.NewRouter()
	ops.Post("/reload", admin{}.reload)            // want http "POST /ops/reload" example.com/ep/mounts.admin.reload
	r.Mount("/ops", ops)                           // want http "ANY /ops/*" example.com/ep/mounts.Root mount
	r.Mount("/metrics", http.HandlerFunc(metrics)) // want http "ANY /metrics/*" example.com/ep/mounts.metrics
	mux.Handle("/", r)                             // want http "ANY /" example.com/ep/mounts.Root mount

	var app http.Handler = mux
	app = logging(app)
	root := http.NewServeMux()
	root.Handle(base+"/", http.StripPrefix(base, app)) // want http "ANY /" example.com/ep/mounts.Root mount
	return root
}
