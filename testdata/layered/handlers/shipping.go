package handlers

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/httpx"
	"example.com/shop/platform/logging"
	"example.com/shop/services"
)

// Tracking stream timings.
const (
	trackingPollInterval = 3 * time.Second
	keepAliveInterval    = 25 * time.Second
)

// ShippingHandler serves the shipping API.
type ShippingHandler struct {
	shipping   *services.ShippingService
	adminToken string
}

// NewShippingHandler builds the shipping handler.
func NewShippingHandler(shipping *services.ShippingService, adminToken string) *ShippingHandler {
	return &ShippingHandler{shipping: shipping, adminToken: adminToken}
}

// Routes mounts the shipping routes on r.
func (h *ShippingHandler) Routes(r chi.Router) {
	r.Route("/v1/shipping", func(r chi.Router) {
		r.Get("/orders/{orderID}/rates", h.quoteRates)
		r.Get("/shipments/{id}", h.getShipment)
		r.Get("/shipments/{id}/events", h.streamTracking)

		r.Group(func(r chi.Router) {
			r.Use(httpx.RequireAdmin(h.adminToken))
			r.Post("/shipments", h.createShipment)
			r.Post("/carrier-events", h.carrierEvent)
		})
	})
}

func (h *ShippingHandler) quoteRates(w http.ResponseWriter, r *http.Request) {
	quotes, err := h.shipping.QuoteRates(r.Context(), chi.URLParam(r, "orderID"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"rates": quotes})
}

func (h *ShippingHandler) getShipment(w http.ResponseWriter, r *http.Request) {
	sh, err := h.shipping.Get(r.Context(), chi.URLParam(r, "id"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, sh)
}

func (h *ShippingHandler) createShipment(w http.ResponseWriter, r *http.Request) {
	var req models.ShipmentRequest
	if err := httpx.ReadJSON(w, r, &req); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	sh, err := h.shipping.CreateShipment(r.Context(), req)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, sh)
}

func (h *ShippingHandler) carrierEvent(w http.ResponseWriter, r *http.Request) {
	var ev models.TrackingEvent
	if err := httpx.ReadJSON(w, r, &ev); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	sh, err := h.shipping.RecordEvent(r.Context(), ev)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, sh)
}

// streamTracking pushes tracking events as server-sent events until the
// parcel is delivered or the client goes away.
func (h *ShippingHandler) streamTracking(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := chi.URLParam(r, "id")
	sh, err := h.shipping.Get(ctx, id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		httpx.WriteError(w, r, apperr.Internal("shipping.stream", errors.New("response writer cannot flush")))
		return
	}
	// The stream outlives the server's write timeout.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Time{})

	var lastID int64
	if v := r.Header.Get("Last-Event-ID"); v != "" {
		lastID, _ = strconv.ParseInt(v, 10, 64)
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("Connection", "keep-alive")
	w.WriteHeader(http.StatusOK)
	fmt.Fprintf(w, "event: status\ndata: {\"status\":%q}\n\n", sh.Status)
	flusher.Flush()

	poll := time.NewTicker(trackingPollInterval)
	defer poll.Stop()
	keepAlive := time.NewTicker(keepAliveInterval)
	defer keepAlive.Stop()
	log := logging.FromContext(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		case <-poll.C:
			events, err := h.shipping.EventsAfter(ctx, id, lastID)
			if err != nil {
				log.Warn("tracking stream poll failed", "shipment_id", id, "error", err)
				return
			}
			for _, ev := range events {
				data, err := json.Marshal(ev)
				if err != nil {
					return
				}
				fmt.Fprintf(w, "id: %d\nevent: tracking\ndata: %s\n\n", ev.ID, data)
				lastID = ev.ID
				if ev.Status == models.ShipmentDelivered || ev.Status == models.ShipmentReturned {
					flusher.Flush()
					return
				}
			}
			flusher.Flush()
		}
	}
}
