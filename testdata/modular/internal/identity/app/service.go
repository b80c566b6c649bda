// Package app holds the identity use cases.
package app

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"time"

	"example.com/clinic/internal/identity/domain"
	"example.com/clinic/internal/platform/auth"
	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
)

// Repository persists staff users and their sessions.
type Repository interface {
	CreateUser(ctx context.Context, u domain.User) error
	UserByID(ctx context.Context, id string) (domain.User, error)
	UserByEmail(ctx context.Context, email string) (domain.User, error)
	ListUsers(ctx context.Context, pr db.PageRequest) (db.Page[domain.User], error)
	SaveSession(ctx context.Context, s domain.Session) error
	Session(ctx context.Context, token string) (domain.Session, error)
}

// StaffRegistered is published when a new staff account is created.
type StaffRegistered struct {
	UserID, Email, Name, Role string
}

// EventName implements eventbus.Event.
func (StaffRegistered) EventName() string { return "identity.staff_registered" }

// Service implements staff registration, login and token verification.
type Service struct {
	repo   Repository
	events eventbus.Publisher
	clock  clock.Clock
	secret []byte
	ttl    time.Duration
}

// NewService builds the identity service.
func NewService(repo Repository, events eventbus.Publisher, c clock.Clock, secret string, ttl time.Duration) *Service {
	return &Service{repo: repo, events: events, clock: c, secret: []byte(secret), ttl: ttl}
}

// RegisterStaff is the input of RegisterStaff.
type RegisterStaff struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Password string `json:"password"`
}

// RegisterStaff creates a staff account and announces it.
func (s *Service) RegisterStaff(ctx context.Context, in RegisterStaff) (domain.User, error) {
	u, err := domain.NewUser(db.NewID("usr"), in.Email, in.Name, domain.Role(in.Role), s.hash(in.Password), s.clock.Now())
	if err != nil {
		return domain.User{}, err
	}
	if err := s.repo.CreateUser(ctx, u); err != nil {
		return domain.User{}, err
	}
	return u, s.events.Publish(ctx, StaffRegistered{UserID: u.ID, Email: u.Email, Name: u.Name, Role: string(u.Role)})
}

// Login checks credentials and opens a session.
func (s *Service) Login(ctx context.Context, email, password string) (domain.Session, error) {
	u, err := s.repo.UserByEmail(ctx, email)
	if errors.Is(err, domain.ErrUserNotFound) || (err == nil && !hmac.Equal([]byte(u.PasswordHash), []byte(s.hash(password)))) {
		return domain.Session{}, domain.ErrInvalidCredentials
	} else if err != nil {
		return domain.Session{}, err
	}
	raw := make([]byte, 32)
	_, _ = rand.Read(raw)
	sess := domain.Session{Token: base64.RawURLEncoding.EncodeToString(raw), UserID: u.ID, ExpiresAt: s.clock.Now().Add(s.ttl)}
	return sess, s.repo.SaveSession(ctx, sess)
}

// Verify resolves a bearer token to the principal that owns it.
func (s *Service) Verify(ctx context.Context, token string) (auth.Principal, error) {
	sess, err := s.repo.Session(ctx, token)
	if err != nil {
		return auth.Principal{}, err
	}
	if sess.Expired(s.clock.Now()) {
		return auth.Principal{}, domain.ErrSessionExpired
	}
	u, err := s.repo.UserByID(ctx, sess.UserID)
	if err != nil {
		return auth.Principal{}, err
	}
	return auth.Principal{UserID: u.ID, Email: u.Email, Role: string(u.Role)}, nil
}

// User returns one staff member.
func (s *Service) User(ctx context.Context, id string) (domain.User, error) {
	return s.repo.UserByID(ctx, id)
}

// ListStaff lists staff accounts.
func (s *Service) ListStaff(ctx context.Context, pr db.PageRequest) (db.Page[domain.User], error) {
	return s.repo.ListUsers(ctx, pr)
}

func (s *Service) hash(password string) string {
	mac := hmac.New(sha256.New, s.secret)
	mac.Write([]byte(password))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
