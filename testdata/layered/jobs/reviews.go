package jobs

import (
	"context"
	"encoding/json"
	"os"
	"time"
)

// sendReviewDigest mails last week's review activity to merchandising. The
// digest is also spooled to a temporary file for the support tooling.
func (r *Runner) sendReviewDigest() {
	r.run("reviews.digest", func(ctx context.Context) error {
		since := time.Now().UTC().AddDate(0, 0, -7)
		d, err := r.deps.Reviews.Digest(ctx, since)
		if err != nil {
			return err
		}
		f, err := os.CreateTemp("", "review-digest-*.json")
		if err != nil {
			return err
		}
		defer f.Close()
		if err := json.NewEncoder(f).Encode(d); err != nil {
			return err
		}
		r.log.Info("review digest spooled", "path", f.Name(), "submitted", d.Submitted)
		return r.deps.Reviews.SendDigest(ctx, d, r.deps.DigestTo)
	})
}
