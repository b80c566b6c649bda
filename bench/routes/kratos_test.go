//go:build ignore

// kratos_test.go prints the routes github.com/ory/kratos registers on its
// public and admin routers (driver.RegistryDefault.RegisterRoutes, which
// calls every Register*Routes), read back from httprouter's trees: the
// reference splitter's detection is compared with. bench/routes/run.sh
// copies it into the subject (it needs kratos' internal test registry) and
// runs it; it is not part of splitter.
package splitterroutes

import (
	"context"
	"flag"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/ory/kratos/internal"
	"github.com/ory/kratos/x"
)

var out = flag.String("routes-out", "", "file to write the routes to")

func TestPrintRoutes(t *testing.T) {
	_, reg := internal.NewFastRegistryWithMocks(t)
	public, admin := x.NewRouterPublic(), x.NewRouterAdmin()
	reg.RegisterRoutes(context.Background(), public, admin)
	var lines []string
	for _, r := range []reflect.Value{reflect.ValueOf(public.Router).Elem(), reflect.ValueOf(admin.Router).Elem()} {
		trees := r.FieldByName("trees")
		for _, method := range trees.MapKeys() {
			walk(trees.MapIndex(method).Elem(), "", func(p string) { lines = append(lines, method.String()+" "+p) })
		}
	}
	sort.Strings(lines)
	if err := os.WriteFile(*out, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// walk visits the routes below an httprouter node: the paths of the nodes
// from the root, concatenated, where a handle is set.
func walk(n reflect.Value, prefix string, route func(string)) {
	p := prefix + n.FieldByName("path").String()
	if !n.FieldByName("handle").IsNil() {
		route(p)
	}
	children := n.FieldByName("children")
	for i := 0; i < children.Len(); i++ {
		walk(children.Index(i).Elem(), p, route)
	}
}
