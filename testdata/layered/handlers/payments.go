package handlers

import (
	"io"
	"log/slog"
	"net/http"
	"os"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/httpx"
	"example.com/shop/platform/idgen"
	"example.com/shop/services"
)

// maxWebhookBytes caps gateway notifications.
const maxWebhookBytes = 64 << 10

// PaymentHandler serves the payment API.
type PaymentHandler struct {
	payments   *services.PaymentService
	log        *slog.Logger
	adminToken string
}

// NewPaymentHandler builds the payment handler.
func NewPaymentHandler(payments *services.PaymentService, log *slog.Logger, adminToken string) *PaymentHandler {
	return &PaymentHandler{payments: payments, log: log, adminToken: adminToken}
}

// Register adds the payment routes to mux.
func (h *PaymentHandler) Register(mux *http.ServeMux) {
	guard := httpx.RequireAdmin(h.adminToken)
	mux.Handle("POST /v1/webhooks/payments/{provider}", &webhookHandler{payments: h.payments, log: h.log})
	mux.HandleFunc("GET /v1/payments", h.paymentForOrder)
	mux.HandleFunc("GET /v1/payments/{id}", h.getPayment)
	mux.Handle("POST /v1/payments/{id}/refunds", guard(http.HandlerFunc(h.createRefund)))
	mux.Handle("POST /v1/payments/webhook-secret", guard(http.HandlerFunc(h.rotateWebhookSecret)))
}

func (h *PaymentHandler) getPayment(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(w, r, "id")
	if !ok {
		return
	}
	p, err := h.payments.Get(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, p)
}

func (h *PaymentHandler) paymentForOrder(w http.ResponseWriter, r *http.Request) {
	orderID := r.URL.Query().Get("order_id")
	if orderID == "" {
		httpx.WriteError(w, r, apperr.Invalid("order_id is required", map[string]string{"order_id": "required"}))
		return
	}
	p, err := h.payments.GetByOrder(r.Context(), orderID)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, p)
}

func (h *PaymentHandler) createRefund(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(w, r, "id")
	if !ok {
		return
	}
	var req models.RefundRequest
	if err := httpx.ReadJSON(w, r, &req); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	refund, err := h.payments.Refund(r.Context(), id, req)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, refund)
}

// rotateWebhookSecret generates a new signing secret and makes it effective
// immediately; the response carries it once so ops can paste it into the
// gateway dashboard.
func (h *PaymentHandler) rotateWebhookSecret(w http.ResponseWriter, r *http.Request) {
	secret := idgen.Token(32)
	if err := os.Setenv("SHOP_WEBHOOK_SECRET", secret); err != nil {
		httpx.WriteError(w, r, apperr.Internal("payments.rotate_secret", err))
		return
	}
	h.log.Warn("webhook secret rotated", "remote", r.RemoteAddr)
	httpx.WriteJSON(w, http.StatusOK, map[string]string{"secret": secret})
}

// webhookHandler receives payment gateway notifications.
type webhookHandler struct {
	payments *services.PaymentService
	log      *slog.Logger
}

func (h *webhookHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	provider := r.PathValue("provider")
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBytes))
	if err != nil {
		httpx.WriteError(w, r, apperr.Invalid("cannot read body", nil))
		return
	}
	err = h.payments.HandleWebhook(r.Context(), provider, body, r.Header.Get("X-Signature"))
	switch {
	case err == nil:
		w.WriteHeader(http.StatusNoContent)
	case apperr.Is(err, apperr.KindNotFound):
		// Unknown payments are acknowledged so the gateway stops retrying.
		h.log.Warn("webhook for unknown payment", "provider", provider, "error", err)
		w.WriteHeader(http.StatusAccepted)
	default:
		httpx.WriteError(w, r, err)
	}
}
