package httpx

import (
	"log/slog"
	"net/http"

	"example.com/shop/platform/apperr"
	"example.com/shop/platform/logging"
)

// Problem is the JSON error body returned by every endpoint.
type Problem struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

// StatusFor maps an application error kind to an HTTP status.
func StatusFor(k apperr.Kind) int {
	switch k {
	case apperr.KindNotFound:
		return http.StatusNotFound
	case apperr.KindInvalid:
		return http.StatusUnprocessableEntity
	case apperr.KindConflict:
		return http.StatusConflict
	case apperr.KindUnauthorized:
		return http.StatusUnauthorized
	case apperr.KindForbidden:
		return http.StatusForbidden
	case apperr.KindUnavailable:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// WriteError writes err as a Problem. Internal errors are logged and their
// details hidden from the client.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	kind := apperr.KindOf(err)
	status := StatusFor(kind)
	p := Problem{Code: kind.String(), Message: err.Error(), RequestID: RequestIDFrom(r.Context())}
	if ae, ok := err.(*apperr.Error); ok {
		p.Message = ae.Message
		p.Fields = ae.Fields
	}
	if status >= 500 {
		logging.FromContext(r.Context()).Error("request failed",
			slog.String("method", r.Method), slog.String("path", r.URL.Path), logging.Err(err))
		p.Message = http.StatusText(status)
		p.Fields = nil
	}
	WriteJSON(w, status, p)
}

// PathID returns the named path value or writes a 422 and returns false.
func PathID(w http.ResponseWriter, r *http.Request, name string) (string, bool) {
	id := r.PathValue(name)
	if id == "" {
		WriteError(w, r, apperr.Invalid("missing path parameter", map[string]string{name: "required"}))
		return "", false
	}
	return id, true
}
