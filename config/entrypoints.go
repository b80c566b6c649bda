package config

import (
	"strings"

	"github.com/splitter-go/splitter/analyzer/epdecl"
)

// Router declares a router splitter does not know, in the shape of the
// built-in tables (see README "Entry points"):
//
//	routers:
//	  - package: example.com/app/internal/web   # import path of the router's package
//	    type: Router                            # receiver type whose methods register routes
//	    methods: {Get: GET, Post: POST, Any: ANY, Handle: arg0}
//	    path: 0                                 # index of the path argument
//	    handler: -1                             # index of the handler (-1: last)
//	    groups: [Group, Route]                  # methods that open a prefixed group
type Router struct {
	Framework string            `yaml:"framework"`
	Package   string            `yaml:"package"`
	Type      string            `yaml:"type"`
	Methods   map[string]string `yaml:"methods"`
	Path      *int              `yaml:"path"`
	Handler   *int              `yaml:"handler"`
	Groups    []string          `yaml:"groups"`
	Join      string            `yaml:"join"`
}

// Consumer declares how a message consumer (or job, or function) of an
// unknown library is registered:
//
//	consumers:
//	  - package: example.com/app/internal/bus
//	    type: Bus
//	    methods: [Subscribe]
//	    topic: 0
//	    handler: 1
type Consumer struct {
	Framework string   `yaml:"framework"`
	Broker    string   `yaml:"broker"`
	Kind      string   `yaml:"kind"`
	Package   string   `yaml:"package"`
	Type      string   `yaml:"type"`
	Methods   []string `yaml:"methods"`
	Topic     *int     `yaml:"topic"`
	Handler   *int     `yaml:"handler"`
	Method    string   `yaml:"method"`
}

// PathIndex is the router's path argument (default 0).
func (r Router) PathIndex() int { return intOr(r.Path, 0) }

// HandlerIndex is the router's handler argument (default -1, the last).
func (r Router) HandlerIndex() int { return intOr(r.Handler, -1) }

// TopicIndex is the consumer's topic argument (default 0).
func (c Consumer) TopicIndex() int { return intOr(c.Topic, 0) }

// HandlerIndex is the consumer's handler argument (default -1, the last).
func (c Consumer) HandlerIndex() int { return intOr(c.Handler, -1) }

func intOr(p *int, d int) int {
	if p == nil {
		return d
	}
	return *p
}

// validateDeclarations checks routers: and consumers: with the parser the
// built-in tables use, reporting each problem at its line.
func (c *Config) validateDeclarations() error {
	for i, r := range c.Routers {
		at := []any{"routers", i}
		if strings.TrimSpace(r.Package) == "" {
			return c.ErrorAt(at, "routers[%d]: package is required (the import path of the router's package)", i)
		}
		if strings.TrimSpace(r.Type) == "" {
			return c.ErrorAt(at, "routers[%d]: type is required (the receiver type whose methods register routes)", i)
		}
		if len(r.Methods) == 0 && len(r.Groups) == 0 {
			return c.ErrorAt(at, "routers[%d]: methods is empty: map method names to a verb (Get: GET), ANY, argN or a role", i)
		}
		if r.PathIndex() < 0 {
			return c.ErrorAt(append(at, "path"), "routers[%d]: path %d: want the index of the path argument (0 for the first)", i, r.PathIndex())
		}
		if r.HandlerIndex() < -1 {
			return c.ErrorAt(append(at, "handler"), "routers[%d]: handler %d: want the index of the handler argument, or -1 for the last", i, r.HandlerIndex())
		}
		if !epdecl.ValidJoin(r.Join) {
			return c.ErrorAt(append(at, "join"), "routers[%d]: join %q: want one of %s", i, r.Join, strings.Join(epdecl.Joins, ", "))
		}
		for _, name := range sortedKeys(r.Methods) {
			if _, err := epdecl.ParseMethod(r.Methods[name], r.PathIndex(), r.HandlerIndex()); err != nil {
				return c.ErrorAt(append(at, "methods", name), "routers[%d].methods.%s: %v", i, name, err)
			}
		}
		for j, g := range r.Groups {
			if _, dup := r.Methods[g]; dup {
				return c.ErrorAt(append(at, "groups", j), "routers[%d]: %s is in methods and in groups: list it once", i, g)
			}
		}
	}
	for i, cs := range c.Consumers {
		at := []any{"consumers", i}
		if strings.TrimSpace(cs.Package) == "" {
			return c.ErrorAt(at, "consumers[%d]: package is required (the import path of the library)", i)
		}
		if len(cs.Methods) == 0 {
			return c.ErrorAt(at, "consumers[%d]: methods is empty: list the methods (or functions) that register a handler", i)
		}
		if cs.TopicIndex() < -1 {
			return c.ErrorAt(append(at, "topic"), "consumers[%d]: topic %d: want the index of the topic argument, or -1 for none", i, cs.TopicIndex())
		}
		if cs.HandlerIndex() < -1 {
			return c.ErrorAt(append(at, "handler"), "consumers[%d]: handler %d: want the index of the handler argument, or -1 for the last", i, cs.HandlerIndex())
		}
		if cs.Kind != "" {
			ok := false
			for _, k := range epdecl.ConsumerKinds {
				ok = ok || cs.Kind == k
			}
			if !ok {
				return c.ErrorAt(append(at, "kind"), "consumers[%d]: kind %q: want one of %s", i, cs.Kind, strings.Join(epdecl.ConsumerKinds, ", "))
			}
		}
	}
	return nil
}
