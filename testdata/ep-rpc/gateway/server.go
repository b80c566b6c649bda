// Package gateway serves a gRPC service over HTTP with grpc-gateway: each
// route the generated RegisterGreeterHandlerServer registers is handled by
// the implementation's method.
package gateway

import (
	"context"
	"net/http"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"

	"example.com/eprpc/gateway/pb"
)

type greeter struct{}

func (greeter) SayHello(_ context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{Message: "hello " + in.Name}, nil
}

func (greeter) UpdateGreeting(_ context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{Message: "updated " + in.Name}, nil
}

func healthz(w http.ResponseWriter, r *http.Request, _ map[string]string) {}

// Mux serves the gateway.
func Mux(ctx context.Context) (*runtime.ServeMux, error) {
	mux := runtime.NewServeMux()
	if err := mux.HandlePath("GET", "/healthz", healthz); err != nil { // want http "GET /healthz" example.com/eprpc/gateway.healthz
		return nil, err
	}
	err := pb.RegisterGreeterHandlerServer(ctx, mux, greeter{}) // want http "GET /v1/hello/{name}" example.com/eprpc/gateway.greeter.SayHello http "PATCH /v1/{name=greetings/*}:update" example.com/eprpc/gateway.greeter.UpdateGreeting
	return mux, err
}
