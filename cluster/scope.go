package cluster

import (
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Scope decides which packages of m are not part of the application and
// stay out of the services: test helpers, mocks and fakes, examples and
// demos, build tools and code generators, and packages no program of the
// module imports (an SDK for the application's clients, dead code). It
// returns the role of each such package by path; the others are absent.
//
// Names alone are not trusted: a package whose path says "test" or "mock"
// is left out only when no application package imports it (test helpers
// are imported by _test.go files, which the model does not load), so a
// package named "latest" or "attestation" that the application uses stays.
// A program is left out by its path (examples/, tools/, hack/, ...), and
// what only left-out code imports is left out with it. When the module has
// programs of its own, a package none of them reaches through imports is
// unused; a module without programs (a library) has no such rule.
func Scope(m *model.Model) map[string]model.Role {
	pkgs := map[string]*model.Package{}
	importers := map[string][]string{}
	for i := range m.Packages {
		p := &m.Packages[i]
		pkgs[p.Path] = p
	}
	for _, p := range m.Packages {
		for _, imp := range p.Imports {
			if _, ok := pkgs[imp]; ok {
				importers[imp] = append(importers[imp], p.Path)
			}
		}
	}
	// A skipped package is not in the model, but it still imports: what it
	// imports is not only left-out code's, and a skipped program reaches it.
	skippedImports := map[string][]string{}
	skippedRole := map[string]model.Role{} // skipped programs left out by their path
	var skippedMains []string
	rel := relPaths(m)
	for _, sp := range m.Skipped {
		skippedImports[sp.Package] = sp.Imports
		if sp.Name == "main" {
			if r := pathRole(rel[sp.Package], true); r != "" {
				skippedRole[sp.Package] = r
			} else {
				skippedMains = append(skippedMains, sp.Package)
			}
		}
		for _, imp := range sp.Imports {
			if _, ok := pkgs[imp]; ok {
				importers[imp] = append(importers[imp], sp.Package)
			}
		}
	}
	out := map[string]model.Role{}
	// Programs: by their path.
	for _, p := range m.Packages {
		if p.Name != "main" {
			continue
		}
		if r := pathRole(rel[p.Path], true); r != "" {
			out[p.Path] = r
			continue
		}
		// A program built on the project's tool code (cmd/query-tee over
		// tools/querytee) is a tool too: a product's program does not
		// import from the directory that holds the developers' tools.
		for _, imp := range p.Imports {
			if q, ok := pkgs[imp]; ok && q.Name != "main" && toolLibrary(rel[imp]) {
				out[p.Path] = model.RoleTool
				break
			}
		}
	}
	// Libraries and helpers: by their path, when nothing in the
	// application imports them; then whatever only left-out code imports.
	// Both repeat until nothing changes (helpers import helpers).
	paths := make([]string, 0, len(pkgs))
	for p := range pkgs {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	onlyOut := func(path string) (model.Role, bool) {
		ims := importers[path]
		if len(ims) == 0 {
			return "", false
		}
		var role model.Role
		for _, im := range ims {
			r, ok := out[im]
			if !ok {
				r, ok = skippedRole[im]
			}
			if !ok {
				return "", false
			}
			if role == "" || rolePriority(r) < rolePriority(role) {
				role = r
			}
		}
		return role, true
	}
	devPages := testPagesOnly(m)
	genMocks := generatedOnly(m)
	for changed := true; changed; {
		changed = false
		for _, path := range paths {
			if _, done := out[path]; done || pkgs[path].Name == "main" {
				continue
			}
			if r, ok := onlyOut(path); ok {
				out[path] = r
				changed = true
				continue
			}
			if r := pathRole(rel[path], false); r != "" && (len(importers[path]) == 0 || r == model.RoleTest && (devPages[path] || genMocks[path])) {
				out[path] = r
				changed = true
			}
		}
	}
	// Unused: not reached from any program of the application.
	var roots []string
	for _, p := range paths {
		if pkgs[p].Name == "main" {
			if _, left := out[p]; !left {
				roots = append(roots, p)
			}
		}
	}
	roots = append(roots, skippedMains...)
	if len(roots) == 0 {
		return out
	}
	reached := map[string]bool{}
	for len(roots) > 0 {
		p := roots[len(roots)-1]
		roots = roots[:len(roots)-1]
		if reached[p] {
			continue
		}
		reached[p] = true
		imports := skippedImports[p]
		if q, ok := pkgs[p]; ok {
			imports = q.Imports
		}
		for _, imp := range imports {
			_, known := pkgs[imp]
			_, skipped := skippedImports[imp]
			if (known || skipped) && !reached[imp] {
				roots = append(roots, imp)
			}
		}
	}
	for _, p := range paths {
		if _, left := out[p]; !left && !reached[p] {
			out[p] = model.RoleUnused
		}
	}
	return out
}

// testPagesOnly lists the packages whose entry points are all a
// developer's test pages (gitea's routers/web/devtest, every route under
// /devtest). Such a package is imported by the router that mounts its
// pages, yet what it serves is no user's: with a test name too, it is test
// code (a test-named package with a route of the application stays).
func testPagesOnly(m *model.Model) map[string]bool {
	pkgOf := make(map[string]string, len(m.Units))
	for _, u := range m.Units {
		pkgOf[u.ID] = u.Package
	}
	only := map[string]bool{}
	for _, ep := range m.EntryPoints {
		p, ok := pkgOf[ep.Handler]
		if !ok {
			continue
		}
		test := ep.Kind == model.EntryHTTP && testRoute(ep.Trigger.Path)
		if v, seen := only[p]; !seen || v {
			only[p] = test
		}
	}
	return only
}

// generatedOnly lists the packages all of whose units are generated. With
// a test name (mocks, fakes), such a package is a mock generator's output
// (mockery, mockgen): a test double, whatever imports it (jaeger's
// storage/elasticsearch/mocks, which a test helper in a production file
// imports).
func generatedOnly(m *model.Model) map[string]bool {
	gen := map[string]bool{}
	for _, u := range m.Units {
		if v, seen := gen[u.Package]; !seen || v {
			gen[u.Package] = u.Generated
		}
	}
	return gen
}

// rolePriority orders the left-out roles for code imported by several kinds
// of left-out code: an example's helper used by a test is example code.
func rolePriority(r model.Role) int {
	switch r {
	case model.RoleExample:
		return 0
	case model.RoleTool:
		return 1
	case model.RoleTest:
		return 2
	}
	return 3
}

// Words in a package path that mark code outside the application.
var (
	testDirs    = setOf("test", "tests", "testing", "testdata", "testutil", "testutils", "testhelper", "testhelpers", "testenv", "testsupport", "e2e", "mock", "mocks", "fake", "fakes", "fixtures")
	exampleDirs = setOf("example", "examples", "_examples", "sample", "samples", "demo", "demos", "tutorial", "tutorials")
	toolDirs    = setOf("tools", "tool", "hack", "scripts", "script", "contrib", "build", "gen", "generate", "generator", "codegen", "devtools", "bench", "benchmark", "benchmarks")
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// pathRole returns the left-out role a relative package path's elements
// suggest ("" for none). Compound test names count too (hooktest,
// testhelpers, mockstore, fakeclock) for libraries, which are left out only
// when nothing imports them; programs are judged by whole elements. The
// module's root package (rel "") is never left out by name.
func pathRole(rel string, program bool) model.Role {
	if rel == "" {
		return ""
	}
	var role model.Role
	for _, el := range strings.Split(strings.ToLower(rel), "/") {
		el = strings.TrimPrefix(el, "_")
		switch {
		case exampleDirs[el] || strings.HasPrefix(el, "example") || strings.HasSuffix(el, "example") || strings.HasSuffix(el, "examples"):
			return model.RoleExample
		case testDirs[el] || strings.HasPrefix(el, "demo-") || strings.Contains(el, "-demo"):
			if strings.Contains(el, "demo") {
				return model.RoleExample
			}
			role = model.RoleTest
		case !program && (strings.HasSuffix(el, "test") || strings.HasSuffix(el, "testing") || strings.HasPrefix(el, "test") ||
			strings.HasPrefix(el, "mock") || strings.HasSuffix(el, "mock") || strings.HasPrefix(el, "fake")):
			role = model.RoleTest
		case program && testProgram(el):
			role = model.RoleTest
		case program && (toolDirs[el] || toolProgram(el)) && role == "":
			role = model.RoleTool
		}
	}
	return role
}

// testProgram reports whether a program's directory names it a test tool
// by a whole word (test-exporter, upgrade-tests, e2e_runner): the word is
// what the program is for. Programs are not matched by prefix or suffix
// (attestation, latest), only by a word of their name.
func testProgram(el string) bool {
	for _, w := range strings.FieldsFunc(el, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if w == "test" || w == "tests" || w == "testing" || w == "e2e" || w == "suite" || w == "suites" {
			return true
		}
	}
	return false
}

// toolProgram reports whether a program's directory names it a
// developer's tool by a whole word: a generator (authelia-gen, api-codegen),
// the project's scripts (authelia-scripts), a benchmark. Words that a
// product's own program could carry (build, contrib) count only as a whole
// directory name.
func toolProgram(el string) bool {
	for _, w := range strings.FieldsFunc(el, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		if toolWords[w] {
			return true
		}
	}
	return false
}

// toolLibrary reports whether a library's relative path lies in a
// directory only developers' tools live in (tools/, hack/, scripts/). Words
// a product's own packages use too (build, gen, contrib) do not count.
func toolLibrary(rel string) bool {
	for _, el := range strings.Split(strings.ToLower(rel), "/") {
		switch el {
		case "tools", "tool", "devtools", "hack", "scripts", "script":
			return true
		}
	}
	return false
}

var toolWords = setOf("gen", "generate", "generator", "codegen", "scripts", "script", "tools", "devtools", "hack", "bench", "benchmark", "benchmarks")

// TestFiles returns the files of in-scope packages that are test support by
// their name (mock.go, fake_clock.go, manager_test_norace.go: helpers kept
// out of _test.go files so that several packages' tests, or build-tagged
// variants, can share them) and that no other code of the application
// uses. As with packages, the name alone is not trusted: a mock that the
// application wires in production stays.
func TestFiles(m *model.Model, scope map[string]model.Role) map[string]bool {
	fileOf := make(map[string]string, len(m.Units))
	cand := map[string]bool{}
	for _, u := range m.Units {
		fileOf[u.ID] = u.File
		if _, left := scope[u.Package]; !left && !cand[u.File] && testFileName(u.File) {
			cand[u.File] = true
		}
	}
	if len(cand) == 0 {
		return nil
	}
	pkgOf := make(map[string]string, len(m.Units))
	method := map[string]bool{}
	for _, u := range m.Units {
		pkgOf[u.ID] = u.Package
		method[u.ID] = u.Kind == model.KindMethod
	}
	for _, e := range m.Edges {
		if e.Kind == model.EdgeMethod {
			continue // a method belongs to its type, it does not use it
		}
		if e.Kind == model.EdgeCall && method[e.To] {
			// A call of a method may be an interface call the call graph
			// resolved to every implementation, a test fake's too (cortex's
			// roundTripper.Do → a mock's RoundTrip): the application uses a
			// fake only by making one, which is a reference to its type or
			// a call of its constructor.
			continue
		}
		to, from := fileOf[e.To], fileOf[e.From]
		if !cand[to] || from == to || cand[from] {
			continue
		}
		if _, left := scope[pkgOf[e.From]]; !left {
			delete(cand, to) // used by the application
		}
	}
	return cand
}

// testFileName reports whether a file's name marks test support: an
// element (split at "_") that is a test word, or that starts with mock or
// fake; "test" counts only before the last element, since a name ending in
// _test is a test file, which the model does not hold.
func testFileName(file string) bool {
	base := strings.TrimSuffix(strings.ToLower(file[strings.LastIndex(file, "/")+1:]), ".go")
	els := strings.Split(base, "_")
	for i, el := range els {
		switch {
		case el == "test" && i < len(els)-1,
			el == "testing", el == "testutil", el == "testutils", el == "testhelper", el == "testhelpers",
			strings.HasPrefix(el, "mock"), strings.HasPrefix(el, "fake"):
			return true
		}
	}
	return false
}
