package wrapped

import (
	"net/http"

	"github.com/gorilla/mux"
)

// API registers on gorilla/mux through a method taking the path, the
// handler and the methods, as cortex's API.RegisterRoute does.
type API struct {
	server struct{ HTTP *mux.Router }
	auth   func(http.Handler) http.Handler
}

func (a *API) RegisterRoute(path string, handler http.Handler, auth bool, method string, methods ...string) {
	methods = append([]string{method}, methods...)
	if auth {
		handler = a.auth(handler)
	}
	a.server.HTTP.Path(path).Methods(methods...).Handler(handler)
}

// RegisterPrefix serves everything under prefix.
func (a *API) RegisterPrefix(prefix string, handler http.Handler) {
	a.server.HTTP.PathPrefix(prefix).Handler(handler)
}

type pushHandler struct{}

func (pushHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

type rulesHandler struct{}

func (rulesHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// RegisterAPI registers the API's routes.
func (a *API) RegisterAPI() {
	a.RegisterRoute("/api/v1/push", pushHandler{}, true, "POST")                 // want http "POST /api/v1/push" example.com/ep/wrapped.pushHandler.ServeHTTP
	a.RegisterRoute("/api/v1/rules", rulesHandler{}, true, "GET", "POST", "PUT") // want http "GET /api/v1/rules" example.com/ep/wrapped.rulesHandler.ServeHTTP http "POST /api/v1/rules" example.com/ep/wrapped.rulesHandler.ServeHTTP http "PUT /api/v1/rules" example.com/ep/wrapped.rulesHandler.ServeHTTP
	a.RegisterPrefix("/static/", http.HandlerFunc(status))                       // want http "ANY /static/" example.com/ep/wrapped.status
}
