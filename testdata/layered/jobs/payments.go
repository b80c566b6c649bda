package jobs

import (
	"context"
	"time"
)

// reconcilePayments compares open payments with the gateway every night.
func (r *Runner) reconcilePayments() {
	r.run("payments.reconcile", func(ctx context.Context) error {
		since := time.Now().UTC().Add(-r.deps.ReconcileFor)
		rep, err := r.deps.Payments.Reconcile(ctx, since)
		if err != nil {
			return err
		}
		r.log.Info("payments reconciled",
			"checked", rep.Checked, "updated", rep.Updated, "failed", rep.Failed, "settled_eur_cents", rep.SettledEUR)
		return nil
	})
}
