// Command clinic runs the Paws & Claws clinic-management monolith: every
// business module behind one HTTP server, the integration-event bus and the
// notification outbox worker, in a single process.
package main

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"example.com/clinic/internal/billing"
	"example.com/clinic/internal/identity"
	"example.com/clinic/internal/notifications"
	"example.com/clinic/internal/patients"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/config"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
	"example.com/clinic/internal/platform/httpx"
	"example.com/clinic/internal/platform/logging"
	"example.com/clinic/internal/scheduling"
)

func main() {
	if err := run(); err != nil {
		slog.Error("clinic stopped", "err", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	log := logging.New(cfg.LogLevel)
	slog.SetDefault(log)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// The SQL driver named by CLINIC_DB_DRIVER is linked in by the release build.
	conn, err := db.Open(ctx, cfg.DBDriver, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer conn.Close()

	bus := eventbus.New(log, cfg.BusBuffer)
	clk := clock.System{}

	// Modules are built in dependency order: a module receives the facades
	// of the modules it calls synchronously.
	identityMod := identity.New(identity.Deps{DB: conn, Bus: bus, Clock: clk,
		TokenSecret: cfg.TokenSecret, SessionTTL: cfg.SessionTTL})
	patientsMod := patients.New(patients.Deps{DB: conn, Bus: bus, Clock: clk})
	schedulingMod := scheduling.New(scheduling.Deps{DB: conn, Bus: bus, Clock: clk,
		Patients: patientsMod.API(), Identity: identityMod.API()})
	billingMod := billing.New(billing.Deps{DB: conn, Bus: bus, Clock: clk,
		Patients: patientsMod.API(), ConsultFeeCents: cfg.ConsultFeeCents})
	notificationsMod := notifications.New(notifications.Deps{DB: conn, Bus: bus, Clock: clk,
		Log: logging.ForModule(log, "notifications"), Patients: patientsMod.API(),
		SMTPAddr: cfg.SMTPAddr, MailFrom: cfg.MailFrom})

	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.RealIP, httpx.RequestLogger(log),
		middleware.Recoverer, middleware.Timeout(30*time.Second))
	r.Get("/healthz", func(w http.ResponseWriter, r *http.Request) {
		if err := conn.PingContext(r.Context()); err != nil {
			httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "db unavailable"})
			return
		}
		httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	r.Route("/v1/identity", identityMod.Routes)
	r.Group(func(r chi.Router) {
		r.Use(httpx.RequireAuth(identityMod.API()))
		r.Route("/v1/patients", patientsMod.Routes)
		r.Route("/v1/scheduling", schedulingMod.Routes)
		r.Route("/v1/billing", billingMod.Routes)
		r.Route("/v1/notifications", notificationsMod.Routes)
	})
	mountDebug(r, conn)

	var wg sync.WaitGroup
	wg.Go(func() { bus.Run(ctx) })
	wg.Go(func() { notificationsMod.RunWorker(ctx, cfg.NotifyInterval) })

	srv := &http.Server{Addr: cfg.HTTPAddr, Handler: r, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		<-ctx.Done()
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutdownCtx); err != nil {
			log.Error("http shutdown", "err", err)
		}
	}()

	log.Info("clinic listening", "addr", cfg.HTTPAddr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		stop()
		wg.Wait()
		return err
	}
	wg.Wait()
	return nil
}
