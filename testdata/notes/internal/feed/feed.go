// Package feed is a feed-reader API in the style of Fever: one URL, the
// operation in the query parameters.
package feed

import (
	"encoding/json"
	"net/http"

	"example.com/notes/v2/internal/store"
)

// NewHandler returns the feed API.
func NewHandler(s *store.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		out := map[string]any{"api_version": 1}
		switch r.URL.Query().Get("api") {
		case "":
			out["auth"] = 0
		case "items":
			out["items"] = s.List()
		default:
			http.Error(w, "unknown api", http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(out)
	})
}
