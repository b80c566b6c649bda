// Package auth carries the authenticated principal through request contexts.
// It holds no business rules: the identity module decides who a token belongs to.
package auth

import (
	"context"
	"errors"
)

// ErrUnauthenticated is returned when no principal is present.
var ErrUnauthenticated = errors.New("auth: unauthenticated")

// Principal is the authenticated staff member performing a request.
type Principal struct {
	UserID string
	Email  string
	Role   string
}

// HasRole reports whether the principal has one of roles.
func (p Principal) HasRole(roles ...string) bool {
	for _, r := range roles {
		if p.Role == r {
			return true
		}
	}
	return false
}

// Verifier resolves a bearer token into a principal.
type Verifier interface {
	Verify(ctx context.Context, token string) (Principal, error)
}

type principalKey struct{}

// WithPrincipal returns a copy of ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the principal stored in ctx.
func FromContext(ctx context.Context) (Principal, error) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	if !ok {
		return Principal{}, ErrUnauthenticated
	}
	return p, nil
}
