// Package http exposes the patients use cases over HTTP.
package http

import (
	"errors"
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/clinic/internal/patients/app"
	"example.com/clinic/internal/patients/domain"
	"example.com/clinic/internal/platform/httpx"
)

// Handler serves /v1/patients.
type Handler struct{ svc *app.Service }

// NewHandler returns a Handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Routes registers the patients routes.
func (h *Handler) Routes(r chi.Router) {
	r.Post("/owners", h.createOwner)
	r.Get("/owners/{ownerID}", h.getOwner)
	r.Get("/owners/{ownerID}/patients", h.listPatients)
	r.Post("/patients", h.createPatient)
	r.Get("/patients/{patientID}", h.getPatient)
}

func writeErr(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, domain.ErrOwnerNotFound), errors.Is(err, domain.ErrPatientNotFound):
		err = httpx.NotFound(err)
	case errors.Is(err, domain.ErrInvalidSpecies), errors.Is(err, domain.ErrNameRequired),
		errors.Is(err, domain.ErrContactRequired):
		err = httpx.Unprocessable(err)
	}
	httpx.Error(w, r, err)
}

func reply[T any](w http.ResponseWriter, r *http.Request, status int, v T, err error) {
	if err != nil {
		writeErr(w, r, err)
		return
	}
	httpx.JSON(w, status, v)
}

func (h *Handler) createOwner(w http.ResponseWriter, r *http.Request) {
	in, err := httpx.Decode[app.NewOwner](r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	o, err := h.svc.RegisterOwner(r.Context(), in)
	reply(w, r, http.StatusCreated, o, err)
}

func (h *Handler) getOwner(w http.ResponseWriter, r *http.Request) {
	o, err := h.svc.Owner(r.Context(), chi.URLParam(r, "ownerID"))
	reply(w, r, http.StatusOK, o, err)
}

func (h *Handler) listPatients(w http.ResponseWriter, r *http.Request) {
	ps, err := h.svc.PatientsOfOwner(r.Context(), chi.URLParam(r, "ownerID"))
	reply(w, r, http.StatusOK, map[string]any{"items": ps}, err)
}

func (h *Handler) createPatient(w http.ResponseWriter, r *http.Request) {
	in, err := httpx.Decode[app.NewPatient](r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := h.svc.RegisterPatient(r.Context(), in)
	reply(w, r, http.StatusCreated, p, err)
}

func (h *Handler) getPatient(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.Patient(r.Context(), chi.URLParam(r, "patientID"))
	reply(w, r, http.StatusOK, p, err)
}
