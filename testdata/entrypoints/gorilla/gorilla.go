// Package gorilla registers routes on a gorilla/mux router, with method matchers and subrouters.
package gorilla

import (
	"fmt"
	"net/http"

	"github.com/gorilla/mux"
)

type handler struct{}

func (h *handler) p(w http.ResponseWriter, r *http.Request)    { fmt.Fprintln(w, "p") }
func (h *handler) q(w http.ResponseWriter, r *http.Request)    { fmt.Fprintln(w, r.Method) }
func (h *handler) r(w http.ResponseWriter, r *http.Request)    { fmt.Fprintln(w, "r") }
func (h *handler) any(w http.ResponseWriter, r *http.Request)  { fmt.Fprintln(w, r.Method) }
func (h *handler) d(w http.ResponseWriter, r *http.Request)    { w.WriteHeader(http.StatusNoContent) }
func (h *handler) item(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, mux.Vars(r)["id"]) }

// statusHandler is an http.Handler: ServeHTTP is the handler.
type statusHandler struct{}

func (s *statusHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "up") }

// Router builds the gorilla router.
func Router() *mux.Router {
	h := &handler{}
	r := mux.NewRouter()

	r.HandleFunc("/p", h.p).Methods("GET") // want http "GET /p" example.com/ep/gorilla.handler.p

	// Two methods on one route: two entry points.
	r.HandleFunc("/q", h.q).Methods(http.MethodPost, http.MethodPut) // want http "POST /q" example.com/ep/gorilla.handler.q http "PUT /q" example.com/ep/gorilla.handler.q

	// A subrouter under a path prefix; Name does not change the route.
	s := r.PathPrefix("/api").Subrouter()
	s.HandleFunc("/r", h.r).Methods("GET").Name("r") // want http "GET /api/r" example.com/ep/gorilla.handler.r

	r.Handle("/h", &statusHandler{}) // want http "ANY /h" example.com/ep/gorilla.statusHandler.ServeHTTP

	// gorilla drops a prefix's trailing slashes before the sub-path (writefreely).
	root := r.PathPrefix("/").Subrouter()
	root.HandleFunc("/read", h.r) // want http "ANY /read" example.com/ep/gorilla.handler.r
	auth := root.PathPrefix("/auth/").Subrouter()
	auth.HandleFunc("/signup", h.p).Methods("POST") // want http "POST /auth/signup" example.com/ep/gorilla.handler.p

	// No Methods matcher: any method.
	r.HandleFunc("/any", h.any) // want http "ANY /any" example.com/ep/gorilla.handler.any

	// Matchers first, handler last.
	r.Methods("DELETE").Path("/d").HandlerFunc(h.d) // want http "DELETE /d" example.com/ep/gorilla.handler.d

	// gorilla upper-cases methods itself; the path variable with its regexp is kept as written.
	r.HandleFunc("/items/{id:[0-9]+}", h.item).Methods("patch") // want http "PATCH /items/{id:[0-9]+}" example.com/ep/gorilla.handler.item

	// Negative: a route with matchers but no handler.
	r.Path("/nothing").Methods("GET")
	return r
}
