package handlers

import (
	"net/http"

	"github.com/go-chi/chi/v5"

	"example.com/shop/models"
	"example.com/shop/platform/httpx"
	"example.com/shop/services"
)

// ReviewHandler serves the review API.
type ReviewHandler struct {
	reviews    *services.ReviewService
	adminToken string
}

// NewReviewHandler builds the review handler.
func NewReviewHandler(reviews *services.ReviewService, adminToken string) *ReviewHandler {
	return &ReviewHandler{reviews: reviews, adminToken: adminToken}
}

// Routes mounts the review routes on r.
func (h *ReviewHandler) Routes(r chi.Router) {
	r.Route("/v1/reviews", func(r chi.Router) {
		r.Post("/", h.submit)
		r.Get("/products/{productID}", h.listForProduct)
		r.Get("/products/{productID}/summary", h.summary)

		r.Group(func(r chi.Router) {
			r.Use(httpx.RequireAdmin(h.adminToken))
			r.Post("/{id}/moderation", h.moderate)
		})
	})
}

func (h *ReviewHandler) submit(w http.ResponseWriter, r *http.Request) {
	var in models.ReviewInput
	if err := httpx.ReadJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	review, err := h.reviews.Submit(r.Context(), in)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	status := http.StatusCreated
	if review.Status == models.ReviewPending {
		status = http.StatusAccepted
	}
	httpx.WriteJSON(w, status, review)
}

func (h *ReviewHandler) listForProduct(w http.ResponseWriter, r *http.Request) {
	page, err := httpx.Pagination(r, 10, 50)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	list, err := h.reviews.ListForProduct(r.Context(), chi.URLParam(r, "productID"), page.Limit, page.Offset)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if list == nil {
		list = []models.Review{}
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"reviews": list})
}

func (h *ReviewHandler) summary(w http.ResponseWriter, r *http.Request) {
	sum, err := h.reviews.Summary(r.Context(), chi.URLParam(r, "productID"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=60")
	httpx.WriteJSON(w, http.StatusOK, sum)
}

func (h *ReviewHandler) moderate(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status models.ReviewStatus `json:"status"`
	}
	if err := httpx.ReadJSON(w, r, &body); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	review, err := h.reviews.Moderate(r.Context(), chi.URLParam(r, "id"), body.Status)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, review)
}
