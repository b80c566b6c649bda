// Package extrouter is a router wrapper in a module of its own, as ory/x's
// httprouterx is to hydra: the application imports it, so its bodies are
// not loaded and only its methods' signatures can say what they register.
package extrouter

import (
	"net/http"
	"path"

	"github.com/julienschmidt/httprouter"
)

// RouterAdmin puts its routes under a prefix set at run time.
type RouterAdmin struct {
	*httprouter.Router
	prefix string
}

func NewRouterAdmin(prefix string) *RouterAdmin {
	return &RouterAdmin{Router: httprouter.New(), prefix: prefix}
}

func (r *RouterAdmin) GET(route string, h httprouter.Handle) { r.handle(http.MethodGet, route, h) }

func (r *RouterAdmin) POST(route string, h httprouter.Handle) { r.handle(http.MethodPost, route, h) }

func (r *RouterAdmin) Handle(method, route string, h httprouter.Handle) { r.handle(method, route, h) }

// Lookup has a router's method name but registers nothing: its parameters
// carry no handler.
func (r *RouterAdmin) Lookup(method, route string) {
	r.Router.Lookup(method, path.Join(r.prefix, route))
}

func (r *RouterAdmin) handle(method, route string, h httprouter.Handle) {
	r.Router.Handle(method, path.Join(r.prefix, route), h)
}
