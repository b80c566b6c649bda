// Package http exposes the identity use cases over HTTP.
package http

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/clinic/internal/identity/app"
	"example.com/clinic/internal/identity/domain"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/httpx"
)

// Handler serves /v1/identity.
type Handler struct{ svc *app.Service }

// NewHandler returns a Handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Routes registers the identity routes. Login is public; the rest requires a session.
func (h *Handler) Routes(r chi.Router) {
	r.Post("/sessions", h.login)
	r.Group(func(r chi.Router) {
		r.Use(httpx.RequireAuth(h.svc))
		r.Get("/staff", h.list)
		r.Get("/staff/{id}", h.get)
		r.With(httpx.RequireRole(string(domain.RoleAdmin))).Post("/staff", h.register)
	})
}

type userDTO struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	Role  string `json:"role"`
}

func toDTO(u domain.User) userDTO {
	return userDTO{ID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role)}
}

func writeErr(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, domain.ErrUserNotFound):
		err = httpx.NotFound(err)
	case errors.Is(err, domain.ErrEmailTaken):
		err = httpx.Conflict(err)
	case errors.Is(err, domain.ErrInvalidCredentials):
		err = httpx.NewProblem(http.StatusUnauthorized, "unauthenticated", err.Error())
	case errors.Is(err, domain.ErrInvalidEmail), errors.Is(err, domain.ErrInvalidRole):
		err = httpx.Unprocessable(err)
	}
	httpx.Error(w, r, err)
}

func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	in, err := httpx.Decode[struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}](r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	sess, err := h.svc.Login(r.Context(), in.Email, in.Password)
	if err != nil {
		writeErr(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, map[string]any{"token": sess.Token, "expires_at": sess.ExpiresAt})
}

func (h *Handler) register(w http.ResponseWriter, r *http.Request) {
	in, err := httpx.Decode[app.RegisterStaff](r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	u, err := h.svc.RegisterStaff(r.Context(), in)
	if err != nil {
		writeErr(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, toDTO(u))
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) {
	page, err := h.svc.ListStaff(r.Context(), httpx.Paging(r))
	if err != nil {
		writeErr(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, db.Map(page, toDTO))
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	u, err := h.svc.User(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		writeErr(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, toDTO(u))
}
