package handlers

import (
	"io"
	"net/http"
	"os"

	"example.com/shop/models"
	"example.com/shop/platform/apperr"
	"example.com/shop/platform/httpx"
	"example.com/shop/services"
)

// maxImportBytes caps uploaded customer CSV files.
const maxImportBytes = 20 << 20

// CustomerHandler serves the customer API.
type CustomerHandler struct {
	customers  *services.CustomerService
	adminToken string
}

// NewCustomerHandler builds the customer handler.
func NewCustomerHandler(customers *services.CustomerService, adminToken string) *CustomerHandler {
	return &CustomerHandler{customers: customers, adminToken: adminToken}
}

// Register adds the customer routes to mux.
func (h *CustomerHandler) Register(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/customers", func(w http.ResponseWriter, r *http.Request) {
		var in services.RegisterInput
		if err := httpx.ReadJSON(w, r, &in); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		c, err := h.customers.Register(r.Context(), in)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		w.Header().Set("Location", "/v1/customers/"+c.ID)
		httpx.WriteJSON(w, http.StatusCreated, c)
	})

	mux.HandleFunc("GET /v1/customers/{id}", func(w http.ResponseWriter, r *http.Request) {
		c, err := h.customers.Get(r.Context(), r.PathValue("id"))
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		httpx.WriteJSON(w, http.StatusOK, c)
	})

	mux.HandleFunc("PATCH /v1/customers/{id}", func(w http.ResponseWriter, r *http.Request) {
		var patch models.CustomerPatch
		if err := httpx.ReadJSON(w, r, &patch); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		c, err := h.customers.Update(r.Context(), r.PathValue("id"), patch)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		httpx.WriteJSON(w, http.StatusOK, c)
	})

	mux.HandleFunc("GET /v1/customers/{id}/addresses", func(w http.ResponseWriter, r *http.Request) {
		list, err := h.customers.ListAddresses(r.Context(), r.PathValue("id"))
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		if list == nil {
			list = []models.Address{}
		}
		httpx.WriteJSON(w, http.StatusOK, map[string]any{"addresses": list})
	})

	mux.HandleFunc("POST /v1/customers/{id}/addresses", func(w http.ResponseWriter, r *http.Request) {
		var a models.Address
		if err := httpx.ReadJSON(w, r, &a); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		created, err := h.customers.AddAddress(r.Context(), r.PathValue("id"), a)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		httpx.WriteJSON(w, http.StatusCreated, created)
	})

	mux.Handle("POST /v1/customers/import", httpx.RequireAdmin(h.adminToken)(http.HandlerFunc(h.importCSV)))
}

// importCSV spools the upload to a temporary file first so that a slow
// client does not hold a database transaction open, then imports it.
func (h *CustomerHandler) importCSV(w http.ResponseWriter, r *http.Request) {
	tmp, err := os.CreateTemp("", "customers-import-*.csv")
	if err != nil {
		httpx.WriteError(w, r, apperr.Internal("customers.import", err))
		return
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()

	n, err := io.Copy(tmp, http.MaxBytesReader(w, r.Body, maxImportBytes))
	if err != nil {
		httpx.WriteError(w, r, apperr.Invalid("upload failed or exceeds 20 MiB", nil))
		return
	}
	if n == 0 {
		httpx.WriteError(w, r, apperr.Invalid("empty upload", nil))
		return
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		httpx.WriteError(w, r, apperr.Internal("customers.import", err))
		return
	}
	res, err := h.customers.ImportCSV(r.Context(), tmp)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, res)
}
