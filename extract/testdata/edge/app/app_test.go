package app

import (
	"context"
	"testing"

	"example.com/edge/store"
)

func TestShow(t *testing.T) {
	h := New(store.NewItems(), store.NewUsers())
	ctx := context.Background()
	if err := h.Add(ctx, "i1"); err != nil {
		t.Fatal(err)
	}
	got, err := h.Show(ctx, "i1")
	if err != nil || got != "i1 (1 tags) by Ada" {
		t.Fatalf("Show = %q, %v", got, err)
	}
	if got, _ := h.Show(ctx, "nope"); got != "no such item" {
		t.Fatalf("Show(nope) = %q", got)
	}
}
