// Package web serves the pages.
package web

import (
	"fmt"
	"net/http"

	"example.com/notes/v2/internal/config"
	"example.com/notes/v2/internal/search"
	"example.com/notes/v2/internal/store"
)

// Serve returns the web pages; it reads the title from the configuration
// (nil until main has parsed it).
func Serve(s *store.Store) http.Handler {
	title := config.Opts.Title
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("User-agent: *\nDisallow: /\n"))
	})
	mux.HandleFunc("GET /about", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<h1>%s</h1><p>%d notes</p>", title, len(s.List()))
	})
	mux.HandleFunc("GET /search", func(w http.ResponseWriter, r *http.Request) {
		results := search.Find(s.List(), r.URL.Query().Get("q"))
		if len(results) == 0 {
			http.Error(w, "no note matches", http.StatusNotFound)
			return
		}
		for _, res := range results {
			fmt.Fprintf(w, "<p>%s</p>", search.Highlight(res.Note.Text, r.URL.Query().Get("q")))
		}
	})
	return mux
}
