//go:build !nodebug

package main

import (
	"database/sql"
	"expvar"
	"net/http"
	"net/http/pprof"

	"github.com/go-chi/chi/v5"

	"example.com/clinic/internal/platform/httpx"
)

// mountDebug exposes operational endpoints. Release images are built with
// -tags nodebug, which replaces this file with a no-op.
func mountDebug(root *chi.Mux, conn *sql.DB) {
	root.Route("/debug", func(r chi.Router) {
		r.Get("/routes", func(w http.ResponseWriter, _ *http.Request) {
			var routes []string
			_ = chi.Walk(root, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
				routes = append(routes, method+" "+route)
				return nil
			})
			httpx.JSON(w, http.StatusOK, routes)
		})
		r.Get("/db", func(w http.ResponseWriter, _ *http.Request) { httpx.JSON(w, http.StatusOK, conn.Stats()) })
		r.Get("/vars", expvar.Handler().ServeHTTP)
		r.HandleFunc("/pprof/*", pprof.Index)
		r.HandleFunc("/pprof/profile", pprof.Profile)
	})
}
