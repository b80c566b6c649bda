package analyzer

import (
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer/epdecl"
	"github.com/splitter-go/splitter/model"
)

// TestJoinRules checks each framework's way of joining a prefix and a path
// against what the framework itself serves.
func TestJoinRules(t *testing.T) {
	for _, c := range []struct {
		j                 joinRule
		prefix, sub, want string
	}{
		{joinGin, "", "version", "/version"}, // gin: the engine's base is /
		{joinGin, "/plugin/", "/:id/config", "/plugin/:id/config"},
		{joinGin, "/user", "", "/user"}, // an empty sub-path is the group's path
		{joinGin, "/", "/", "/"},
		{joinGin, "/static", "files/", "/static/files/"}, // a trailing slash of the sub-path is kept
		{joinGin, "?", "/x", "?"},
		{joinEcho, "/api", "users", "/apiusers"}, // echo concatenates; the leading slash comes at the end
		{joinChi, "/v1/", "/users", "/v1/users"},
		{joinChi, "/v1", "/", "/v1/"},
		{joinFiber, "/api/", "", "/api/"},
		{joinFiber, "/api", "users", "/api/users"},
		{joinConcat, "/api", "/users", "/api/users"},
		{joinGorilla, "/", "/read", "/read"},
		{joinGorilla, "/api/auth/", "/signup", "/api/auth/signup"},
		{joinGorilla, "/api", "/users/", "/api/users/"},
		{joinGorilla, "", "/x", "/x"},
	} {
		if got := c.j.join(c.prefix, c.sub); got != c.want {
			t.Errorf("join(%d, %q, %q) = %q, want %q", c.j, c.prefix, c.sub, got, c.want)
		}
	}
	for _, c := range []struct {
		j       joinRule
		p, want string
	}{{joinGin, "version", "/version"}, {joinEcho, "", "/"}, {joinConcat, "x", "x"}, {joinFiber, "?", "?"}} {
		if got := c.j.finish(c.p); got != c.want {
			t.Errorf("finish(%d, %q) = %q, want %q", c.j, c.p, got, c.want)
		}
	}
}

// TestParseMethod is the method-description language of the router tables.
func TestParseMethod(t *testing.T) {
	for _, c := range []struct {
		v             string
		path, handler int
		want          epdecl.Method
		err           string
	}{
		{v: "GET", handler: -1, want: epdecl.Method{Verbs: []string{"GET"}, VerbArg: -1, VerbsArg: -1, Handler: -1}},
		{v: "ANY", handler: 1, want: epdecl.Method{VerbArg: -1, VerbsArg: -1, Handler: 1}},
		{v: "get,head", handler: -1, want: epdecl.Method{Verbs: []string{"GET", "HEAD"}, VerbArg: -1, VerbsArg: -1, Handler: -1}},
		{v: "arg0", handler: -1, want: epdecl.Method{VerbArg: 0, VerbsArg: -1, Path: 1, Handler: -1}},
		{v: "arg0", handler: 1, want: epdecl.Method{VerbArg: 0, VerbsArg: -1, Path: 1, Handler: 2}}, // echo's Add
		{v: "args0", handler: -1, want: epdecl.Method{VerbArg: -1, VerbsArg: 0, Path: 1, Handler: -1}},
		{v: "group", handler: -1, want: epdecl.Method{Kind: epdecl.Group, VerbArg: -1, VerbsArg: -1, Handler: -1}},
		{v: "mount suffix=/*", handler: -1, want: epdecl.Method{Kind: epdecl.Mount, VerbArg: -1, VerbsArg: -1, Handler: 1, Suffix: "/*"}},
		{v: "GET,HEAD handler=none suffix=/*filepath", handler: -1,
			want: epdecl.Method{Verbs: []string{"GET", "HEAD"}, VerbArg: -1, VerbsArg: -1, Handler: epdecl.NoHandler, Suffix: "/*filepath"}},
		{v: "ANY path=none suffix=/*", handler: -1, want: epdecl.Method{VerbArg: -1, VerbsArg: -1, Path: -1, Handler: -1, Suffix: "/*"}},
		{v: "arg1 path=0 handler=last", handler: -1, want: epdecl.Method{VerbArg: 1, VerbsArg: -1, Path: 0, Handler: -1}},
		{v: "", err: "empty"},
		{v: "FETCH", err: `"FETCH" is not an HTTP method`},
		{v: "argx", err: "argN needs an argument index"},
		{v: "GET path=-2", err: "want an argument index or none"},
		{v: "GET colour=red", err: "unknown"},
		{v: "GET handler", err: "want key=value"},
	} {
		got, err := epdecl.ParseMethod(c.v, c.path, c.handler)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParseMethod(%q) error %v, want %q", c.v, err, c.err)
			}
			continue
		}
		if err != nil || strings.Join(got.Verbs, ",") != strings.Join(c.want.Verbs, ",") || got.Kind != c.want.Kind ||
			got.VerbArg != c.want.VerbArg || got.VerbsArg != c.want.VerbsArg || got.Path != c.want.Path ||
			got.Handler != c.want.Handler || got.Suffix != c.want.Suffix {
			t.Errorf("ParseMethod(%q) = %+v, %v; want %+v", c.v, got, err, c.want)
		}
	}
}

// TestBuiltinTablesCompile: every built-in router and consumer table goes
// through the same compiler as a declaration, and a bad declaration names
// itself.
func TestBuiltinTablesCompile(t *testing.T) {
	d, err := newDetectors(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"github.com/gin-gonic/gin.RouterGroup", "gopkg.in/macaron.v1.Router", "github.com/julienschmidt/httprouter.Router",
		"github.com/kataras/iris/core/router.Party", "github.com/cloudwego/hertz/pkg/route.RouterGroup", "github.com/go-kratos/kratos/transport/http.Router"} {
		if d.routers[k] == nil {
			t.Errorf("no built-in router %s", k)
		}
	}
	for _, k := range []string{"github.com/nats-io/nats.go.Conn.Subscribe", "github.com/hibiken/asynq.ServeMux.HandleFunc",
		"github.com/aws/aws-lambda-go/lambda.Start", "github.com/segmentio/kafka-go.Reader.ReadMessage"} {
		if d.consumers[k] == nil {
			t.Errorf("no built-in consumer %s", k)
		}
	}
	for _, c := range []struct {
		r    []RouterDecl
		cs   []ConsumerDecl
		want string
	}{
		{r: []RouterDecl{{Package: "x", Type: "R", Methods: map[string]string{"Get": "GOT"}, Where: "splitter.yaml:3"}}, want: `splitter.yaml:3: method Get: "GOT"`},
		{r: []RouterDecl{{Package: "x", Methods: map[string]string{"Get": "GET"}}}, want: "package and type are required"},
		{r: []RouterDecl{{Package: "x", Type: "R", Join: "django"}}, want: `join "django"`},
		{cs: []ConsumerDecl{{Package: "x", Type: "B"}}, want: "methods is empty"},
		{cs: []ConsumerDecl{{Package: "x", Methods: []string{"On"}, Kind: "queue"}}, want: `kind "queue"`},
	} {
		if _, err := newDetectors(c.r, c.cs); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("newDetectors(%+v, %+v) = %v, want an error with %q", c.r, c.cs, err, c.want)
		}
	}
}

// TestMissingFrameworks: a framework imported with nothing of it found is
// reported with the packages that import it.
func TestMissingFrameworks(t *testing.T) {
	all := []pkgEntries{
		{pkg: "example.com/app/web", imports: map[string]bool{"gin": true}},
		{pkg: "example.com/app/jobs", imports: map[string]bool{"asynq": true}},
	}
	found := map[string]bool{"asynq": true}
	ds := missingFrameworks(all, found, nil)
	if len(ds) != 1 || ds[0].Package != "example.com/app/web" || !strings.Contains(ds[0].Message, "gin is imported (by example.com/app/web)") ||
		!strings.Contains(ds[0].Message, "routers:") || ds[0].Severity != model.SevInfo {
		t.Fatalf("diagnostics %+v: want one note about gin", ds)
	}
	ds = unknownPaths([]model.EntryPoint{
		{Kind: model.EntryHTTP, Trigger: model.Trigger{Path: "?"}, File: "web/b.go", Line: 9},
		{Kind: model.EntryHTTP, Trigger: model.Trigger{Path: "?"}, File: "web/a.go", Line: 30},
		{Kind: model.EntryHTTP, Trigger: model.Trigger{Path: "?"}, File: "web/a.go", Line: 3, Mount: true},
		{Kind: model.EntryHTTP, Trigger: model.Trigger{Path: "/x"}, File: "api/a.go", Line: 3},
	})
	if len(ds) != 1 || ds[0].File != "web/a.go" || ds[0].Line != 30 || !strings.HasPrefix(ds[0].Message, "2 route(s) in web") {
		t.Fatalf("diagnostics %+v: want one note for web at a.go:30", ds)
	}
}
