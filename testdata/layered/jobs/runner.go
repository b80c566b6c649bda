// Package jobs runs the shop's scheduled maintenance tasks.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/robfig/cron/v3"

	"example.com/shop/services"
)

// Deps lists the services the jobs act on.
type Deps struct {
	Orders       *services.OrderService
	Inventory    *services.InventoryService
	Payments     *services.PaymentService
	Reviews      *services.ReviewService
	DigestTo     []string
	Log          *slog.Logger
	JobTimeout   time.Duration
	OrderMaxAge  time.Duration
	ReconcileFor time.Duration
}

// Runner owns the cron scheduler.
type Runner struct {
	deps Deps
	log  *slog.Logger
	cron *cron.Cron
}

// NewRunner registers every job; call Start to begin scheduling.
func NewRunner(d Deps) (*Runner, error) {
	if d.JobTimeout <= 0 {
		d.JobTimeout = 10 * time.Minute
	}
	if d.OrderMaxAge <= 0 {
		d.OrderMaxAge = 2 * time.Hour
	}
	if d.ReconcileFor <= 0 {
		d.ReconcileFor = 72 * time.Hour
	}
	r := &Runner{
		deps: d,
		log:  d.Log.With("component", "jobs"),
		cron: cron.New(cron.WithLocation(time.UTC), cron.WithChain(cron.Recover(cron.DefaultLogger))),
	}
	if err := r.register(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Runner) register() error {
	c := r.cron
	if _, err := c.AddFunc("@every 15m", r.releaseExpiredReservations); err != nil {
		return fmt.Errorf("jobs: release reservations: %w", err)
	}
	if _, err := c.AddFunc("@every 1h", func() { r.cancelAbandonedOrders() }); err != nil {
		return fmt.Errorf("jobs: cancel abandoned orders: %w", err)
	}
	if _, err := c.AddFunc("0 3 * * *", r.reconcilePayments); err != nil {
		return fmt.Errorf("jobs: reconcile payments: %w", err)
	}
	if _, err := c.AddFunc("0 8 * * MON", r.sendReviewDigest); err != nil {
		return fmt.Errorf("jobs: review digest: %w", err)
	}
	return nil
}

// Start begins scheduling in the background.
func (r *Runner) Start() {
	r.cron.Start()
	r.log.Info("scheduler started", "jobs", len(r.cron.Entries()))
}

// Stop stops scheduling and waits for running jobs until ctx expires.
func (r *Runner) Stop(ctx context.Context) error {
	done := r.cron.Stop()
	select {
	case <-done.Done():
		return nil
	case <-ctx.Done():
		return fmt.Errorf("jobs: still running at shutdown: %w", ctx.Err())
	}
}

// run executes fn with a timeout and logs its duration and outcome.
func (r *Runner) run(name string, fn func(ctx context.Context) error) {
	ctx, cancel := context.WithTimeout(context.Background(), r.deps.JobTimeout)
	defer cancel()
	start := time.Now()
	if err := fn(ctx); err != nil {
		r.log.Error("job failed", "job", name, "duration", time.Since(start), "error", err)
		return
	}
	r.log.Info("job finished", "job", name, "duration", time.Since(start))
}
