// Package health is the health API.
package health

import (
	"net/http"

	"example.com/idp/v3/x"
)

type pinger interface{ Ping() error }

// Handler serves the health routes.
type Handler struct {
	db   pinger
	name string
}

// NewHandler builds the handler.
func NewHandler(db pinger, name string) *Handler { return &Handler{db: db, name: name} }

// RegisterPublicRoutes registers the health routes.
func (h *Handler) RegisterPublicRoutes(public *x.RouterPublic) {
	public.HandleFunc("GET /health/alive", h.alive)
	public.HandleFunc("GET /health/ready", h.ready)
}

func (h *Handler) alive(w http.ResponseWriter, r *http.Request) { w.Write([]byte(h.name)) }

func (h *Handler) ready(w http.ResponseWriter, r *http.Request) {
	if err := h.db.Ping(); err != nil {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusOK)
}
