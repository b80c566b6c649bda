package db

import (
	"context"
	"database/sql"
	"errors"
)

// PageRequest is a limit/offset window.
type PageRequest struct {
	Limit  int
	Offset int
}

// Normalize clamps the window to sane bounds.
func (p PageRequest) Normalize() PageRequest {
	if p.Limit <= 0 || p.Limit > 200 {
		p.Limit = 50
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

// Page is one window of a listing.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// Map converts a page of T into a page of U.
func Map[T, U any](p Page[T], f func(T) U) Page[U] {
	out := Page[U]{Items: make([]U, 0, len(p.Items)), Total: p.Total, Limit: p.Limit, Offset: p.Offset}
	for _, it := range p.Items {
		out.Items = append(out.Items, f(it))
	}
	return out
}

// QueryAll runs query and scans every row with scan.
func QueryAll[T any](ctx context.Context, q DBTX, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// QueryOne runs query and scans a single row, mapping sql.ErrNoRows to ErrNotFound.
func QueryOne[T any](ctx context.Context, q DBTX, scan func(Scanner) (T, error), query string, args ...any) (T, error) {
	v, err := scan(q.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		var zero T
		return zero, ErrNotFound
	}
	return v, err
}

// QueryPage runs a count query and a windowed list query.
func QueryPage[T any](ctx context.Context, q DBTX, scan func(Scanner) (T, error), pr PageRequest, countQuery, listQuery string, args ...any) (Page[T], error) {
	pr = pr.Normalize()
	page := Page[T]{Limit: pr.Limit, Offset: pr.Offset}
	if err := q.QueryRowContext(ctx, countQuery, args...).Scan(&page.Total); err != nil {
		return page, err
	}
	listArgs := append(append([]any(nil), args...), pr.Limit, pr.Offset)
	items, err := QueryAll(ctx, q, scan, listQuery, listArgs...)
	if err != nil {
		return page, err
	}
	page.Items = items
	return page, nil
}
