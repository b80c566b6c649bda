package cluster

import (
	"path"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// detectKernel marks the units that go to the shared kernel before
// clustering, by their role, and the ones decided after it (pending):
//
//   - wiring: the units of main packages (but the handlers of commands,
//     which are pending); composition roots, packages only programs import
//     that pull in three or more areas, handle no use case of their own and
//     that no use case reaches (route set-up, the registry that builds
//     every dependency); and the
//     units that register the entry points of two or more resources (a
//     route table is wiring even inside a handler package);
//   - schema: code that writes most of the schema's tables (migrations,
//     set-up), or whose table uses are all DDL;
//   - plumbing: utility packages (importing only utility packages, named
//     after no domain), packages imported by a quarter of the packages and
//     packages reached from half of the application's resources, when they
//     carry no domain word and write no table (see spreadPackages);
//   - the configured shared packages.
//
// Pending are generated code (it follows the code that uses it), command
// handlers in wiring code, and the units of a multi-domain package whose
// file and name carry no domain word (a router's helpers, the god struct's
// type, scan helpers). They join the service they are clearly tied to, or
// the kernel.
func (s *state) detectKernel() {
	m := s.m
	handlers := map[string]bool{}
	for _, ep := range s.eps {
		if business(ep) && !ep.Mount {
			handlers[ep.Handler] = true
			for _, t := range ep.Targets {
				handlers[t] = true
			}
		}
	}
	fanIn := map[string]int{}
	importers := map[string][]string{}
	for _, p := range m.Packages {
		if _, left := s.scope[p.Path]; left {
			continue
		}
		for _, imp := range p.Imports {
			fanIn[imp]++
			importers[imp] = append(importers[imp], p.Path)
		}
	}
	files := map[string]map[string]bool{} // package → files
	for _, u := range s.units {
		if files[u.Package] == nil {
			files[u.Package] = map[string]bool{}
		}
		files[u.Package][u.File] = true
	}
	domainFileCount := map[string]int{}
	for pkg, fs := range files {
		for f := range fs {
			if len(s.vocab.fileTokens(f)) > 0 {
				domainFileCount[pkg]++
			}
		}
	}
	domainFiles := func(pkg string) int { return domainFileCount[pkg] }
	paths := make([]string, 0, len(s.pkgs))
	for p := range s.pkgs {
		if _, left := s.scope[p]; !left {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	domainBearing := map[string]bool{}
	for _, path := range paths {
		if len(s.vocab.pathTokens(s.layout.rel[path])) > 0 || domainFiles(path) >= 2 {
			domainBearing[path] = true
		}
	}
	// On a modular layout, every package of a module belongs to the
	// module, whatever its name.
	for _, path := range paths {
		if s.layout.modular && s.layout.module(path) != "" {
			domainBearing[path] = true
		}
	}
	kernelPkg := map[string]model.Role{}
	kernelWhy := map[string]string{} // which rule put the package there, for its units' "why"
	for _, sp := range s.opts.SharedPackages {
		for _, path := range paths {
			if seedMatches(Seed{Package: sp}, &model.Unit{Package: path}) {
				kernelPkg[path] = model.RolePlumbing
				kernelWhy[path] = "shared kernel: declared shared in splitter.yaml"
			}
		}
	}
	writes := s.packageWrites()
	ownHandlers := map[string]bool{}
	ownsNonHTTP := map[string]bool{} // an RPC, a consumer, a job, a command
	routesOf := map[string]int{}     // area → the use cases its HTTP handlers serve
	useCases := 0
	for _, ep := range s.eps {
		if s.owningEntry(ep) {
			if i, ok := s.idx[ep.Handler]; ok {
				ownHandlers[s.units[i].Package] = true
				useCases++
				if ep.Kind != model.EntryHTTP {
					ownsNonHTTP[s.units[i].Package] = true
				} else {
					routesOf[s.layout.area[s.units[i].Package]]++
				}
			}
		}
	}
	isMain := func(p string) bool { return s.pkgs[p] != nil && s.pkgs[p].Name == "main" }
	// What serves requests is not wiring: wiring runs when the program
	// starts, and no use case reaches it.
	var targets []string
	for _, ep := range s.eps {
		if business(ep) && !ep.Mount {
			targets = append(targets, ep.Targets...)
		}
	}
	served := map[string]bool{}
	servedUnit := map[int]bool{}
	for _, i := range s.reachAll(targets) {
		served[s.units[i].Package] = true
		servedUnit[i] = true
	}
	// A program may hold the whole application in package main (listmonk's
	// cmd/ has a file per domain, handlers and queries together): when the
	// use cases reach most of a main package's code, that code serves
	// requests and is clustered like any package's; what they do not reach
	// (main, flag parsing, set-up) is still wiring.
	appMain := s.applicationMains(servedUnit)
	appCode := map[int]bool{} // in such a package: served code and what it uses
	if len(appMain) > 0 {
		for i := range servedUnit {
			appCode[i] = true
		}
		for _, e := range s.m.Edges {
			a, ok1 := s.idx[e.From]
			b, ok2 := s.idx[e.To]
			if ok1 && ok2 && servedUnit[a] {
				appCode[b] = true // its types (a method's receiver too), the values it reads
			}
		}
	}
	// Composition roots, from the programs down.
	for changed := true; changed; {
		changed = false
		for _, path := range paths {
			if isMain(path) || kernelPkg[path] != "" || ownHandlers[path] || writes[path] || served[path] || len(importers[path]) == 0 ||
				(s.layout.modular && s.layout.module(path) != "") { // a module's own wiring is the module's
				continue
			}
			onlyWiring := true
			for _, im := range importers[path] {
				if !isMain(im) && kernelPkg[im] != model.RoleWiring {
					onlyWiring = false
					break
				}
			}
			if onlyWiring && s.areasImported(path) >= 3 {
				kernelPkg[path] = model.RoleWiring
				kernelWhy[path] = "shared kernel: a composition root (only programs import it, it pulls in three or more areas, and no use case reaches it)"
				changed = true
			}
		}
	}
	// Utility packages: from the leaves up.
	utility := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, path := range paths {
			p := s.pkgs[path]
			if utility[path] || p.Name == "main" || domainBearing[path] || fanIn[path] < 1 || writes[path] || ownHandlers[path] {
				continue
			}
			ok := true
			for _, imp := range p.Imports {
				if _, known := s.pkgs[imp]; known && !utility[imp] {
					ok = false
					break
				}
			}
			if ok {
				utility[path] = true
				changed = true
			}
		}
	}
	s.utility = map[string]bool{}
	for path := range utility {
		if kernelPkg[path] == "" && !pinnedPkg(s, path) {
			s.utility[path] = true
			kernelPkg[path] = model.RolePlumbing
			kernelWhy[path] = "shared kernel: a utility package (it imports only other utilities, names no domain and writes no table)"
		}
	}
	for path := range s.spreadPackages(writes) {
		if kernelPkg[path] == "" && !pinnedPkg(s, path) && !ownHandlers[path] {
			kernelPkg[path] = model.RolePlumbing
			kernelWhy[path] = "shared kernel: plumbing by use (half of the application's resources reach its code, and it writes no table)"
		}
	}
	// Imported by a quarter of the packages (four or more), named after no
	// domain and writing no table: configuration, request and response
	// helpers, whatever else they import. The importers below the package
	// do not count: a parent its own plug-ins import (alertmanager's
	// notify, under which each integration implements its Notifier) is
	// one area's framework, not code spread over the application.
	fanInOutside := map[string]int{}
	for imp, ims := range importers {
		for _, im := range ims {
			if !strings.HasPrefix(im, imp+"/") {
				fanInOutside[imp]++
			}
		}
	}
	nonMain := 0
	for _, path := range paths {
		if !isMain(path) {
			nonMain++
		}
	}
	for _, path := range paths {
		if !isMain(path) && !domainBearing[path] && !writes[path] && !ownHandlers[path] && fanInOutside[path] >= max(4, nonMain/4) && kernelPkg[path] == "" && !pinnedPkg(s, path) {
			kernelPkg[path] = model.RolePlumbing
			kernelWhy[path] = "shared kernel: imported by a quarter of the packages, with no domain word and no table"
		}
	}
	// On a modular layout, what a third of the modules import and that owns
	// nothing is the modules' shared kernel: the libraries they build on
	// (a hash ring, the shared protobuf types, caching, SQL helpers).
	if s.layout.modular {
		// A library the modules share may serve a page of its own (a hash
		// ring's or a membership list's status page): that page is the
		// operators', and the library stays the kernel's. Its routes are a
		// sliver of the use cases: fewer than half of one area's share
		// (1/2K of them, K the areas that own use cases), the bar a thin
		// service fails too (mergeThin). An area with more routes is an API,
		// and what owns data, an RPC, a consumer or a job is a capability.
		owners := map[string]bool{}
		for path := range ownHandlers {
			owners[s.layout.area[path]] = true
		}
		page := func(a string) bool { return 2*len(owners)*routesOf[a] < useCases }
		owningArea := map[string]bool{}
		for _, path := range paths {
			a := s.layout.area[path]
			if ownsNonHTTP[path] || writes[path] || ownHandlers[path] && !page(a) {
				owningArea[a] = true
			}
		}
		for _, path := range paths {
			a := s.layout.area[path]
			// A module owns as a whole; a shared area's packages each own or not.
			owns := owningArea[a]
			if s.layout.module(path) == "" {
				owns = ownsNonHTTP[path] || writes[path] || ownHandlers[path] && !page(a)
			}
			if s.layout.common[a] && !owns && kernelPkg[path] == "" && !pinnedPkg(s, path) {
				kernelPkg[path] = model.RoleLibrary
				kernelWhy[path] = "shared kernel: a library a third of the modules import, owning no use case and no table"
			}
		}
	}
	schema := s.schemaUnits()
	// A package of migrations is the kernel's; a module's schema statements
	// stay with the module's storage code (they are pending: they follow
	// the code they sit with).
	schemaPkg := map[string]bool{}
	{
		all, sch := map[string]int{}, map[string]int{}
		for i, u := range s.units {
			all[u.Package]++
			if schema[i] {
				sch[u.Package]++
			}
		}
		for p, n := range sch {
			if 2*n > all[p] {
				schemaPkg[p] = true
			}
		}
	}
	registrars := s.registrars()
	for i, u := range s.units {
		if s.st[i] == stOut || s.pinned(u) {
			continue
		}
		p := s.pkgs[u.Package]
		if appMain[u.Package] && appCode[i] {
			p = nil // application code: the rules of package main do not apply
		}
		switch {
		case kernelPkg[u.Package] != "":
			s.st[i], s.role[i] = stKernel, kernelPkg[u.Package]
			if w := kernelWhy[u.Package]; w != "" {
				s.why[i] = w
			}
		case schema[i] && (!s.layout.modular || schemaPkg[u.Package] && s.layout.module(u.Package) == ""):
			s.st[i], s.role[i] = stKernel, model.RoleSchema
		case schema[i]:
			s.st[i], s.role[i] = stPending, model.RoleSchema
		case p != nil && p.Name == "main" && !handlers[u.ID]:
			s.st[i], s.role[i] = stKernel, model.RoleWiring
		case registrars[i]:
			// A route table joins the service whose routes it registers,
			// or the kernel when it registers several services' routes;
			// its closures are not the use cases (their code is in the
			// entry points' targets).
			s.st[i], s.role[i] = stPending, model.RoleWiring
			s.why[i] = "shared kernel: it registers the routes of several services (wiring)"
		case u.Generated:
			s.st[i] = stPending // generated code follows the code that uses it
		case p != nil && p.Name == "main":
			s.st[i] = stPending // a command's handler in the wiring code
		case domainFiles(u.Package) >= 2 && len(s.vocab.fileTokens(u.File)) == 0 &&
			len(s.vocab.nameTokens(u)) == 0 && !handlers[u.ID]:
			s.st[i] = stPending
		}
	}
}

// applicationMains lists the main packages whose code is mostly served by
// use cases: half of their hand-written LOC or more is reached from the
// targets of business entry points. A program's wiring is reached by none.
func (s *state) applicationMains(servedUnit map[int]bool) map[string]bool {
	all, reached := map[string]int{}, map[string]int{}
	for i, u := range s.units {
		if s.st[i] == stOut || u.Generated {
			continue
		}
		if p := s.pkgs[u.Package]; p == nil || p.Name != "main" {
			continue
		}
		all[u.Package] += u.LOC
		if servedUnit[i] {
			reached[u.Package] += u.LOC
		}
	}
	out := map[string]bool{}
	for p, n := range all {
		if n > 0 && 2*reached[p] >= n {
			out[p] = true
		}
	}
	return out
}

// operational reports whether an entry point serves the operators or the
// browser's plumbing rather than a use case: health and readiness probes,
// metrics, profiling, API docs, the root page, and static files asked for
// by name (index.html, manifest.json, /static/...). The first or the last
// fixed segment of the path says so.
func operational(ep model.EntryPoint) bool {
	if ep.Kind == model.EntryGRPC {
		// The standard health protocol (grpc.health.v1.Health) is a probe.
		svc := ep.Trigger.Service
		return svc == "Health" || strings.HasSuffix(svc, ".Health")
	}
	if ep.Kind != model.EntryHTTP {
		return false
	}
	var segs []string
	for _, seg := range strings.Split(strings.ToLower(ep.Trigger.Path), "/") {
		if seg != "" && !strings.ContainsAny(seg, "{}:*") {
			segs = append(segs, seg)
		}
	}
	if len(segs) == 0 {
		// The root page (the application's shell or a redirect), or a
		// catch-all that answers every path (gin's NoRoute, a "not
		// found" page, an SPA fallback). A single named parameter
		// (/{id}, a short link) can be a resource.
		return !strings.ContainsAny(ep.Trigger.Path, "{}:*") || catchAll(ep.Trigger.Path)
	}
	if internalRoute(ep) || testSegments[segs[0]] { // testRoute, on the segments at hand
		return true
	}
	for _, seg := range []string{segs[0], segs[len(segs)-1]} {
		if opSegments[strings.TrimSuffix(seg, "z")] || path.Ext(seg) != "" {
			return true
		}
	}
	for _, seg := range segs {
		if opAnywhere[strings.TrimSuffix(seg, "z")] {
			return true
		}
	}
	return false
}

// catchAll reports whether a path is only a catch-all wildcard: /*,
// /*path, /{path...}.
func catchAll(p string) bool {
	p = strings.Trim(p, "/")
	return strings.HasPrefix(p, "*") && !strings.Contains(p, "/") ||
		strings.HasPrefix(p, "{") && strings.HasSuffix(p, "...}") && !strings.Contains(p, "/")
}

// internalRoute reports whether an HTTP route's first segment starts with
// two underscores: by convention internal to the program (hugo's /__stop,
// /__debug__), never a resource of the application. One underscore is not
// enough: Matrix's whole API is under /_matrix.
func internalRoute(ep model.EntryPoint) bool {
	return ep.Kind == model.EntryHTTP && strings.HasPrefix(strings.TrimLeft(ep.Trigger.Path, "/"), "__")
}

// testRoute reports whether a route's first fixed segment is a test word.
func testRoute(p string) bool {
	for _, seg := range strings.Split(strings.ToLower(p), "/") {
		if seg != "" && !strings.ContainsAny(seg, "{}:*") {
			return testSegments[seg]
		}
	}
	return false
}

// testSegments, first in a route's path, mark a developer's test pages
// (gitea's /devtest, served outside production): no user's use case. A
// word ending in "test" is not enough (/latest).
var testSegments = setOf("test", "tests", "testing", "devtest", "dev-test", "e2e", "mock", "mocks", "fake", "fakes")

// opAnywhere are segments no business route has, wherever they are.
var opAnywhere = setOf("debug", "pprof", "health", "healthcheck", "readiness", "liveness", "metrics", "restart", "shutdown")

var opSegments = setOf("health", "healthcheck", "ready", "readiness", "live", "liveness", "metric", "metrics", "ping",
	"debug", "pprof", "version", "swagger", "docs", "openapi", "redoc", "static", "assets", "public", "dist",
	"js", "css", "fonts", "img", "images", "stylesheets", "scripts", "favicon",
	"install", "installation", "setup", "upgrade", "migrate", "migration", "migrations", "monitor", "monitoring", "up")

// areasImported counts the areas, other than its own, whose packages a
// package imports.
func (s *state) areasImported(path string) int {
	own := s.layout.area[path]
	seen := map[string]bool{}
	for _, imp := range s.pkgs[path].Imports {
		if a, ok := s.layout.area[imp]; ok && a != own {
			seen[a] = true
		}
	}
	return len(seen)
}

// packageWrites reports which packages write a table (DDL aside).
func (s *state) packageWrites() map[string]bool {
	schema := s.schemaUnits()
	writes := map[string]bool{}
	for i, u := range s.units {
		if schema[i] {
			continue
		}
		for _, t := range u.Tables {
			if writesData(t) {
				writes[u.Package] = true
			}
		}
	}
	return writes
}

// schemaUnits finds migration and schema code: units whose table uses are
// all DDL, or that write more than half of the tables the application
// writes (and four or more). No business capability writes most of the
// schema; migrations and set-up do, and they own nothing.
func (s *state) schemaUnits() map[int]bool {
	written := map[string]bool{}
	for i, u := range s.units {
		if s.st[i] == stOut {
			continue
		}
		for _, t := range u.Tables {
			if t.Op == "write" || isSchema(t) {
				written[t.Table] = true
			}
		}
	}
	out := map[int]bool{}
	for i, u := range s.units {
		if s.st[i] == stOut || len(u.Tables) == 0 {
			continue
		}
		mine := map[string]bool{}
		ddl := true
		for _, t := range u.Tables {
			if !isSchema(t) {
				ddl = false
			}
			if t.Op == "write" || isSchema(t) {
				mine[t.Table] = true
			}
		}
		if ddl || (len(mine) >= 4 && 2*len(mine) > len(written)) {
			out[i] = true
		}
	}
	return out
}

// registrars finds the units that register the entry points of two or more
// resources: route tables and server set-up.
func (s *state) registrars() map[int]bool {
	byFile := map[string][]int{}
	for i, u := range s.units {
		byFile[u.File] = append(byFile[u.File], i)
	}
	res := map[int]map[string]bool{}
	for _, ep := range s.eps {
		if !business(ep) || ep.File == "" {
			continue
		}
		for _, i := range byFile[ep.File] {
			u := s.units[i]
			if u.Line <= ep.Line && ep.Line <= u.EndLine {
				if res[i] == nil {
					res[i] = map[string]bool{}
				}
				res[i][s.resource(ep)] = true
			}
		}
	}
	out := map[int]bool{}
	for i, r := range res {
		if len(r) >= 2 {
			out[i] = true
		}
	}
	return out
}

func (s *state) pinned(u *model.Unit) bool {
	return s.seeds.any(u)
}

func pinnedPkg(s *state, path string) bool {
	return len(s.seeds.pkg(path)) > 0
}

// settlePending gives each pending unit the community it is clearly tied
// to (at least 60% of its ties, through calls, references, methods and
// tables), or the kernel. Rounds repeat while units settle, so pending units
// can follow each other (a generated getter follows its message type, which
// follows the server that uses it).
func (s *state) settlePending(assign []int) {
	tableComm := map[string]map[int]float64{}
	for i, u := range s.units {
		if assign[i] < 0 {
			continue
		}
		for _, t := range u.Tables {
			if isSchema(t) {
				continue
			}
			if tableComm[t.Table] == nil {
				tableComm[t.Table] = map[int]float64{}
			}
			tableComm[t.Table][assign[i]]++
		}
	}
	for changed := true; changed; {
		changed = false
		for i := range s.units {
			if s.st[i] != stPending || assign[i] >= 0 {
				continue
			}
			aff := s.affinity(i, assign)
			for _, t := range s.units[i].Tables {
				tc := tableComm[t.Table]
				for _, c := range sortedInts(tc) {
					aff[c] += 2 * tc[c] / float64(len(tc)+1)
				}
			}
			best, bestW, total := -1, 0.0, 0.0
			for _, c := range sortedInts(aff) { // sums in one order: floating point is not associative
				w := aff[c]
				total += w
				if w > bestW {
					best, bestW = c, w
				}
			}
			if best >= 0 && bestW >= 1 && bestW >= 0.6*total {
				assign[i] = best
				changed = true
			}
		}
	}
	s.settleByPackage(assign)
	for i := range s.units {
		if s.st[i] == stPending && assign[i] < 0 {
			if s.role[i] == "" {
				s.role[i] = model.RolePlumbing
			}
			if s.why[i] == "" {
				s.why[i] = "shared kernel: in a multi-domain package, and not clearly tied to one service"
			}
			s.st[i] = stKernel
		} else if s.st[i] == stPending {
			s.why[i] = ""
			if s.role[i] != model.RoleSchema {
				s.role[i] = ""
			}
		}
	}
}

// settleByPackage gives a pending unit of a module's package (modular
// layouts) that no tie settled the community that holds its package: when
// at least 60% (the rule ties use) of the LOC of the package's placed units
// is in one community. Inside a module, a helper with no ties of its own (a
// SQL string, a migration's down step, a small type) belongs where the code
// beside it went. A package with nothing placed (generated protobuf and
// gRPC code, which every client of the module also uses) goes by the same
// rule where its module went: a module's generated API is the module's. On
// a layered layout a package is a layer holding many domains, so its
// majority says nothing about a loose helper, which stays in the kernel;
// so does one whose package or module is spread over services.
func (s *state) settleByPackage(assign []int) {
	byPkg, byMod := map[string]map[int]float64{}, map[string]map[int]float64{}
	add := func(to map[string]map[int]float64, key string, c int, loc float64) {
		if to[key] == nil {
			to[key] = map[int]float64{}
		}
		to[key][c] += loc
	}
	for i, u := range s.units {
		if assign[i] < 0 || s.st[i] == stPending {
			continue
		}
		add(byPkg, u.Package, assign[i], float64(max(u.LOC, 1)))
		if mod := s.layout.module(u.Package); mod != "" {
			add(byMod, mod, assign[i], float64(max(u.LOC, 1)))
		}
	}
	for i, u := range s.units {
		if s.st[i] != stPending || assign[i] >= 0 || !s.layout.modular || s.layout.module(u.Package) == "" {
			continue
		}
		loc := byPkg[u.Package]
		if len(loc) == 0 {
			loc = byMod[s.layout.module(u.Package)]
		}
		best, bestW, total := -1, 0.0, 0.0
		for _, c := range sortedInts(loc) {
			w := loc[c]
			total += w
			if w > bestW {
				best, bestW = c, w
			}
		}
		if best >= 0 && bestW >= 0.6*total {
			assign[i] = best
		}
	}
}

// resource names the part of the application an entry point serves: the
// first path segment after any version (/v1/orders/{id} → orders), the gRPC
// service, the topic's first word, the command.
func resource(ep model.EntryPoint) string {
	switch ep.Kind {
	case model.EntryHTTP:
		for _, seg := range strings.Split(ep.Trigger.Path, "/") {
			if seg == "" || strings.ContainsAny(seg, "{}:*?") || isVersion(seg) || seg == "api" {
				continue
			}
			return "http:" + seg
		}
		return "http:/"
	case model.EntryGRPC:
		return "grpc:" + ep.Trigger.Service
	case model.EntryConsumer:
		if f := strings.FieldsFunc(ep.Trigger.Topic, func(r rune) bool { return r == '.' || r == '-' || r == '_' || r == '/' }); len(f) > 0 {
			return "topic:" + f[0]
		}
		return "topic:"
	}
	return string(ep.Kind) + ":" + ep.Trigger.Command + ep.Trigger.Schedule
}

func isVersion(seg string) bool {
	return len(seg) >= 2 && seg[0] == 'v' && isNumber(seg[1:])
}

// spreadPackages finds plumbing by use: packages most of whose units that
// serve requests at all are reached (through calls, or read as variables)
// from at least half of the application's resources (and three or more),
// and that write no table. Units no request reaches (start-up loaders,
// set-up) say nothing about whom a package serves, so they do not count. Whatever their names, such
// packages serve every domain: configuration, request helpers, templates.
func (s *state) spreadPackages(writes map[string]bool) map[string]bool {
	resources := map[string]int{}
	var eps []model.EntryPoint
	for _, ep := range s.eps {
		if !business(ep) || ep.Mount || ep.Kind == model.EntryDeclared {
			continue
		}
		r := s.resource(ep)
		if _, ok := resources[r]; !ok {
			resources[r] = len(resources)
		}
		eps = append(eps, ep)
	}
	need := max(3, (len(resources)+1)/2)
	if len(resources) < 3 {
		return nil
	}
	reachedBy := make([]map[int]bool, len(s.units))
	for _, ep := range eps {
		r := resources[s.resource(ep)]
		for _, i := range s.reachAll(ep.Targets) {
			if reachedBy[i] == nil {
				reachedBy[i] = map[int]bool{}
			}
			reachedBy[i][r] = true
		}
	}
	// Configuration is read, not called: a package variable that code
	// reached from a resource reads (or sets) serves that resource too.
	for _, e := range s.m.Edges {
		if e.Kind != model.EdgeGlobalRead && e.Kind != model.EdgeGlobalWrite {
			continue
		}
		a, ok1 := s.idx[e.From]
		b, ok2 := s.idx[e.To]
		if !ok1 || !ok2 || len(reachedBy[a]) == 0 {
			continue
		}
		if reachedBy[b] == nil {
			reachedBy[b] = map[int]bool{}
		}
		for r := range reachedBy[a] {
			reachedBy[b][r] = true
		}
	}
	spread, total := map[string]int{}, map[string]int{}
	for i, u := range s.units {
		total[u.Package]++
		if len(reachedBy[i]) >= need {
			spread[u.Package]++
		}
	}
	reached := map[string]int{}
	for i, u := range s.units {
		if len(reachedBy[i]) > 0 {
			reached[u.Package]++
		}
	}
	out := map[string]bool{}
	for p, n := range spread {
		if !writes[p] && 2*n > reached[p] && !(s.layout.modular && s.layout.module(p) != "") {
			out[p] = true
		}
	}
	return out
}

// reachAll lists every unit reachable from the targets over call edges.
func (s *state) reachAll(targets []string) []int {
	seen := map[int]bool{}
	var queue []int
	for _, t := range targets {
		if i, ok := s.idx[t]; ok && !seen[i] {
			seen[i] = true
			queue = append(queue, i)
		}
	}
	for k := 0; k < len(queue); k++ {
		for _, e := range s.out[queue[k]] {
			if !seen[e] {
				seen[e] = true
				queue = append(queue, e)
			}
		}
	}
	return queue
}

func sortedInts[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
