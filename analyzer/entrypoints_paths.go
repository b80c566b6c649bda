package analyzer

import (
	"path"
	"strings"
)

// joinRule is how a framework combines a group's prefix with a route's
// path, done the way the framework itself does it so that the paths are
// the ones it serves.
type joinRule uint8

const (
	joinConcat  joinRule = iota // gorilla, net/http, httprouter, macaron: plain concatenation
	joinGin                     // gin, hertz: path.Join, a trailing slash of the sub-path kept, root "/"
	joinEcho                    // echo: concatenation, then a leading slash
	joinChi                     // chi: the prefix's trailing slash dropped before the sub-path
	joinFiber                   // fiber, iris: as chi, an empty sub-path is the prefix, a leading slash
	joinGorilla                 // gorilla/mux: the prefix's trailing slashes dropped, then the sub-path
)

var joins = map[string]joinRule{"": joinConcat, "concat": joinConcat, "gin": joinGin, "echo": joinEcho, "chi": joinChi, "fiber": joinFiber, "gorilla": joinGorilla}

// join combines a prefix and a sub-path.
func (j joinRule) join(prefix, sub string) string {
	if prefix == "?" || sub == "?" {
		return "?"
	}
	switch j {
	case joinGin:
		if prefix == "" {
			prefix = "/"
		}
		if sub == "" {
			return prefix
		}
		p := path.Join(prefix, sub)
		if strings.HasSuffix(sub, "/") && !strings.HasSuffix(p, "/") {
			p += "/"
		}
		return p
	case joinChi:
		if prefix == "" {
			return sub
		}
		if sub == "" {
			return prefix
		}
		if !strings.HasPrefix(sub, "/") {
			sub = "/" + sub
		}
		return strings.TrimSuffix(prefix, "/") + sub
	case joinGorilla:
		// mux.Route.addRegexpMatcher: strings.TrimRight(prefix, "/") + tpl,
		// so PathPrefix("/").Subrouter() then HandleFunc("/read") is /read.
		if sub == "" {
			return prefix
		}
		return strings.TrimRight(prefix, "/") + sub
	case joinFiber:
		if sub == "" {
			return prefix
		}
		if !strings.HasPrefix(sub, "/") {
			sub = "/" + sub
		}
		return strings.TrimRight(prefix, "/") + sub
	}
	return prefix + sub
}

// finish normalises a complete path as the framework does when it adds the
// route.
func (j joinRule) finish(p string) string {
	if p == "?" {
		return p
	}
	switch j {
	case joinGin, joinEcho, joinFiber:
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
	}
	return p
}
