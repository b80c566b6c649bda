// Package wrapped registers its routes through the application's own
// router (package web) and through a helper function: the routes are found
// by following what the wrappers forward to chi, not by their names.
package wrapped

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/ep/wrapped/web"
)

func home(w http.ResponseWriter, r *http.Request)      {}
func login(w http.ResponseWriter, r *http.Request)     {}
func doLogin(w http.ResponseWriter, r *http.Request)   {}
func settings(w http.ResponseWriter, r *http.Request)  {}
func issues(w http.ResponseWriter, r *http.Request)    {}
func newIssue(w http.ResponseWriter, r *http.Request)  {}
func hook(w http.ResponseWriter, r *http.Request)      {}
func version(w http.ResponseWriter, r *http.Request)   {}
func repo(w http.ResponseWriter, r *http.Request)      {}
func notFound(w http.ResponseWriter, r *http.Request)  {}
func ping(w http.ResponseWriter, r *http.Request)      {}
func status(w http.ResponseWriter, r *http.Request)    {}
func reqSignIn(w http.ResponseWriter, r *http.Request) {}
func metrics(w http.ResponseWriter, r *http.Request)   {}
func posters(w http.ResponseWriter, r *http.Request)   {}
func secrets(w http.ResponseWriter, r *http.Request)   {}

// Routes builds the web router and mounts the API under /api/v1.
func Routes() *web.Router {
	m := web.NewRouter()
	m.Get("/", home) // want http "GET /" example.com/ep/wrapped.home
	m.Group("/user", func() {
		m.Combo("/login").Get(login).Post(doLogin) // want http "GET /user/login" example.com/ep/wrapped.login http "POST /user/login" example.com/ep/wrapped.doLogin
		m.Get("/settings", reqSignIn, settings)    // want http "GET /user/settings" example.com/ep/wrapped.settings
	})
	m.Group("/{owner}/{repo}", func() {
		m.Get("", repo) // want http "GET /{owner}/{repo}" example.com/ep/wrapped.repo
		repoRoutes(m)
	}, reqSignIn)
	m.Methods("GET, POST", "/hook", hook) // want http "GET /hook" example.com/ep/wrapped.hook http "POST /hook" example.com/ep/wrapped.hook
	// One function's routes under two groups, and under two routers.
	viewRoutes := func() {
		m.Get("/posters", posters) // want http "GET /{owner}/{repo}/issues/posters" example.com/ep/wrapped.posters http "GET /{owner}/{repo}/pulls/posters" example.com/ep/wrapped.posters
	}
	m.Group("/{owner}/{repo}/issues", viewRoutes)
	m.Group("/{owner}/{repo}/pulls", viewRoutes)
	addSecrets := func(m *web.Router) {
		m.Get("/secrets", secrets) // want http "GET /user/actions/secrets" example.com/ep/wrapped.secrets http "GET /orgs/actions/secrets" example.com/ep/wrapped.secrets
	}
	m.Group("/user/actions", func() { addSecrets(m) })
	m.Group("/orgs/actions", func() { addSecrets(m) })
	mid := []any{reqSignIn}
	m.Get("/metrics", append(mid, metrics)...) // want http "GET /metrics" example.com/ep/wrapped.metrics
	m.NotFound(notFound)                       // want http "ANY /*" example.com/ep/wrapped.notFound
	m.Mount("/api/v1", apiRoutes())            // want http "ANY /api/v1/*" example.com/ep/wrapped.apiRoutes mount
	return m
}

func repoRoutes(m *web.Router) {
	m.Group("/issues", func() {
		m.Get("", issues)        // want http "GET /{owner}/{repo}/issues" example.com/ep/wrapped.issues
		m.Post("/new", newIssue) // want http "POST /{owner}/{repo}/issues/new" example.com/ep/wrapped.newIssue
	})
}

func apiRoutes() *web.Router {
	m := web.NewRouter()
	m.Get("/version", version) // want http "GET /api/v1/version" example.com/ep/wrapped.version
	m.Any("/ping", ping)       // want http "ANY /api/v1/ping" example.com/ep/wrapped.ping
	return m
}

// get is a helper function over chi with a prefix of its own.
func get(r chi.Router, p string, h http.HandlerFunc) { r.Get("/internal"+p, h) }

// Internal registers through the helper.
func Internal() http.Handler {
	r := chi.NewRouter()
	get(r, "/status", status) // want http "GET /internal/status" example.com/ep/wrapped.status
	return r
}
