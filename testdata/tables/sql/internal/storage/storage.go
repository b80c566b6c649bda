// Package storage is the application's data access: each table is
// written here, and only here.
package storage

import (
	"context"
	"database/sql"
)

// Storage runs the application's queries.
type Storage struct {
	db          *sql.DB
	insertEntry *sql.Stmt
	deleteEntry *sql.Stmt
}

const insertEntrySQL = `INSERT INTO entries (feed_id, title) VALUES ($1, $2) RETURNING id`

const deleteEntrySQL = `DELETE FROM entries WHERE id = $1`

// statementList prepares several statements, dendrite style.
type statementList []struct {
	stmt **sql.Stmt
	sql  string
}

func (l statementList) prepare(db *sql.DB) error {
	for _, s := range l {
		st, err := db.Prepare(s.sql)
		if err != nil {
			return err
		}
		*s.stmt = st
	}
	return nil
}

// New prepares the statements: preparing is not running them.
func New(db *sql.DB) (*Storage, error) {
	s := &Storage{db: db}
	var err error
	if s.insertEntry, err = db.Prepare(insertEntrySQL); err != nil {
		return nil, err
	}
	return s, statementList{{&s.deleteEntry, deleteEntrySQL}}.prepare(db)
}

// txStmt runs a statement inside tx when there is one.
func txStmt(tx *sql.Tx, st *sql.Stmt) *sql.Stmt {
	if tx != nil {
		return tx.Stmt(st)
	}
	return st
}

// CreateUser adds a user.
func (s *Storage) CreateUser(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `INSERT INTO users (username) VALUES ($1) RETURNING id`, name).Scan(&id)
	return id, err
}

// UserByName finds a user.
func (s *Storage) UserByName(ctx context.Context, name string) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT id FROM users WHERE username = $1`, name).Scan(&id)
	return id, err
}

// DeleteUser removes a user through the generic helper.
func (s *Storage) DeleteUser(ctx context.Context, id int64) error {
	return s.exec(ctx, `DELETE FROM users WHERE id = $1`, id)
}

// exec is a generic helper: it writes nothing by itself.
func (s *Storage) exec(ctx context.Context, query string, args ...any) error {
	_, err := s.db.ExecContext(ctx, query, args...)
	return err
}

// CreateFeed subscribes a user to a feed.
func (s *Storage) CreateFeed(ctx context.Context, userID int64, url string) error {
	return s.exec(ctx, `INSERT INTO feeds (user_id, feed_url) VALUES ($1, $2)`, userID, url)
}

// AddEntry stores an entry through the prepared statement.
func (s *Storage) AddEntry(ctx context.Context, feedID int64, title string) (int64, error) {
	var id int64
	err := s.insertEntry.QueryRowContext(ctx, feedID, title).Scan(&id)
	return id, err
}

// RemoveEntry deletes an entry, in tx when there is one.
func (s *Storage) RemoveEntry(ctx context.Context, tx *sql.Tx, id int64) error {
	stmt := txStmt(tx, s.deleteEntry)
	_, err := stmt.ExecContext(ctx, id)
	return err
}

// UnreadEntries lists a user's unread entries.
func (s *Storage) UnreadEntries(ctx context.Context, userID int64) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, `
		SELECT e.id, e.title FROM entries e
		JOIN feeds f ON f.id = e.feed_id
		WHERE f.user_id = $1 AND e.status = 'unread'`, userID)
}

// MarkRead marks entries read.
func (s *Storage) MarkRead(ctx context.Context, ids []int64) error {
	return s.exec(ctx, `UPDATE entries SET status = 'read' WHERE id = ANY($1)`, ids)
}

// TagEntry tags an entry.
func (s *Storage) TagEntry(ctx context.Context, entryID int64, tag string) error {
	return s.exec(ctx, `INSERT INTO tags (entry_id, name) VALUES ($1, $2)`, entryID, tag)
}
