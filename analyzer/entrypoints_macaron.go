package analyzer

// macaron (gopkg.in/macaron.v1) and flamego, its successor: groups scope by
// a closure over the same router (m.Group("/user", func() { m.Get("/login",
// h) })), Combo("/x").Get(a).Post(b) registers several methods on one
// path, Route/Routes take the methods as a string ("GET,POST"); middleware
// come first, the handler is the last argument.

var macaronMethods = map[string]string{
	"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
	"Head": "HEAD", "Options": "OPTIONS", "Connect": "CONNECT", "Trace": "TRACE", "Any": "ANY",
	"Group": "closure", "Combo": "group", "NotFound": "ANY path=none suffix=/*",
}

var comboMethods = map[string]string{
	"Get": "GET path=none", "Post": "POST path=none", "Put": "PUT path=none", "Patch": "PATCH path=none",
	"Delete": "DELETE path=none", "Head": "HEAD path=none", "Options": "OPTIONS path=none",
	"Connect": "CONNECT path=none", "Trace": "TRACE path=none",
}

func init() {
	m := copyMethods(macaronMethods, map[string]string{"Route": "arg1 path=0 handler=last", "Handle": "arg0"})
	f := copyMethods(macaronMethods, map[string]string{"Routes": "arg1 path=0 handler=last"})
	builtinRouters = append(builtinRouters,
		RouterDecl{Framework: "macaron", Package: "gopkg.in/macaron.v1", Type: "Router", Methods: m, Handler: -1},
		RouterDecl{Framework: "macaron", Package: "gopkg.in/macaron.v1", Type: "ComboRouter", Methods: comboMethods, Handler: -1},
		RouterDecl{Framework: "flamego", Package: "github.com/flamego/flamego", Type: "Router", Methods: f, Handler: -1},
		RouterDecl{Framework: "flamego", Package: "github.com/flamego/flamego", Type: "ComboRoute", Methods: comboMethods, Handler: -1})
	families = append(families,
		family{name: "macaron", frameworks: []string{"macaron"}, pkgs: []string{"gopkg.in/macaron.v1"}},
		family{name: "flamego", frameworks: []string{"flamego"}, pkgs: []string{"github.com/flamego/flamego"}})
}

// copyMethods returns base with extra added.
func copyMethods(base, extra map[string]string) map[string]string {
	out := make(map[string]string, len(base)+len(extra))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}
