// Package beego registers routes on github.com/beego/beego/v2: controllers
// with and without method mappings, functions, namespaces.
package beego

import (
	"github.com/beego/beego/v2/server/web"
	beecontext "github.com/beego/beego/v2/server/web/context"
)

// UserController serves GET and POST itself.
type UserController struct{ web.Controller }

func (c *UserController) Get()  {}
func (c *UserController) Post() {}
func (c *UserController) List() {}

// OrderController is mapped explicitly.
type OrderController struct{ web.Controller }

func (c *OrderController) List()   {}
func (c *OrderController) Create() {}

func stats(ctx *beecontext.Context) {}

// Routes registers everything.
func Routes() {
	web.Router("/user", &UserController{})              // want http "GET /user" example.com/eprouters/beego.UserController.Get http "POST /user" example.com/eprouters/beego.UserController.Post
	web.Router("/users", &UserController{}, "get:List") // want http "GET /users" example.com/eprouters/beego.UserController.List
	web.Get("/health", func(ctx *beecontext.Context) {  // want http "GET /health" example.com/eprouters/beego.Routes
		_ = ctx.Output.Body([]byte("ok"))
	})
	ns := web.NewNamespace("/v1",
		web.NSRouter("/orders", &OrderController{}, "get:List;post:Create"), // want http "GET /v1/orders" example.com/eprouters/beego.OrderController.List http "POST /v1/orders" example.com/eprouters/beego.OrderController.Create
		web.NSNamespace("/admin",
			web.NSGet("/stats", stats), // want http "GET /v1/admin/stats" example.com/eprouters/beego.stats
		),
	)
	web.AddNamespace(ns)
}
