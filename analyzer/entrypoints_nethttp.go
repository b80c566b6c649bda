package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// net/http: Handle and HandleFunc on a ServeMux or the default mux, with Go
// 1.22 patterns ("GET /v1/users/{id}", host patterns). A handler that is a
// router, or a factory of the module that registers routes itself, makes
// the registration a mount.

func init() {
	hook(netHTTP, "net/http.HandleFunc", "net/http.Handle", "net/http.ServeMux.HandleFunc", "net/http.ServeMux.Handle")
}

func netHTTP(f *epFinder, call *ast.CallExpr, fn *types.Func, _ []ast.Node) {
	if len(call.Args) != 2 {
		return
	}
	if f.insideWrapper() && f.fromParams(call) {
		return
	}
	method, path := "", "?"
	if pat, ok := f.pathValue(call.Args[0]); ok {
		method, path = splitPattern(pat)
	}
	h := f.resolveHandler(call.Args[1], paramType(fn.Signature(), 1))
	f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: "net/http",
		Trigger: model.Trigger{Method: method, Path: path}}, call.Pos(), h)
}

// splitPattern splits a ServeMux pattern "[METHOD ][HOST]/[PATH]".
func splitPattern(pat string) (method, path string) {
	pat = strings.TrimSpace(pat)
	if i := strings.IndexAny(pat, " \t"); i > 0 {
		m := pat[:i]
		if strings.ToUpper(m) == m && !strings.Contains(m, "/") {
			return m, strings.TrimSpace(pat[i+1:])
		}
	}
	return "", pat
}
