// Package apperr defines the error vocabulary shared by every layer of the
// shop. Repositories and services return *Error values; transports (HTTP,
// gRPC, NATS) translate the Kind into their own status codes.
package apperr

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Kind classifies an error for transport mapping.
type Kind int

const (
	KindInternal Kind = iota
	KindNotFound
	KindInvalid
	KindConflict
	KindUnauthorized
	KindForbidden
	KindUnavailable
)

// String returns a stable, lower-case name for the kind.
func (k Kind) String() string {
	switch k {
	case KindNotFound:
		return "not_found"
	case KindInvalid:
		return "invalid"
	case KindConflict:
		return "conflict"
	case KindUnauthorized:
		return "unauthorized"
	case KindForbidden:
		return "forbidden"
	case KindUnavailable:
		return "unavailable"
	default:
		return "internal"
	}
}

// Error is the application error type.
type Error struct {
	Kind    Kind
	Op      string
	Message string
	Fields  map[string]string
	Err     error
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if e.Message != "" {
		b.WriteString(e.Message)
	} else {
		b.WriteString(e.Kind.String())
	}
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString(" (")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s: %s", k, e.Fields[k])
		}
		b.WriteString(")")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// NotFound reports a missing entity.
func NotFound(entity, id string) error {
	return &Error{Kind: KindNotFound, Message: fmt.Sprintf("%s %q not found", entity, id)}
}

// Invalid reports a validation failure.
func Invalid(msg string, fields map[string]string) error {
	return &Error{Kind: KindInvalid, Message: msg, Fields: fields}
}

// Conflict reports a state conflict such as a duplicate or a bad transition.
func Conflict(format string, args ...any) error {
	return &Error{Kind: KindConflict, Message: fmt.Sprintf(format, args...)}
}

// Unauthorized reports missing or bad credentials.
func Unauthorized(msg string) error {
	return &Error{Kind: KindUnauthorized, Message: msg}
}

// Unavailable reports a dependency that could not be reached.
func Unavailable(op string, err error) error {
	return &Error{Kind: KindUnavailable, Op: op, Message: "dependency unavailable", Err: err}
}

// Internal wraps an unexpected error with the operation that failed.
func Internal(op string, err error) error {
	if err == nil {
		return nil
	}
	var ae *Error
	if errors.As(err, &ae) {
		return err
	}
	return &Error{Kind: KindInternal, Op: op, Err: err}
}

// KindOf returns the kind of err, KindInternal for foreign errors.
func KindOf(err error) Kind {
	var ae *Error
	if errors.As(err, &ae) {
		return ae.Kind
	}
	return KindInternal
}

// Is reports whether err is an application error of kind k.
func Is(err error, k Kind) bool {
	return err != nil && KindOf(err) == k
}

// FieldErrors collects per-field validation messages.
type FieldErrors map[string]string

// Add records msg for field unless one is already recorded.
func (f FieldErrors) Add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// Check records msg for field when ok is false.
func (f FieldErrors) Check(ok bool, field, msg string) {
	if !ok {
		f.Add(field, msg)
	}
}

// Err returns an Invalid error when any field failed, nil otherwise.
func (f FieldErrors) Err() error {
	if len(f) == 0 {
		return nil
	}
	return Invalid("validation failed", f)
}
