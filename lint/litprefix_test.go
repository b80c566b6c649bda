package lint

import (
	"strings"
	"testing"

	"github.com/splitter-go/splitter/config"
)

// TestLitPrefix: every id a unit glob matches starts with its literal
// prefix, so Owner may skip the ids that do not.
func TestLitPrefix(t *testing.T) {
	globs := []string{"a/b.*", "./a/b.Handler*", "a/...", "a/....X", "example.com/app/.../store.*",
		"a/b.[A-Z]*", "a/b.?oo", `a/b.\*x`, "...", "*.Foo", "a/b...", "internal/http/.../*"}
	ids := []string{"a", "a/b", "a/b.Foo", "a/b.Handler", "a/b.HandlerX", "a/c.X", "a/b/c.X", "a/b.*x",
		"example.com/app/x/store.New", "example.com/app/store.New", "b.Foo", "a/bc.Foo", "internal/http/api/x.Y",
		"internal/http.Z", "a/b.foo", "a/b.Xoo"}
	for _, g := range globs {
		lit := litPrefix(g)
		for _, id := range ids {
			if config.MatchUnit(g, id, "") && !strings.HasPrefix(id, lit) {
				t.Errorf("%q matches %q, which does not start with its prefix %q", g, id, lit)
			}
		}
	}
	for g, want := range map[string]string{"a/...": "a", "./a/b.*": "a/b.", "...": "", `a\*`: "a", "a/b.[x]": "a/b."} {
		if got := litPrefix(g); got != want {
			t.Errorf("litPrefix(%q) = %q, want %q", g, got, want)
		}
	}
}
