// Package nethttp registers handlers on net/http's ServeMux with Go 1.22 patterns.
package nethttp

import (
	"fmt"
	"log"
	"net/http"
	"path"
)

// deleteUserPattern tests a pattern held in a constant: it is still a known pattern.
const deleteUserPattern = "DELETE /v1/users/{id}"

type handler struct{}

func (h *handler) getUser(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, r.PathValue("id")) }
func (h *handler) createUser(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusCreated)
}
func (h *handler) deleteUser(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNoContent)
}
func (h *handler) list(w http.ResponseWriter, r *http.Request)   { fmt.Fprintln(w, "[]") }
func (h *handler) static(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
func (h *handler) health(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") }

func healthz(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") }
func hostX(w http.ResponseWriter, r *http.Request)   { fmt.Fprintln(w, r.Host) }

// ordersHandler is an http.Handler: its ServeHTTP method is the handler.
type ordersHandler struct{}

func (o *ordersHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "orders") }

// logging is middleware; the handler is the one it wraps, not logging nor its closure.
func logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Println(r.Method, r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

// eventBus is a look-alike: its HandleFunc(string, func()) is not net/http's.
type eventBus struct{ subs map[string][]func() }

func (b *eventBus) HandleFunc(topic string, f func()) { b.subs[topic] = append(b.subs[topic], f) }

// webroot is a base path read from the configuration.
var webroot = "/"

// filesPath is set once, at start-up, under the configured base (sftpgo's
// web client paths); ambiguous is set twice.
var filesPath, ambiguous string

// SetBase sets the paths the routes use.
func SetBase(base string) {
	filesPath = path.Join(base, "/web/files")
	ambiguous = "/a"
	if base != "" {
		ambiguous = "/b"
	}
}

// patterns are chosen at run time.
var patterns = []string{"/x"}

// Routes wires everything; base is only known at run time.
func Routes(base string) *http.ServeMux {
	h := &handler{}

	// The package-level default mux.
	http.HandleFunc("/healthz", healthz) // want http "ANY /healthz" example.com/ep/nethttp.healthz

	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/users/{id}", h.getUser) // want http "GET /v1/users/{id}" example.com/ep/nethttp.handler.getUser
	mux.HandleFunc("POST /v1/users", h.createUser)  // want http "POST /v1/users" example.com/ep/nethttp.handler.createUser
	mux.HandleFunc(deleteUserPattern, h.deleteUser) // want http "DELETE /v1/users/{id}" example.com/ep/nethttp.handler.deleteUser

	// A pattern with no method matches any method.
	mux.HandleFunc("/static/", h.static) // want http "ANY /static/" example.com/ep/nethttp.handler.static

	// A host pattern keeps its host.
	mux.HandleFunc("example.com/x", hostX) // want http "ANY example.com/x" example.com/ep/nethttp.hostX

	// An http.HandlerFunc conversion passed to Handle.
	mux.Handle("GET /v1/list", http.HandlerFunc(h.list)) // want http "GET /v1/list" example.com/ep/nethttp.handler.list

	// Middleware wrapping: the innermost handler counts.
	mux.Handle("/a", logging(http.HandlerFunc(h.list))) // want http "ANY /a" example.com/ep/nethttp.handler.list

	// A type implementing ServeHTTP.
	mux.Handle("/b", &ordersHandler{}) // want http "ANY /b" example.com/ep/nethttp.ordersHandler.ServeHTTP

	// Closure whose only statement calls a module method: that method is the handler.
	mux.HandleFunc("GET /v1/me", func(w http.ResponseWriter, r *http.Request) { // want http "GET /v1/me" example.com/ep/nethttp.handler.getUser
		h.getUser(w, r)
	})

	// Closure with two statements: the enclosing function is the handler.
	mux.HandleFunc("GET /v1/ping", func(w http.ResponseWriter, r *http.Request) { // want http "GET /v1/ping" example.com/ep/nethttp.Routes
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintln(w, "pong")
	})

	// Closure whose only statement calls a non-module function: the enclosing function.
	mux.HandleFunc("GET /v1/version", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "v1") }) // want http "GET /v1/version" example.com/ep/nethttp.Routes

	// A base path set at run time: the routes under it are shown from its root.
	mux.HandleFunc(path.Join(base, "health"), h.health)    // want http "ANY /health" example.com/ep/nethttp.handler.health
	mux.HandleFunc("GET "+webroot+"api/v1/users", h.list)  // want http "GET /api/v1/users" example.com/ep/nethttp.handler.list
	mux.HandleFunc("POST "+base+"/v1/users", h.createUser) // want http "POST /v1/users" example.com/ep/nethttp.handler.createUser
	mux.HandleFunc("GET "+base, h.static)                  // want http "GET /" example.com/ep/nethttp.handler.static

	// A local set to a constant is that constant, not a base.
	users := "/v2/users"
	mux.HandleFunc(users+"/{id}", h.getUser) // want http "ANY /v2/users/{id}" example.com/ep/nethttp.handler.getUser

	// A package variable set once: its value.
	mux.HandleFunc(filesPath, h.list) // want http "ANY /web/files" example.com/ep/nethttp.handler.list

	// A pattern computed at run time: still an entry point, method and path unknown.
	mux.HandleFunc(ambiguous, h.health)            // want http "ANY ?" example.com/ep/nethttp.handler.health
	mux.HandleFunc(patterns[0], h.health)          // want http "ANY ?" example.com/ep/nethttp.handler.health
	mux.HandleFunc("/v1/"+base+"/items", h.health) // want http "ANY ?" example.com/ep/nethttp.handler.health

	// Negative: our own HandleFunc method with a route-looking string.
	bus := &eventBus{subs: map[string][]func(){}}
	bus.HandleFunc("GET /v1/users/{id}", func() {})

	// Negative: a route-looking string in an unrelated call.
	log.Printf("serving %s", "GET /v1/users/{id}")

	// Negative: a conversion that is never registered.
	unused := http.HandlerFunc(h.health)
	_ = unused
	return mux
}
