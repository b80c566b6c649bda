package analyzer

// hertz (github.com/cloudwego/hertz): its RouterGroup is gin's, so are its
// methods and path rules; server.Hertz embeds a route.Engine.

func init() {
	methods := copyMethods(ginMethods, map[string]string{"StaticFS": "GET,HEAD handler=none suffix=/*filepath"})
	delete(methods, "Match")
	for _, t := range []string{"RouterGroup", "Engine", "IRoutes", "IRouter"} {
		builtinRouters = append(builtinRouters, RouterDecl{Framework: "hertz", Package: "github.com/cloudwego/hertz/pkg/route", Type: t,
			Methods: methods, Handler: -1, Join: "gin"})
	}
	families = append(families, family{name: "hertz", frameworks: []string{"hertz"}, pkgs: []string{"github.com/cloudwego/hertz/pkg/app/server"}})
}
