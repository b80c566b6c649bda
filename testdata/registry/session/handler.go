// Package session is the session API.
package session

import (
	"net/http"

	"example.com/idp/v3/x"
)

type dependencies interface {
	CSRFHandler() *x.CSRFHandler
}

// Handler serves the session routes.
type Handler struct {
	d     dependencies
	token string
}

// NewHandler builds the handler.
func NewHandler(d dependencies) *Handler { return &Handler{d: d} }

// RegisterPublicRoutes registers the session routes. It reads the CSRF
// token as it registers them, as kratos' handlers do.
func (h *Handler) RegisterPublicRoutes(public *x.RouterPublic) {
	h.token = h.d.CSRFHandler().Token()
	public.HandleFunc("GET /sessions/whoami", h.whoami)
	public.HandleFunc("DELETE /sessions", h.logout)
}

func (h *Handler) whoami(w http.ResponseWriter, r *http.Request) {
	if _, err := r.Cookie("session"); err != nil {
		http.Error(w, "no session", http.StatusUnauthorized)
		return
	}
	w.Write([]byte("{}"))
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-CSRF-Token", h.token)
	w.WriteHeader(http.StatusNoContent)
}
