// Package connect serves a connect-go service: each method the
// implementation declares is an entry point; the mux registration of the
// generated handler is a mount.
package connect

import (
	"context"
	"net/http"

	"connectrpc.com/connect"

	"example.com/eprpc/connect/greetv1connect"
)

type greeter struct {
	greetv1connect.UnimplementedGreetServiceHandler
}

func (greeter) Greet(_ context.Context, req *connect.Request[greetv1connect.GreetRequest]) (*connect.Response[greetv1connect.GreetResponse], error) {
	return connect.NewResponse(&greetv1connect.GreetResponse{Greeting: "hello " + req.Msg.Name}), nil
}

// Mux serves the service.
func Mux() *http.ServeMux {
	mux := http.NewServeMux()
	path, handler := greetv1connect.NewGreetServiceHandler(&greeter{}) // want grpc "greet.v1.GreetService/Greet" example.com/eprpc/connect.greeter.Greet
	mux.Handle(path, handler)                                          // want http "ANY /greet.v1.GreetService/" example.com/eprpc/connect.Mux mount
	return mux
}
