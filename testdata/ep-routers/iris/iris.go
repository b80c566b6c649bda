// Package iris registers routes on github.com/kataras/iris/v12: Party,
// PartyFunc and Handle.
package iris

import "github.com/kataras/iris/v12"

func index(ctx iris.Context)   {}
func getUser(ctx iris.Context) {}
func reload(ctx iris.Context)  {}
func delItem(ctx iris.Context) {}
func auth(ctx iris.Context)    { ctx.Next() }

// New builds the application.
func New() *iris.Application {
	app := iris.New()
	app.Get("/", index) // want http "GET /" example.com/eprouters/iris.index
	users := app.Party("/users", auth)
	users.Get("/{id:uint64}", getUser) // want http "GET /users/{id:uint64}" example.com/eprouters/iris.getUser
	app.PartyFunc("/admin", func(p iris.Party) {
		p.Post("/reload", reload) // want http "POST /admin/reload" example.com/eprouters/iris.reload
	})
	app.Handle("DELETE", "/items/{id}", delItem) // want http "DELETE /items/{id}" example.com/eprouters/iris.delItem
	return app
}
