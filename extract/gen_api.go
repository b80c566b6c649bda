package extract

import (
	"fmt"
	"go/types"
	"strings"
)

// sigDecl writes a method's signature as the interface declares it: the
// original parameter names where they are usable.
func (g *gofile) sigDecl(m *member) string {
	names := make([]string, m.sig.Params().Len())
	seen := map[string]bool{}
	for i := range names {
		n := m.sig.Params().At(i).Name()
		if n == "" || n == "_" || seen[n] {
			n = fmt.Sprintf("a%d", i)
		}
		seen[n] = true
		names[i] = n
	}
	return m.name + "(" + g.params(m.sig, names) + ")" + g.results(m.sig, false)
}

// what names the code a member calls, for comments.
func (x *extraction) what(m *member) string {
	if m.h != nil {
		if m.h.ptr {
			return "(*" + m.h.obj.Pkg().Name() + "." + m.h.obj.Name() + ")." + m.fn.Name()
		}
		return m.h.obj.Pkg().Name() + "." + m.h.obj.Name() + "." + m.fn.Name()
	}
	return m.fn.Pkg().Name() + "." + m.fn.Name()
}

func (x *extraction) genAPI(g *gofile) string {
	var names []string
	for _, f := range x.ifaces {
		names = append(names, f.name)
	}
	doc := fmt.Sprintf(`// Package %s is the seam of service %s: the interface of what the
// other services call today (%s), Local, which implements it with
// today's code in the same process, and Client and Server, which carry it
// over HTTP/JSON once the service runs apart.
//
// The callers hold the interface; the program decides what is behind it:
// Local (or the service's own types, which satisfy it) while the service
// is in the monolith, a Client once it is deployed on its own.
`, x.pkgName, x.svc, strings.Join(names, ", "))
	for _, f := range x.ifaces {
		if f.name == "API" {
			g.p("// API is what the other services (%s) call of service %s.\n", strings.Join(f.callers, ", "), x.svc)
		} else {
			g.p("// %s is the part of API service %s calls.\n", f.name, f.callers[0])
		}
		g.p("type %s interface {\n", f.name)
		if f.name == "API" && len(x.ifaces) > 1 {
			for _, o := range x.ifaces[:len(x.ifaces)-1] {
				g.p("%s\n", o.name)
			}
		} else {
			for _, m := range f.members {
				g.p("// %s calls %s.\n", m.name, x.what(m))
				g.p("%s\n", g.sigDecl(m))
			}
		}
		g.p("}\n\n")
	}
	g.p("// Local implements API in the process, with today's code: each method\n")
	g.p("// calls the one it is named after. A field left nil is a part of the\n")
	g.p("// service the holder of this Local does not use.\n")
	g.p("type Local struct {\n")
	for _, h := range x.handles {
		t := g.typ(h.obj.Type())
		if h.ptr {
			t = "*" + t
		}
		g.p("%s %s\n", h.field, t)
	}
	g.p("}\n\n")
	for _, m := range x.members {
		names := g.paramNames(m.sig)
		recv := "l"
		var target string
		if m.h != nil {
			target = "l." + m.h.field + "." + m.fn.Name()
		} else {
			recv = "_"
			target = g.qual(m.fn.Pkg()) + "." + m.fn.Name()
		}
		g.p("// %s calls %s.\n", m.name, x.what(m))
		g.p("func (%s Local) %s(%s)%s {\n", recv, m.name, g.params(m.sig, names), g.results(m.sig, false))
		call := target + "(" + callArgs(m.sig, names) + ")"
		if m.sig.Results().Len() > 0 {
			g.p("return %s\n", call)
		} else {
			g.p("%s\n", call)
		}
		g.p("}\n\n")
	}
	if x.hasFuncs() {
		g.p("// Default is what the callers of the service's package-level functions\n")
		g.p("// call them through, as they hold no value of the service: set it to a\n")
		g.p("// Client to make those calls remote.\n")
		g.p("var Default API = Local{}\n\n")
	}
	g.p("var (\n_ API = Local{}\n_ API = (*Client)(nil)\n)\n")
	return doc
}

func (x *extraction) hasFuncs() bool {
	for _, m := range x.members {
		if m.h == nil {
			return true
		}
	}
	return false
}

// envelope names the request and response structs of a member.
func envelope(m *member) (string, string) {
	n := strings.ToLower(m.name[:1]) + m.name[1:]
	return n + "In", n + "Out"
}

// fieldNames names the envelope's fields: the parameters' names,
// exported, else ArgN / ResultN.
func fieldNames(vs []*types.Var, prefix string) []string {
	out := make([]string, len(vs))
	seen := map[string]bool{}
	for i, v := range vs {
		n := exportName(v.Name())
		if v.Name() == "_" || n == "" || seen[n] {
			n = fmt.Sprintf("%s%d", prefix, i)
		}
		seen[n] = true
		out[i] = n
	}
	return out
}
