// Package services holds the business logic of every shop domain.
package services

import (
	"context"
	"database/sql"
	"encoding/csv"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/clock"
	"example.com/shop/platform/idgen"
	"example.com/shop/repositories"
)

// categoryCacheTTL bounds how stale the cached category tree may be.
const categoryCacheTTL = 5 * time.Minute

// catalogExportDir is where the marketplace feed uploader picks up exports,
// relative to the working directory of the process.
const catalogExportDir = "exports"

// categoryCache holds the category tree for the whole process; categories
// change rarely and are read on every catalogue page.
var categoryCache sync.Map

type cachedCategories struct {
	loadedAt time.Time
	list     []models.Category
}

// CatalogService manages products and categories.
type CatalogService struct {
	store *repositories.Store
	clock clock.Clock
	log   *slog.Logger

	reindexMu   sync.Mutex
	lastReindex time.Time
}

// NewCatalogService builds the catalogue service.
func NewCatalogService(store *repositories.Store, c clock.Clock, log *slog.Logger) *CatalogService {
	return &CatalogService{store: store, clock: c, log: log.With("service", "catalog")}
}

// GetProduct returns an active or inactive product by id.
func (s *CatalogService) GetProduct(ctx context.Context, id string) (*models.Product, error) {
	if !idgen.HasPrefix(id, "prd") {
		return s.store.GetProductBySlug(ctx, id)
	}
	return s.store.GetProduct(ctx, id)
}

// ListProducts lists products, clamping the page size.
func (s *CatalogService) ListProducts(ctx context.Context, f models.ProductFilter) ([]models.Product, error) {
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 24
	}
	if len(f.Query) > 100 {
		return nil, apperr.Invalid("search query too long", map[string]string{"q": "at most 100 characters"})
	}
	return s.store.ListProducts(ctx, f)
}

// CreateProduct validates and stores a new product.
func (s *CatalogService) CreateProduct(ctx context.Context, in models.ProductInput) (*models.Product, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if err := s.checkCategory(ctx, in.CategoryID); err != nil {
		return nil, err
	}
	now := s.clock.Now()
	p := &models.Product{
		ID:          idgen.New("prd"),
		SKU:         strings.ToUpper(strings.TrimSpace(in.SKU)),
		Name:        strings.TrimSpace(in.Name),
		Slug:        models.Slugify(in.Name),
		Description: in.Description,
		CategoryID:  in.CategoryID,
		PriceCents:  in.PriceCents,
		Currency:    strings.ToUpper(in.Currency),
		WeightGrams: in.WeightGrams,
		Active:      in.Active == nil || *in.Active,
		CreatedAt:   now,
		UpdatedAt:   now,
	}
	if err := s.store.CreateProduct(ctx, p); err != nil {
		return nil, err
	}
	s.log.InfoContext(ctx, "product created", "product_id", p.ID, "sku", p.SKU)
	return p, nil
}

// UpdateProduct replaces the editable fields of a product.
func (s *CatalogService) UpdateProduct(ctx context.Context, id string, in models.ProductInput) (*models.Product, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	p, err := s.store.GetProduct(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.checkCategory(ctx, in.CategoryID); err != nil {
		return nil, err
	}
	p.SKU = strings.ToUpper(strings.TrimSpace(in.SKU))
	if name := strings.TrimSpace(in.Name); name != p.Name {
		p.Name = name
		p.Slug = models.Slugify(name)
	}
	p.Description = in.Description
	p.CategoryID = in.CategoryID
	p.PriceCents = in.PriceCents
	p.Currency = strings.ToUpper(in.Currency)
	p.WeightGrams = in.WeightGrams
	if in.Active != nil {
		p.Active = *in.Active
	}
	p.UpdatedAt = s.clock.Now()
	if err := s.store.UpdateProduct(ctx, p); err != nil {
		return nil, err
	}
	return p, nil
}

// PriceProducts returns the current, active products for checkout. Every id
// must resolve to an active product priced in currency.
func (s *CatalogService) PriceProducts(ctx context.Context, ids []string, currency string) (map[string]models.Product, error) {
	products, err := s.store.ProductsByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	fe := apperr.FieldErrors{}
	for _, id := range ids {
		p, ok := products[id]
		switch {
		case !ok:
			fe.Add(id, "unknown product")
		case !p.Active:
			fe.Add(id, "product is no longer sold")
		case !strings.EqualFold(p.Currency, currency):
			fe.Add(id, "product is not sold in "+currency)
		}
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return products, nil
}

// ListCategories returns the category tree, served from the process cache.
func (s *CatalogService) ListCategories(ctx context.Context) ([]models.Category, error) {
	if v, ok := categoryCache.Load("all"); ok {
		cached := v.(cachedCategories)
		if s.clock.Now().Sub(cached.loadedAt) < categoryCacheTTL {
			return cached.list, nil
		}
	}
	list, err := s.store.ListCategories(ctx)
	if err != nil {
		return nil, err
	}
	categoryCache.Store("all", cachedCategories{loadedAt: s.clock.Now(), list: list})
	return list, nil
}

// CreateCategory stores a category and invalidates the cache.
func (s *CatalogService) CreateCategory(ctx context.Context, c models.Category) (*models.Category, error) {
	c.ID = idgen.New("cat")
	c.Name = strings.TrimSpace(c.Name)
	if c.Slug == "" {
		c.Slug = models.Slugify(c.Name)
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := s.checkCategory(ctx, c.ParentID); err != nil {
		return nil, err
	}
	if err := s.store.CreateCategory(ctx, &c); err != nil {
		return nil, err
	}
	categoryCache.Delete("all")
	return &c, nil
}

func (s *CatalogService) checkCategory(ctx context.Context, id string) error {
	if id == "" {
		return nil
	}
	cats, err := s.ListCategories(ctx)
	if err != nil {
		return err
	}
	for _, c := range cats {
		if c.ID == id {
			return nil
		}
	}
	return apperr.Invalid("unknown category", map[string]string{"category_id": id})
}

// ExportCSV writes the full catalogue to a CSV file in the exports
// directory (picked up by the marketplace feed uploader) and returns its path.
func (s *CatalogService) ExportCSV(ctx context.Context) (string, int, error) {
	var all []models.Product
	for offset := 0; ; offset += 500 {
		page, err := s.store.ListProducts(ctx, models.ProductFilter{Limit: 500, Offset: offset})
		if err != nil {
			return "", 0, err
		}
		all = append(all, page...)
		if len(page) < 500 {
			break
		}
	}
	var b strings.Builder
	if err := writeProductsCSV(&b, all); err != nil {
		return "", 0, apperr.Internal("catalog.export", err)
	}
	if err := os.MkdirAll(catalogExportDir, 0o755); err != nil {
		return "", 0, apperr.Internal("catalog.export", err)
	}
	name := filepath.Join(catalogExportDir, fmt.Sprintf("catalog-%s.csv", s.clock.Now().Format("20060102-150405")))
	if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
		return "", 0, apperr.Internal("catalog.export", err)
	}
	s.log.InfoContext(ctx, "catalog exported", "path", name, "products", len(all))
	return name, len(all), nil
}

// Reindex refreshes the search vectors. A full reindex touches every
// product, otherwise only products changed since the previous run.
func (s *CatalogService) Reindex(ctx context.Context, full bool) (int64, error) {
	s.reindexMu.Lock()
	defer s.reindexMu.Unlock()
	since := sql.NullTime{}
	if !full && !s.lastReindex.IsZero() {
		since = sql.NullTime{Time: s.lastReindex, Valid: true}
	} else {
		since = sql.NullTime{Time: time.Unix(0, 0), Valid: true}
	}
	started := s.clock.Now()
	n, err := s.store.ReindexProducts(ctx, since)
	if err != nil {
		return 0, err
	}
	s.lastReindex = started
	s.log.InfoContext(ctx, "catalog reindexed", "products", n, "full", full)
	return n, nil
}

func writeProductsCSV(w io.Writer, products []models.Product) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "sku", "name", "slug", "category_id", "price", "currency", "active"}); err != nil {
		return err
	}
	for _, p := range products {
		rec := []string{
			p.ID, p.SKU, p.Name, p.Slug, p.CategoryID,
			strconv.FormatFloat(float64(p.PriceCents)/100, 'f', 2, 64),
			p.Currency, strconv.FormatBool(p.Active),
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
