// Package handlers exposes the shop's HTTP API.
package handlers

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"sync"
	"time"

	"github.com/go-chi/chi/v5"

	"example.com/shop/platform/apperr"
	"example.com/shop/platform/httpx"
	"example.com/shop/repositories"
	"example.com/shop/services"
)

// Version is the build version reported by /healthz. It is set once by main
// before the server starts.
var Version = "dev"

// Services bundles the domain services the handlers depend on.
type Services struct {
	Store     *repositories.Store
	Orders    *services.OrderService
	Catalog   *services.CatalogService
	Customers *services.CustomerService
	Payments  *services.PaymentService
	Shipping  *services.ShippingService
	Inventory *services.InventoryService
	Reviews   *services.ReviewService
}

// Options configures the router.
type Options struct {
	AdminToken string
	DebugAddr  string
}

// NewRouter wires every domain's routes into one handler. Orders, customers,
// payments and inventory use the standard library mux; catalog, reviews and
// shipping are served by a chi router mounted under their prefixes.
func NewRouter(svc Services, log *slog.Logger, opts Options) http.Handler {
	mux := http.NewServeMux()

	NewOrderHandler(svc.Orders, svc.Payments, svc.Shipping).Register(mux)
	NewCustomerHandler(svc.Customers, opts.AdminToken).Register(mux)
	NewPaymentHandler(svc.Payments, log, opts.AdminToken).Register(mux)
	NewInventoryHandler(svc.Inventory, opts.AdminToken).Register(mux)

	r := chi.NewRouter()
	NewCatalogHandler(svc.Catalog, opts.AdminToken).Routes(r)
	NewReviewHandler(svc.Reviews, opts.AdminToken).Routes(r)
	NewShippingHandler(svc.Shipping, opts.AdminToken).Routes(r)
	mux.Handle("/v1/catalog/", r)
	mux.Handle("/v1/reviews/", r)
	mux.Handle("/v1/shipping/", r)

	mux.HandleFunc("GET /healthz", health)
	mux.HandleFunc("GET /readyz", readiness(svc.Store))

	admin := &adminHandler{debugAddr: opts.DebugAddr, log: log}
	guard := httpx.RequireAdmin(opts.AdminToken)
	mux.Handle("POST /admin/debug/profiler", guard(http.HandlerFunc(admin.startProfiler)))
	mux.Handle("POST /admin/restart", guard(http.HandlerFunc(admin.restart)))

	return httpx.Chain(mux, httpx.RequestID(log), httpx.Recover, httpx.Logging)
}

func health(w http.ResponseWriter, _ *http.Request) {
	httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": Version})
}

func readiness(store *repositories.Store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := store.Ping(ctx); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	}
}

// adminHandler serves operational endpoints.
type adminHandler struct {
	debugAddr string
	log       *slog.Logger

	mu       sync.Mutex
	profiler net.Listener
}

// startProfiler starts the pprof listener on the debug address on demand,
// so production pods do not expose it unless someone asks.
func (a *adminHandler) startProfiler(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.profiler != nil {
		httpx.WriteJSON(w, http.StatusOK, map[string]any{"addr": a.profiler.Addr().String(), "already_running": true})
		return
	}
	ln, err := net.Listen("tcp", a.debugAddr)
	if err != nil {
		httpx.WriteError(w, r, apperr.Unavailable("admin.profiler", err))
		return
	}
	pm := http.NewServeMux()
	pm.HandleFunc("/debug/pprof/", pprof.Index)
	pm.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	pm.HandleFunc("/debug/pprof/profile", pprof.Profile)
	pm.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	pm.HandleFunc("/debug/pprof/trace", pprof.Trace)
	a.profiler = ln
	go func() {
		if err := http.Serve(ln, pm); err != nil && !errors.Is(err, net.ErrClosed) {
			a.log.Error("profiler stopped", "error", err)
		}
	}()
	a.log.Warn("pprof listener started", "addr", ln.Addr().String())
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"addr": ln.Addr().String()})
}

// restart exits the process; the orchestrator starts a fresh one. Used to
// pick up rotated credentials mounted as files.
func (a *adminHandler) restart(w http.ResponseWriter, r *http.Request) {
	a.log.Warn("restart requested through the admin API", "remote", r.RemoteAddr)
	httpx.WriteJSON(w, http.StatusAccepted, map[string]string{"status": "restarting"})
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	os.Exit(3)
}
