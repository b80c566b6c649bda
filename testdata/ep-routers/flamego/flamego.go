// Package flamego registers routes on github.com/flamego/flamego, which
// scopes groups like macaron.
package flamego

import "github.com/flamego/flamego"

func home() string               { return "home" }
func listUsers(c flamego.Context) {}
func item() string               { return "item" }
func saveItem(c flamego.Context)  {}
func multi() string              { return "multi" }

// New builds the application.
func New() *flamego.Flame {
	f := flamego.New()
	f.Get("/", home) // want http "GET /" example.com/eprouters/flamego.home
	f.Group("/api", func() {
		f.Get("/users", listUsers)             // want http "GET /api/users" example.com/eprouters/flamego.listUsers
		f.Combo("/items").Get(item).Put(saveItem) // want http "GET /api/items" example.com/eprouters/flamego.item http "PUT /api/items" example.com/eprouters/flamego.saveItem
	})
	f.Routes("/multi", "GET,DELETE", multi) // want http "GET /multi" example.com/eprouters/flamego.multi http "DELETE /multi" example.com/eprouters/flamego.multi
	return f
}
