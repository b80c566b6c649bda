package handlers

import (
	"net/http"
	"sort"
	"strconv"
	"sync"

	"github.com/go-chi/chi/v5"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/httpx"
	"example.com/shop/services"
)

// recentViews counts product page views since start-up; it feeds the
// "trending now" strip on the home page.
var (
	recentViewsMu sync.Mutex
	recentViews   = map[string]int{}
)

// CatalogHandler serves the catalogue API.
type CatalogHandler struct {
	catalog    *services.CatalogService
	adminToken string
}

// NewCatalogHandler builds the catalogue handler.
func NewCatalogHandler(catalog *services.CatalogService, adminToken string) *CatalogHandler {
	return &CatalogHandler{catalog: catalog, adminToken: adminToken}
}

// Routes mounts the catalogue routes on r.
func (h *CatalogHandler) Routes(r chi.Router) {
	r.Route("/v1/catalog", func(r chi.Router) {
		r.Get("/products", h.listProducts)
		r.Get("/products/{id}", h.getProduct)
		r.Get("/categories", h.listCategories)
		r.Get("/trending", h.trending)

		r.Group(func(r chi.Router) {
			r.Use(httpx.RequireAdmin(h.adminToken))
			r.Post("/products", h.createProduct)
			r.Put("/products/{id}", h.updateProduct)
			r.Post("/categories", h.createCategory)
			r.Post("/exports", h.exportCatalog)
		})
	})
}

func (h *CatalogHandler) listProducts(w http.ResponseWriter, r *http.Request) {
	page, err := httpx.Pagination(r, 24, 100)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	q := r.URL.Query()
	products, err := h.catalog.ListProducts(r.Context(), models.ProductFilter{
		CategoryID: q.Get("category_id"),
		Query:      q.Get("q"),
		ActiveOnly: q.Get("include_inactive") != "true",
		Limit:      page.Limit,
		Offset:     page.Offset,
	})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if products == nil {
		products = []models.Product{}
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"products": products, "limit": page.Limit, "offset": page.Offset})
}

func (h *CatalogHandler) getProduct(w http.ResponseWriter, r *http.Request) {
	id := chi.URLParam(r, "id")
	p, err := h.catalog.GetProduct(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	recentViewsMu.Lock()
	recentViews[p.ID]++
	recentViewsMu.Unlock()
	httpx.WriteJSON(w, http.StatusOK, p)
}

type trendingItem struct {
	ProductID string `json:"product_id"`
	Views     int    `json:"views"`
}

func (h *CatalogHandler) trending(w http.ResponseWriter, r *http.Request) {
	n := 10
	if v, err := strconv.Atoi(r.URL.Query().Get("n")); err == nil && v > 0 && v <= 50 {
		n = v
	}
	recentViewsMu.Lock()
	items := make([]trendingItem, 0, len(recentViews))
	for id, views := range recentViews {
		items = append(items, trendingItem{ProductID: id, Views: views})
	}
	recentViewsMu.Unlock()
	sort.Slice(items, func(i, j int) bool {
		if items[i].Views != items[j].Views {
			return items[i].Views > items[j].Views
		}
		return items[i].ProductID < items[j].ProductID
	})
	if len(items) > n {
		items = items[:n]
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (h *CatalogHandler) listCategories(w http.ResponseWriter, r *http.Request) {
	cats, err := h.catalog.ListCategories(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=300")
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"categories": cats})
}

func (h *CatalogHandler) createProduct(w http.ResponseWriter, r *http.Request) {
	var in models.ProductInput
	if err := httpx.ReadJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	p, err := h.catalog.CreateProduct(r.Context(), in)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	w.Header().Set("Location", "/v1/catalog/products/"+p.ID)
	httpx.WriteJSON(w, http.StatusCreated, p)
}

func (h *CatalogHandler) updateProduct(w http.ResponseWriter, r *http.Request) {
	var in models.ProductInput
	if err := httpx.ReadJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	p, err := h.catalog.UpdateProduct(r.Context(), chi.URLParam(r, "id"), in)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, p)
}

func (h *CatalogHandler) createCategory(w http.ResponseWriter, r *http.Request) {
	var c models.Category
	if err := httpx.ReadJSON(w, r, &c); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if c.ID != "" {
		httpx.WriteError(w, r, apperr.Invalid("id is assigned by the server", map[string]string{"id": "must be empty"}))
		return
	}
	created, err := h.catalog.CreateCategory(r.Context(), c)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, created)
}

func (h *CatalogHandler) exportCatalog(w http.ResponseWriter, r *http.Request) {
	path, n, err := h.catalog.ExportCSV(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"path": path, "products": n})
}
