// Package hertz registers routes on github.com/cloudwego/hertz, whose
// router groups are gin's.
package hertz

import (
	"context"

	"github.com/cloudwego/hertz/pkg/app"
	"github.com/cloudwego/hertz/pkg/app/server"
)

func ping(ctx context.Context, c *app.RequestContext)   {}
func create(ctx context.Context, c *app.RequestContext) {}
func list(ctx context.Context, c *app.RequestContext)   {}
func mw(ctx context.Context, c *app.RequestContext)     { c.Next(ctx) }

// New builds the server.
func New() *server.Hertz {
	h := server.Default()
	h.GET("/ping", ping) // want http "GET /ping" example.com/eprouters/hertz.ping
	v1 := h.Group("/v1/")
	v1.POST("/users", mw, create) // want http "POST /v1/users" example.com/eprouters/hertz.create
	v1.Use(mw).GET("", list)      // want http "GET /v1/" example.com/eprouters/hertz.list
	return h
}
