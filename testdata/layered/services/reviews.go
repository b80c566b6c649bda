package services

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/clock"
	"example.com/shop/platform/idgen"
	"example.com/shop/platform/mail"
	"example.com/shop/repositories"
)

// ReviewService collects and moderates product reviews.
type ReviewService struct {
	store     *repositories.Store
	catalog   *CatalogService
	customers *CustomerService
	orders    *OrderService
	mailer    mail.Sender
	clock     clock.Clock
	log       *slog.Logger
}

// NewReviewService builds the review service.
func NewReviewService(store *repositories.Store, catalog *CatalogService, customers *CustomerService,
	orders *OrderService, mailer mail.Sender, c clock.Clock, log *slog.Logger) *ReviewService {
	return &ReviewService{
		store: store, catalog: catalog, customers: customers, orders: orders,
		mailer: mailer, clock: c, log: log.With("service", "reviews"),
	}
}

// Submit stores a review. Reviews of verified purchases without suspicious
// content are approved immediately; others wait for moderation.
func (s *ReviewService) Submit(ctx context.Context, in models.ReviewInput) (*models.Review, error) {
	in.Title = strings.TrimSpace(in.Title)
	in.Body = strings.TrimSpace(in.Body)
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if _, err := s.catalog.GetProduct(ctx, in.ProductID); err != nil {
		return nil, err
	}
	if _, err := s.customers.Get(ctx, in.CustomerID); err != nil {
		return nil, err
	}
	orderID, err := s.store.VerifiedPurchase(ctx, in.CustomerID, in.ProductID)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	r := &models.Review{
		ID: idgen.New("rev"), ProductID: in.ProductID, CustomerID: in.CustomerID, OrderID: orderID,
		Rating: in.Rating, Title: in.Title, Body: in.Body, Status: models.ReviewPending,
		Verified: orderID != "", CreatedAt: now, UpdatedAt: now,
	}
	if r.Verified && !in.NeedsModeration() {
		r.Status = models.ReviewApproved
	}
	if err := s.store.CreateReview(ctx, r); err != nil {
		return nil, err
	}
	return r, nil
}

// ListForProduct returns approved reviews of a product.
func (s *ReviewService) ListForProduct(ctx context.Context, productID string, limit, offset int) ([]models.Review, error) {
	if limit <= 0 || limit > 50 {
		limit = 10
	}
	return s.store.ListProductReviews(ctx, productID, limit, offset)
}

// Summary returns the rating summary of a product.
func (s *ReviewService) Summary(ctx context.Context, productID string) (*models.RatingSummary, error) {
	return s.store.RatingSummary(ctx, productID)
}

// Moderate approves or rejects a pending review.
func (s *ReviewService) Moderate(ctx context.Context, id string, status models.ReviewStatus) (*models.Review, error) {
	if status != models.ReviewApproved && status != models.ReviewRejected {
		return nil, apperr.Invalid("status must be approved or rejected", map[string]string{"status": string(status)})
	}
	r, err := s.store.GetReview(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.Status != models.ReviewPending {
		return nil, apperr.Conflict("review %s was already %s", id, r.Status)
	}
	if err := s.store.UpdateReviewStatus(ctx, id, status); err != nil {
		return nil, err
	}
	r.Status = status
	return r, nil
}

// Digest summarises reviews submitted since the given time.
func (s *ReviewService) Digest(ctx context.Context, since time.Time) (*models.ReviewDigest, error) {
	reviews, err := s.store.ReviewsSince(ctx, since)
	if err != nil {
		return nil, err
	}
	d := &models.ReviewDigest{Since: since, Submitted: len(reviews)}
	for _, r := range reviews {
		if r.Status == models.ReviewPending {
			d.Pending++
		}
		if r.Rating <= 2 {
			d.LowRated = append(d.LowRated, r)
		}
	}
	return d, nil
}

// SendDigest mails a digest to the merchandising team.
func (s *ReviewService) SendDigest(ctx context.Context, d *models.ReviewDigest, to []string) error {
	if len(to) == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Reviews since %s: %d submitted, %d awaiting moderation.\n\n",
		d.Since.Format(time.DateOnly), d.Submitted, d.Pending)
	for _, r := range d.LowRated {
		fmt.Fprintf(&b, "- %d/5 on %s: %q\n", r.Rating, r.ProductID, r.Title)
	}
	return s.mailer.Send(ctx, mail.Message{To: to, Subject: "Weekly review digest", Body: b.String()})
}

// InviteForOrder asks the customer of a delivered order to review what
// they bought.
func (s *ReviewService) InviteForOrder(ctx context.Context, orderID string) error {
	order, err := s.orders.Get(ctx, orderID)
	if err != nil {
		return err
	}
	customer, err := s.customers.Get(ctx, order.CustomerID)
	if err != nil {
		return err
	}
	if !customer.MarketingOptIn {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Hello %s,\n\nyour order %s has arrived. How do you like it?\n\n", customer.FullName, order.ID)
	for _, it := range order.Items {
		fmt.Fprintf(&b, "  Review %s: https://shop.example.com/review?product=%s\n", it.Name, it.ProductID)
	}
	return s.mailer.Send(ctx, mail.Message{To: []string{customer.Email}, Subject: "How was your order?", Body: b.String()})
}
