package handlers

import (
	"net/http"
	"strconv"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/httpx"
	"example.com/shop/services"
)

// InventoryHandler serves the stock API.
type InventoryHandler struct {
	inventory  *services.InventoryService
	adminToken string
}

// NewInventoryHandler builds the inventory handler.
func NewInventoryHandler(inventory *services.InventoryService, adminToken string) *InventoryHandler {
	return &InventoryHandler{inventory: inventory, adminToken: adminToken}
}

// Register adds the inventory routes to mux.
func (h *InventoryHandler) Register(mux *http.ServeMux) {
	guard := httpx.RequireAdmin(h.adminToken)
	mux.HandleFunc("GET /v1/inventory/low-stock", h.lowStock)
	mux.HandleFunc("GET /v1/inventory/{productID}", h.getStock)
	mux.Handle("POST /v1/inventory/{productID}/adjustments", guard(http.HandlerFunc(h.adjust)))
	mux.Handle("POST /v1/inventory/reservations/{orderID}/release", guard(http.HandlerFunc(h.release)))
}

func (h *InventoryHandler) getStock(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(w, r, "productID")
	if !ok {
		return
	}
	levels, err := h.inventory.Stock(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	total := 0
	for _, l := range levels {
		total += l.Available()
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"product_id": id, "available": total, "warehouses": levels})
}

func (h *InventoryHandler) adjust(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(w, r, "productID")
	if !ok {
		return
	}
	var adj models.StockAdjustment
	if err := httpx.ReadJSON(w, r, &adj); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if adj.ProductID != "" && adj.ProductID != id {
		httpx.WriteError(w, r, apperr.Invalid("product_id does not match the URL", nil))
		return
	}
	adj.ProductID = id
	level, err := h.inventory.Adjust(r.Context(), adj)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, level)
}

func (h *InventoryHandler) lowStock(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			httpx.WriteError(w, r, apperr.Invalid("invalid limit", map[string]string{"limit": "must be an integer"}))
			return
		}
		limit = n
	}
	levels, err := h.inventory.LowStock(r.Context(), limit)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if levels == nil {
		levels = []models.StockLevel{}
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": levels})
}

func (h *InventoryHandler) release(w http.ResponseWriter, r *http.Request) {
	orderID, ok := httpx.PathID(w, r, "orderID")
	if !ok {
		return
	}
	if err := h.inventory.Release(r.Context(), orderID); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
