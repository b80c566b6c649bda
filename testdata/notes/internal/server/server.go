// Package server wires the handlers and serves them.
package server

import (
	"net/http"

	"example.com/notes/v2/internal/api"
	"example.com/notes/v2/internal/feed"
	"example.com/notes/v2/internal/store"
	"example.com/notes/v2/internal/web"
)

// Start serves the program on addr until it fails.
func Start(addr string, s *store.Store) error {
	return http.ListenAndServe(addr, newRouter(s))
}

func newRouter(s *store.Store) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", health)
	mux.Handle("/feed/", feed.NewHandler(s))
	mux.Handle("/v1/", api.NewHandler(s))
	mux.Handle("/", web.Serve(s))
	return mux
}

func health(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok")) }
