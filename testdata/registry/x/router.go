// Package x holds the router types.
package x

import "net/http"

// RouterPublic is the public API's router (kratos' embeds an httprouter).
type RouterPublic struct{ *http.ServeMux }

// NewRouterPublic makes an empty router.
func NewRouterPublic() *RouterPublic { return &RouterPublic{http.NewServeMux()} }

// CSRFHandler rejects unsafe requests without a CSRF token.
type CSRFHandler struct {
	next   http.Handler
	exempt map[string]bool
}

// NewCSRFHandler wraps next.
func NewCSRFHandler(next http.Handler) *CSRFHandler {
	return &CSRFHandler{next: next, exempt: map[string]bool{}}
}

// ExemptPath lets requests to path through without a token.
func (c *CSRFHandler) ExemptPath(path string) { c.exempt[path] = true }

// Token is the token a form must carry.
func (c *CSRFHandler) Token() string { return "csrf-token" }

func (c *CSRFHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && !c.exempt[r.URL.Path] && r.Header.Get("X-CSRF-Token") != c.Token() {
		http.Error(w, "csrf", http.StatusForbidden)
		return
	}
	c.next.ServeHTTP(w, r)
}
