package extract

import (
	"bytes"
	"fmt"
	"go/format"
	"go/token"
	"go/types"
	"path"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/imports"
)

// Header starts every generated file. It is not Go's "DO NOT EDIT"
// marker: the seam is the team's code from its first commit on.
const Header = "// Code written by splitter extract: the seam of service %s. Review it and\n// commit it; it is yours to edit from then on."

// gofile builds one generated Go file: its imports are chosen as types are
// written (types.TypeString with the file's qualifier), and the result is
// formatted by go/format and x/tools/imports.
type gofile struct {
	x       *extraction
	name    string
	imports map[string]string // path → name in this file
	taken   map[string]string // name → path
	body    bytes.Buffer
}

func (x *extraction) newFile(name string) *gofile {
	return &gofile{x: x, name: name, imports: map[string]string{}, taken: map[string]string{}}
}

// imp imports a package and returns its name in the file.
func (g *gofile) imp(pkgPath, name string) string {
	if n, ok := g.imports[pkgPath]; ok {
		return n
	}
	if name == "" {
		name = path.Base(pkgPath)
	}
	base := name
	for i := 2; ; i++ {
		if _, used := g.taken[name]; !used && !g.x.reserved(name) {
			break
		}
		name = base + strconv.Itoa(i)
	}
	g.imports[pkgPath] = name
	g.taken[name] = pkgPath
	return name
}

func (g *gofile) qual(p *types.Package) string {
	if p.Path() == g.x.pkgPath {
		return ""
	}
	return g.imp(p.Path(), p.Name())
}

// typ writes a type as this file names it.
func (g *gofile) typ(t types.Type) string { return types.TypeString(t, g.qual) }

func (g *gofile) p(format string, args ...any) { fmt.Fprintf(&g.body, format, args...) }

// bytes assembles and formats the file.
func (g *gofile) bytes(doc string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, Header+"\n\n", g.x.svc)
	if doc != "" {
		b.WriteString(doc)
	}
	fmt.Fprintf(&b, "package %s\n\n", g.x.pkgName)
	if len(g.imports) > 0 {
		paths := make([]string, 0, len(g.imports))
		for p := range g.imports {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		b.WriteString("import (\n")
		for _, p := range paths {
			if n := g.imports[p]; n != path.Base(p) {
				fmt.Fprintf(&b, "\t%s %q\n", n, p)
			} else {
				fmt.Fprintf(&b, "\t%q\n", p)
			}
		}
		b.WriteString(")\n\n")
	}
	b.Write(g.body.Bytes())
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("generating %s: %v (this is a bug in splitter extract; the source was:\n%s)", g.name, err, numbered(b.Bytes()))
	}
	out, err := imports.Process(g.name, src, &imports.Options{FormatOnly: true, Comments: true, TabIndent: true, TabWidth: 8})
	if err != nil {
		return nil, fmt.Errorf("formatting %s: %v", g.name, err)
	}
	return out, nil
}

func numbered(src []byte) string {
	var b strings.Builder
	for i, l := range strings.Split(string(src), "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// reserved are the generated package's own identifiers, which imports
// and parameters must not shadow.
func (x *extraction) reserved(name string) bool {
	switch name {
	case "API", "Local", "Default", "Client", "NewClient", "Server", "NewServer", "Error", "PathPrefix",
		"convSlice", "convPtr", "convMap", "same", "sentinels", "deadlineHeader", "fake", "fill", "fillValue", "expect", "differ", "timeType", "module",
		"c", "l", "s", "f", "in", "out", "err", "ctx", "body", "v", "d", "w", "i":
		return true
	}
	if strings.HasPrefix(name, "from") || strings.HasPrefix(name, "to") || strings.HasPrefix(name, "For") {
		return true
	}
	if len(name) >= 2 && name[0] == 'r' && strings.Trim(name[1:], "0123456789") == "" {
		return true
	}
	for _, d := range x.dtos {
		if x.dtoName(d) == name {
			return true
		}
	}
	return false
}

// paramNames names a signature's parameters in generated bodies: their
// own names where they are free, else a0, a1...
func (g *gofile) paramNames(sig *types.Signature) []string {
	names := make([]string, sig.Params().Len())
	seen := map[string]bool{}
	for i := range names {
		n := sig.Params().At(i).Name()
		if i == 0 && hasCtx(sig) {
			n = "ctx"
		} else if n == "" || n == "_" || g.x.reserved(n) || g.taken[n] != "" || seen[n] || token.Lookup(n).IsKeyword() || types.Universe.Lookup(n) != nil {
			n = "a" + strconv.Itoa(i)
		}
		seen[n] = true
		names[i] = n
	}
	return names
}

// params writes a parameter list with names.
func (g *gofile) params(sig *types.Signature, names []string) string {
	var parts []string
	for i := 0; i < sig.Params().Len(); i++ {
		t := sig.Params().At(i).Type()
		if sig.Variadic() && i == sig.Params().Len()-1 {
			parts = append(parts, names[i]+" ..."+g.typ(t.(*types.Slice).Elem()))
			continue
		}
		parts = append(parts, names[i]+" "+g.typ(t))
	}
	return strings.Join(parts, ", ")
}

// results writes a result list, named r0, r1... and err when named.
func (g *gofile) results(sig *types.Signature, named bool) string {
	r := sig.Results()
	if r.Len() == 0 {
		return ""
	}
	var parts []string
	for i := 0; i < r.Len(); i++ {
		t := g.typ(r.At(i).Type())
		if named {
			n := "r" + strconv.Itoa(i)
			if i == r.Len()-1 && hasErr(sig) {
				n = "err"
			}
			t = n + " " + t
		}
		parts = append(parts, t)
	}
	if len(parts) == 1 && !named {
		return " " + parts[0]
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// callArgs writes the arguments of a forwarding call.
func callArgs(sig *types.Signature, names []string) string {
	out := strings.Join(names, ", ")
	if sig.Variadic() {
		out += "..."
	}
	return out
}

// dtoName is the DTO of one of the service's struct types: its name, with
// its package's when two share one.
func (x *extraction) dtoName(t *types.TypeName) string {
	n := t.Name()
	clash := false
	for _, d := range x.dtos {
		if d != t && d.Name() == n {
			clash = true
		}
	}
	switch n {
	case "API", "Local", "Default", "Client", "Server", "Error", "PathPrefix":
		clash = true
	}
	for _, f := range x.ifaces {
		if f.name == n {
			clash = true
		}
	}
	if clash {
		return exportName(t.Pkg().Name()) + n + "DTO"
	}
	return n
}

// needsConv reports whether t holds one of the service's types, which
// cross as DTOs or as their underlying types.
func (x *extraction) needsConv(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch tt := t.(type) {
	case *types.Alias:
		return x.needsConv(types.Unalias(tt), seen)
	case *types.Named:
		return x.inService(tt.Obj())
	case *types.Pointer:
		return x.needsConv(tt.Elem(), seen)
	case *types.Slice:
		return x.needsConv(tt.Elem(), seen)
	case *types.Array:
		return x.needsConv(tt.Elem(), seen)
	case *types.Map:
		return x.needsConv(tt.Key(), seen) || x.needsConv(tt.Elem(), seen)
	}
	return false
}

func (x *extraction) conv(t types.Type) bool { return x.needsConv(t, map[types.Type]bool{}) }

// wire writes the type a value of t crosses as.
func (g *gofile) wire(t types.Type) string {
	if !g.x.conv(t) {
		return g.typ(t)
	}
	switch tt := t.(type) {
	case *types.Alias:
		return g.wire(types.Unalias(tt))
	case *types.Named:
		if _, ok := tt.Underlying().(*types.Struct); ok {
			return g.x.dtoName(tt.Obj())
		}
		return g.wire(tt.Underlying())
	case *types.Pointer:
		return "*" + g.wire(tt.Elem())
	case *types.Slice:
		return "[]" + g.wire(tt.Elem())
	case *types.Array:
		return fmt.Sprintf("[%d]%s", tt.Len(), g.wire(tt.Elem()))
	case *types.Map:
		return "map[" + g.wire(tt.Key()) + "]" + g.wire(tt.Elem())
	}
	return g.typ(t)
}

// convert writes expr (of type t, or of its wire type when !toWire)
// converted to the other side.
func (g *gofile) convert(t types.Type, toWire bool, expr string) string {
	if !g.x.conv(t) {
		return expr
	}
	switch tt := t.(type) {
	case *types.Alias:
		return g.convert(types.Unalias(tt), toWire, expr)
	case *types.Named:
		if _, ok := tt.Underlying().(*types.Struct); ok {
			if toWire {
				return "from" + g.x.dtoName(tt.Obj()) + "(" + expr + ")"
			}
			return "to" + g.x.dtoName(tt.Obj()) + "(" + expr + ")"
		}
		u := tt.Underlying()
		if toWire {
			return g.convert(u, true, convType(g.typ(u))+"("+expr+")")
		}
		return convType(g.typ(tt)) + "(" + g.convert(u, false, expr) + ")"
	case *types.Pointer:
		g.x.helpers["convPtr"] = true
		return "convPtr(" + expr + ", " + g.convFunc(tt.Elem(), toWire) + ")"
	case *types.Slice:
		g.x.helpers["convSlice"] = true
		return "convSlice(" + expr + ", " + g.convFunc(tt.Elem(), toWire) + ")"
	case *types.Map:
		g.x.helpers["convMap"] = true
		return "convMap(" + expr + ", " + g.convFunc(tt.Key(), toWire) + ", " + g.convFunc(tt.Elem(), toWire) + ")"
	case *types.Array:
		return g.convFunc(t, toWire) + "(" + expr + ")"
	}
	return expr
}

// convFunc writes a function value converting a t (or its wire type).
func (g *gofile) convFunc(t types.Type, toWire bool) string {
	if !g.x.conv(t) {
		g.x.helpers["same"] = true
		return "same[" + g.typ(t) + "]"
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if _, isStruct := n.Underlying().(*types.Struct); isStruct {
			if toWire {
				return "from" + g.x.dtoName(n.Obj())
			}
			return "to" + g.x.dtoName(n.Obj())
		}
	}
	src, dst := g.typ(t), g.wire(t)
	if !toWire {
		src, dst = dst, src
	}
	if a, ok := types.Unalias(t).(*types.Array); ok {
		return fmt.Sprintf("func(v %s) (w %s) {\nfor i := range v {\nw[i] = %s\n}\nreturn w\n}", src, dst, g.convert(a.Elem(), toWire, "v[i]"))
	}
	return fmt.Sprintf("func(v %s) %s { return %s }", src, dst, g.convert(t, toWire, "v"))
}

// convType parenthesises a type used in a conversion when it must be.
func convType(t string) string {
	if strings.HasPrefix(t, "*") || strings.HasPrefix(t, "func") || strings.HasPrefix(t, "<-") || strings.HasPrefix(t, "chan") {
		return "(" + t + ")"
	}
	return t
}

// generate writes the generated package's files.
func (x *extraction) generate() error {
	if len(x.members) == 0 {
		return nil
	}
	x.helpers = map[string]bool{}
	type gen struct {
		name string
		f    func(*gofile) string
	}
	// dto.go last: the others say which helpers it needs.
	for _, g := range []gen{{"api.go", x.genAPI}, {"remote.go", x.genRemote}, {"remote_test.go", x.genTest}, {"dto.go", x.genDTO}} {
		f := x.newFile(g.name)
		doc := g.f(f)
		if f.body.Len() == 0 {
			continue
		}
		src, err := f.bytes(doc)
		if err != nil {
			return err
		}
		x.files = append(x.files, File{Path: path.Join(x.dir, g.name), Content: src})
	}
	return nil
}
