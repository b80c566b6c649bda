package analyzer

import (
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/analyzer/declname"
	"github.com/splitter-go/splitter/model"
)

// unitDecl ties a unit to its syntax while the model is being built.
//
// A unit of a package that a partial run (partial.go) did not load has
// only its model.Unit: its syntax is reached through the accessors below,
// which panic with needSource on such a unit, so that whatever would have
// read the source makes the run start again in full instead of quietly
// seeing nothing.
type unitDecl struct {
	unit     model.Unit
	stub     bool
	srcDecl  ast.Decl
	srcSpec  *ast.TypeSpec // for type units: the one spec of a possibly grouped decl
	srcFile  *ast.File
	srcPkg   *packages.Package
	srcStart token.Pos
	srcEnd   token.Pos
}

func (ud *unitDecl) src() *unitDecl {
	if ud.stub {
		panic(needSource{ud.unit.ID})
	}
	return ud
}

func (ud *unitDecl) decl() ast.Decl         { return ud.src().srcDecl }
func (ud *unitDecl) spec() *ast.TypeSpec    { return ud.src().srcSpec }
func (ud *unitDecl) file() *ast.File        { return ud.src().srcFile }
func (ud *unitDecl) pkg() *packages.Package { return ud.src().srcPkg }
func (ud *unitDecl) start() token.Pos       { return ud.src().srcStart }
func (ud *unitDecl) end() token.Pos         { return ud.src().srcEnd }

// span is a unit's extent in one file, for position lookups.
type span struct {
	start, end token.Pos
	unit       int
}

// unitTable is every unit of the module with the lookups the later passes need.
type unitTable struct {
	// assignedConsts caches constAssigned (tables.go): *types.Var → []string.
	assignedConsts sync.Map

	units  []*unitDecl
	byObj  map[types.Object]int
	byFile map[*token.File][]span // sorted by start
	byID   map[string]int
	// In a partial run (partial.go): the stubs by package path and
	// objKey, and the files of the packages that were parsed.
	byName   map[string]int
	srcFiles map[*token.File]bool
	// constReturned records constReturns' findings (unit ID → strings),
	// and lastConstReturns gives a partial run the last run's for the
	// packages it did not load.
	constReturned    sync.Map
	lastConstReturns map[string][]string
}

func newUnitTable() *unitTable {
	return &unitTable{byObj: map[types.Object]int{}, byFile: map[*token.File][]span{}, byID: map[string]int{}}
}

// unitAt returns the unit whose declaration contains pos, or -1.
func (t *unitTable) unitAt(fset *token.FileSet, pos token.Pos) int {
	if !pos.IsValid() {
		return -1
	}
	tf := fset.File(pos)
	if tf == nil {
		return -1
	}
	if t.srcFiles != nil && !t.srcFiles[tf] {
		panic(needSource{tf.Name()}) // a position in a package read from export data
	}
	spans := t.byFile[tf]
	i := sort.Search(len(spans), func(i int) bool { return spans[i].start > pos }) - 1
	if i >= 0 && pos < spans[i].end {
		return spans[i].unit
	}
	return -1
}

// unitOf returns the unit that declares obj (or its generic origin), or -1.
func (t *unitTable) unitOf(obj types.Object) int {
	switch o := obj.(type) {
	case *types.Func:
		obj = o.Origin()
	case *types.Var:
		obj = o.Origin()
	}
	if i, ok := t.byObj[obj]; ok {
		return i
	}
	if t.byName != nil {
		// An object of a package read from export data: its stub.
		if k, ok := objKey(obj); ok {
			if i, ok := t.byName[obj.Pkg().Path()+"."+k]; ok {
				return i
			}
		}
	}
	return -1
}

// collectUnits declares one unit per package-level declaration of p.
func collectUnits(ld *loaded, p *packages.Package) []*unitDecl {
	var out []*unitDecl
	files := sortedFiles(p)
	for _, f := range files {
		tf := p.Fset.File(f.Pos())
		gen := isGenerated(f)
		lines := codeLines(tf, p, f)
		mk := func(name string, kind model.UnitKind, recv string, decl ast.Decl, start, end token.Pos, exported bool) *unitDecl {
			pos := p.Fset.Position(start)
			endPos := p.Fset.Position(end)
			u := model.Unit{
				Package: p.PkgPath, Name: name, Kind: kind, Recv: recv,
				File: ld.rel(pos.Filename), Line: pos.Line, EndLine: endPos.Line,
				Exported: exported, Generated: gen,
			}
			if recv != "" {
				u.ID = p.PkgPath + "." + recv + "." + name
			} else {
				u.ID = p.PkgPath + "." + name
			}
			u.LOC = lines.count(tf.Line(start), tf.Line(end))
			return &unitDecl{unit: u, srcDecl: decl, srcFile: f, srcPkg: p, srcStart: start, srcEnd: end}
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Name.Name == "_" {
					continue
				}
				recv := ""
				kind := model.KindFunc
				if d.Recv != nil && len(d.Recv.List) > 0 {
					recv = declname.RecvTypeName(d.Recv.List[0].Type)
					kind = model.KindMethod
				}
				out = append(out, mk(d.Name.Name, kind, recv, d, d.Pos(), d.End(), ast.IsExported(d.Name.Name)))
			case *ast.GenDecl:
				switch d.Tok {
				case token.TYPE:
					for _, s := range d.Specs {
						ts := s.(*ast.TypeSpec)
						if ts.Name.Name == "_" {
							continue
						}
						start, end := ts.Pos(), ts.End()
						if !d.Lparen.IsValid() {
							start, end = d.Pos(), d.End()
						}
						ud := mk(ts.Name.Name, model.KindType, "", d, start, end, ast.IsExported(ts.Name.Name))
						ud.srcSpec = ts
						out = append(out, ud)
					}
				case token.VAR, token.CONST:
					name := declname.FirstName(d)
					if name == "" {
						continue // only blank names: compile-time assertions
					}
					kind := model.KindVar
					if d.Tok == token.CONST {
						kind = model.KindConst
					}
					out = append(out, mk(name, kind, "", d, d.Pos(), d.End(), ast.IsExported(name)))
				}
			}
		}
	}
	// Several init funcs share a name; number them in file then line order.
	seen := map[string]int{}
	for _, ud := range out {
		seen[ud.unit.ID]++
		if n := seen[ud.unit.ID]; n > 1 {
			ud.unit.ID = fmt.Sprintf("%s#%d", ud.unit.ID, n)
		}
	}
	return out
}

func sortedFiles(p *packages.Package) []*ast.File {
	files := append([]*ast.File(nil), p.Syntax...)
	sort.SliceStable(files, func(i, j int) bool {
		return p.Fset.Position(files[i].Pos()).Filename < p.Fset.Position(files[j].Pos()).Filename
	})
	return files
}

// lineSet marks the lines of a file that hold code (a token other than a comment).
type lineSet []bool

func (ls lineSet) count(from, to int) int {
	n := 0
	for l := from; l <= to && l < len(ls); l++ {
		if l >= 0 && ls[l] {
			n++
		}
	}
	return n
}

// codeLines scans the file's source for token lines. It reads the file the
// syntax was parsed from (for cgo packages, the processed file), so the
// lines agree with the token.File's.
func codeLines(tf *token.File, p *packages.Package, f *ast.File) lineSet {
	ls := make(lineSet, tf.LineCount()+2)
	src, err := os.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		// Fall back on the syntax tree: every line a node starts or ends on.
		ast.Inspect(f, func(n ast.Node) bool {
			if n != nil {
				ls[tf.Line(n.Pos())] = true
				if e := n.End(); e.IsValid() && int(e)-tf.Base() <= tf.Size() {
					ls[tf.Line(e)] = true
				}
			}
			return true
		})
		return ls
	}
	if scanLines(src, ls) {
		return ls
	}
	lexLines(tf.Name(), src, ls)
	return ls
}

// lexLines marks, with go/scanner, every line a token starts on and every
// line a multi-line string covers.
func lexLines(name string, src []byte, ls lineSet) {
	var s scanner.Scanner
	fs := token.NewFileSet()
	sf := fs.AddFile(name, -1, len(src))
	s.Init(sf, src, nil, 0)
	for {
		pos, tok, lit := s.Scan()
		if tok == token.EOF {
			break
		}
		if tok == token.SEMICOLON && lit == "\n" {
			continue
		}
		line := sf.Line(pos)
		if line < len(ls) {
			ls[line] = true
		}
		if tok == token.STRING && strings.Contains(lit, "\n") {
			end := sf.Line(pos + token.Pos(len(lit)) - 1)
			for l := line; l <= end && l < len(ls); l++ {
				ls[l] = true
			}
		}
	}
}

// calledUnits lists, in order of first use, the module units that the code
// under n calls or uses as values.
func (t *unitTable) calledUnits(info *types.Info, n ast.Node) []string {
	seen := map[string]bool{}
	var out []string
	ast.Inspect(n, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if fn, ok := info.Uses[id].(*types.Func); ok {
				if u := t.unitOf(fn); u >= 0 {
					if id := t.units[u].unit.ID; !seen[id] {
						seen[id] = true
						out = append(out, id)
					}
				}
			}
		}
		return true
	})
	return out
}

// isGenerated reports whether a file is generated: Go's convention
// (ast.IsGenerated), or a generator's header that misses its exact form, a
// comment before the package clause saying both "generated" and "DO NOT
// EDIT" (older swaggo/swag writes "// Package docs Code generated by
// swaggo/swag. DO NOT EDIT").
func isGenerated(f *ast.File) bool {
	if ast.IsGenerated(f) {
		return true
	}
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			t := strings.ToLower(c.Text)
			if strings.Contains(t, "generated") && strings.Contains(t, "do not edit") {
				return true
			}
		}
	}
	return false
}

// needSource is the panic of a stub unit's accessors (see unitDecl).
type needSource struct{ unit string }
