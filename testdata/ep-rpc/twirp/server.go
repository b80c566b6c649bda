// Package twirp serves a twirp service.
package twirp

import (
	"context"
	"net/http"

	"example.com/eprpc/twirp/haberdasher"
)

type hats struct{}

func (hats) MakeHat(_ context.Context, s *haberdasher.Size) (*haberdasher.Hat, error) {
	return &haberdasher.Hat{Color: "red"}, nil
}

// Mux serves the service.
func Mux() *http.ServeMux {
	mux := http.NewServeMux()
	server := haberdasher.NewHaberdasherServer(hats{}) // want grpc "example.haberdasher.Haberdasher/MakeHat" example.com/eprpc/twirp.hats.MakeHat
	mux.Handle(server.PathPrefix(), server)            // want http "ANY /twirp/example.haberdasher.Haberdasher/" example.com/eprpc/twirp.Mux mount
	return mux
}
