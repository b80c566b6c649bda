package analyzer

// fiber: middleware first, handler last; Group and Route prefix; Use
// registers middleware and returns the same router.

var fiberMethods = map[string]string{
	"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
	"Head": "HEAD", "Options": "OPTIONS", "Connect": "CONNECT", "Trace": "TRACE",
	"All": "ANY", "Add": "arg0", "Group": "group", "Route": "scope", "Use": "keep",
	"Static": "GET handler=none suffix=/*",
}

func init() {
	for _, t := range []string{"App", "Router", "Group"} {
		builtinRouters = append(builtinRouters, RouterDecl{Framework: "fiber", Package: "github.com/gofiber/fiber", Type: t,
			Methods: fiberMethods, Handler: -1, Join: "fiber"})
	}
	families = append(families, family{name: "fiber", frameworks: []string{"fiber"}, pkgs: []string{"github.com/gofiber/fiber"}})
}
