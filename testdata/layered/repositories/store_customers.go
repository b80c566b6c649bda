package repositories

import (
	"context"
	"database/sql"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/db"
)

const (
	customerColumns          = `id, email, full_name, phone, tier, marketing_opt_in, created_at, updated_at`
	selectCustomerSQL        = `SELECT ` + customerColumns + ` FROM customers WHERE id = $1`
	selectCustomerByEmailSQL = `SELECT ` + customerColumns + ` FROM customers WHERE email = $1`
	insertCustomerSQL        = `INSERT INTO customers (` + customerColumns + `) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`
	updateCustomerSQL        = `UPDATE customers SET full_name = $2, phone = $3, marketing_opt_in = $4, tier = $5, updated_at = $6 WHERE id = $1`
	upsertCustomerSQL        = `INSERT INTO customers (` + customerColumns + `) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
		ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name, phone = EXCLUDED.phone, updated_at = EXCLUDED.updated_at
		RETURNING (xmax = 0) AS inserted`
	addressColumns      = `id, customer_id, line1, line2, city, postal_code, country, is_default, created_at`
	selectAddressesSQL  = `SELECT ` + addressColumns + ` FROM addresses WHERE customer_id = $1 ORDER BY is_default DESC, created_at`
	selectAddressSQL    = `SELECT ` + addressColumns + ` FROM addresses WHERE id = $1`
	insertAddressSQL    = `INSERT INTO addresses (` + addressColumns + `) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`
	clearDefaultAddrSQL = `UPDATE addresses SET is_default = FALSE WHERE customer_id = $1 AND is_default`
)

// GetCustomer loads a customer by id.
func (s *Store) GetCustomer(ctx context.Context, id string) (*models.Customer, error) {
	c, err := scanCustomer(s.db.QueryRowContext(ctx, selectCustomerSQL, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("customer", id)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_customer", err)
	}
	return c, nil
}

// GetCustomerByEmail loads a customer by normalised e-mail.
func (s *Store) GetCustomerByEmail(ctx context.Context, email string) (*models.Customer, error) {
	c, err := scanCustomer(s.db.QueryRowContext(ctx, selectCustomerByEmailSQL, email))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("customer", email)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_customer_by_email", err)
	}
	return c, nil
}

// CreateCustomer inserts a customer; a duplicate e-mail is a conflict.
func (s *Store) CreateCustomer(ctx context.Context, c *models.Customer) error {
	_, err := s.db.ExecContext(ctx, insertCustomerSQL, c.ID, c.Email, c.FullName, c.Phone, c.Tier, c.MarketingOptIn, c.CreatedAt)
	if isUniqueViolation(err) {
		return apperr.Conflict("e-mail %s is already registered", c.Email)
	}
	if err != nil {
		return apperr.Internal("store.create_customer", err)
	}
	return nil
}

// UpdateCustomer saves the mutable fields of a customer.
func (s *Store) UpdateCustomer(ctx context.Context, c *models.Customer) error {
	res, err := s.db.ExecContext(ctx, updateCustomerSQL, c.ID, c.FullName, c.Phone, c.MarketingOptIn, c.Tier, c.UpdatedAt)
	if err != nil {
		return apperr.Internal("store.update_customer", err)
	}
	return rowsAffectedOne(res, "customer", c.ID)
}

// UpsertCustomer inserts or refreshes a customer keyed by e-mail and reports
// whether a new row was created.
func (s *Store) UpsertCustomer(ctx context.Context, c *models.Customer) (bool, error) {
	var inserted bool
	err := s.db.QueryRowContext(ctx, upsertCustomerSQL, c.ID, c.Email, c.FullName, c.Phone, c.Tier,
		c.MarketingOptIn, c.CreatedAt).Scan(&inserted)
	if err != nil {
		return false, apperr.Internal("store.upsert_customer", err)
	}
	return inserted, nil
}

// ListAddresses returns a customer's addresses, default first.
func (s *Store) ListAddresses(ctx context.Context, customerID string) ([]models.Address, error) {
	rows, err := s.db.QueryContext(ctx, selectAddressesSQL, customerID)
	if err != nil {
		return nil, apperr.Internal("store.list_addresses", err)
	}
	defer rows.Close()
	var out []models.Address
	for rows.Next() {
		a, err := scanAddress(rows)
		if err != nil {
			return nil, apperr.Internal("store.list_addresses", err)
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// GetAddress loads one address.
func (s *Store) GetAddress(ctx context.Context, id string) (*models.Address, error) {
	a, err := scanAddress(s.db.QueryRowContext(ctx, selectAddressSQL, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("address", id)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_address", err)
	}
	return a, nil
}

// AddAddress inserts an address; when it is the default, the previous
// default is cleared in the same transaction.
func (s *Store) AddAddress(ctx context.Context, a *models.Address) error {
	return db.WithTx(ctx, s.db, func(tx *sql.Tx) error {
		if a.IsDefault {
			if _, err := tx.ExecContext(ctx, clearDefaultAddrSQL, a.CustomerID); err != nil {
				return apperr.Internal("store.add_address", err)
			}
		}
		_, err := tx.ExecContext(ctx, insertAddressSQL, a.ID, a.CustomerID, a.Line1, a.Line2, a.City,
			a.PostalCode, a.Country, a.IsDefault, a.CreatedAt)
		if err != nil {
			return apperr.Internal("store.add_address", err)
		}
		return nil
	})
}

func scanCustomer(row rowScanner) (*models.Customer, error) {
	var c models.Customer
	if err := row.Scan(&c.ID, &c.Email, &c.FullName, &c.Phone, &c.Tier, &c.MarketingOptIn, &c.CreatedAt, &c.UpdatedAt); err != nil {
		return nil, err
	}
	return &c, nil
}

func scanAddress(row rowScanner) (*models.Address, error) {
	var a models.Address
	if err := row.Scan(&a.ID, &a.CustomerID, &a.Line1, &a.Line2, &a.City, &a.PostalCode, &a.Country, &a.IsDefault, &a.CreatedAt); err != nil {
		return nil, err
	}
	return &a, nil
}
