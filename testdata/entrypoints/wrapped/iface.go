package wrapped

import (
	"net/http"

	"example.com/ep/wrapped/web"
)

// Registrar is the application's interface over its own router: the routes
// registered through it are those of web.Router, its one implementation.
type Registrar interface {
	Get(pattern string, hs ...any)
	Group(pattern string, fn func(), middleware ...any)
}

func labels(w http.ResponseWriter, r *http.Request) {}
func label(w http.ResponseWriter, r *http.Request)  {}

func labelRoutes(m Registrar) {
	m.Get("/labels", labels) // want http "GET /admin/labels" example.com/ep/wrapped.labels
	m.Group("/labels", func() {
		m.Get("/{id}", label) // want http "GET /admin/labels/{id}" example.com/ep/wrapped.label
	})
}

// Admin mounts the label routes under /admin.
func Admin() *web.Router {
	m := web.NewRouter()
	m.Group("/admin", func() { labelRoutes(m) })
	return m
}
