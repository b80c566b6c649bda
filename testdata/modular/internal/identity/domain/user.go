// Package domain holds the identity module's entities: clinic staff and
// their login sessions.
package domain

import (
	"errors"
	"net/mail"
	"strings"
	"time"
)

// Domain errors.
var (
	ErrUserNotFound       = errors.New("user not found")
	ErrEmailTaken         = errors.New("email already registered")
	ErrInvalidEmail       = errors.New("invalid email address")
	ErrInvalidRole        = errors.New("invalid role")
	ErrInvalidCredentials = errors.New("invalid email or password")
	ErrSessionExpired     = errors.New("session expired")
)

// Role is a staff role; it drives authorisation across the clinic.
type Role string

const (
	RoleAdmin        Role = "admin"
	RoleVet          Role = "vet"
	RoleNurse        Role = "nurse"
	RoleReceptionist Role = "receptionist"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	return r == RoleAdmin || r == RoleVet || r == RoleNurse || r == RoleReceptionist
}

// User is a staff member who can log in.
type User struct {
	ID           string
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	CreatedAt    time.Time
}

// NewUser validates and builds a user.
func NewUser(id, email, name string, role Role, passwordHash string, now time.Time) (User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if _, err := mail.ParseAddress(email); err != nil {
		return User{}, ErrInvalidEmail
	}
	if !role.Valid() {
		return User{}, ErrInvalidRole
	}
	return User{ID: id, Email: email, Name: strings.TrimSpace(name), Role: role, PasswordHash: passwordHash, CreatedAt: now}, nil
}

// Session is an opaque bearer token issued at login.
type Session struct {
	Token     string
	UserID    string
	ExpiresAt time.Time
}

// Expired reports whether the session is no longer valid at now.
func (s Session) Expired(now time.Time) bool { return !now.Before(s.ExpiresAt) }
