package analyzer

// julienschmidt/httprouter: GET(path, handle) ..., Handle(method, path,
// handle), Handler and HandlerFunc with http handlers, ServeFiles on
// path (which ends in /*filepath). No groups: applications wrap it (kratos'
// x.RouterPublic), and the wrappers are followed (entrypoints_wrapper.go).

func init() {
	builtinRouters = append(builtinRouters, RouterDecl{Framework: "httprouter", Package: "github.com/julienschmidt/httprouter", Type: "Router",
		Methods: map[string]string{
			"GET": "GET", "POST": "POST", "PUT": "PUT", "PATCH": "PATCH", "DELETE": "DELETE",
			"HEAD": "HEAD", "OPTIONS": "OPTIONS",
			"Handle": "arg0", "Handler": "arg0", "HandlerFunc": "arg0", "ServeFiles": "GET handler=none",
		}, Handler: -1})
	families = append(families, family{name: "httprouter", frameworks: []string{"httprouter"}, pkgs: []string{"github.com/julienschmidt/httprouter"}})
}
