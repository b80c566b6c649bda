package lint

import (
	"bytes"
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// locator finds the line and column of a violation's evidence by parsing
// (not type-checking) the few files that hold reported violations. The
// model knows which unit uses which; the syntax says where.
type locator struct {
	root  string
	m     *model.Model
	ix    *model.Index
	fset  *token.FileSet
	files map[string]*ast.File // nil when the file cannot be parsed
	names map[string]string    // package path -> package name
	byPkg map[string][]string  // package path -> its files (sorted)
	raw   map[string][]byte    // file contents, for indent
}

func newLocator(root string, m *model.Model, ix *model.Index) *locator {
	l := &locator{root: root, m: m, ix: ix, fset: token.NewFileSet(), files: map[string]*ast.File{},
		names: map[string]string{}, byPkg: map[string][]string{}}
	for _, p := range m.Packages {
		l.names[p.Path] = p.Name
	}
	return l
}

func (l *locator) file(rel string) *ast.File {
	if f, ok := l.files[rel]; ok {
		return f
	}
	f, err := parser.ParseFile(l.fset, filepath.Join(l.root, filepath.FromSlash(rel)), nil, parser.SkipObjectResolution)
	if err != nil {
		f = nil
	}
	l.files[rel] = f
	return f
}

// pkgFiles lists the files of pkg: those holding its units first, then the
// other Go files of its directory that the default build context takes, so
// that an import made only by a file without units (var _ = x.F, the
// blank-identifier idiom) is found where it is written.
func (l *locator) pkgFiles(pkg string) []string {
	if fs, ok := l.byPkg[pkg]; ok {
		return fs
	}
	seen := map[string]bool{}
	var fs []string
	tests := false
	for i := range l.m.Units {
		u := &l.m.Units[i]
		if u.Package == pkg && !seen[u.File] {
			seen[u.File] = true
			fs = append(fs, u.File)
			tests = tests || strings.HasSuffix(u.File, "_test.go")
		}
	}
	sort.Strings(fs)
	if p := l.ix.Packages[pkg]; p != nil {
		dir := filepath.Join(l.root, filepath.FromSlash(p.Dir))
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			name := e.Name()
			rel := path.Join(p.Dir, name)
			if p.Dir == "." || p.Dir == "" {
				rel = name
			}
			if e.IsDir() || !strings.HasSuffix(name, ".go") || seen[rel] || (!tests && strings.HasSuffix(name, "_test.go")) {
				continue
			}
			if ok, err := build.Default.MatchFile(dir, name); err != nil || !ok {
				continue
			}
			fs = append(fs, rel) // ReadDir sorts by name
		}
	}
	l.byPkg[pkg] = fs
	return fs
}

// locate sets v's File, Line and Column from its hint; what it cannot find
// keeps the position of the enclosing declaration.
func (l *locator) locate(v *Violation) {
	h := v.hint
	switch {
	case h.fromUnit != "":
		from, to := l.ix.Units[h.fromUnit], l.ix.Units[h.toUnit]
		if from == nil || to == nil {
			return
		}
		v.File, v.Line, v.Column = from.File, from.Line, 1
		if line, col, ok := l.use(from, to); ok {
			v.Line, v.Column = line, col
		} else if line, col, ok := l.decl(from); ok {
			v.Line, v.Column = line, col
		}
	case h.fromPkg != "":
		for _, f := range l.pkgFiles(h.fromPkg) {
			af := l.file(f)
			if af == nil {
				continue
			}
			for _, imp := range af.Imports {
				if p, err := strconv.Unquote(imp.Path.Value); err == nil && p == h.toPkg {
					pos := l.fset.Position(imp.Path.Pos())
					v.File, v.Line, v.Column = f, pos.Line, pos.Column
					return
				}
			}
		}
		if v.Line == 0 {
			v.Line, v.Column = 1, 1
		}
	case h.unit != "":
		if u := l.ix.Units[h.unit]; u != nil {
			v.File, v.Line, v.Column = u.File, u.Line, 1
			if line, col, ok := l.decl(u); ok {
				v.Line, v.Column = line, col
			}
		}
	}
	if h == (hint{}) && v.File != "" && v.Line > 0 && v.Column == 0 {
		v.Column = l.indent(v.File, v.Line) // a check's line: its first token
	}
	if v.Line > 0 && v.Column == 0 {
		v.Column = 1
	}
}

// indent returns the column of the first non-blank byte of a line of rel
// (0 when it cannot be read).
func (l *locator) indent(rel string, line int) int {
	data, ok := l.raw[rel]
	if !ok {
		data, _ = os.ReadFile(filepath.Join(l.root, filepath.FromSlash(rel)))
		if l.raw == nil {
			l.raw = map[string][]byte{}
		}
		l.raw[rel] = data
	}
	for n := 1; len(data) > 0; n++ {
		text := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			text, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if n == line {
			if i := bytes.IndexFunc(text, func(r rune) bool { return r != ' ' && r != '\t' }); i >= 0 {
				return i + 1
			}
			return 0
		}
	}
	return 0
}

// declsOf returns the declarations of f that lie within u's lines.
func (l *locator) declsOf(f *ast.File, u *model.Unit) []ast.Decl {
	var out []ast.Decl
	for _, d := range f.Decls {
		start, end := l.fset.Position(d.Pos()).Line, l.fset.Position(d.End()).Line
		if end >= u.Line && start <= u.EndLine {
			out = append(out, d)
		}
	}
	return out
}

// decl returns the position of u's name in its declaration.
func (l *locator) decl(u *model.Unit) (int, int, bool) {
	f := l.file(u.File)
	if f == nil {
		return 0, 0, false
	}
	for _, d := range l.declsOf(f, u) {
		var found *ast.Ident
		ast.Inspect(d, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Name.Name == u.Name {
					found = n.Name
				}
				return false
			case *ast.TypeSpec:
				if n.Name.Name == u.Name {
					found = n.Name
				}
				return false
			case *ast.ValueSpec:
				for _, id := range n.Names {
					if id.Name == u.Name {
						found = id
					}
				}
				return false
			}
			return true
		})
		if found != nil {
			p := l.fset.Position(found.Pos())
			return p.Line, p.Column, true
		}
	}
	return 0, 0, false
}

// targetNames are the identifiers that denote unit u: its name, or every
// name of its var/const declaration.
func (l *locator) targetNames(u *model.Unit) map[string]bool {
	names := map[string]bool{u.Name: true}
	if u.Kind != model.KindVar && u.Kind != model.KindConst {
		return names
	}
	f := l.file(u.File)
	if f == nil {
		return names
	}
	for _, d := range l.declsOf(f, u) {
		if gd, ok := d.(*ast.GenDecl); ok && (gd.Tok == token.VAR || gd.Tok == token.CONST) {
			for _, s := range gd.Specs {
				if vs, ok := s.(*ast.ValueSpec); ok {
					for _, id := range vs.Names {
						names[id.Name] = true
					}
				}
			}
		}
	}
	return names
}

// use finds the first place in from's declaration that refers to to.
func (l *locator) use(from, to *model.Unit) (int, int, bool) {
	f := l.file(from.File)
	if f == nil {
		return 0, 0, false
	}
	names := l.targetNames(to)
	method := to.Kind == model.KindMethod
	samePkg := from.Package == to.Package
	// The local names of to's package in this file; "." for a dot import.
	aliases := map[string]bool{}
	dot := false
	if !samePkg {
		for _, imp := range f.Imports {
			p, err := strconv.Unquote(imp.Path.Value)
			if err != nil || p != to.Package {
				continue
			}
			switch {
			case imp.Name == nil:
				aliases[l.names[to.Package]] = true
			case imp.Name.Name == ".":
				dot = true
			default:
				aliases[imp.Name.Name] = true
			}
		}
	}
	var found token.Pos
	for _, d := range l.declsOf(f, from) {
		sels := map[*ast.Ident]bool{} // selector fields, not bare identifiers
		ast.Inspect(d, func(n ast.Node) bool {
			if found.IsValid() {
				return false
			}
			switch n := n.(type) {
			case *ast.SelectorExpr:
				sels[n.Sel] = true
				if !names[n.Sel.Name] {
					return true
				}
				if method {
					found = n.Sel.Pos()
					return false
				}
				if x, ok := n.X.(*ast.Ident); ok && aliases[x.Name] {
					found = n.Pos()
					return false
				}
			case *ast.Ident:
				if sels[n] || !names[n.Name] || method {
					return true
				}
				if samePkg || dot {
					found = n.Pos()
					return false
				}
			}
			return true
		})
		if found.IsValid() {
			p := l.fset.Position(found)
			return p.Line, p.Column, true
		}
	}
	return 0, 0, false
}
