// Package epdecl reads the small language in which routers' registration
// methods are described: the values of a router's methods: table, both in
// splitter's built-in tables and in splitter.yaml's routers: declarations,
// so that both are checked by one parser (the config package reports its
// errors at their line). It knows nothing of Go code.
package epdecl

import (
	"fmt"
	"strconv"
	"strings"
)

// Kind is what a router method does.
type Kind uint8

const (
	Route   Kind = iota // registers a route
	Group               // returns a router under the prefix in its first argument
	Keep                // returns the same router (Use, With)
	Scope               // passes a router under the prefix to its func argument (chi Route)
	Closure             // registrations on the same router inside its func argument get the prefix (macaron Group)
	Mount               // mounts a handler under the prefix (chi Mount)
)

// NoHandler is Method.Handler for a route without a handler argument.
const NoHandler = -2

// Method is one parsed method description.
type Method struct {
	Kind     Kind
	Verbs    []string // fixed verbs; none means any method
	VerbArg  int      // the argument holding the verb, or -1
	VerbsArg int      // the argument holding a []string of verbs, or -1
	Path     int      // the path argument; -1: none
	Handler  int      // the handler argument; -1: the last one; NoHandler: none
	Suffix   string   // appended to the path
}

// Joins are the accepted path join rules ("" is concat).
var Joins = []string{"concat", "gin", "echo", "chi", "fiber"}

// ValidJoin reports whether j names a join rule.
func ValidJoin(j string) bool {
	if j == "" {
		return true
	}
	for _, x := range Joins {
		if x == j {
			return true
		}
	}
	return false
}

var verbs = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true,
	"HEAD": true, "OPTIONS": true, "CONNECT": true, "TRACE": true, "ANY": true}

// IsVerb reports whether v is an HTTP method (or ANY).
func IsVerb(v string) bool { return verbs[v] }

// ParseMethod reads a method value: a verb ("GET"), verbs ("GET,HEAD"),
// "ANY", "argN" (the verb is the N-th argument), "argsN" (a []string of
// verbs is the N-th argument) or a role (group, keep, scope, closure,
// mount), then options path=N|none, handler=N|last|none, suffix=S. path and
// handler are the router's defaults; for argN and argsN they count after
// the verb argument.
func ParseMethod(v string, path, handler int) (Method, error) {
	fields := strings.Fields(v)
	if len(fields) == 0 {
		return Method{}, fmt.Errorf("empty: give a verb (GET), ANY, argN, argsN or a role (group, keep, scope, closure, mount)")
	}
	m := Method{VerbArg: -1, VerbsArg: -1, Path: path, Handler: handler}
	head := fields[0]
	shift := 0
	switch {
	case head == "group":
		m.Kind = Group
	case head == "keep":
		m.Kind = Keep
	case head == "scope":
		m.Kind = Scope
	case head == "closure":
		m.Kind = Closure
	case head == "mount":
		m.Kind, m.Handler = Mount, path+1
	case strings.HasPrefix(head, "args"):
		n, err := strconv.Atoi(head[4:])
		if err != nil || n < 0 {
			return Method{}, fmt.Errorf("%q: argsN needs an argument index, e.g. args0", head)
		}
		m.VerbsArg, shift = n, n+1
	case strings.HasPrefix(head, "arg"):
		n, err := strconv.Atoi(head[3:])
		if err != nil || n < 0 {
			return Method{}, fmt.Errorf("%q: argN needs an argument index, e.g. arg0", head)
		}
		m.VerbArg, shift = n, n+1
	default:
		for _, verb := range strings.Split(head, ",") {
			verb = strings.ToUpper(verb)
			if !verbs[verb] {
				return Method{}, fmt.Errorf("%q is not an HTTP method (GET, POST, ..., ANY), argN, argsN or a role (group, keep, scope, closure, mount)", verb)
			}
			if verb != "ANY" {
				m.Verbs = append(m.Verbs, verb)
			}
		}
	}
	m.Path += shift
	if m.Handler >= 0 {
		m.Handler += shift
	}
	for _, opt := range fields[1:] {
		k, val, ok := strings.Cut(opt, "=")
		if !ok {
			return Method{}, fmt.Errorf("option %q: want key=value (path=N, handler=N|none, suffix=S)", opt)
		}
		switch k {
		case "path":
			if val == "none" {
				m.Path = -1
				continue
			}
			n, err := strconv.Atoi(val)
			if err != nil || n < 0 {
				return Method{}, fmt.Errorf("option %q: want an argument index or none", opt)
			}
			m.Path = n
		case "handler":
			switch val {
			case "none":
				m.Handler = NoHandler
			case "last":
				m.Handler = -1
			default:
				n, err := strconv.Atoi(val)
				if err != nil || n < -1 {
					return Method{}, fmt.Errorf("option %q: want an argument index, last or none", opt)
				}
				m.Handler = n
			}
		case "suffix":
			m.Suffix = val
		default:
			return Method{}, fmt.Errorf("option %q: unknown (path, handler, suffix)", opt)
		}
	}
	return m, nil
}

// ConsumerKinds are the accepted kinds of a consumers: declaration.
var ConsumerKinds = []string{"consumer", "cron", "function"}
