// Package echo registers routes on an echo instance and its groups.
package echo

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type handler struct{}

func (h *handler) ping(c echo.Context) error   { return c.String(http.StatusOK, "pong") }
func (h *handler) create(c echo.Context) error { return c.NoContent(http.StatusCreated) }
func (h *handler) z(c echo.Context) error      { return c.NoContent(http.StatusOK) }
func (h *handler) m(c echo.Context) error      { return c.String(http.StatusOK, "m") }
func (h *handler) del(c echo.Context) error    { return c.NoContent(http.StatusNoContent) }
func (h *handler) status(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"ok": "yes"})
}

// authMW is echo middleware, never a handler.
func authMW(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Header.Get("Authorization") == "" {
			return echo.ErrUnauthorized
		}
		return next(c)
	}
}

// New builds the echo instance.
func New() *echo.Echo {
	h := &handler{}
	e := echo.New()
	// Negative: middleware registration is not a route.
	e.Use(authMW)

	e.GET("/ping", h.ping) // want http "GET /ping" example.com/ep/echo.handler.ping

	g := e.Group("/admin")
	g.POST("/users", h.create) // want http "POST /admin/users" example.com/ep/echo.handler.create

	e.Add("PUT", "/z", h.z) // want http "PUT /z" example.com/ep/echo.handler.z

	// Unlike gin, echo takes middleware AFTER the handler: the handler is the path's next argument.
	e.GET("/m", h.m, authMW) // want http "GET /m" example.com/ep/echo.handler.m

	// Closure whose only statement is `return h.del(c)`.
	e.DELETE("/users/:id", func(c echo.Context) error { return h.del(c) }) // want http "DELETE /users/:id" example.com/ep/echo.handler.del

	// A nested group created with middleware.
	api := e.Group("/api", authMW)
	v2 := api.Group("/v2")
	v2.GET("/status", h.status) // want http "GET /api/v2/status" example.com/ep/echo.handler.status

	// Match takes a list of methods; Static serves prefix/*; an empty
	// sub-path is the group's path, with the leading slash echo adds.
	e.Match([]string{"GET", "POST"}, "/form", h.z, authMW) // want http "GET /form" example.com/ep/echo.handler.z http "POST /form" example.com/ep/echo.handler.z
	e.Static("/assets", "public")                          // want http "GET /assets/*" example.com/ep/echo.New
	v2.GET("", h.status)                                   // want http "GET /api/v2" example.com/ep/echo.handler.status
	return e
}
