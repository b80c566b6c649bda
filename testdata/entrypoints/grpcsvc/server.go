// Package grpcsvc implements and registers the ep.v1.Greeter gRPC service
// whose generated code lives in ./pb.
package grpcsvc

import (
	"context"
	"errors"
	"io"
	"net"

	"google.golang.org/grpc"

	"example.com/ep/grpcsvc/pb"
)

// server implements SayHello and Chat. SayBye is only the promoted method of the
// embedded UnimplementedGreeterServer, so SayBye is not an entry point.
type server struct {
	pb.UnimplementedGreeterServer
}

func (s *server) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{Message: s.greeting(in.Name)}, nil
}

func (s *server) Chat(stream pb.Greeter_ChatServer) error {
	for {
		m, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := stream.Send(&pb.ChatMessage{Text: m.Text}); err != nil {
			return err
		}
	}
}

// greeting is a helper method of the impl type, not an RPC.
func (s *server) greeting(name string) string { return "hello " + name }

// legacyServer implements the service too but is never registered: nothing here is an entry point.
type legacyServer struct {
	pb.UnimplementedGreeterServer
}

func (legacyServer) SayHello(ctx context.Context, in *pb.HelloRequest) (*pb.HelloReply, error) {
	return &pb.HelloReply{Message: "hi"}, nil
}

func (legacyServer) SayBye(ctx context.Context, in *pb.ByeRequest) (*pb.ByeReply, error) {
	return &pb.ByeReply{Message: "bye"}, nil
}

// Serve registers the implementation and serves on lis.
func Serve(lis net.Listener) error {
	s := grpc.NewServer()
	pb.RegisterGreeterServer(s, &server{}) // want grpc "ep.v1.Greeter/SayHello" example.com/ep/grpcsvc.server.SayHello grpc "ep.v1.Greeter/Chat" example.com/ep/grpcsvc.server.Chat
	return s.Serve(lis)
}

// Negative: calling the generated client's SayHello is not serving it.
func Hello(ctx context.Context, cc grpc.ClientConnInterface) (string, error) {
	reply, err := pb.NewGreeterClient(cc).SayHello(ctx, &pb.HelloRequest{Name: "ep"})
	if err != nil {
		return "", err
	}
	return reply.Message, nil
}
