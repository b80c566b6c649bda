// Package negatives holds look-alikes of every framework call. Nothing here is an entry point.
package negatives

import (
	"fmt"
	"log"
	"net/http"
	"strings"
)

// Router mimics gin/chi/net/http method names on a type of our own.
type Router struct {
	prefix string
	routes map[string]func()
}

func (r *Router) GET(path string, f func()) { r.routes["GET "+r.prefix+path] = f }
func (r *Router) Get(path string, f func()) { r.routes["GET "+r.prefix+path] = f }
func (r *Router) HandleFunc(pattern string, f func(http.ResponseWriter, *http.Request)) {
	r.routes[pattern] = nil
}
func (r *Router) Group(prefix string) *Router {
	return &Router{prefix: r.prefix + prefix, routes: r.routes}
}

// Broker mimics nats.Conn.Subscribe.
type Broker struct{ subs map[string]func([]byte) }

func (b *Broker) Subscribe(subject string, f func([]byte)) error { b.subs[subject] = f; return nil }

// Scheduler mimics cron.Cron.AddFunc.
type Scheduler struct{ jobs map[string]func() }

func (s *Scheduler) AddFunc(spec string, f func()) error { s.jobs[spec] = f; return nil }

// command mimics cobra.Command's fields.
type command struct {
	Use  string
	RunE func() error
}

type fooServer struct{}

func (fooServer) SayHello() string { return "hello" }

// RegisterFooServer is named like a generated gRPC registrar but takes no grpc.ServiceRegistrar.
func RegisterFooServer(reg map[string]any, srv any) { reg["foo"] = srv }

func handle()                                          { log.Println("handled") }
func onMsg(b []byte)                                   { log.Println(string(b)) }
func run() error                                       { return nil }
func serveUser(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "user") }

// Wire calls all the look-alikes.
func Wire(path string) {
	r := &Router{routes: map[string]func(){}}
	r.GET("/users/:id", handle)
	r.Get("/users/{id}", handle)
	r.HandleFunc("GET /v1/users/{id}", serveUser)
	api := r.Group("/api")
	api.GET("/x", handle)

	b := &Broker{subs: map[string]func([]byte){}}
	_ = b.Subscribe("orders.created", onMsg)

	s := &Scheduler{jobs: map[string]func(){}}
	_ = s.AddFunc("@every 1h", handle)

	cmds := []*command{{Use: "serve [flags]", RunE: run}}
	RegisterFooServer(map[string]any{"cmds": cmds}, &fooServer{})

	// Route-looking strings in unrelated calls.
	req, err := http.NewRequest("GET", "/v1/users/42", nil)
	if err == nil {
		log.Println(req.URL.Path)
	}
	fmt.Println("GET /v1/users/{id}")
	if strings.HasPrefix(path, "/api/") {
		log.Printf("route %s %s", http.MethodPost, "/v1/users")
	}

	// A handler conversion and a mux that is never given it.
	h := http.HandlerFunc(serveUser)
	mux := http.NewServeMux()
	log.Println(h != nil, mux != nil)
}
