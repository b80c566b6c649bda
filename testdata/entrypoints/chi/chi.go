// Package chi registers routes on a chi router, with Route, Group and With.
package chi

import (
	"fmt"
	"log"
	"net/http"

	"github.com/go-chi/chi/v5"
)

type handler struct{}

func (h *handler) index(w http.ResponseWriter, r *http.Request)  { fmt.Fprintln(w, "index") }
func (h *handler) create(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusCreated) }
func (h *handler) a(w http.ResponseWriter, r *http.Request)      { fmt.Fprintln(w, "a") }
func (h *handler) del(w http.ResponseWriter, r *http.Request)    { fmt.Fprintln(w, chi.URLParam(r, "id")) }
func (h *handler) inner(w http.ResponseWriter, r *http.Request)  { fmt.Fprintln(w, "inner") }
func (h *handler) g(w http.ResponseWriter, r *http.Request)      { w.WriteHeader(http.StatusOK) }
func (h *handler) hf(w http.ResponseWriter, r *http.Request)     { fmt.Fprintln(w, r.Method) }
func (h *handler) w(w http.ResponseWriter, r *http.Request)      { fmt.Fprintln(w, "w") }

// corsHandler and metricsHandler are http.Handlers: ServeHTTP is the handler.
type corsHandler struct{}

func (c *corsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}

type metricsHandler struct{}

func (metricsHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "# metrics") }

// mw is middleware, never a handler.
func mw(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Println(r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

// Router builds the chi router.
func Router() http.Handler {
	h := &handler{}
	r := chi.NewRouter()
	// Negative: middleware registration is not a route.
	r.Use(mw)

	r.Get("/", h.index)        // want http "GET /" example.com/ep/chi.handler.index
	r.Post("/items", h.create) // want http "POST /items" example.com/ep/chi.handler.create

	// Route composes prefixes, also when nested; the callback's r shadows the outer r.
	r.Route("/v1", func(r chi.Router) {
		r.Get("/a", h.a) // want http "GET /v1/a" example.com/ep/chi.handler.a
		r.Route("/b", func(r chi.Router) {
			r.Delete("/{id}", h.del) // want http "DELETE /v1/b/{id}" example.com/ep/chi.handler.del
		})
		// Group inside Route keeps the /v1 prefix.
		r.Group(func(r chi.Router) {
			r.Use(mw)
			r.Get("/inner", h.inner) // want http "GET /v1/inner" example.com/ep/chi.handler.inner
		})
	})

	// Group adds no prefix.
	r.Group(func(r chi.Router) {
		r.Use(mw)
		r.Put("/g", h.g) // want http "PUT /g" example.com/ep/chi.handler.g
	})

	r.Method("OPTIONS", "/o", &corsHandler{}) // want http "OPTIONS /o" example.com/ep/chi.corsHandler.ServeHTTP
	r.HandleFunc("/hf", h.hf)                 // want http "ANY /hf" example.com/ep/chi.handler.hf
	r.Handle("/metrics", metricsHandler{})    // want http "ANY /metrics" example.com/ep/chi.metricsHandler.ServeHTTP

	// Inline middleware with With: the route is still GET /w.
	r.With(mw).Get("/w", h.w) // want http "GET /w" example.com/ep/chi.handler.w
	return r
}
