// Command shop runs the shop monolith: HTTP API, gRPC fulfillment API,
// scheduled jobs and NATS event consumers in one process.
package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	_ "github.com/lib/pq"
	"github.com/nats-io/nats.go"
	"google.golang.org/grpc"

	"example.com/shop/consumers"
	"example.com/shop/grpcapi"
	"example.com/shop/handlers"
	"example.com/shop/jobs"
	"example.com/shop/platform/clock"
	"example.com/shop/platform/config"
	"example.com/shop/platform/db"
	"example.com/shop/platform/events"
	"example.com/shop/platform/logging"
	"example.com/shop/platform/mail"
	"example.com/shop/repositories"
	"example.com/shop/services"
)

// version is stamped at build time with -ldflags "-X main.version=...".
var version = "dev"

// startedAt records the process start; it is written once in main.
var startedAt time.Time

func main() {
	startedAt = time.Now()
	handlers.Version = version
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "shop:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.Load()
	if err != nil {
		return err
	}
	log := logging.New(cfg.LogLevel, cfg.LogFormat).With("version", version)
	slog.SetDefault(log)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	pool, err := db.Open(ctx, "postgres", cfg.DatabaseURL, db.Options{
		MaxOpenConns: cfg.DBMaxOpenConns,
		MaxIdleConns: cfg.DBMaxIdleConns,
	})
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := db.Migrate(ctx, pool, log); err != nil {
		return err
	}

	var (
		nc  *nats.Conn
		pub events.Publisher = events.LogPublisher{Log: log}
	)
	if cfg.ConsumersEnabled {
		nc, err = nats.Connect(cfg.NATSURL,
			nats.Name("shop"),
			nats.MaxReconnects(-1),
			nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
				log.Warn("nats disconnected", "error", err)
			}))
		if err != nil {
			return fmt.Errorf("nats: %w", err)
		}
		defer nc.Close()
		pub = events.NewNATSPublisher(nc)
	}
	var mailer mail.Sender = mail.LogSender{Log: log}
	if cfg.SMTPAddr != "" {
		mailer = mail.SMTPSender{Addr: cfg.SMTPAddr, From: cfg.MailFrom}
	}

	svc := buildServices(cfg, pool, pub, mailer, log)
	defer svc.Inventory.Close()

	httpSrv := &http.Server{
		Addr: cfg.HTTPAddr,
		Handler: handlers.NewRouter(svc, log, handlers.Options{
			AdminToken: cfg.AdminToken,
			DebugAddr:  cfg.DebugAddr,
		}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
	}

	grpcSrv := grpc.NewServer()
	grpcapi.RegisterFulfillmentServer(grpcSrv, grpcapi.NewFulfillmentService(svc.Shipping, log))
	grpcLis, err := net.Listen("tcp", cfg.GRPCAddr)
	if err != nil {
		return fmt.Errorf("grpc listen: %w", err)
	}

	var runner *jobs.Runner
	if cfg.CronEnabled {
		runner, err = jobs.NewRunner(jobs.Deps{
			Orders: svc.Orders, Inventory: svc.Inventory, Payments: svc.Payments, Reviews: svc.Reviews,
			DigestTo: cfg.ReviewDigestRecips, Log: log,
		})
		if err != nil {
			return err
		}
		runner.Start()
	}

	var consumer *consumers.Consumer
	if nc != nil {
		consumer = consumers.New(nc, svc.Orders, svc.Shipping, svc.Reviews, log)
		if err := consumer.Start(); err != nil {
			return err
		}
	}

	errc := make(chan error, 2)
	go func() {
		log.Info("http listening", "addr", cfg.HTTPAddr)
		if err := httpSrv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http: %w", err)
		}
	}()
	go func() {
		log.Info("grpc listening", "addr", cfg.GRPCAddr)
		if err := grpcSrv.Serve(grpcLis); err != nil {
			errc <- fmt.Errorf("grpc: %w", err)
		}
	}()

	select {
	case <-ctx.Done():
		log.Info("shutting down", "uptime", time.Since(startedAt).Round(time.Second))
	case err := <-errc:
		log.Error("server failed, shutting down", "error", err)
	}

	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	var errs []error
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		errs = append(errs, fmt.Errorf("http shutdown: %w", err))
	}
	grpcStopped := make(chan struct{})
	go func() {
		grpcSrv.GracefulStop()
		close(grpcStopped)
	}()
	select {
	case <-grpcStopped:
	case <-shutdownCtx.Done():
		grpcSrv.Stop()
	}
	if consumer != nil {
		if err := consumer.Stop(); err != nil {
			errs = append(errs, err)
		}
	}
	if runner != nil {
		if err := runner.Stop(shutdownCtx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// buildServices wires the store and the domain services together.
func buildServices(cfg config.Config, pool *sql.DB, pub events.Publisher, mailer mail.Sender, log *slog.Logger) handlers.Services {
	clk := clock.System{}
	store := repositories.NewStore(pool, clk)
	catalog := services.NewCatalogService(store, clk, log)
	customers := services.NewCustomerService(store, clk, log)
	inventory := services.NewInventoryService(store, pub, clk, log, cfg.ReservationTTL)
	payments := services.NewPaymentService(store,
		services.NewHTTPGateway(cfg.PaymentGatewayURL, cfg.PaymentGatewayKey), pub, clk, log)
	orders := services.NewOrderService(services.OrderDeps{
		Repo: store, Catalog: catalog, Customers: customers, Stock: inventory, Payments: payments,
		Events: pub, Mailer: mailer, Clock: clk, Log: log, FreeShippingCents: cfg.FreeShippingCents,
	})
	shipping := services.NewShippingService(store, orders, customers, pub, clk, log)
	reviews := services.NewReviewService(store, catalog, customers, orders, mailer, clk, log)
	return handlers.Services{
		Store: store, Orders: orders, Catalog: catalog, Customers: customers, Payments: payments,
		Shipping: shipping, Inventory: inventory, Reviews: reviews,
	}
}
