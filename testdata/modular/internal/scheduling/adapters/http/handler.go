// Package http exposes the scheduling use cases over HTTP.
package http

import (
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"example.com/clinic/internal/platform/httpx"
	"example.com/clinic/internal/scheduling/app"
	"example.com/clinic/internal/scheduling/domain"
)

// Handler serves /v1/scheduling.
type Handler struct{ svc *app.Service }

// NewHandler returns a Handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Routes registers the scheduling routes.
func (h *Handler) Routes(r chi.Router) {
	r.Post("/appointments", h.book)
	r.Route("/appointments/{id}", func(r chi.Router) {
		r.Get("/", h.get)
		r.Post("/check-in", h.checkIn)
		r.With(httpx.RequireRole("vet")).Post("/complete", h.complete)
		r.Post("/cancel", h.cancel)
	})
	r.Get("/vets/{vetID}/agenda", h.agenda)
}

type appointmentDTO struct {
	ID        string            `json:"id"`
	PatientID string            `json:"patient_id"`
	OwnerID   string            `json:"owner_id"`
	VetID     string            `json:"vet_id"`
	Kind      string            `json:"kind"`
	Start     time.Time         `json:"start"`
	End       time.Time         `json:"end"`
	Reason    string            `json:"reason"`
	Status    string            `json:"status"`
	Note      string            `json:"note,omitempty"`
	Items     []domain.UsedItem `json:"items,omitempty"`
}

func toDTO(a domain.Appointment) appointmentDTO {
	return appointmentDTO{ID: a.ID, PatientID: a.PatientID, OwnerID: a.OwnerID, VetID: a.VetID,
		Kind: string(a.Kind), Start: a.Start, End: a.End(), Reason: a.Reason, Status: string(a.Status),
		Note: a.ClinicalNote, Items: a.Items}
}

func writeErr(w http.ResponseWriter, r *http.Request, err error) {
	var te *domain.TransitionError
	switch {
	case errors.Is(err, domain.ErrAppointmentNotFound):
		err = httpx.NotFound(err)
	case errors.Is(err, domain.ErrSlotTaken), errors.As(err, &te):
		err = httpx.Conflict(err)
	case errors.Is(err, domain.ErrInPast), errors.Is(err, domain.ErrOutsideHours),
		errors.Is(err, domain.ErrInvalidDuration), errors.Is(err, domain.ErrNotAVet),
		errors.Is(err, domain.ErrPatientUnavailable):
		err = httpx.Unprocessable(err)
	}
	httpx.Error(w, r, err)
}

func (h *Handler) respond(w http.ResponseWriter, r *http.Request, status int, a domain.Appointment, err error) {
	if err != nil {
		writeErr(w, r, err)
		return
	}
	httpx.JSON(w, status, toDTO(a))
}

func (h *Handler) book(w http.ResponseWriter, r *http.Request) {
	in, err := httpx.Decode[app.Book](r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, err := h.svc.Book(r.Context(), in)
	h.respond(w, r, http.StatusCreated, a, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Get(r.Context(), chi.URLParam(r, "id"))
	h.respond(w, r, http.StatusOK, a, err)
}

func (h *Handler) checkIn(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.CheckIn(r.Context(), chi.URLParam(r, "id"))
	h.respond(w, r, http.StatusOK, a, err)
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request) {
	in, err := httpx.Decode[app.Complete](r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a, err := h.svc.Complete(r.Context(), chi.URLParam(r, "id"), in)
	h.respond(w, r, http.StatusOK, a, err)
}

func (h *Handler) cancel(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Cancel(r.Context(), chi.URLParam(r, "id"))
	h.respond(w, r, http.StatusOK, a, err)
}

func (h *Handler) agenda(w http.ResponseWriter, r *http.Request) {
	day := time.Now().UTC()
	if d := r.URL.Query().Get("day"); d != "" {
		parsed, err := time.Parse(time.DateOnly, d)
		if err != nil {
			httpx.Error(w, r, httpx.BadRequest(err))
			return
		}
		day = parsed
	}
	as, err := h.svc.Agenda(r.Context(), chi.URLParam(r, "vetID"), day)
	if err != nil {
		writeErr(w, r, err)
		return
	}
	out := make([]appointmentDTO, len(as))
	for i, a := range as {
		out[i] = toDTO(a)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": out})
}
