package httprouter

import (
	"net/http"

	"github.com/julienschmidt/httprouter"

	"example.com/extrouter"
)

// Clients registers on a router wrapper of another module (hydra on ory/x's
// httprouterx): its GET(path, httprouter.Handle) says it registers an
// httprouter route.
type Clients struct{}

func (c *Clients) list(w http.ResponseWriter, r *http.Request, _ httprouter.Params)   {}
func (c *Clients) create(w http.ResponseWriter, r *http.Request, _ httprouter.Params) {}
func (c *Clients) patch(w http.ResponseWriter, r *http.Request, _ httprouter.Params)  {}

func (c *Clients) SetRoutes(admin *extrouter.RouterAdmin) {
	admin.GET("/clients", c.list)                  // want http "GET /clients" example.com/eprouters/httprouter.Clients.list
	admin.POST("/clients", c.create)               // want http "POST /clients" example.com/eprouters/httprouter.Clients.create
	admin.Handle("PATCH", "/clients/:id", c.patch) // want http "PATCH /clients/:id" example.com/eprouters/httprouter.Clients.patch
	admin.Lookup("GET", "/clients")
}

// Routes builds the admin router.
func Routes() *extrouter.RouterAdmin {
	admin := extrouter.NewRouterAdmin("/admin")
	(&Clients{}).SetRoutes(admin)
	return admin
}
