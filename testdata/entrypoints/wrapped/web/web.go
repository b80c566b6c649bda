// Package web is an application's own router over chi, as gitea's
// modules/web is: Get and Post forward to Methods, which registers on chi
// with the group prefix the router keeps while a Group's function runs;
// Combo collects several methods on one path; Mount mounts another Router.
package web

import (
	"net/http"
	"strings"

	"github.com/go-chi/chi/v5"
)

// Router wraps chi; its group prefix is state, not a sub-router.
type Router struct {
	mux    *chi.Mux
	prefix string
}

func NewRouter() *Router { return &Router{mux: chi.NewRouter()} }

func (r *Router) pattern(p string) string {
	full := r.prefix + p
	if !strings.HasPrefix(full, "/") {
		full = "/" + full
	}
	return full
}

// toHandler turns the last of hs into the handler (the others are middleware).
func toHandler(hs []any) http.HandlerFunc {
	if h, ok := hs[len(hs)-1].(func(http.ResponseWriter, *http.Request)); ok {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {}
}

// Methods registers hs for each of the comma-separated methods.
func (r *Router) Methods(methods, pattern string, hs ...any) {
	h := toHandler(hs)
	full := r.pattern(pattern)
	if strings.Contains(methods, ",") {
		for m := range strings.SplitSeq(methods, ",") {
			r.mux.With().Method(strings.TrimSpace(m), full, h)
		}
		return
	}
	r.mux.Method(methods, full, h)
}

func (r *Router) Get(pattern string, hs ...any)  { r.Methods("GET", pattern, hs...) }
func (r *Router) Post(pattern string, hs ...any) { r.Methods("POST", pattern, hs...) }

// Any registers hs for every method.
func (r *Router) Any(pattern string, hs ...any) { r.mux.HandleFunc(r.pattern(pattern), toHandler(hs)) }

// Group registers what fn registers under pattern.
func (r *Router) Group(pattern string, fn func(), middleware ...any) {
	old := r.prefix
	r.prefix += pattern
	fn()
	r.prefix = old
}

// Mount mounts sub under pattern.
func (r *Router) Mount(pattern string, sub *Router) { r.mux.Mount(r.pattern(pattern), sub.mux) }

// NotFound handles what no route matches.
func (r *Router) NotFound(h http.HandlerFunc) { r.mux.NotFound(h) }

func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) { r.mux.ServeHTTP(w, req) }

// Combo registers several methods on one path.
func (r *Router) Combo(pattern string, hs ...any) *Combo { return &Combo{r, pattern, hs} }

type Combo struct {
	r       *Router
	pattern string
	hs      []any
}

func (c *Combo) Get(hs ...any) *Combo {
	c.r.Get(c.pattern, append(c.hs, hs...)...)
	return c
}

func (c *Combo) Post(hs ...any) *Combo {
	c.r.Post(c.pattern, append(c.hs, hs...)...)
	return c
}
