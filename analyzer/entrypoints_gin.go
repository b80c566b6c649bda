package analyzer

// gin: every registration method of RouterGroup (Engine embeds one), paths
// joined as gin joins them (path.Join keeping a trailing slash, so
// Group("/plugin/").GET("/:id") is /plugin/:id and GET("version") is
// /version), Use kept in the chain (Group("/user").Use(mw).POST("", h) is
// POST /user), Match's list of methods, the static file routes gin adds
// (GET and HEAD on /*filepath) and NoRoute as ANY /*.

var ginMethods = map[string]string{
	"GET": "GET", "POST": "POST", "PUT": "PUT", "PATCH": "PATCH", "DELETE": "DELETE",
	"HEAD": "HEAD", "OPTIONS": "OPTIONS", "Any": "ANY", "Handle": "arg0", "Match": "args0",
	"Use": "keep", "Group": "group",
	"Static":     "GET,HEAD handler=none suffix=/*filepath",
	"StaticFS":   "GET,HEAD handler=none suffix=/*filepath",
	"StaticFile": "GET,HEAD handler=none", "StaticFileFS": "GET,HEAD handler=none",
	"NoRoute": "ANY path=none suffix=/*", "NoMethod": "ANY path=none suffix=/*",
}

func init() {
	for _, t := range []string{"RouterGroup", "Engine", "IRoutes", "IRouter"} {
		builtinRouters = append(builtinRouters, RouterDecl{Framework: "gin", Package: "github.com/gin-gonic/gin", Type: t,
			Methods: ginMethods, Handler: -1, Join: "gin"})
	}
	families = append(families, family{name: "gin", frameworks: []string{"gin"}, pkgs: []string{"github.com/gin-gonic/gin"}})
}
