package models

import (
	"strings"
	"time"
	"unicode/utf8"

	"example.com/shop/platform/apperr"
)

// ReviewStatus is the moderation state of a review.
type ReviewStatus string

const (
	ReviewPending  ReviewStatus = "pending"
	ReviewApproved ReviewStatus = "approved"
	ReviewRejected ReviewStatus = "rejected"
)

// Review is a customer's opinion of a product.
type Review struct {
	ID         string       `json:"id"`
	ProductID  string       `json:"product_id"`
	CustomerID string       `json:"customer_id"`
	OrderID    string       `json:"order_id,omitempty"`
	Rating     int          `json:"rating"`
	Title      string       `json:"title"`
	Body       string       `json:"body"`
	Status     ReviewStatus `json:"status"`
	Verified   bool         `json:"verified"`
	CreatedAt  time.Time    `json:"created_at"`
	UpdatedAt  time.Time    `json:"updated_at"`
}

// ReviewInput is the payload to submit a review.
type ReviewInput struct {
	ProductID  string `json:"product_id"`
	CustomerID string `json:"customer_id"`
	Rating     int    `json:"rating"`
	Title      string `json:"title"`
	Body       string `json:"body"`
}

// bannedReviewWords triggers manual moderation.
var bannedReviewWords = []string{"http://", "https://", "viagra", "casino"}

// Validate checks a review submission.
func (in ReviewInput) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(in.ProductID != "", "product_id", "required")
	fe.Check(in.CustomerID != "", "customer_id", "required")
	fe.Check(in.Rating >= 1 && in.Rating <= 5, "rating", "must be between 1 and 5")
	fe.Check(strings.TrimSpace(in.Title) != "", "title", "required")
	fe.Check(utf8.RuneCountInString(in.Title) <= 120, "title", "at most 120 characters")
	fe.Check(utf8.RuneCountInString(in.Body) >= 20, "body", "at least 20 characters")
	fe.Check(utf8.RuneCountInString(in.Body) <= 5000, "body", "at most 5000 characters")
	return fe.Err()
}

// NeedsModeration reports whether the text contains suspicious content.
func (in ReviewInput) NeedsModeration() bool {
	text := strings.ToLower(in.Title + " " + in.Body)
	for _, w := range bannedReviewWords {
		if strings.Contains(text, w) {
			return true
		}
	}
	return in.Rating == 1
}

// RatingSummary aggregates approved reviews of a product.
type RatingSummary struct {
	ProductID string  `json:"product_id"`
	Count     int     `json:"count"`
	Average   float64 `json:"average"`
	Histogram [5]int  `json:"histogram"`
}

// Add folds one rating into the summary.
func (s *RatingSummary) Add(rating, n int) {
	if rating < 1 || rating > 5 {
		return
	}
	total := s.Average*float64(s.Count) + float64(rating*n)
	s.Histogram[rating-1] += n
	s.Count += n
	s.Average = total / float64(s.Count)
}

// ReviewDigest summarises recent review activity for the merchandising team.
type ReviewDigest struct {
	Since     time.Time `json:"since"`
	Submitted int       `json:"submitted"`
	Pending   int       `json:"pending"`
	LowRated  []Review  `json:"low_rated"`
}
