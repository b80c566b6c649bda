package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// beego (github.com/beego/beego/v2/server/web, and v1 github.com/astaxie/
// beego): package-level registrations. Get/Post/.../Any(path, func),
// CtrlGet(path, (*C).Method), Router(path, &C{}, "get:List;post:Create")
// (without a mapping, every HTTP-verb method C declares itself), and their
// NS* forms inside NewNamespace/NSNamespace, whose prefixes compose. Written
// as code: a namespace is a tree of calls.

var beegoVerbs = map[string]string{"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
	"Head": "HEAD", "Options": "OPTIONS", "Any": ""}

var beegoPkgs = []string{"github.com/beego/beego/server/web", "github.com/astaxie/beego"}

func init() {
	for _, p := range beegoPkgs {
		for name := range beegoVerbs {
			hook(beego, p+"."+name, p+".NS"+name, p+".Ctrl"+name, p+".NSCtrl"+name)
		}
		hook(beego, p+".Router", p+".NSRouter")
	}
	families = append(families, family{name: "beego", frameworks: []string{"beego"}, pkgs: beegoPkgs})
}

func beego(f *epFinder, call *ast.CallExpr, fn *types.Func, stack []ast.Node) {
	if len(call.Args) < 2 {
		return
	}
	name := strings.TrimPrefix(strings.TrimPrefix(fn.Name(), "NS"), "Ctrl")
	p, ok := f.pathValue(call.Args[0])
	prefix, pok := f.beegoPrefix(call, stack)
	full := "?"
	if ok && pok {
		full = prefix + p
	}
	add := func(verb string, h handlerRef) {
		f.addHandled(model.EntryPoint{Kind: model.EntryHTTP, Framework: "beego",
			Trigger: model.Trigger{Method: verb, Path: full}}, call.Pos(), h)
	}
	if name != "Router" {
		add(beegoVerbs[name], f.resolveHandler(call.Args[1], paramType(fn.Signature(), 1)))
		return
	}
	ctrl := f.info.TypeOf(call.Args[1])
	if ctrl == nil {
		return
	}
	method := func(m string) handlerRef {
		if fn := methodNamed(ctrl, m); fn != nil {
			if u := f.t.unitOf(fn); u >= 0 {
				return f.unitRef(u)
			}
		}
		return handlerRef{unit: f.unitID(), function: f.unitID(), targets: []string{}}
	}
	if len(call.Args) > 2 {
		// "get,post:Handle;*:Any"
		for _, mapping := range f.constStrings(call.Args[2:], false) {
			for _, part := range strings.Split(mapping, ";") {
				verbs, m, ok := strings.Cut(part, ":")
				if !ok {
					continue
				}
				for _, v := range strings.Split(verbs, ",") {
					v = strings.ToUpper(strings.TrimSpace(v))
					if v == "*" {
						v = ""
					}
					add(v, method(strings.TrimSpace(m)))
				}
			}
		}
		return
	}
	// No mapping: the controller's own Get, Post, ... methods serve.
	for _, m := range []string{"Get", "Post", "Put", "Patch", "Delete", "Head", "Options"} {
		if fn := methodNamed(ctrl, m); fn != nil && f.t.unitOf(fn) >= 0 {
			add(beegoVerbs[m], method(m))
		}
	}
}

// beegoPrefix composes the prefixes of the NewNamespace/NSNamespace calls
// a registration is an argument of.
func (f *epFinder) beegoPrefix(call *ast.CallExpr, stack []ast.Node) (string, bool) {
	prefix := ""
	for i := len(stack) - 1; i >= 0; i-- {
		outer, ok := stack[i].(*ast.CallExpr)
		if !ok || outer == call || len(outer.Args) == 0 {
			continue
		}
		fn := f.calleeOf(outer)
		if fn == nil || (fn.Name() != "NewNamespace" && fn.Name() != "NSNamespace") {
			continue
		}
		p, ok := f.pathValue(outer.Args[0])
		if !ok {
			return "", false
		}
		prefix = p + prefix
	}
	return prefix, true
}
