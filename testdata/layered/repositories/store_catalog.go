package repositories

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/lib/pq"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/db"
)

const productColumns = `id, sku, name, slug, description, COALESCE(category_id, ''), price_cents, currency,
	weight_grams, active, created_at, updated_at`

const (
	selectProductSQL       = `SELECT ` + productColumns + ` FROM products WHERE id = $1`
	selectProductBySlugSQL = `SELECT ` + productColumns + ` FROM products WHERE slug = $1`
	selectProductsByIDsSQL = `SELECT ` + productColumns + ` FROM products WHERE id = ANY($1)`
	insertProductSQL       = `INSERT INTO products
		(id, sku, name, slug, description, category_id, price_cents, currency, weight_grams, active, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)`
	updateProductSQL = `UPDATE products SET sku = $2, name = $3, slug = $4, description = $5, category_id = $6,
		price_cents = $7, currency = $8, weight_grams = $9, active = $10, updated_at = $11
		WHERE id = $1`
	selectCategoriesSQL = `SELECT id, name, slug, COALESCE(parent_id, '') FROM categories ORDER BY name`
	insertCategorySQL   = `INSERT INTO categories (id, name, slug, parent_id) VALUES ($1, $2, $3, $4)`
	reindexProductsSQL  = `UPDATE products SET search_vector =
		setweight(to_tsvector('simple', name), 'A') ||
		setweight(to_tsvector('simple', sku), 'A') ||
		setweight(to_tsvector('english', description), 'B')
		WHERE updated_at >= $1 OR search_vector IS NULL`
)

// GetProduct loads a product by id.
func (s *Store) GetProduct(ctx context.Context, id string) (*models.Product, error) {
	p, err := scanProduct(s.db.QueryRowContext(ctx, selectProductSQL, id))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("product", id)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_product", err)
	}
	return p, nil
}

// GetProductBySlug loads a product by its URL slug.
func (s *Store) GetProductBySlug(ctx context.Context, slug string) (*models.Product, error) {
	p, err := scanProduct(s.db.QueryRowContext(ctx, selectProductBySlugSQL, slug))
	if db.IsNoRows(err) {
		return nil, apperr.NotFound("product", slug)
	}
	if err != nil {
		return nil, apperr.Internal("store.get_product_by_slug", err)
	}
	return p, nil
}

// ProductsByIDs loads several products at once, keyed by id.
func (s *Store) ProductsByIDs(ctx context.Context, ids []string) (map[string]models.Product, error) {
	rows, err := s.db.QueryContext(ctx, selectProductsByIDsSQL, pq.Array(ids))
	if err != nil {
		return nil, apperr.Internal("store.products_by_ids", err)
	}
	defer rows.Close()
	out := make(map[string]models.Product, len(ids))
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, apperr.Internal("store.products_by_ids", err)
		}
		out[p.ID] = *p
	}
	return out, rows.Err()
}

// ListProducts filters products; Query uses the full-text index.
func (s *Store) ListProducts(ctx context.Context, f models.ProductFilter) ([]models.Product, error) {
	var (
		where []string
		args  []any
	)
	if f.ActiveOnly {
		where = append(where, "active")
	}
	if f.CategoryID != "" {
		args = append(args, f.CategoryID)
		where = append(where, fmt.Sprintf("category_id = $%d", len(args)))
	}
	order := "name"
	if q := strings.TrimSpace(f.Query); q != "" {
		args = append(args, q)
		where = append(where, fmt.Sprintf("search_vector @@ plainto_tsquery('simple', $%d)", len(args)))
		order = fmt.Sprintf("ts_rank(search_vector, plainto_tsquery('simple', $%d)) DESC", len(args))
	}
	query := `SELECT ` + productColumns + ` FROM products`
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	args = append(args, f.Limit, f.Offset)
	query += fmt.Sprintf(" ORDER BY %s LIMIT $%d OFFSET $%d", order, len(args)-1, len(args))

	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, apperr.Internal("store.list_products", err)
	}
	defer rows.Close()
	var out []models.Product
	for rows.Next() {
		p, err := scanProduct(rows)
		if err != nil {
			return nil, apperr.Internal("store.list_products", err)
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// CreateProduct inserts a product; duplicate SKU or slug is a conflict.
func (s *Store) CreateProduct(ctx context.Context, p *models.Product) error {
	_, err := s.db.ExecContext(ctx, insertProductSQL, p.ID, p.SKU, p.Name, p.Slug, p.Description,
		db.NullString(p.CategoryID), p.PriceCents, p.Currency, p.WeightGrams, p.Active, p.CreatedAt)
	if isUniqueViolation(err) {
		return apperr.Conflict("a product with sku %q or slug %q already exists", p.SKU, p.Slug)
	}
	if err != nil {
		return apperr.Internal("store.create_product", err)
	}
	return nil
}

// UpdateProduct overwrites a product.
func (s *Store) UpdateProduct(ctx context.Context, p *models.Product) error {
	res, err := s.db.ExecContext(ctx, updateProductSQL, p.ID, p.SKU, p.Name, p.Slug, p.Description,
		db.NullString(p.CategoryID), p.PriceCents, p.Currency, p.WeightGrams, p.Active, p.UpdatedAt)
	if isUniqueViolation(err) {
		return apperr.Conflict("sku %q or slug %q already taken", p.SKU, p.Slug)
	}
	if err != nil {
		return apperr.Internal("store.update_product", err)
	}
	return rowsAffectedOne(res, "product", p.ID)
}

// ListCategories returns every category.
func (s *Store) ListCategories(ctx context.Context) ([]models.Category, error) {
	rows, err := s.db.QueryContext(ctx, selectCategoriesSQL)
	if err != nil {
		return nil, apperr.Internal("store.list_categories", err)
	}
	defer rows.Close()
	var out []models.Category
	for rows.Next() {
		var c models.Category
		if err := rows.Scan(&c.ID, &c.Name, &c.Slug, &c.ParentID); err != nil {
			return nil, apperr.Internal("store.list_categories", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CreateCategory inserts a category.
func (s *Store) CreateCategory(ctx context.Context, c *models.Category) error {
	_, err := s.db.ExecContext(ctx, insertCategorySQL, c.ID, c.Name, c.Slug, db.NullString(c.ParentID))
	if isUniqueViolation(err) {
		return apperr.Conflict("category slug %q already exists", c.Slug)
	}
	if err != nil {
		return apperr.Internal("store.create_category", err)
	}
	return nil
}

// ReindexProducts refreshes the full-text vectors of products changed since
// the given time and returns how many rows were updated.
func (s *Store) ReindexProducts(ctx context.Context, since sql.NullTime) (int64, error) {
	res, err := s.db.ExecContext(ctx, reindexProductsSQL, since)
	if err != nil {
		return 0, apperr.Internal("store.reindex_products", err)
	}
	return res.RowsAffected()
}

func scanProduct(row rowScanner) (*models.Product, error) {
	var p models.Product
	err := row.Scan(&p.ID, &p.SKU, &p.Name, &p.Slug, &p.Description, &p.CategoryID, &p.PriceCents,
		&p.Currency, &p.WeightGrams, &p.Active, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return &p, nil
}
