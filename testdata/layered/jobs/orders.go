package jobs

import "context"

// cancelAbandonedOrders cancels pending orders whose payment never completed.
func (r *Runner) cancelAbandonedOrders() {
	r.run("orders.cancel_abandoned", func(ctx context.Context) error {
		n, err := r.deps.Orders.CancelAbandoned(ctx, r.deps.OrderMaxAge)
		if n > 0 {
			r.log.Info("abandoned orders cancelled", "orders", n)
		}
		return err
	})
}
