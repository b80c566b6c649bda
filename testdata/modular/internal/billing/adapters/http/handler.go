// Package http exposes the billing use cases over HTTP.
package http

import (
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"example.com/clinic/internal/billing/app"
	"example.com/clinic/internal/billing/domain"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/httpx"
)

// Handler serves /v1/billing.
type Handler struct{ svc *app.Service }

// NewHandler returns a Handler.
func NewHandler(svc *app.Service) *Handler { return &Handler{svc: svc} }

// Routes registers the billing routes.
func (h *Handler) Routes(r chi.Router) {
	r.Get("/invoices/{id}", h.get)
	r.Post("/invoices/{id}/issue", h.issue)
	r.Post("/invoices/{id}/payments", h.pay)
	r.Get("/owners/{ownerID}/invoices", h.forOwner)
	r.With(httpx.RequireRole("admin")).Put("/prices/{sku}", h.setPrice)
}

type invoiceDTO struct {
	ID            string        `json:"id"`
	OwnerID       string        `json:"owner_id"`
	AppointmentID string        `json:"appointment_id"`
	BillTo        string        `json:"bill_to"`
	Status        string        `json:"status"`
	Lines         []domain.Line `json:"lines,omitempty"`
	Total         string        `json:"total"`
	Balance       string        `json:"balance"`
	DueAt         time.Time     `json:"due_at,omitzero"`
}

func toDTO(inv domain.Invoice) invoiceDTO {
	return invoiceDTO{ID: inv.ID, OwnerID: inv.OwnerID, AppointmentID: inv.AppointmentID, BillTo: inv.BillToName,
		Status: string(inv.Status), Lines: inv.Lines, Total: inv.Total().String(), Balance: inv.Balance().String(), DueAt: inv.DueAt}
}

func respond(w http.ResponseWriter, r *http.Request, inv domain.Invoice, err error) {
	switch {
	case err == nil:
		httpx.JSON(w, http.StatusOK, toDTO(inv))
		return
	case errors.Is(err, domain.ErrInvoiceNotFound):
		err = httpx.NotFound(err)
	case errors.Is(err, domain.ErrNotDraft), errors.Is(err, domain.ErrNotIssued):
		err = httpx.Conflict(err)
	case errors.Is(err, domain.ErrOverpayment), errors.Is(err, domain.ErrEmptyInvoice):
		err = httpx.Unprocessable(err)
	}
	httpx.Error(w, r, err)
}

func (h *Handler) get(w http.ResponseWriter, r *http.Request) {
	inv, err := h.svc.Get(r.Context(), chi.URLParam(r, "id"))
	respond(w, r, inv, err)
}

func (h *Handler) issue(w http.ResponseWriter, r *http.Request) {
	inv, err := h.svc.Issue(r.Context(), chi.URLParam(r, "id"))
	respond(w, r, inv, err)
}

func (h *Handler) pay(w http.ResponseWriter, r *http.Request) {
	in, err := httpx.Decode[struct {
		AmountCents int64 `json:"amount_cents"`
	}](r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	inv, err := h.svc.Pay(r.Context(), chi.URLParam(r, "id"), in.AmountCents)
	respond(w, r, inv, err)
}

func (h *Handler) forOwner(w http.ResponseWriter, r *http.Request) {
	page, err := h.svc.ForOwner(r.Context(), chi.URLParam(r, "ownerID"), httpx.Paging(r))
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, db.Map(page, toDTO))
}

func (h *Handler) setPrice(w http.ResponseWriter, r *http.Request) {
	in, err := httpx.Decode[struct {
		Description string `json:"description"`
		UnitCents   int64  `json:"unit_cents"`
	}](r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if err := h.svc.SetPrice(r.Context(), chi.URLParam(r, "sku"), in.Description, in.UnitCents); err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
