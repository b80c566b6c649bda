package repositories

import (
	"context"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/db"
)

const (
	reviewColumns   = `id, product_id, customer_id, order_id, rating, title, body, status, verified, created_at, updated_at`
	insertReviewSQL = `INSERT INTO reviews (` + reviewColumns + `)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`
	selectReviewSQL         = `SELECT ` + reviewColumns + ` FROM reviews WHERE id = $1`
	selectProductReviewsSQL = `SELECT ` + reviewColumns + ` FROM reviews
		WHERE product_id = $1 AND status = 'approved' ORDER BY created_at DESC LIMIT $2 OFFSET $3`
	updateReviewStatusSQL = `UPDATE reviews SET status = $2, updated_at = $3 WHERE id = $1`
	ratingHistogramSQL    = `SELECT rating, COUNT(*) FROM reviews WHERE product_id = $1 AND status = 'approved' GROUP BY rating`
	selectReviewsSinceSQL = `SELECT ` + reviewColumns + ` FROM reviews WHERE created_at >= $1 ORDER BY created_at`
	// Verified-purchase check reads the orders tables: a review is verified
	// when the customer has a delivered order containing the product.
	verifiedPurchaseSQL = `SELECT o.id FROM orders o
		JOIN order_items oi ON oi.order_id = o.id
		WHERE o.customer_id = $1 AND oi.product_id = $2 AND o.status = 'delivered'
		ORDER BY o.placed_at DESC LIMIT 1`
)

// CreateReview inserts a review; one per customer and product.
func (s *Store) CreateReview(ctx context.Context, r *models.Review) error {
	_, err := s.db.ExecContext(ctx, insertReviewSQL, r.ID, r.ProductID, r.CustomerID, r.OrderID, r.Rating,
		r.Title, r.Body, r.Status, r.Verified, r.CreatedAt)
	if isUniqueViolation(err) {
		return apperr.Conflict("customer %s already reviewed product %s", r.CustomerID, r.ProductID)
	}
	if err != nil {
		return apperr.Internal("store.create_review", err)
	}
	return nil
}

// GetReview loads one review.
func (s *Store) GetReview(ctx context.Context, id string) (*models.Review, error) {
	r, err := scanReview(s.db.QueryRowContext(ctx, selectReviewSQL, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("review", id)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_review", err)
	}
	return r, nil
}

// ListProductReviews returns approved reviews of a product, newest first.
func (s *Store) ListProductReviews(ctx context.Context, productID string, limit, offset int) ([]models.Review, error) {
	return s.queryReviews(ctx, "store.list_product_reviews", selectProductReviewsSQL, productID, limit, offset)
}

// ReviewsSince returns every review submitted since t.
func (s *Store) ReviewsSince(ctx context.Context, since time.Time) ([]models.Review, error) {
	return s.queryReviews(ctx, "store.reviews_since", selectReviewsSinceSQL, since)
}

func (s *Store) queryReviews(ctx context.Context, op, query string, args ...any) ([]models.Review, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, apperr.Internal(op, err)
	}
	defer rows.Close()
	var out []models.Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, apperr.Internal(op, err)
		}
		out = append(out, *r)
	}
	if err := rows.Err(); err != nil {
		return nil, apperr.Internal(op, err)
	}
	return out, nil
}

// UpdateReviewStatus records a moderation decision.
func (s *Store) UpdateReviewStatus(ctx context.Context, id string, status models.ReviewStatus) error {
	res, err := s.db.ExecContext(ctx, updateReviewStatusSQL, id, status, s.clock.Now())
	if err != nil {
		return apperr.Internal("store.update_review_status", err)
	}
	return rowsAffectedOne(res, "review", id)
}

// RatingSummary aggregates approved ratings of a product.
func (s *Store) RatingSummary(ctx context.Context, productID string) (*models.RatingSummary, error) {
	rows, err := s.db.QueryContext(ctx, ratingHistogramSQL, productID)
	if err != nil {
		return nil, apperr.Internal("store.rating_summary", err)
	}
	defer rows.Close()
	sum := &models.RatingSummary{ProductID: productID}
	for rows.Next() {
		var rating, n int
		if err := rows.Scan(&rating, &n); err != nil {
			return nil, apperr.Internal("store.rating_summary", err)
		}
		sum.Add(rating, n)
	}
	return sum, rows.Err()
}

// VerifiedPurchase returns the delivered order in which the customer bought
// the product, or "" when there is none.
func (s *Store) VerifiedPurchase(ctx context.Context, customerID, productID string) (string, error) {
	var orderID string
	err := s.db.QueryRowContext(ctx, verifiedPurchaseSQL, customerID, productID).Scan(&orderID)
	if db.IsNoRows(err) {
		return "", nil
	}
	if err != nil {
		return "", apperr.Internal("store.verified_purchase", err)
	}
	return orderID, nil
}

func scanReview(row rowScanner) (*models.Review, error) {
	var r models.Review
	err := row.Scan(&r.ID, &r.ProductID, &r.CustomerID, &r.OrderID, &r.Rating, &r.Title, &r.Body,
		&r.Status, &r.Verified, &r.CreatedAt, &r.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &r, nil
}
