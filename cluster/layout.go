package cluster

import (
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// layout is the module's directory structure as the decomposition reads
// it. An area is a top-level directory (or, under a container directory
// such as internal/ or pkg/, the directory below it). An area is a module
// when its packages depend on each other more than a layer's would: it has
// several packages, a good share of their imports stay inside it, and its
// name is not a layer's. Modules keep their code together (a dir feature
// in the signal graph) and have their own vocabulary; layers (api/,
// storage/, models/, handlers/) hold every domain and are cut across.
type layout struct {
	rel      map[string]string  // package → path inside its module
	area     map[string]string  // package → its area ("" for the module's root package)
	locality map[string]float64 // module area → share of its imports that stay inside it
	modular  bool               // most of the code is in modules: services follow them
	common   map[string]bool    // areas a third of the other areas import
}

// minLocality is the share of a directory's imports (between the module's
// own packages) that must stay inside it for the directory to be a module:
// with a third of its imports at home, the directory is its own largest
// dependency, since the rest is spread over the kernel and other areas.
const minLocality = 0.3

// containerDirs hold one directory per area rather than being one.
var containerDirs = setOf("internal", "pkg", "src", "app", "apps", "modules", "services", "domains", "components", "features", "contexts", "lib", "libs")

// layerNames are directory names that say what layer code is, not what it
// is about: such a directory is never a module of its own.
var layerNames = setOf("api", "apis", "handler", "handlers", "controller", "controllers", "service", "services",
	"repo", "repos", "repository", "repositories", "store", "stores", "storage", "model", "models", "entity", "entities",
	"domain", "dto", "dtos", "schema", "schemas", "db", "database", "persistence", "dao", "router", "routers", "routes",
	"routing", "http", "web", "ui", "view", "views", "templates", "transport", "rest", "grpc", "rpc", "server", "client",
	"adapters", "adapter", "ports", "port", "infrastructure", "infra", "app", "application", "usecase", "usecases",
	"core", "middleware", "middlewares", "cmd", "migrations", "config", "util", "utils", "common", "shared")

func detectLayout(m *model.Model, scope map[string]model.Role) layout {
	l := layout{rel: relPaths(m), area: map[string]string{}, locality: map[string]float64{}}
	pkgs := map[string]int{}
	for _, p := range m.Packages {
		if _, left := scope[p.Path]; left {
			continue
		}
		a := areaOf(l.rel[p.Path])
		l.area[p.Path] = a
		if a != "" {
			pkgs[a]++
		}
	}
	// Common areas are imported by a third of the other areas (three or
	// more): utilities and shared APIs. A module's imports of them say
	// nothing about whether it keeps to itself.
	importedBy := map[string]map[string]bool{}
	for _, p := range m.Packages {
		a, ok := l.area[p.Path]
		if !ok || a == "" {
			continue
		}
		for _, imp := range p.Imports {
			if b, ok := l.area[imp]; ok && b != "" && b != a {
				if importedBy[b] == nil {
					importedBy[b] = map[string]bool{}
				}
				importedBy[b][a] = true
			}
		}
	}
	common := map[string]bool{}
	l.common = common
	for b, from := range importedBy {
		if len(from) >= 3 && 3*len(from) >= len(pkgs)-1 {
			common[b] = true
		}
	}
	inside, total := map[string]int{}, map[string]int{}
	for _, p := range m.Packages {
		a, ok := l.area[p.Path]
		if !ok || a == "" || p.Name == "main" {
			continue
		}
		for _, imp := range p.Imports {
			b, ok := l.area[imp]
			if !ok || b == "" || (b != a && common[b]) {
				continue
			}
			total[a]++
			if a == b {
				inside[a]++
			}
		}
	}
	units := map[string]int{}
	all := 0
	for _, u := range m.Units {
		if a, ok := l.area[u.Package]; ok {
			units[a]++
			all++
		}
	}
	inModules := 0
	for a, n := range pkgs {
		name := a[strings.LastIndexByte(a, '/')+1:]
		if n < 2 || total[a] == 0 || layerNames[name] || sharedAreas[name] {
			continue
		}
		if loc := float64(inside[a]) / float64(total[a]); loc >= minLocality {
			l.locality[a] = loc
			inModules += units[a]
		}
	}
	// On a modular layout (most code in modules), every area named after no
	// layer and not shared is a module too: a one-package module has no
	// inside to measure, and a module that leans on its neighbours' APIs
	// is still the team's unit of code.
	// Only where the modules live: under internal/ beside top-level modules
	// are libraries (a cache, SQL helpers), under pkg/ holding the modules
	// are more modules.
	if all > 0 && 2*inModules > all {
		l.modular = true
		home := map[string]int{}
		for a := range l.locality {
			home[parentDir(a)]++
		}
		measured := len(l.locality)
		for a := range pkgs {
			name := a[strings.LastIndexByte(a, '/')+1:]
			if !layerNames[name] && !common[a] && !sharedAreas[name] && l.locality[a] == 0 && 2*home[parentDir(a)] >= measured {
				l.locality[a] = minLocality
			}
		}
	}
	return l
}

// sharedAreas are directory names that hold shared code, never a module.
var sharedAreas = setOf("internal", "pkg", "util", "utils", "common", "shared", "lib", "libs", "cmd", "setup", "platform", "kernel", "x", "tools", "test", "tests",
	"base", "framework", "foundation", "infra", "infrastructure", "support", "core")

// parentDir is the directory holding an area ("" at the top).
func parentDir(area string) string {
	if i := strings.LastIndexByte(area, '/'); i >= 0 {
		return area[:i]
	}
	return ""
}

// areaOf returns the area of a relative package path.
func areaOf(rel string) string {
	if rel == "" {
		return ""
	}
	parts := strings.Split(rel, "/")
	if containerDirs[parts[0]] && len(parts) > 1 {
		return parts[0] + "/" + parts[1]
	}
	return parts[0]
}

// module returns the module area of a package, or "".
func (l layout) module(pkg string) string {
	if a := l.area[pkg]; l.locality[a] > 0 {
		return a
	}
	return ""
}

// modularShare is the share of the units that sit in module areas: 1 on a
// modular monolith, near 0 on a layered one.
func (l layout) modularShare(units []*model.Unit, active func(int) bool) float64 {
	in, all := 0, 0
	for i, u := range units {
		if !active(i) {
			continue
		}
		all++
		if l.module(u.Package) != "" {
			in++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(in) / float64(all)
}

// modules lists the module areas, sorted.
func (l layout) modules() []string {
	out := make([]string, 0, len(l.locality))
	for a := range l.locality {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// relPaths maps each package to its path inside its module.
func relPaths(m *model.Model) map[string]string {
	rel := map[string]string{}
	paths := make([]string, 0, len(m.Packages)+len(m.Skipped))
	for _, p := range m.Packages {
		paths = append(paths, p.Path)
	}
	for _, sp := range m.Skipped { // their paths are judged too (Scope)
		paths = append(paths, sp.Package)
	}
	for _, path := range paths {
		best := ""
		for _, mod := range m.Modules {
			if (path == mod.Path || strings.HasPrefix(path, mod.Path+"/")) && len(mod.Path) > len(best) {
				best = mod.Path
			}
		}
		if best == "" {
			best = m.Module
		}
		rel[path] = strings.TrimPrefix(strings.TrimPrefix(path, best), "/")
	}
	return rel
}

// DebugLayout describes the areas of m, for experiments.
func DebugLayout(m *model.Model) []string {
	l := detectLayout(m, Scope(m))
	count := map[string]int{}
	for _, a := range l.area {
		count[a]++
	}
	var out []string
	for _, a := range sortedKeys(count) {
		out = append(out, fmt.Sprintf("%-40s %3d packages  locality %.2f", a, count[a], l.locality[a]))
	}
	return out
}
