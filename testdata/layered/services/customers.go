package services

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/clock"
	"example.com/shop/platform/idgen"
	"example.com/shop/repositories"
)

// RegisterInput is the sign-up payload.
type RegisterInput struct {
	Email          string `json:"email"`
	FullName       string `json:"full_name"`
	Phone          string `json:"phone"`
	MarketingOptIn bool   `json:"marketing_opt_in"`
}

// ImportResult reports the outcome of a bulk customer import.
type ImportResult struct {
	Created int      `json:"created"`
	Updated int      `json:"updated"`
	Skipped int      `json:"skipped"`
	Errors  []string `json:"errors,omitempty"`
}

// maxImportErrors caps the error list returned by ImportCSV.
const maxImportErrors = 50

// CustomerService manages customer accounts and address books.
type CustomerService struct {
	store *repositories.Store
	clock clock.Clock
	log   *slog.Logger
}

// NewCustomerService builds the customer service.
func NewCustomerService(store *repositories.Store, c clock.Clock, log *slog.Logger) *CustomerService {
	return &CustomerService{store: store, clock: c, log: log.With("service", "customers")}
}

// Register creates a new customer account.
func (s *CustomerService) Register(ctx context.Context, in RegisterInput) (*models.Customer, error) {
	now := s.clock.Now()
	c := &models.Customer{
		ID:             idgen.New("cus"),
		Email:          models.NormalizeEmail(in.Email),
		FullName:       strings.TrimSpace(in.FullName),
		Phone:          strings.TrimSpace(in.Phone),
		Tier:           models.TierStandard,
		MarketingOptIn: in.MarketingOptIn,
		CreatedAt:      now,
		UpdatedAt:      now,
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := s.store.CreateCustomer(ctx, c); err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "customer registered", "customer_id", c.ID)
	return c, nil
}

// Get returns a customer by id.
func (s *CustomerService) Get(ctx context.Context, id string) (*models.Customer, error) {
	return s.store.GetCustomer(ctx, id)
}

// Update applies a partial update.
func (s *CustomerService) Update(ctx context.Context, id string, patch models.CustomerPatch) (*models.Customer, error) {
	c, err := s.store.GetCustomer(ctx, id)
	if err != nil {
		return nil, err
	}
	patch.Apply(c)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c.UpdatedAt = s.clock.Now()
	if err := s.store.UpdateCustomer(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// AddAddress adds an address to a customer's address book. The first
// address always becomes the default.
func (s *CustomerService) AddAddress(ctx context.Context, customerID string, a models.Address) (*models.Address, error) {
	existing, err := s.store.ListAddresses(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if len(existing) == 0 {
		if _, err := s.store.GetCustomer(ctx, customerID); err != nil {
			return nil, err
		}
		a.IsDefault = true
	}
	if len(existing) >= 20 {
		return nil, apperr.Conflict("customer %s already has %d addresses", customerID, len(existing))
	}
	a.ID = idgen.New("adr")
	a.CustomerID = customerID
	a.Country = strings.ToUpper(strings.TrimSpace(a.Country))
	a.CreatedAt = s.clock.Now()
	if err := a.Validate(); err != nil {
		return nil, err
	}
	if err := s.store.AddAddress(ctx, &a); err != nil {
		return nil, err
	}
	return &a, nil
}

// ListAddresses returns a customer's address book.
func (s *CustomerService) ListAddresses(ctx context.Context, customerID string) ([]models.Address, error) {
	return s.store.ListAddresses(ctx, customerID)
}

// AddressOf returns an address after checking it belongs to the customer.
func (s *CustomerService) AddressOf(ctx context.Context, customerID, addressID string) (*models.Address, error) {
	a, err := s.store.GetAddress(ctx, addressID)
	if err != nil {
		return nil, err
	}
	if a.CustomerID != customerID {
		return nil, apperr.NotFound("address", addressID)
	}
	return a, nil
}

// Address returns an address by id without an ownership check (internal use).
func (s *CustomerService) Address(ctx context.Context, addressID string) (*models.Address, error) {
	return s.store.GetAddress(ctx, addressID)
}

// ImportCSV upserts customers from a CSV with the header
// email,full_name,phone,marketing_opt_in. Bad rows are skipped and reported.
func (s *CustomerService) ImportCSV(ctx context.Context, r io.Reader) (ImportResult, error) {
	var res ImportResult
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return res, apperr.Invalid("cannot read CSV header", nil)
	}
	cols := map[string]int{}
	for i, h := range header {
		cols[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, required := range []string{"email", "full_name"} {
		if _, ok := cols[required]; !ok {
			return res, apperr.Invalid("missing column "+required, nil)
		}
	}
	field := func(rec []string, name string) string {
		if i, ok := cols[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for line := 2; ; line++ {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.addError(fmt.Sprintf("line %d: %v", line, err))
			res.Skipped++
			continue
		}
		optIn, _ := strconv.ParseBool(field(rec, "marketing_opt_in"))
		now := s.clock.Now()
		c := &models.Customer{
			ID:             idgen.New("cus"),
			Email:          models.NormalizeEmail(field(rec, "email")),
			FullName:       field(rec, "full_name"),
			Phone:          field(rec, "phone"),
			Tier:           models.TierStandard,
			MarketingOptIn: optIn,
			CreatedAt:      now,
			UpdatedAt:      now,
		}
		if err := c.Validate(); err != nil {
			res.addError(fmt.Sprintf("line %d: %v", line, err))
			res.Skipped++
			continue
		}
		inserted, err := s.store.UpsertCustomer(ctx, c)
		if err != nil {
			return res, err
		}
		if inserted {
			res.Created++
		} else {
			res.Updated++
		}
	}
	s.log.InfoContext(ctx, "customers imported", "created", res.Created, "updated", res.Updated, "skipped", res.Skipped)
	return res, nil
}

func (r *ImportResult) addError(msg string) {
	if len(r.Errors) < maxImportErrors {
		r.Errors = append(r.Errors, msg)
	}
}
