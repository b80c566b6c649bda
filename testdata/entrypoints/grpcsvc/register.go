package grpcsvc

import (
	"context"

	"google.golang.org/grpc"

	"example.com/ep/grpcsvc/pb"
)

// Greeter is the application's own interface over the service, as cortex's
// api.Ingester is: the server is registered from a parameter of this type,
// so the methods served are those of the values its callers pass.
type Greeter interface {
	pb.GreeterServer
	Health() string
}

type API struct{ server *grpc.Server }

func (a *API) RegisterGreeter(g Greeter) {
	pb.RegisterGreeterServer(a.server, g) // want grpc "ep.v1.Greeter/SayHello" example.com/ep/grpcsvc.edgeServer.SayHello grpc "ep.v1.Greeter/SayBye" example.com/ep/grpcsvc.edgeServer.SayBye
}

// edgeServer implements the service and the application's interface.
type edgeServer struct {
	pb.UnimplementedGreeterServer
}

func (*edgeServer) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{Message: "edge"}, nil
}

func (*edgeServer) SayBye(ctx context.Context, in *pb.ByeRequest) (*pb.ByeReply, error) {
	return &pb.ByeReply{Message: "bye"}, nil
}

func (*edgeServer) Health() string { return "ok" }

// ServeEdge registers the edge server through the API.
func ServeEdge() *API {
	a := &API{server: grpc.NewServer()}
	a.RegisterGreeter(&edgeServer{})
	return a
}
