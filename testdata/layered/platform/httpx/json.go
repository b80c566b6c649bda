// Package httpx holds the HTTP plumbing shared by all handlers: JSON
// encoding, error responses and middleware.
package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"example.com/shop/platform/apperr"
)

// MaxBodyBytes caps request bodies decoded by ReadJSON.
const MaxBodyBytes = 1 << 20

// WriteJSON writes v as JSON with the given status code.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v == nil {
		return
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// ReadJSON decodes the request body into dst, rejecting unknown fields,
// trailing data and oversized bodies.
func ReadJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		return apperr.Invalid("content type must be application/json", nil)
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var syntaxErr *json.SyntaxError
		var typeErr *json.UnmarshalTypeError
		var maxErr *http.MaxBytesError
		switch {
		case errors.Is(err, io.EOF):
			return apperr.Invalid("request body is empty", nil)
		case errors.As(err, &syntaxErr):
			return apperr.Invalid(fmt.Sprintf("malformed JSON at offset %d", syntaxErr.Offset), nil)
		case errors.As(err, &typeErr):
			return apperr.Invalid("wrong type for field", map[string]string{typeErr.Field: "expected " + typeErr.Type.String()})
		case errors.As(err, &maxErr):
			return apperr.Invalid(fmt.Sprintf("body larger than %d bytes", maxErr.Limit), nil)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return apperr.Invalid("unknown field "+strings.TrimPrefix(err.Error(), "json: unknown field "), nil)
		default:
			return apperr.Invalid("invalid JSON body", nil)
		}
	}
	if dec.More() {
		return apperr.Invalid("body must contain a single JSON value", nil)
	}
	return nil
}

// Page holds pagination parameters.
type Page struct {
	Limit  int
	Offset int
}

// Pagination parses ?limit= and ?offset= with sane bounds.
func Pagination(r *http.Request, defLimit, maxLimit int) (Page, error) {
	p := Page{Limit: defLimit}
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return p, apperr.Invalid("invalid limit", map[string]string{"limit": "must be a positive integer"})
		}
		p.Limit = min(n, maxLimit)
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, apperr.Invalid("invalid offset", map[string]string{"offset": "must be a non-negative integer"})
		}
		p.Offset = n
	}
	return p, nil
}
