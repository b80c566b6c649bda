package analyzer

// echo: middleware come after the handler (the handler is the argument
// right after the path); group prefixes are concatenated and a leading
// slash added, as echo's router does; Match takes a list of methods; Static
// serves GET prefix/*.

var echoMethods = map[string]string{
	"GET": "GET", "POST": "POST", "PUT": "PUT", "PATCH": "PATCH", "DELETE": "DELETE",
	"HEAD": "HEAD", "OPTIONS": "OPTIONS", "CONNECT": "CONNECT", "TRACE": "TRACE",
	"Any": "ANY", "Add": "arg0", "Match": "args0", "Group": "group", "Use": "keep",
	"Static": "GET handler=none suffix=/*", "File": "GET handler=none",
}

func init() {
	for _, t := range []string{"Echo", "Group"} {
		builtinRouters = append(builtinRouters, RouterDecl{Framework: "echo", Package: "github.com/labstack/echo", Type: t,
			Methods: echoMethods, Handler: 1, Join: "echo"})
	}
	families = append(families, family{name: "echo", frameworks: []string{"echo"}, pkgs: []string{"github.com/labstack/echo"}})
}
