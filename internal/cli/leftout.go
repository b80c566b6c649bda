package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// writeLeftOut says which code the decomposition left out of the services
// (tests, examples, tools, an SDK no program imports), by role, with the
// unused packages named: they are the ones a user may not expect.
func writeLeftOut(w io.Writer, m *model.Model, width int) {
	count := map[model.Role]int{}
	var unused []string
	for _, p := range m.Packages {
		if !p.Role.LeftOut() {
			continue
		}
		count[p.Role]++
		if p.Role == model.RoleUnused {
			unused = append(unused, strings.TrimPrefix(strings.TrimPrefix(p.Path, m.Module), "/"))
		}
	}
	if len(count) == 0 {
		return
	}
	var parts []string
	for _, r := range []struct {
		role model.Role
		what string
	}{{model.RoleTest, "test"}, {model.RoleExample, "example"}, {model.RoleTool, "tool"}, {model.RoleUnused, "unused"}} {
		if n := count[r.role]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, r.what))
		}
	}
	line := "  Left out of the services: " + plural(count[model.RoleTest]+count[model.RoleExample]+count[model.RoleTool]+count[model.RoleUnused], "package") +
		" (" + strings.Join(parts, ", ") + ")"
	if len(unused) > 0 {
		if len(unused) > 5 {
			unused = append(unused[:5], fmt.Sprintf("+%d more", len(unused)-5))
		}
		line += "; unused: " + strings.Join(unused, ", ")
	}
	fmt.Fprintln(w, wrap(line, width, "    "))
}
