package extract

import (
	"fmt"
	"strings"
)

// genTest writes the round-trip test of the remote adapter: a Server over
// a fake implementation, a Client of it, and for every method that
// crosses, arguments and results filled with values of their types: what
// the fake receives must be what the client sent, what the client returns
// what the fake returned, and an error must arrive with its message (and
// its sentinel).
func (x *extraction) genTest(g *gofile) string {
	ctxPkg := g.imp("context", "context")
	httptestPkg := g.imp("net/http/httptest", "httptest")
	randPkg := g.imp("math/rand/v2", "rand")
	reflectPkg := g.imp("reflect", "reflect")
	testingPkg := g.imp("testing", "testing")
	timePkg := g.imp("time", "time")
	fmtPkg := g.imp("fmt", "fmt")
	stringsPkg := g.imp("strings", "strings")

	g.p(`// fake implements API: it records the arguments of the last call and
// returns the results (or the error) it was given.
type fake struct {
	args    []any
	results []any
	err     error
}

`)
	for _, m := range x.members {
		names := g.paramNames(m.sig)
		g.p("func (f *fake) %s(%s)%s {\n", m.name, g.params(m.sig, names), g.results(m.sig, true))
		var recorded []string
		for i, n := range names {
			if i == 0 && hasCtx(m.sig) {
				continue
			}
			recorded = append(recorded, n)
		}
		g.p("f.args = []any{%s}\n", strings.Join(recorded, ", "))
		if hasErr(m.sig) {
			g.p("if f.err != nil {\nerr = f.err\nreturn\n}\n")
		}
		for i := range rets(m.sig) {
			g.p("r%[1]d, _ = f.results[%[1]d].(%s)\n", i, g.typ(m.sig.Results().At(i).Type()))
		}
		g.p("return\n}\n\n")
	}

	g.p(`// TestRoundTrip calls every method that crosses through a Client and a
// Server over a fake.
func TestRoundTrip(t *%[1]s.T) {
	f := &fake{}
	srv := %[2]s.NewServer(NewServer(f))
	defer srv.Close()
	c := NewClient(srv.URL, srv.Client())
	ctx := %[3]s.Background()
	r := %[4]s.New(%[4]s.NewPCG(1, 2))
	_, _ = ctx, r
`, testingPkg, httptestPkg, ctxPkg, randPkg)
	var firstErr *member
	for _, m := range x.members {
		if m.noRemote {
			continue
		}
		if firstErr == nil && hasErr(m.sig) {
			firstErr = m
		}
		g.p("t.Run(%q, func(t *%s.T) {\n", m.name, testingPkg)
		call, argVals := x.testCall(g, m)
		for i, v := range args(m.sig) {
			g.p("var a%d %s\nfill(r, &a%d)\n", i, g.typ(v.Type()), i)
		}
		rs := rets(m.sig)
		var results []string
		for i, v := range rs {
			g.p("var r%d %s\nfill(r, &r%d)\n", i, g.typ(v.Type()), i)
			results = append(results, fmt.Sprintf("r%d", i))
		}
		g.p("f.args, f.results, f.err = nil, []any{%s}, nil\n", strings.Join(results, ", "))
		var lhs []string
		for i := range rs {
			lhs = append(lhs, fmt.Sprintf("got%d", i))
		}
		if hasErr(m.sig) {
			lhs = append(lhs, "err")
		}
		if len(lhs) > 0 {
			g.p("%s := %s\n", strings.Join(lhs, ", "), call)
		} else {
			g.p("%s\n", call)
		}
		if hasErr(m.sig) {
			g.p("if err != nil {\nt.Fatalf(\"%s: %%v\", err)\n}\n", m.name)
		}
		g.p("if len(f.args) != %d {\nt.Fatalf(\"the service got %%d arguments, want %d\", len(f.args))\n}\n", len(argVals), len(argVals))
		for i, a := range argVals {
			g.p("expect(t, %q, f.args[%d], %s)\n", "argument "+fmt.Sprint(i+1), i, a)
		}
		for i := range rs {
			g.p("expect(t, %q, got%d, r%d)\n", fmt.Sprintf("result %d", i+1), i, i)
		}
		if hasErr(m.sig) {
			g.p("f.err = %s.New(\"%s failed\")\n", g.imp("errors", "errors"), m.name)
			var blanks []string
			for range rs {
				blanks = append(blanks, "_")
			}
			g.p("if %s := %s; err == nil || err.Error() != \"%s failed\" {\nt.Errorf(\"the error: got %%v, want %%q\", err, \"%s failed\")\n}\n",
				strings.Join(append(blanks, "err"), ", "), call, m.name, m.name)
		}
		g.p("})\n")
	}
	if firstErr != nil && len(x.sentinel) > 0 {
		call, _ := x.testCall(g, firstErr)
		g.p("t.Run(\"sentinels\", func(t *%s.T) {\n", testingPkg)
		for i, v := range args(firstErr.sig) {
			g.p("var a%d %s\n", i, g.typ(v.Type()))
		}
		g.p("for _, s := range sentinels {\nf.err = %s.Errorf(\"wrapped: %%w\", s.err)\n", fmtPkg)
		var blanks []string
		for range rets(firstErr.sig) {
			blanks = append(blanks, "_")
		}
		g.p("%s := %s\nif !%s.Is(err, s.err) {\nt.Errorf(\"%%s: errors.Is(%%v, %%s) is false\", s.name, err, s.name)\n}\n}\n})\n",
			strings.Join(append(blanks, "err"), ", "), call, g.imp("errors", "errors"))
	}
	g.p("}\n\n")
	g.p("// withDTO are the types that cross as their DTOs, with every exported field.\nvar withDTO = map[%s.Type]bool{\n", reflectPkg)
	for _, t := range x.dtos {
		g.p("%s.TypeOf((*%s)(nil)).Elem(): true,\n", reflectPkg, g.typ(t.Type()))
	}
	g.p("}\n\n")
	g.p(roundTripHelpers, reflectPkg, randPkg, timePkg, stringsPkg, testingPkg, g.x.opts.Model.Module, fmtPkg)
	return ""
}

// testCall writes the client call of a member with arguments a0, a1...
func (x *extraction) testCall(g *gofile, m *member) (string, []string) {
	var callArgs, vals []string
	if hasCtx(m.sig) {
		callArgs = append(callArgs, "ctx")
	}
	for i := range args(m.sig) {
		a := fmt.Sprintf("a%d", i)
		vals = append(vals, a)
		if m.sig.Variadic() && i == len(args(m.sig))-1 {
			a += "..."
		}
		callArgs = append(callArgs, a)
	}
	return "c." + m.name + "(" + strings.Join(callArgs, ", ") + ")", vals
}

// roundTripHelpers fill values by reflection and compare them as they
// cross: exported fields only (unexported ones do not cross), and of the
// structs without a DTO only those encoding/json writes (not json:"-"),
// times by Equal. Types of other modules are left zero (their encoding is
// theirs), except time.Time.
const roundTripHelpers = `// fill sets what v points to to arbitrary values of its type.
func fill(r *%[2]s.Rand, v any) {
	fillValue(r, %[1]s.ValueOf(v).Elem(), 0)
}

const module = %[6]q

var timeType = %[1]s.TypeOf(%[3]s.Time{})

func fillValue(r *%[2]s.Rand, v %[1]s.Value, depth int) {
	t := v.Type()
	if t == timeType {
		v.Set(%[1]s.ValueOf(%[3]s.Unix(r.Int64N(4e9), 0).UTC()))
		return
	}
	if p := t.PkgPath(); p != "" && p != module && !%[4]s.HasPrefix(p, module+"/") && %[4]s.Contains(p, ".") {
		return
	}
	if depth > 4 {
		return
	}
	switch t.Kind() {
	case %[1]s.Bool:
		v.SetBool(r.IntN(2) == 1)
	case %[1]s.Int, %[1]s.Int8, %[1]s.Int16, %[1]s.Int32, %[1]s.Int64:
		v.SetInt(r.Int64N(100))
	case %[1]s.Uint, %[1]s.Uint8, %[1]s.Uint16, %[1]s.Uint32, %[1]s.Uint64, %[1]s.Uintptr:
		v.SetUint(r.Uint64N(100))
	case %[1]s.Float32, %[1]s.Float64:
		v.SetFloat(float64(r.IntN(10000)) / 8)
	case %[1]s.String:
		const letters = "abcdefghijklmnopqrstuvwxyz"
		b := make([]byte, 1+r.IntN(8))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		v.SetString(string(b))
	case %[1]s.Pointer:
		p := %[1]s.New(t.Elem())
		fillValue(r, p.Elem(), depth+1)
		v.Set(p)
	case %[1]s.Slice:
		s := %[1]s.MakeSlice(t, 1+r.IntN(2), 2)
		for i := 0; i < s.Len(); i++ {
			fillValue(r, s.Index(i), depth+1)
		}
		v.Set(s)
	case %[1]s.Array:
		for i := 0; i < v.Len(); i++ {
			fillValue(r, v.Index(i), depth+1)
		}
	case %[1]s.Map:
		m := %[1]s.MakeMap(t)
		k, e := %[1]s.New(t.Key()).Elem(), %[1]s.New(t.Elem()).Elem()
		fillValue(r, k, depth+1)
		fillValue(r, e, depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case %[1]s.Struct:
		for i := 0; i < t.NumField(); i++ {
			if crosses(t, i) {
				fillValue(r, v.Field(i), depth+1)
			}
		}
	}
}

// crosses reports whether field i of struct type t crosses: every
// exported field of a type with a DTO, the fields encoding/json writes of
// the others.
func crosses(t %[1]s.Type, i int) bool {
	f := t.Field(i)
	return f.IsExported() && (withDTO[t] || f.Tag.Get("json") != "-")
}

// expect fails the test when got and want differ in what crosses.
func expect(t *%[5]s.T, what string, got, want any) {
	t.Helper()
	if msg := differ(%[1]s.ValueOf(got), %[1]s.ValueOf(want), what); msg != "" {
		t.Errorf("%%s", msg)
	}
}

func differ(a, b %[1]s.Value, at string) string {
	if !a.IsValid() || !b.IsValid() {
		if a.IsValid() != b.IsValid() {
			return at + ": one side is nil"
		}
		return ""
	}
	if a.Type() != b.Type() {
		return at + ": got a " + a.Type().String() + ", want a " + b.Type().String()
	}
	if a.Type() == timeType {
		if !a.Interface().(%[3]s.Time).Equal(b.Interface().(%[3]s.Time)) {
			return at + ": got " + a.Interface().(%[3]s.Time).String() + ", want " + b.Interface().(%[3]s.Time).String()
		}
		return ""
	}
	switch a.Kind() {
	case %[1]s.Pointer, %[1]s.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return at + ": one side is nil"
			}
			return ""
		}
		return differ(a.Elem(), b.Elem(), at)
	case %[1]s.Slice, %[1]s.Array:
		if a.Len() != b.Len() {
			return at + ": the lengths differ"
		}
		for i := 0; i < a.Len(); i++ {
			if msg := differ(a.Index(i), b.Index(i), at+"["+%[7]s.Sprint(i)+"]"); msg != "" {
				return msg
			}
		}
		return ""
	case %[1]s.Map:
		if a.Len() != b.Len() {
			return at + ": the sizes differ"
		}
		for _, k := range b.MapKeys() {
			if msg := differ(a.MapIndex(k), b.MapIndex(k), at+"[key]"); msg != "" {
				return msg
			}
		}
		return ""
	case %[1]s.Struct:
		for i := 0; i < a.NumField(); i++ {
			if crosses(a.Type(), i) {
				if msg := differ(a.Field(i), b.Field(i), at+"."+a.Type().Field(i).Name); msg != "" {
					return msg
				}
			}
		}
		return ""
	case %[1]s.Func, %[1]s.Chan, %[1]s.UnsafePointer:
		return ""
	}
	if a.Interface() != b.Interface() {
		return at + ": got " + %[7]s.Sprint(a.Interface()) + ", want " + %[7]s.Sprint(b.Interface())
	}
	return ""
}
`
