package analyzer

// chi: Route scopes a sub-router under a prefix (a func literal's router,
// or a function of the module given the router); Group and With return the
// same router; Mount mounts a handler under pattern/* (a mount when routes
// are found inside it: a sub-router of the function, or one a factory
// returns, whose routes get the prefix).

var chiMethods = map[string]string{
	"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
	"Head": "HEAD", "Options": "OPTIONS", "Connect": "CONNECT", "Trace": "TRACE",
	"Handle": "ANY", "HandleFunc": "ANY", "Method": "arg0", "MethodFunc": "arg0",
	"Route": "scope", "Group": "keep", "With": "keep", "Use": "keep",
	"Mount": "mount suffix=/*", "NotFound": "ANY path=none suffix=/*",
}

func init() {
	for _, t := range []string{"Mux", "Router", "Routes"} {
		builtinRouters = append(builtinRouters, RouterDecl{Framework: "chi", Package: "github.com/go-chi/chi", Type: t,
			Methods: chiMethods, Handler: -1, Join: "chi"})
	}
	families = append(families, family{name: "chi", frameworks: []string{"chi"}, pkgs: []string{"github.com/go-chi/chi"}})
}
