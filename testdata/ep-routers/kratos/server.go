// Package kratos serves a go-kratos generated HTTP service: each route the
// generated RegisterGreeterHTTPServer registers is handled by the
// implementation's method.
package kratos

import (
	"context"

	khttp "github.com/go-kratos/kratos/v2/transport/http"

	"example.com/eprouters/kratos/pb"
)

type greeter struct{}

func (greeter) SayHello(_ context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{Message: "hello " + in.Name}, nil
}

func (greeter) SayBye(_ context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{Message: "bye " + in.Name}, nil
}

func ping(ctx khttp.Context) error { return ctx.String(200, "pong") }

// NewServer builds the HTTP server.
func NewServer() *khttp.Server {
	srv := khttp.NewServer()
	pb.RegisterGreeterHTTPServer(srv, greeter{}) // want http "GET /helloworld/{name}" example.com/eprouters/kratos.greeter.SayHello http "POST /bye" example.com/eprouters/kratos.greeter.SayBye
	srv.Route("/api").GET("/ping", ping)        // want http "GET /api/ping" example.com/eprouters/kratos.ping
	return srv
}
