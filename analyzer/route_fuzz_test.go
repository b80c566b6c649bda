package analyzer

import (
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// FuzzSplitPattern fuzzes the ServeMux route pattern parser: it must not
// panic, a method it finds is an upper-case token without a slash, the
// path is trimmed, splitting again gives the same answer, and the entry
// point id is the method (or ANY) and the path.
func FuzzSplitPattern(f *testing.F) {
	for _, s := range []string{
		"GET /v1/orders/{id}", "POST example.com/upload", "/static/", "  DELETE   /x  ", "get /lower",
		"GET", "GET ", " /", "PATCH\t/tab", "{$}", "GET /a b", "M/X /y", "GET POST /twice", "\u00c9T\u00c9 /x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pat string) {
		method, path := splitPattern(pat)
		if method != "" {
			if strings.ToUpper(method) != method || strings.Contains(method, "/") || strings.ContainsAny(method, " \t") {
				t.Fatalf("splitPattern(%q): method %q", pat, method)
			}
			if m2, p2 := splitPattern(method + " " + path); m2 != method || p2 != path {
				t.Fatalf("splitPattern(%q) = %q, %q; splitting %q again gives %q, %q", pat, method, path, method+" "+path, m2, p2)
			}
		} else if path != strings.TrimSpace(pat) {
			t.Fatalf("splitPattern(%q): no method, path %q", pat, path)
		}
		if path != strings.TrimSpace(path) {
			t.Fatalf("splitPattern(%q): path %q is not trimmed", pat, path)
		}
		ep := model.EntryPoint{Kind: model.EntryHTTP, Trigger: model.Trigger{Method: method, Path: path}}
		want := "http:ANY " + path
		if method != "" {
			want = "http:" + method + " " + path
		}
		if id := entryID(ep); id != want {
			t.Fatalf("entryID for %q: %q, want %q", pat, id, want)
		}
	})
}
