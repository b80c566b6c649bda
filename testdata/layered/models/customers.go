package models

import (
	"net/mail"
	"strings"
	"time"

	"example.com/shop/platform/apperr"
)

// CustomerTier drives loyalty pricing and support priority.
type CustomerTier string

const (
	TierStandard CustomerTier = "standard"
	TierSilver   CustomerTier = "silver"
	TierGold     CustomerTier = "gold"
)

// Customer is a registered shopper.
type Customer struct {
	ID             string       `json:"id"`
	Email          string       `json:"email"`
	FullName       string       `json:"full_name"`
	Phone          string       `json:"phone,omitempty"`
	Tier           CustomerTier `json:"tier"`
	MarketingOptIn bool         `json:"marketing_opt_in"`
	CreatedAt      time.Time    `json:"created_at"`
	UpdatedAt      time.Time    `json:"updated_at"`
}

// Address is a postal address owned by a customer.
type Address struct {
	ID         string    `json:"id"`
	CustomerID string    `json:"customer_id"`
	Line1      string    `json:"line1"`
	Line2      string    `json:"line2,omitempty"`
	City       string    `json:"city"`
	PostalCode string    `json:"postal_code"`
	Country    string    `json:"country"`
	IsDefault  bool      `json:"is_default"`
	CreatedAt  time.Time `json:"created_at"`
}

// shippableCountries are the ISO 3166 codes we deliver to.
var shippableCountries = map[string]bool{
	"DE": true, "FR": true, "NL": true, "BE": true, "AT": true,
	"IT": true, "ES": true, "PL": true, "GB": true, "US": true,
}

// NormalizeEmail lower-cases and trims an e-mail address.
func NormalizeEmail(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// Validate checks a customer record.
func (c Customer) Validate() error {
	fe := apperr.FieldErrors{}
	if _, err := mail.ParseAddress(c.Email); err != nil || c.Email != NormalizeEmail(c.Email) {
		fe.Add("email", "must be a valid, lower-case e-mail address")
	}
	fe.Check(strings.TrimSpace(c.FullName) != "", "full_name", "required")
	fe.Check(len(c.FullName) <= 120, "full_name", "too long")
	switch c.Tier {
	case TierStandard, TierSilver, TierGold:
	default:
		fe.Add("tier", "unknown tier")
	}
	return fe.Err()
}

// Validate checks an address.
func (a Address) Validate() error {
	fe := apperr.FieldErrors{}
	fe.Check(strings.TrimSpace(a.Line1) != "", "line1", "required")
	fe.Check(strings.TrimSpace(a.City) != "", "city", "required")
	fe.Check(strings.TrimSpace(a.PostalCode) != "", "postal_code", "required")
	fe.Check(shippableCountries[strings.ToUpper(a.Country)], "country", "we do not ship to this country")
	return fe.Err()
}

// CustomerPatch is a partial update.
type CustomerPatch struct {
	FullName       *string `json:"full_name"`
	Phone          *string `json:"phone"`
	MarketingOptIn *bool   `json:"marketing_opt_in"`
}

// Apply copies the set fields onto c.
func (p CustomerPatch) Apply(c *Customer) {
	if p.FullName != nil {
		c.FullName = strings.TrimSpace(*p.FullName)
	}
	if p.Phone != nil {
		c.Phone = strings.TrimSpace(*p.Phone)
	}
	if p.MarketingOptIn != nil {
		c.MarketingOptIn = *p.MarketingOptIn
	}
}
