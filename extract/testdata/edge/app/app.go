// Package app shows items with their owners.
package app

import (
	"context"
	"errors"
	"fmt"

	"example.com/edge/kernel"
	"example.com/edge/store"
)

// Handler answers requests.
type Handler struct {
	items *store.Items
	users *store.Users
}

// New builds a handler.
func New(items *store.Items, users *store.Users) *Handler {
	return &Handler{items: items, users: users}
}

// Show describes an item.
func (h *Handler) Show(ctx context.Context, id string) (string, error) {
	it, err := h.items.Get(ctx, id)
	if errors.Is(err, store.ErrMissing) {
		return "no such item", nil
	}
	if err != nil {
		return "", err
	}
	name, err := h.users.Get(ctx, "u1")
	if err != nil {
		return "", err
	}
	store.Hits = 0
	return fmt.Sprintf("%s (%d tags) by %s", it.ID, len(it.Tags), store.Normalize(name)), nil
}

// Add stores an item.
func (h *Handler) Add(ctx context.Context, id string) error {
	it := &store.Item{ID: id, Tags: []string{"new"}, Meta: map[string]store.Level{"x": 1}}
	if err := h.items.Put(ctx, it); err != nil {
		return err
	}
	if _, err := h.items.List(ctx, id, id); err != nil {
		return err
	}
	if _, err := h.items.Next(ctx, kernel.Window{Page: kernel.Page{Size: 2}}); err != nil {
		return err
	}
	ch, err := h.items.Watch(ctx)
	if err != nil {
		return err
	}
	for range ch {
	}
	if h.items.Count() == 0 {
		return h.items.Delete(ctx, nil, id)
	}
	return nil
}

// Audit reads the store directly.
type Audit struct {
	Items *store.Items
}

// Run counts the items.
func (a Audit) Run() int { return count(a.Items) }

// Size counts them too.
func (a Audit) Size() int { return a.Items.Count() }

// Is reports whether the audit reads s.
func (a Audit) Is(s *store.Items) bool { return a.Items == s }

func count(s *store.Items) int { return s.Count() }
