// Package grpcx holds gRPC plumbing: a JSON codec (our messages are plain Go
// structs) and the mapping from application errors to gRPC status codes.
package grpcx

import (
	"encoding/json"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/status"

	"example.com/shop/platform/apperr"
)

// CodecName is the content-subtype clients must request ("application/grpc+json").
const CodecName = "json"

// JSONCodec marshals gRPC messages as JSON.
type JSONCodec struct{}

// Marshal encodes v.
func (JSONCodec) Marshal(v any) ([]byte, error) { return json.Marshal(v) }

// Unmarshal decodes data into v.
func (JSONCodec) Unmarshal(data []byte, v any) error { return json.Unmarshal(data, v) }

// Name returns the codec name.
func (JSONCodec) Name() string { return CodecName }

func init() {
	encoding.RegisterCodec(JSONCodec{})
}

// Status converts an application error into a gRPC status error.
func Status(err error) error {
	if err == nil {
		return nil
	}
	var code codes.Code
	switch apperr.KindOf(err) {
	case apperr.KindNotFound:
		code = codes.NotFound
	case apperr.KindInvalid:
		code = codes.InvalidArgument
	case apperr.KindConflict:
		code = codes.FailedPrecondition
	case apperr.KindUnauthorized:
		code = codes.Unauthenticated
	case apperr.KindForbidden:
		code = codes.PermissionDenied
	case apperr.KindUnavailable:
		code = codes.Unavailable
	default:
		return status.Error(codes.Internal, "internal error")
	}
	return status.Error(code, err.Error())
}
