package config

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Format renders c as splitter.yaml: services sorted by name, each with its
// packages, units, api, dependsOn and tables, then shared, functions, rules
// and exclude. header lines are written first as comments; a commented
// example of the optional sections follows what c leaves empty. Parse reads
// the result back to an equal Config.
func Format(c *Config, header []string) []byte {
	var b bytes.Buffer
	for _, h := range header {
		if h == "" {
			b.WriteString("#\n")
			continue
		}
		fmt.Fprintf(&b, "# %s\n", h)
	}
	if len(header) > 0 {
		b.WriteString("\n")
	}
	if len(c.EntryPoints) > 0 {
		b.WriteString("entrypoints:\n")
		for _, ep := range c.EntryPoints {
			fmt.Fprintf(&b, "  - function: %s\n", quote(ep.Function))
			if ep.Name != "" {
				fmt.Fprintf(&b, "    name: %s\n", quote(ep.Name))
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("services:\n")
	for i, name := range c.ServiceNames() {
		s := c.Services[name]
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "  %s:\n", quote(name))
		list(&b, "    ", "packages", s.Packages, false)
		list(&b, "    ", "units", s.Units, false)
		list(&b, "    ", "api", s.API, s.HasAPI)
		list(&b, "    ", "dependsOn", s.DependsOn, false)
		list(&b, "    ", "tables", s.Tables, false)
	}
	b.WriteString("\n")
	if len(c.Shared) > 0 {
		list(&b, "", "shared", c.Shared, true)
	} else {
		b.WriteString("# shared:               # the kernel every service may use: package globs or units\n#   - internal/platform/...\n")
	}
	b.WriteString("\n")
	if len(c.Functions) > 0 {
		b.WriteString("functions:\n")
		for _, name := range c.FunctionNames() {
			fmt.Fprintf(&b, "  %s:\n", quote(name))
			list(&b, "    ", "entrypoints", c.Functions[name].EntryPoints, true)
		}
	} else {
		b.WriteString("# functions:            # serverless functions: name -> entry point ids (splitter analyze lists them)\n#   thumbnailer:\n#     entrypoints: [\"consumer:nats images.uploaded\"]\n")
	}
	b.WriteString("\n")
	if len(c.Rules) > 0 {
		b.WriteString("rules:\n")
		for _, k := range sortedKeys(c.Rules) {
			fmt.Fprintf(&b, "  %s: %s\n", quote(k), c.Rules[k])
		}
	} else {
		b.WriteString("# rules:                # severity per rule id or name: error, warning or off\n#   SPL004: error\n")
	}
	b.WriteString("\n")
	if len(c.Exclude) > 0 {
		list(&b, "", "exclude", c.Exclude, true)
	} else {
		b.WriteString("# exclude:              # packages (as --exclude) or files (globs ending in .go) lint leaves out\n#   - .../mocks/...\n")
	}
	if c.Baseline != "" {
		b.WriteString("\n# The known violations lint ignores (accepted debt), by identity; see --update-baseline.\n")
		fmt.Fprintf(&b, "baseline: %s\n", quote(c.Baseline))
	}
	return b.Bytes()
}

// list writes "key:" and its items; an empty list is written as [] only
// when keepEmpty is set (an empty api means "nothing", not "exported").
func list(b *bytes.Buffer, indent, key string, items []string, keepEmpty bool) {
	if len(items) == 0 {
		if keepEmpty {
			fmt.Fprintf(b, "%s%s: []\n", indent, key)
		}
		return
	}
	fmt.Fprintf(b, "%s%s:\n", indent, key)
	for _, it := range items {
		fmt.Fprintf(b, "%s  - %s\n", indent, quote(it))
	}
}

var (
	plain    = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_./-]*$`)
	resolved = regexp.MustCompile(`^(?i:y|yes|n|no|true|false|on|off|null|~|[-+]?[0-9][0-9_.eExXoObB+-]*|\.inf|\.nan)$`)
)

// quote returns s as a YAML scalar: plain when that reads back as the same
// string, double-quoted otherwise.
func quote(s string) string {
	if plain.MatchString(s) && !resolved.MatchString(s) {
		return s
	}
	return strconv.Quote(strings.ToValidUTF8(s, "\uFFFD"))
}
