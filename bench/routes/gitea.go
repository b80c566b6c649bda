//go:build ignore

// Command gitea counts the routes gitea's route setup registers, read from
// its source: the functions that build routers/web and routers/api/v1 are
// walked as gitea's modules/web Router runs them (Group adds its pattern to
// the prefix while its function runs, Combo registers each chained method
// on one pattern, Methods takes comma-separated verbs, a pattern gets a
// leading slash and loses a trailing one), every branch taken, since a
// route behind a setting is still one the code registers. It is written
// apart from splitter's detectors, for gitea's Router only, so that it can
// serve as their reference.
//
// Usage: go run gitea.go GITEA_DIR  (prints "METHOD /path" lines)
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

var verbs = map[string]string{"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE", "Head": "HEAD", "Any": "ANY"}

type pkg struct {
	funcs map[string]*ast.FuncDecl
}

type walker struct {
	pkg    *pkg
	routes map[string]bool
	lits   map[string]*ast.FuncLit // local func variables of the function being walked
	depth  int
}

func load(dir string) *pkg {
	fset := token.NewFileSet()
	p := &pkg{funcs: map[string]*ast.FuncDecl{}}
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			panic(err)
		}
		for _, d := range af.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				p.funcs[fd.Name.Name] = fd
			}
		}
	}
	return p
}

func pattern(prefix, p string) string {
	full := prefix + p
	if !strings.HasPrefix(full, "/") {
		full = "/" + full
	}
	if full == "/" {
		return full
	}
	return strings.TrimSuffix(full, "/")
}

func str(e ast.Expr) (string, bool) {
	if b, ok := e.(*ast.BasicLit); ok && b.Kind == token.STRING {
		s, err := strconv.Unquote(b.Value)
		return s, err == nil
	}
	return "", false
}

// body walks a function body registering on the router variable r.
func (w *walker) body(b *ast.BlockStmt, r, prefix string) {
	if w.depth > 20 {
		return
	}
	w.depth++
	defer func() { w.depth-- }()
	ast.Inspect(b, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			// f := func() {...}: registers where it is used, not here.
			lit := false
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && i < len(n.Rhs) {
					if fl, ok := n.Rhs[i].(*ast.FuncLit); ok {
						w.lits[id.Name] = fl
						lit = true
					}
				}
			}
			return !lit
		case *ast.CallExpr:
			return w.call(n, r, prefix)
		}
		return true
	})
}

// call handles one call; it reports whether to look inside it.
func (w *walker) call(c *ast.CallExpr, r, prefix string) bool {
	if _, ok := c.Fun.(*ast.SelectorExpr); !ok {
		// registerWebRoutes(m, ...): the callee registers on its first parameter.
		// addWebhookRoutes(): a local function over the router it captures.
		if id, ok := c.Fun.(*ast.Ident); ok && len(c.Args) == 0 {
			if lit := w.lits[id.Name]; lit != nil {
				w.body(lit.Body, r, prefix)
			}
		}
		if id, ok := c.Fun.(*ast.Ident); ok && len(c.Args) > 0 {
			if a, ok := c.Args[0].(*ast.Ident); ok && a.Name == r {
				if lit := w.lits[id.Name]; lit != nil {
					w.body(lit.Body, lit.Type.Params.List[0].Names[0].Name, prefix)
				} else if fd := w.pkg.funcs[id.Name]; fd != nil && fd.Body != nil {
					w.body(fd.Body, fd.Type.Params.List[0].Names[0].Name, prefix)
				}
			}
		}
		return true
	}
	// Combo(p).Get(a).Post(b)
	var chain []string
	x := ast.Expr(c)
	for {
		cc, ok := x.(*ast.CallExpr)
		if !ok {
			return true
		}
		s, ok := cc.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := s.X.(*ast.Ident); ok && id.Name == r {
			return w.method(s.Sel.Name, cc, chain, r, prefix)
		}
		chain = append(chain, s.Sel.Name)
		x = s.X
	}
}

func (w *walker) method(name string, c *ast.CallExpr, chain []string, r, prefix string) bool {
	if len(c.Args) == 0 {
		return true
	}
	p, ok := str(c.Args[0])
	switch name {
	case "Combo":
		if ok {
			for _, m := range chain {
				if v := verbs[m]; v != "" {
					w.routes[v+" "+pattern(prefix, p)] = true
				}
			}
		}
		return true
	case "Group":
		if !ok || len(c.Args) < 2 {
			return true
		}
		switch fn := c.Args[1].(type) {
		case *ast.FuncLit:
			w.body(fn.Body, r, prefix+p)
		case *ast.Ident:
			if lit := w.lits[fn.Name]; lit != nil {
				w.body(lit.Body, r, prefix+p)
			} else if fd := w.pkg.funcs[fn.Name]; fd != nil {
				w.body(fd.Body, r, prefix+p)
			}
		}
		return false
	case "Methods":
		q, ok2 := str(c.Args[1])
		if ok && ok2 {
			for _, v := range strings.Split(p, ",") {
				w.routes[strings.TrimSpace(v)+" "+pattern(prefix, q)] = true
			}
		}
		return true
	case "PathGroup":
		if ok {
			w.routes["ANY "+pattern(prefix, p)] = true
		}
		return true
	}
	if v := verbs[name]; v != "" && ok && len(chain) == 0 {
		w.routes[v+" "+pattern(prefix, p)] = true
	}
	return true
}

func main() {
	dir := os.Args[1]
	routes := map[string]bool{}
	for _, sub := range []struct{ dir, fn, prefix string }{
		{"routers/web", "Routes", ""},
		{"routers/api/v1", "Routes", "/api/v1"},
	} {
		p := load(filepath.Join(dir, sub.dir))
		w := &walker{pkg: p, routes: routes, lits: map[string]*ast.FuncLit{}}
		fd := p.funcs[sub.fn]
		// The router is the variable the function makes and returns.
		r := ""
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if rs, ok := n.(*ast.ReturnStmt); ok && len(rs.Results) == 1 {
				if id, ok := rs.Results[0].(*ast.Ident); ok {
					r = id.Name
				}
			}
			return true
		})
		w.body(fd.Body, r, sub.prefix)
		// Routes builds a second router and mounts it at "": its routes too.
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if c, ok := n.(*ast.CallExpr); ok {
				if s, ok := c.Fun.(*ast.SelectorExpr); ok && s.Sel.Name == "Mount" && len(c.Args) == 2 {
					if id, ok := c.Args[1].(*ast.Ident); ok {
						mp, _ := str(c.Args[0])
						w.body(fd.Body, id.Name, sub.prefix+mp)
					}
				}
			}
			return true
		})
	}
	var out []string
	for k := range routes {
		out = append(out, k)
	}
	sort.Strings(out)
	for _, k := range out {
		fmt.Println(k)
	}
}
