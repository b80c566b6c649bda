package models

import (
	"strings"
	"time"
	"unicode"

	"example.com/shop/platform/apperr"
)

// Product is an item for sale.
type Product struct {
	ID          string    `json:"id"`
	SKU         string    `json:"sku"`
	Name        string    `json:"name"`
	Slug        string    `json:"slug"`
	Description string    `json:"description"`
	CategoryID  string    `json:"category_id,omitempty"`
	PriceCents  int64     `json:"price_cents"`
	Currency    string    `json:"currency"`
	WeightGrams int       `json:"weight_grams"`
	Active      bool      `json:"active"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Category groups products; categories form a tree via ParentID.
type Category struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	ParentID string `json:"parent_id,omitempty"`
}

// ProductInput is the payload to create or update a product.
type ProductInput struct {
	SKU         string `json:"sku"`
	Name        string `json:"name"`
	Description string `json:"description"`
	CategoryID  string `json:"category_id"`
	PriceCents  int64  `json:"price_cents"`
	Currency    string `json:"currency"`
	WeightGrams int    `json:"weight_grams"`
	Active      *bool  `json:"active"`
}

// MaxProductNameLen bounds product names.
const MaxProductNameLen = 200

// Validate checks a product payload.
func (in ProductInput) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(strings.TrimSpace(in.SKU) != "", "sku", "required")
	fe.Check(len(in.SKU) <= 64, "sku", "at most 64 characters")
	fe.Check(strings.TrimSpace(in.Name) != "", "name", "required")
	fe.Check(len(in.Name) <= MaxProductNameLen, "name", "too long")
	fe.Check(in.PriceCents >= 0, "price_cents", "must not be negative")
	fe.Check(len(in.Currency) == 3, "currency", "must be an ISO 4217 code")
	fe.Check(in.WeightGrams >= 0, "weight_grams", "must not be negative")
	return fe.Err()
}

// ProductFilter selects products for listing and search.
type ProductFilter struct {
	CategoryID string
	Query      string
	ActiveOnly bool
	Limit      int
	Offset     int
}

// Validate checks a category.
func (c Category) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(strings.TrimSpace(c.Name) != "", "name", "required")
	fe.Check(c.ParentID != c.ID || c.ID == "", "parent_id", "a category cannot be its own parent")
	return fe.Err()
}

// Slugify turns a display name into a URL slug.
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(name)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
