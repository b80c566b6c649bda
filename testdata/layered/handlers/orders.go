package handlers

import (
	"net/http"
	"sync"
	"sync/atomic"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/httpx"
	"example.com/shop/services"
)

// ordersPlacedTotal counts successful checkouts since the process started;
// exposed on /v1/orders/stats for the ops dashboard.
var ordersPlacedTotal int64

// OrderHandler serves the order API.
type OrderHandler struct {
	orders   *services.OrderService
	payments *services.PaymentService
	shipping *services.ShippingService
}

// NewOrderHandler builds the order handler.
func NewOrderHandler(orders *services.OrderService, payments *services.PaymentService, shipping *services.ShippingService) *OrderHandler {
	return &OrderHandler{orders: orders, payments: payments, shipping: shipping}
}

// Register adds the order routes to mux.
func (h *OrderHandler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/orders", h.placeOrder)
	mux.HandleFunc("GET /v1/orders", h.listOrders)
	mux.HandleFunc("GET /v1/orders/stats", h.stats)
	mux.HandleFunc("GET /v1/orders/{id}", h.getOrder)
	mux.HandleFunc("GET /v1/orders/{id}/overview", h.getOrderOverview)
	mux.HandleFunc("POST /v1/orders/{id}/cancel", h.cancelOrder)
}

func (h *OrderHandler) placeOrder(w http.ResponseWriter, r *http.Request) {
	var in models.PlaceOrderInput
	if err := httpx.ReadJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	order, err := h.orders.PlaceOrder(r.Context(), in)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	atomic.AddInt64(&ordersPlacedTotal, 1)
	w.Header().Set("Location", "/v1/orders/"+order.ID)
	httpx.WriteJSON(w, http.StatusCreated, order)
}

func (h *OrderHandler) listOrders(w http.ResponseWriter, r *http.Request) {
	page, err := httpx.Pagination(r, 20, 100)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	q := r.URL.Query()
	filter := models.OrderFilter{
		CustomerID: q.Get("customer_id"),
		Status:     models.OrderStatus(q.Get("status")),
		Limit:      page.Limit,
		Offset:     page.Offset,
	}
	if filter.CustomerID == "" {
		httpx.WriteError(w, r, apperr.Invalid("customer_id is required", map[string]string{"customer_id": "required"}))
		return
	}
	orders, err := h.orders.List(r.Context(), filter)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"orders": orders, "limit": page.Limit, "offset": page.Offset})
}

func (h *OrderHandler) stats(w http.ResponseWriter, _ *http.Request) {
	httpx.WriteJSON(w, http.StatusOK, map[string]int64{"orders_placed": atomic.LoadInt64(&ordersPlacedTotal)})
}

func (h *OrderHandler) getOrder(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(w, r, "id")
	if !ok {
		return
	}
	order, err := h.orders.Get(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, order)
}

// orderOverview is the order page's single round-trip view.
type orderOverview struct {
	Order    *models.Order    `json:"order"`
	Payment  *models.Payment  `json:"payment,omitempty"`
	Shipment *models.Shipment `json:"shipment,omitempty"`
}

// getOrderOverview loads payment and shipment in parallel; both lookups
// finish before the response is written.
func (h *OrderHandler) getOrderOverview(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(w, r, "id")
	if !ok {
		return
	}
	ctx := r.Context()
	order, err := h.orders.Get(ctx, id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out := orderOverview{Order: order}
	var (
		wg              sync.WaitGroup
		payErr, shipErr error
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		out.Payment, payErr = h.payments.GetByOrder(ctx, id)
	}()
	go func() {
		defer wg.Done()
		out.Shipment, shipErr = h.shipping.GetByOrder(ctx, id)
	}()
	wg.Wait()
	for _, err := range []error{payErr, shipErr} {
		if err != nil && !apperr.Is(err, apperr.KindNotFound) {
			httpx.WriteError(w, r, err)
			return
		}
	}
	httpx.WriteJSON(w, http.StatusOK, out)
}

func (h *OrderHandler) cancelOrder(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(w, r, "id")
	if !ok {
		return
	}
	var body struct {
		Reason string `json:"reason"`
	}
	if r.ContentLength > 0 {
		if err := httpx.ReadJSON(w, r, &body); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
	}
	order, err := h.orders.Cancel(r.Context(), id, body.Reason)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, order)
}
