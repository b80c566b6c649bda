package analyzer

import (
	"testing"

	"golang.org/x/tools/go/packages"
)

func TestPatternMatcher(t *testing.T) {
	p := &packages.Package{PkgPath: "example.com/m/internal/orders", Dir: "/src/m/internal/orders"}
	for _, c := range []struct {
		pat  string
		want bool
	}{
		{"./internal/orders", true},
		{"./internal/orders/", true},
		{"./internal/...", true},
		{"./internal/orders/...", true}, // x/... matches x
		{"./internal/order", false},
		{"./internal/orders/app/...", false},
		{"./.../orders", true},
		{"../m/internal/orders", false}, // relative to /src/m/sub
		{"/src/m/internal/...", true},
		{"example.com/m/internal/orders", true},
		{"example.com/m/...", true},
		{"example.com/m/internal/orders/...", true},
		{"example.com/m/internal/ord...", true},
		{"example.com/m/internal/order", false},
		{"example.com/m/internal/orders.x", false},
	} {
		dir := "/src/m"
		if c.pat == "../m/internal/orders" {
			dir = "/src/m/sub/deeper"
		}
		if got := patternMatcher(c.pat, dir)(p); got != c.want {
			t.Errorf("pattern %q from %s: %v, want %v", c.pat, dir, got, c.want)
		}
	}
}
