// Package fiber registers routes on a fiber app and its groups.
package fiber

import (
	"log"

	"github.com/gofiber/fiber/v2"
)

type handler struct{}

func (h *handler) index(c *fiber.Ctx) error { return c.SendString("index") }
func (h *handler) x(c *fiber.Ctx) error     { return c.SendStatus(fiber.StatusCreated) }
func (h *handler) m(c *fiber.Ctx) error     { return c.SendString("m") }
func (h *handler) del(c *fiber.Ctx) error   { return c.SendStatus(fiber.StatusNoContent) }

// authMW and logger are middleware, never handlers.
func authMW(c *fiber.Ctx) error {
	if c.Get("Authorization") == "" {
		return fiber.ErrUnauthorized
	}
	return c.Next()
}

func logger(c *fiber.Ctx) error {
	log.Println(c.Method(), c.Path())
	return c.Next()
}

// App builds the fiber app.
func App() *fiber.App {
	h := &handler{}
	app := fiber.New()
	// Negative: middleware registration is not a route.
	app.Use(logger)

	app.Get("/", h.index) // want http "GET /" example.com/ep/fiber.handler.index

	api := app.Group("/api")
	api.Post("/x", h.x) // want http "POST /api/x" example.com/ep/fiber.handler.x

	// Middleware before the handler: the handler is the LAST argument.
	api.Get("/m", authMW, h.m) // want http "GET /api/m" example.com/ep/fiber.handler.m

	// A nested group created with middleware; a closure returning one module call.
	v1 := api.Group("/v1", authMW)
	v1.Delete("/items/:id", func(c *fiber.Ctx) error { return h.del(c) }) // want http "DELETE /api/v1/items/:id" example.com/ep/fiber.handler.del
	return app
}
