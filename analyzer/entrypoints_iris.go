package analyzer

// iris (github.com/kataras/iris/v12): Party and PartyFunc prefix, Handle
// takes the method, HandleMany a space-separated list, the handler last.

func init() {
	methods := map[string]string{
		"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
		"Head": "HEAD", "Options": "OPTIONS", "Connect": "CONNECT", "Trace": "TRACE", "Any": "ANY",
		"Handle": "arg0", "HandleMany": "arg0", "Party": "group", "PartyFunc": "scope",
		"HandleDir": "GET handler=none suffix=/*",
	}
	for _, t := range []string{"APIBuilder", "Party"} {
		builtinRouters = append(builtinRouters, RouterDecl{Framework: "iris", Package: "github.com/kataras/iris/core/router", Type: t,
			Methods: methods, Handler: -1, Join: "fiber"})
	}
	families = append(families, family{name: "iris", frameworks: []string{"iris"}, pkgs: []string{"github.com/kataras/iris"}})
}
