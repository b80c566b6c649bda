package extract

import (
	"go/types"
)

// genDTO writes a DTO per struct type of the service that a remote call
// carries: its exported fields, the service's types among them replaced
// by their DTOs (or, for named non-struct types, their underlying types),
// so that the wire format does not depend on the service's packages; and
// the functions converting each way.
func (x *extraction) genDTO(g *gofile) string {
	for _, t := range x.dtos {
		st := t.Type().Underlying().(*types.Struct)
		name := x.dtoName(t)
		g.p("// %s is %s.%s as it crosses the network.\n", name, t.Pkg().Name(), t.Name())
		g.p("type %s struct {\n", name)
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			if !f.Exported() {
				continue
			}
			g.p("%s %s\n", f.Name(), g.wire(f.Type()))
		}
		g.p("}\n\n")
		orig := g.typ(t.Type())
		g.p("func from%s(v %s) %s {\nreturn %s{\n", name, orig, name, name)
		for i := 0; i < st.NumFields(); i++ {
			if f := st.Field(i); f.Exported() {
				g.p("%s: %s,\n", f.Name(), g.convert(f.Type(), true, "v."+f.Name()))
			}
		}
		g.p("}\n}\n\n")
		g.p("func to%s(d %s) %s {\nreturn %s{\n", name, name, orig, orig)
		for i := 0; i < st.NumFields(); i++ {
			if f := st.Field(i); f.Exported() {
				g.p("%s: %s,\n", f.Name(), g.convert(f.Type(), false, "d."+f.Name()))
			}
		}
		g.p("}\n}\n\n")
	}
	if x.helpers["convPtr"] {
		g.p(`// convPtr converts what p points to, keeping nil.
func convPtr[A, B any](p *A, f func(A) B) *B {
	if p == nil {
		return nil
	}
	v := f(*p)
	return &v
}

`)
	}
	if x.helpers["convSlice"] {
		g.p(`// convSlice converts each element, keeping nil.
func convSlice[A, B any](s []A, f func(A) B) []B {
	if s == nil {
		return nil
	}
	out := make([]B, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}

`)
	}
	if x.helpers["convMap"] {
		g.p(`// convMap converts each key and value, keeping nil.
func convMap[K1, K2 comparable, A, B any](m map[K1]A, fk func(K1) K2, fv func(A) B) map[K2]B {
	if m == nil {
		return nil
	}
	out := make(map[K2]B, len(m))
	for k, v := range m {
		out[fk(k)] = fv(v)
	}
	return out
}

`)
	}
	if x.helpers["same"] {
		g.p("// same is the conversion of what needs none.\nfunc same[T any](v T) T { return v }\n\n")
	}
	return ""
}
