package jobs

import "context"

// releaseExpiredReservations returns stock held by abandoned checkouts.
func (r *Runner) releaseExpiredReservations() {
	r.run("inventory.release_expired", func(ctx context.Context) error {
		total := 0
		for {
			n, err := r.deps.Inventory.ReleaseExpired(ctx, 100)
			if err != nil {
				return err
			}
			total += n
			if n < 100 {
				break
			}
		}
		if total > 0 {
			r.log.Info("expired reservations released", "orders", total)
		}
		return nil
	})
}
