// Package store keeps items and users.
package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"time"

	"example.com/edge/kernel"
)

// ErrMissing is returned for an item that does not exist.
var ErrMissing = errors.New("missing")

// Hits counts lookups; app resets it.
var Hits int

// Level is an item's importance.
type Level int

// Item is what the store keeps.
type Item struct {
	ID     string
	Tags   []string
	Meta   map[string]Level
	Parent *Item
	Level  Level
	When   time.Time
	secret string
}

// Items is the item store.
type Items struct {
	mu    sync.Mutex
	items map[string]Item
}

// NewItems builds an empty store.
func NewItems() *Items { return &Items{items: map[string]Item{}} }

// Get returns an item.
func (s *Items) Get(ctx context.Context, id string) (*Item, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	Hits++
	it, ok := s.items[id]
	if !ok {
		return nil, ErrMissing
	}
	return &it, nil
}

// Put stores an item and stamps it.
func (s *Items) Put(ctx context.Context, it *Item) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	it.When = time.Now()
	it.secret = "stamped"
	s.items[it.ID] = *it
	return nil
}

// List returns the items with the given ids.
func (s *Items) List(ctx context.Context, ids ...string) ([]Item, error) {
	var out []Item
	for _, id := range ids {
		it, err := s.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, *it)
	}
	return out, nil
}

// Next returns the window after w.
func (s *Items) Next(ctx context.Context, w kernel.Window) (kernel.Window, error) {
	w.Page.Token += "+"
	return w, nil
}

// Watch streams the items as they are put.
func (s *Items) Watch(ctx context.Context) (<-chan Item, error) {
	ch := make(chan Item)
	close(ch)
	return ch, nil
}

// Delete deletes an item in the caller's transaction.
func (s *Items) Delete(ctx context.Context, tx *sql.Tx, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.items, id)
	return nil
}

// Count says how many items there are.
func (s *Items) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.items)
}

// Users keeps user names.
type Users struct {
	names map[string]string
}

// NewUsers builds the user list.
func NewUsers() *Users { return &Users{names: map[string]string{"u1": " Ada "}} }

// Get returns a user's name.
func (u *Users) Get(ctx context.Context, id string) (string, error) {
	n, ok := u.names[id]
	if !ok {
		return "", ErrMissing
	}
	return n, nil
}

// Normalize trims a name.
func Normalize(s string) string { return strings.TrimSpace(s) }
