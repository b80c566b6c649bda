// Package gokit serves a go-kit endpoint over HTTP: the handler is the
// endpoint the transport server wraps.
package gokit

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/go-kit/kit/endpoint"
	httptransport "github.com/go-kit/kit/transport/http"
)

// Service upper-cases strings.
type Service struct{}

func (Service) Uppercase(_ context.Context, s string) (string, error) { return strings.ToUpper(s), nil }

func makeUppercaseEndpoint(svc Service) endpoint.Endpoint {
	return func(ctx context.Context, req interface{}) (interface{}, error) {
		return svc.Uppercase(ctx, req.(string))
	}
}

func decode(_ context.Context, r *http.Request) (interface{}, error) {
	var s string
	err := json.NewDecoder(r.Body).Decode(&s)
	return s, err
}

func encode(_ context.Context, w http.ResponseWriter, resp interface{}) error {
	return json.NewEncoder(w).Encode(resp)
}

// NewHTTPHandler serves the service.
func NewHTTPHandler(svc Service) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("POST /uppercase", httptransport.NewServer(makeUppercaseEndpoint(svc), decode, encode)) // want http "POST /uppercase" example.com/eprouters/gokit.makeUppercaseEndpoint
	return mux
}
