// Package macaron registers routes on gopkg.in/macaron.v1: groups scoped by
// closures over the same router, Combo, Route with a methods string.
package macaron

import "gopkg.in/macaron.v1"

type handlers struct{}

func (h *handlers) home(ctx *macaron.Context)       {}
func (h *handlers) login(ctx *macaron.Context)      {}
func (h *handlers) doLogin(ctx *macaron.Context)    {}
func (h *handlers) profile(ctx *macaron.Context)    {}
func (h *handlers) repo(ctx *macaron.Context)       {}
func (h *handlers) updateRepo(ctx *macaron.Context) {}
func (h *handlers) hook(ctx *macaron.Context)       {}

func csrf(ctx *macaron.Context) {}

// Routes builds the application.
func Routes() *macaron.Macaron {
	m := macaron.New()
	h := &handlers{}
	m.Get("/", h.home) // want http "GET /" example.com/eprouters/macaron.handlers.home
	m.Group("/user", func() {
		m.Get("/login", h.login)          // want http "GET /user/login" example.com/eprouters/macaron.handlers.login
		m.Post("/login", csrf, h.doLogin) // want http "POST /user/login" example.com/eprouters/macaron.handlers.doLogin
		m.Group("/settings", func() {
			m.Any("/profile", h.profile) // want http "ANY /user/settings/profile" example.com/eprouters/macaron.handlers.profile
		})
	}, csrf)
	m.Combo("/repo").Get(h.repo).Post(h.updateRepo) // want http "GET /repo" example.com/eprouters/macaron.handlers.repo http "POST /repo" example.com/eprouters/macaron.handlers.updateRepo
	m.Route("/hook", "GET,POST", h.hook)            // want http "GET /hook" example.com/eprouters/macaron.handlers.hook http "POST /hook" example.com/eprouters/macaron.handlers.hook
	return m
}
