// Package http exposes the notification outbox to clinic admins.
package http

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/clinic/internal/notifications/app"
	"example.com/clinic/internal/notifications/domain"
	"example.com/clinic/internal/platform/httpx"
)

// Handler serves /v1/notifications.
type Handler struct{ svc *app.Service }

// NewHandler returns a Handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Routes registers the notifications routes.
func (h *Handler) Routes(r chi.Router) {
	r.Use(httpx.RequireRole("admin", "receptionist"))
	r.Get("/outbox", h.list)
	r.Post("/outbox/{id}/retry", h.retry)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	page, err := h.svc.List(r.Context(), r.URL.Query().Get("status"), httpx.Paging(r))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, page)
}

func (h *Handler) retry(w http.ResponseWriter, r *http.Request) {
	err := h.svc.Retry(r.Context(), chi.URLParam(r, "id"))
	switch {
	case err == nil:
		w.WriteHeader(http.StatusAccepted)
		return
	case errors.Is(err, domain.ErrNotificationNotFound):
		err = httpx.NotFound(err)
	case errors.Is(err, domain.ErrNotFailed):
		err = httpx.Conflict(err)
	}
	httpx.Error(w, r, err)
}
