// Package postgres implements the identity repository on the identity schema.
package postgres

import (
	"context"
	"database/sql"
	"errors"

	"example.com/clinic/internal/identity/domain"
	"example.com/clinic/internal/platform/db"
)

// Migrations returns the identity schema migrations.
func Migrations() []db.Migration {
	return []db.Migration{{Module: "identity", Version: 1, Name: "users_sessions", SQL: `
CREATE SCHEMA IF NOT EXISTS identity;
CREATE TABLE identity.users (
	id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
	role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE identity.sessions (
	token TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES identity.users(id),
	expires_at TIMESTAMPTZ NOT NULL
);`}}
}

// Repository implements app.Repository.
type Repository struct{ db *sql.DB }

// New returns a Repository.
func New(conn *sql.DB) *Repository { return &Repository{db: conn} }

const userCols = `id, email, name, role, password_hash, created_at`

func scanUser(s db.Scanner) (domain.User, error) {
	var u domain.User
	err := s.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.CreatedAt)
	return u, err
}

func (r *Repository) CreateUser(ctx context.Context, u domain.User) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO identity.users (`+userCols+`) VALUES ($1, $2, $3, $4, $5, $6)`,
		u.ID, u.Email, u.Name, u.Role, u.PasswordHash, u.CreatedAt)
	if db.IsUniqueViolation(err) {
		return domain.ErrEmailTaken
	}
	return err
}

func (r *Repository) user(ctx context.Context, where string, arg any) (domain.User, error) {
	u, err := db.QueryOne(ctx, r.db, scanUser, `SELECT `+userCols+` FROM identity.users WHERE `+where, arg)
	if errors.Is(err, db.ErrNotFound) {
		return u, domain.ErrUserNotFound
	}
	return u, err
}

func (r *Repository) UserByID(ctx context.Context, id string) (domain.User, error) {
	return r.user(ctx, `id = $1`, id)
}

func (r *Repository) UserByEmail(ctx context.Context, email string) (domain.User, error) {
	return r.user(ctx, `email = lower($1)`, email)
}

func (r *Repository) ListUsers(ctx context.Context, pr db.PageRequest) (db.Page[domain.User], error) {
	return db.QueryPage(ctx, r.db, scanUser, pr, `SELECT count(*) FROM identity.users`,
		`SELECT `+userCols+` FROM identity.users ORDER BY name LIMIT $1 OFFSET $2`)
}

func (r *Repository) SaveSession(ctx context.Context, s domain.Session) error {
	_, err := r.db.ExecContext(ctx, `INSERT INTO identity.sessions (token, user_id, expires_at) VALUES ($1, $2, $3)`,
		s.Token, s.UserID, s.ExpiresAt)
	return err
}

func (r *Repository) Session(ctx context.Context, token string) (domain.Session, error) {
	return db.QueryOne(ctx, r.db, func(sc db.Scanner) (domain.Session, error) {
		var s domain.Session
		err := sc.Scan(&s.Token, &s.UserID, &s.ExpiresAt)
		return s, err
	}, `SELECT token, user_id, expires_at FROM identity.sessions WHERE token = $1`, token)
}
