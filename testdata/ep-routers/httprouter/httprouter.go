// Package httprouter registers routes on julienschmidt/httprouter directly
// and through wrappers of the application's own (as ory/kratos does): a
// router type whose GET forwards to Handle, one that puts its routes under
// /admin with path.Join, a helper function, and an interface over both.
package httprouter

import (
	"net/http"
	"path"

	"github.com/julienschmidt/httprouter"
)

// Router forwards every route to httprouter with a no-cache wrapper.
type Router struct{ *httprouter.Router }

func (r *Router) GET(path string, h httprouter.Handle) { r.Handle("GET", path, noCache(h)) }

func (r *Router) Handle(method, path string, h httprouter.Handle) {
	r.Router.Handle(method, path, noCache(h))
}

// AdminRouter puts its routes under /admin.
type AdminRouter struct{ *httprouter.Router }

func (r *AdminRouter) GET(p string, h httprouter.Handle) { r.Router.GET(path.Join("/admin", p), h) }

func noCache(h httprouter.Handle) httprouter.Handle {
	return func(w http.ResponseWriter, r *http.Request, ps httprouter.Params) {
		w.Header().Set("Cache-Control", "no-store")
		h(w, r, ps)
	}
}

// get is a helper function wrapping a registration.
func get(r *httprouter.Router, p string, h httprouter.Handle) { r.GET(p, h) }

// getter is an interface the application declares over its routers.
type getter interface {
	GET(path string, h httprouter.Handle)
}

func healthRoutes(r getter) {
	r.GET("/health", health) // want http "GET /health" example.com/eprouters/httprouter.health http "GET /admin/health" example.com/eprouters/httprouter.health
}

// Handler serves identities.
type Handler struct{}

func (h *Handler) list(w http.ResponseWriter, r *http.Request, _ httprouter.Params)      {}
func (h *Handler) del(w http.ResponseWriter, r *http.Request, _ httprouter.Params)       {}
func (h *Handler) adminList(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {}

func (h *Handler) RegisterPublic(r *Router) {
	r.GET("/identities", h.list)                // want http "GET /identities" example.com/eprouters/httprouter.Handler.list
	r.Handle("DELETE", "/identities/:id", h.del) // want http "DELETE /identities/:id" example.com/eprouters/httprouter.Handler.del
}

func (h *Handler) RegisterAdmin(r *AdminRouter) {
	r.GET("/identities", h.adminList) // want http "GET /admin/identities" example.com/eprouters/httprouter.Handler.adminList
}

func health(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {}
func plain(w http.ResponseWriter, r *http.Request, _ httprouter.Params)  {}
func helper(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {}

type metrics struct{}

func (metrics) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// Setup builds the routers.
func Setup() (*httprouter.Router, *Router, *AdminRouter) {
	hr := httprouter.New()
	hr.GET("/plain", plain)                 // want http "GET /plain" example.com/eprouters/httprouter.plain
	hr.Handler("GET", "/metrics", metrics{}) // want http "GET /metrics" example.com/eprouters/httprouter.metrics.ServeHTTP
	get(hr, "/helper", helper)              // want http "GET /helper" example.com/eprouters/httprouter.helper
	pub := &Router{Router: httprouter.New()}
	adm := &AdminRouter{Router: httprouter.New()}
	h := &Handler{}
	h.RegisterPublic(pub)
	h.RegisterAdmin(adm)
	healthRoutes(pub)
	healthRoutes(adm)
	return hr, pub, adm
}
