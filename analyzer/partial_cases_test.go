package analyzer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestPartialSwaggerShaped: a type shaped like go-swagger's API (a map of
// maps by string) whose routing tables hold nothing does not make every
// later run a full one (kubernetes has such types); a changed package that
// now holds a routing table does, and both give the model a run without
// the cache gives.
func TestPartialSwaggerShaped(t *testing.T) {
	dir := t.TempDir()
	write := writer(t, dir)
	write("go.mod", "module example.com/sw\n\ngo 1.22\n")
	write("api/api.go", `package api

type Handler func() int

type API struct {
	handlers map[string]map[string]Handler
	GetThing Handler
}

func New() *API { return &API{handlers: map[string]map[string]Handler{}} }
`)
	write("app/app.go", `package app

import "example.com/sw/api"

func Wire() *api.API {
	a := api.New()
	a.GetThing = func() int { return 1 }
	return a
}
`)
	write("lib/lib.go", "package lib\n\nfunc F() int { return 1 }\n")
	cache := t.TempDir()
	var rep CacheReport
	run := func(cached bool) []byte {
		t.Helper()
		b, _ := analyzeCached(t, Config{Dir: dir, CallGraph: CallGraphNone}, cache, &rep, cached)
		return b
	}
	run(true)
	write("lib/lib.go", "package lib\n\nfunc F() int { return 2 }\n\nfunc G() int { return 3 }\n")
	got := run(true)
	if !rep.Partial {
		t.Errorf("lib changed: in full (%s), want a partial run", rep.Full)
	}
	if cold := run(false); !bytes.Equal(got, cold) {
		t.Fatalf("lib changed: the cached model differs from a run without the cache:\n%s", firstDiff(got, cold))
	}
	// A routing table in lib gives app's assignment a route.
	write("lib/lib.go", `package lib

type Handler func() int

type Table struct {
	handlers map[string]map[string]Handler
	GetThing Handler
}

func (o *Table) Init(f func(Handler) Handler) {
	o.handlers["GET"]["/thing"] = f(o.GetThing)
}
`)
	got = run(true)
	if rep.Partial {
		t.Errorf("a routing table added: the run was partial, want a full one")
	}
	if cold := run(false); !bytes.Equal(got, cold) {
		t.Fatalf("a routing table added: the cached model differs from a run without the cache:\n%s", firstDiff(got, cold))
	}
}

// TestPartialExcludedOnly: when only an excluded package changed, the
// model is the last one, without a full run.
func TestPartialExcludedOnly(t *testing.T) {
	dir := t.TempDir()
	write := writer(t, dir)
	write("go.mod", "module example.com/ex\n\ngo 1.22\n")
	write("app/app.go", "package app\n\nfunc F() int { return 1 }\n")
	write("lib/lib.go", "package lib\n\nfunc F() int { return 1 }\n")
	write("fake/fake.go", "package fake\n\nfunc F() int { return 1 }\n")
	cfg := Config{Dir: dir, CallGraph: CallGraphNone, Exclude: []string{"fake"}}
	cache := t.TempDir()
	var rep CacheReport
	first, _ := analyzeCached(t, cfg, cache, &rep, true)
	write("fake/fake.go", "package fake\n\nfunc F() int { return 2 }\n")
	got, _ := analyzeCached(t, cfg, cache, &rep, true)
	if !rep.Partial || rep.Hit {
		t.Errorf("fake changed: partial %v, hit %v (%s), want a partial run", rep.Partial, rep.Hit, rep.Full)
	}
	if !bytes.Equal(got, first) {
		t.Fatalf("fake changed: the model changed:\n%s", firstDiff(got, first))
	}
	if cold, _ := analyzeCached(t, cfg, cache, &rep, false); !bytes.Equal(got, cold) {
		t.Fatalf("fake changed: the cached model differs from a run without the cache:\n%s", firstDiff(got, cold))
	}
	// The record kept for the next run serves it.
	write("app/app.go", "package app\n\nfunc F() int { return 2 }\n")
	got, _ = analyzeCached(t, cfg, cache, &rep, true)
	if !rep.Partial {
		t.Errorf("app changed: in full (%s), want a partial run", rep.Full)
	}
	if cold, _ := analyzeCached(t, cfg, cache, &rep, false); !bytes.Equal(got, cold) {
		t.Fatalf("app changed: the cached model differs from a run without the cache:\n%s", firstDiff(got, cold))
	}
}

// writer writes files of a module in dir.
func writer(t *testing.T, dir string) func(name, src string) {
	return func(name, src string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
