// Package api is the REST API.
package api

import (
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"

	"example.com/notes/v2/internal/config"
	"example.com/notes/v2/internal/store"
)

type handler struct {
	store *store.Store
	token string
}

// NewHandler returns the API's routes.
func NewHandler(s *store.Store) http.Handler {
	h := &handler{store: s, token: config.Opts.Token}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/notes", h.list)
	mux.HandleFunc("GET /v1/notes/{id}", h.get)
	mux.HandleFunc("POST /v1/notes", h.create)
	mux.HandleFunc("DELETE /v1/notes/{id}", h.remove)
	return mux
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, h.store.List())
}

func (h *handler) get(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	n, err := h.store.Get(id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	writeJSON(w, http.StatusOK, n)
}

func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	text := strings.TrimSpace(string(b))
	if text == "" {
		http.Error(w, "empty note", http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusCreated, h.store.Add(text))
}

func (h *handler) remove(w http.ResponseWriter, r *http.Request) {
	if h.token == "" || r.Header.Get("Authorization") != "Bearer "+h.token {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	id, _ := strconv.Atoi(r.PathValue("id"))
	if err := h.store.Delete(id); err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
