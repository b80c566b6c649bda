package suggest

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Rule describes one readiness rule.
type Rule struct {
	ID       string
	Name     string
	Severity model.Severity
	Summary  string
	// Help explains what is found and how to fix it (Markdown): lint's
	// rule metadata (SARIF help text).
	Help string
}

// Rules lists the readiness rules, in id order.
var Rules = []Rule{
	{"SPL101", "global-state", model.SevError, "package-level mutable state written on a request path (counters, maps, slices)",
		"A package-level variable (counter, map, slice, struct) is written on a request path. Each function instance has its own copy, which other instances never see and which is lost when the instance is recycled.\n\nExample: `recentViews[p.ID]++` in a handler, on `var recentViews = map[string]int{}`.\n\nFix: keep the state in a shared store (database, Redis, DynamoDB) or a metrics backend, or make it per-request. Lazy one-time initialisation (`sync.Once`, `if x == nil`) is not reported."},
	{"SPL102", "in-process-cache", model.SevWarning, "in-process caches and locks guarding shared state (sync.Map, package-level mutexes)",
		"A package-level `sync.Mutex`/`RWMutex`, `sync.Map` or cache library is used on a request path. A lock serialises only one instance, and each instance fills its own cache and never sees the others' updates.\n\nExample: `var categoryCache sync.Map` with `Load`/`Store` in a handler.\n\nFix: nothing, when the data is read-only or derived the same way in every instance (a translation catalog, compiled regexps, a time-zone table): it is then a cold-start cost, not a correctness problem. When instances must see each other's writes, use a shared cache (Redis, DynamoDB) or a store with its own concurrency control, or accept per-instance staleness with a short TTL."},
	{"SPL103", "goroutine", model.SevError, "a goroutine started on a request path that can outlive the request",
		"A goroutine started on a request path is not waited for. The function's environment is frozen once the response is sent, so the goroutine stalls or is lost.\n\nExample: `go s.sendConfirmationEmail(ctx, customer, order)` in a handler.\n\nFix: finish the work before returning (and wait for it: `WaitGroup.Wait`, errgroup), or hand it to a queue processed by another function."},
	{"SPL104", "listener", model.SevError, "a server or listener reachable from a handler",
		"`net.Listen`, `http.ListenAndServe`, `(*grpc.Server).Serve` or a similar server is reachable from a handler. A function cannot accept connections.\n\nExample: an admin route that starts a pprof server with `net.Listen`.\n\nFix: remove it from the request path, or keep this code in a container service."},
	{"SPL105", "long-lived-connection", model.SevError, "websocket upgrades, server-sent events, streaming gRPC",
		"A websocket upgrade, a server-sent events stream or a streaming gRPC method holds its connection for a long time; gateways buffer responses and cut them at their timeout.\n\nExample: a handler that flushes `text/event-stream` events in a loop.\n\nFix: use an API gateway WebSocket API, a polling endpoint or a response-streaming function URL, or keep the route in a container service."},
	{"SPL106", "fs-write", model.SevError, "filesystem writes outside the temp dir",
		"The code writes to the filesystem outside the temp dir. Only /tmp is writable in a function, and it belongs to one instance.\n\nExample: `os.WriteFile(filepath.Join(\"exports\", name), data, 0o644)` in a handler.\n\nFix: write scratch files under `os.TempDir()` (or `os.CreateTemp(\"\", ...)`), and files that must last to object storage (S3)."},
	{"SPL107", "background-loop", model.SevError, "background loops and timers: time.Ticker, time.AfterFunc, for-select workers",
		"A background loop (`for { select }`, a ticker) runs in a goroutine the request does not wait for, or a `time.AfterFunc` callback fires after the handler returned. It stops whenever the environment is frozen, and every instance runs its own.\n\nExample: `go s.watchLowStock()` with a `time.NewTicker` loop, started from a handler.\n\nFix: make it a scheduled function, or use a delayed message (SQS delay, EventBridge Scheduler)."},
	{"SPL108", "cold-start", model.SevWarning, "init functions and package-level initialisers that do I/O",
		"An `init` function or a package-level variable initialiser of a package the function links does I/O (database open, HTTP call, file read), directly or through the functions it calls: it runs in every cold start.\n\nExample: `var zoneTable = loadZoneTable(\"config/zones.json\")` calling `os.ReadFile`.\n\nFix: do it on first use (`sync.Once`) or in the handler's set-up, and embed data files in the binary (`go:embed`)."},
	{"SPL109", "process-wide", model.SevError, "signal handling and process-wide state: os.Setenv, os.Chdir, os.Exit",
		"A request path changes process-wide state or controls the process: `os.Setenv`, `os.Chdir`, `os.Exit`, `log.Fatal`, `signal.Notify`. In a function these affect the next invocations of the instance, or kill it.\n\nExample: `os.Setenv(\"SHOP_WEBHOOK_SECRET\", secret)` in a handler.\n\nFix: keep the value in a variable passed to the code or in a shared store; return an error instead of exiting."},
}

func ruleOf(id string) Rule {
	for _, r := range Rules {
		if r.ID == id {
			return r
		}
	}
	return Rule{ID: id, Severity: model.SevWarning}
}

// site is one fact that is, or is part of, a finding.
type site struct {
	rule string
	unit int
	fact model.Fact
	sev  model.Severity // "" means the rule's
	msg  string
}

// benignClasses are package-level variable types whose method calls or
// writes hold no request state worth flagging.
var benignClasses = map[string]bool{
	"sync.Once": true, "sync.Pool": true, "sync.WaitGroup": true, "sync.Cond": true, "func": true, "chan": true,
}

// findings computes the readiness findings of every function and container.
func (p *planner) findings() {
	type key struct {
		rule string
		unit int
	}
	type agg struct {
		sites []site
		fns   []*fn
		best  []string // shortest chain
		ep    string
	}
	all := map[key]*agg{}
	var keys []key
	note := func(f *fn, s site, chain []string, ep string) {
		k := key{s.rule, s.unit}
		a, ok := all[k]
		if !ok {
			a = &agg{}
			all[k] = a
			keys = append(keys, k)
		}
		dup := false
		for _, x := range a.sites {
			if x.fact.Line == s.fact.Line && x.fact.Call == s.fact.Call && x.fact.Var == s.fact.Var {
				dup = true
			}
		}
		if !dup {
			a.sites = append(a.sites, s)
		}
		if len(a.fns) == 0 || a.fns[len(a.fns)-1] != f {
			a.fns = append(a.fns, f)
		}
		if a.best == nil || len(chain) < len(a.best) || (len(chain) == len(a.best) && ep < a.ep) {
			a.best, a.ep = chain, ep
		}
	}
	for _, f := range p.fns {
		if f.deploy != model.DeployFunction && f.deploy != model.DeployContainer {
			continue
		}
		for _, s := range p.requestSites(f) {
			chain, ep := p.shortestChain(f, s.unit)
			note(f, s, chain, ep)
		}
		if f.deploy == model.DeployFunction {
			for _, cs := range p.coldStartSites(f) {
				note(f, cs.site, cs.chain, cs.ep)
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].rule != keys[j].rule {
			return keys[i].rule < keys[j].rule
		}
		return p.m.Units[keys[i].unit].ID < p.m.Units[keys[j].unit].ID
	})
	for _, k := range keys {
		a := all[k]
		sort.Slice(a.sites, func(i, j int) bool { return a.sites[i].fact.Line < a.sites[j].fact.Line })
		u := p.m.Units[k.unit]
		var live, muted []site
		reason := ""
		for _, s := range a.sites {
			if r, ok := p.suppressed(s, a.best); ok {
				muted = append(muted, s)
				if reason == "" {
					reason = r
				}
			} else {
				live = append(live, s)
			}
		}
		sites := live
		if len(live) == 0 {
			sites = muted
		} else {
			reason = ""
		}
		first := sites[0]
		sev := ruleOf(k.rule).Severity
		for _, s := range sites {
			if s.sev != "" && (sev == model.SevWarning || sev == model.SevInfo) && s.sev == model.SevError {
				sev = s.sev
			}
		}
		if first.sev != "" && len(sites) == 1 {
			sev = first.sev
		}
		msg := first.msg
		if len(sites) > 1 {
			var lines []string
			for _, s := range sites[1:] {
				lines = append(lines, fmt.Sprint(s.fact.Line))
			}
			msg += fmt.Sprintf(" (also line %s)", strings.Join(lines, ", "))
		}
		fd := model.Finding{Rule: k.rule, Severity: sev, File: first.fact.File, Line: first.fact.Line, Unit: u.ID,
			Message: msg, EntryPoint: a.ep, Chain: a.best, Suppressed: reason}
		for _, f := range a.fns {
			fd.Functions = append(fd.Functions, f.name)
			if reason == "" {
				switch sev {
				case model.SevError:
					f.count.Error++
				case model.SevWarning:
					f.count.Warning++
				default:
					f.count.Info++
				}
			}
		}
		p.out = append(p.out, fd)
	}
}

// shortestChain is the shortest chain from one of f's entry points to u.
func (p *planner) shortestChain(f *fn, u int) ([]string, string) {
	var best []string
	ep := ""
	for _, e := range f.eps {
		if _, ok := e.reach.parent[u]; !ok {
			continue
		}
		c := p.g.chain(e.reach, u)
		if best == nil || len(c) < len(best) || (len(c) == len(best) && e.ep.ID < ep) {
			best, ep = c, e.ep.ID
		}
	}
	return best, ep
}

// reached lists the units f's entry points reach through calls and
// functions used as values, in a stable order.
func (p *planner) reached(f *fn) []int {
	seen := map[int]bool{}
	var out []int
	for _, e := range f.eps {
		for _, u := range e.reach.order {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	sort.Ints(out)
	return out
}

// detached lists the units run by goroutines and timers that f's code
// starts and does not wait for.
func (p *planner) detached(units []int) map[int]bool {
	var roots []int
	for _, u := range units {
		for _, fa := range p.m.Units[u].Facts {
			if (fa.Kind == model.FactGoroutine && !fa.Joined) || (fa.Kind == model.FactTimer && !fa.Stopped) {
				for _, c := range fa.Callees {
					if i, ok := p.g.idx[c]; ok {
						roots = append(roots, i)
					}
				}
			}
		}
	}
	out := map[int]bool{}
	for _, u := range p.g.bfs(roots).order {
		out[u] = true
	}
	return out
}

// requestSites are the facts on f's request paths that are findings.
func (p *planner) requestSites(f *fn) []site {
	units := p.reached(f)
	det := p.detached(units)
	container := f.deploy == model.DeployContainer
	var out []site
	for _, u := range units {
		unit := &p.m.Units[u]
		// A unit that uses a package-level lock or cache: the other
		// globals it sets (a memo map filled under the lock, a size counter)
		// are that cache's bookkeeping, reported with it as SPL102;
		// increments still accumulate request data (SPL101).
		cacheUnit := false
		for _, fa := range unit.Facts {
			if fa.Kind == model.FactGlobalWrite && p.varKind(fa) != "" {
				cacheUnit = true
			}
		}
		for _, fa := range unit.Facts {
			s := site{unit: u, fact: fa}
			bg := fa.Detached || det[u]
			switch fa.Kind {
			case model.FactGlobalWrite:
				s.rule, s.msg = p.globalWrite(fa)
				if s.rule == "SPL101" && cacheUnit && !strings.Contains(fa.Call, "++") && !strings.Contains(fa.Call, "--") {
					s.rule = ""
				}
			case model.FactGoroutine:
				if !fa.Joined && !container {
					s.rule = "SPL103"
					s.msg = fmt.Sprintf("%s starts a goroutine that the handler does not wait for: the function's environment is "+
						"frozen once the response is sent, so the goroutine stalls or is lost; finish the work before returning "+
						"(and wait for it), or hand it to a queue processed by another function", callText(fa))
				}
			case model.FactListener:
				if !container {
					s.rule = "SPL104"
					s.msg = fmt.Sprintf("%s opens a server or listener on a request path: a function cannot accept connections; "+
						"remove it, or keep this code in a container service", fa.Call)
				}
			case model.FactWebsocket:
				if !container {
					s.rule = "SPL105"
					s.msg = fmt.Sprintf("%s upgrades the request to a websocket: a function cannot hold the connection; use an API "+
						"gateway WebSocket API (one invocation per message) or keep this route in a container service", fa.Call)
				}
			case model.FactSSE:
				if !container {
					s.rule = "SPL105"
					s.msg = fmt.Sprintf("%s streams server-sent events: the gateway buffers the response and cuts it at its "+
						"timeout; serve a polling endpoint, push over a WebSocket API, or use a response-streaming function URL", fa.Call)
				}
			case model.FactGRPCStream:
				s.rule = "SPL105"
				s.msg = fmt.Sprintf("this method serves a streaming RPC (%s): the stream holds its connection for its whole life; "+
					"it must stay in a container service", fa.Detail)
				if container {
					s.sev = model.SevInfo
				}
			case model.FactFSWrite:
				if !container {
					s.rule = "SPL106"
					s.msg = fmt.Sprintf("%s writes to the filesystem (%s): only /tmp is writable in a function, and it belongs to "+
						"one instance; write under os.TempDir() for scratch files, or to object storage (S3) for files that must last",
						fa.Call, fa.Detail)
				}
			case model.FactLoop, model.FactTicker:
				if container {
					break
				}
				if fa.Kind == model.FactTicker && strings.HasPrefix(fa.Call, "cron.") {
					s.rule = "SPL107"
					s.msg = fmt.Sprintf("%s starts an in-process scheduler on a request path: it stops whenever the function's "+
						"environment is frozen; declare the jobs as scheduled functions instead", fa.Call)
				} else if bg {
					s.rule = "SPL107"
					s.msg = fmt.Sprintf("%s runs as a background worker started from a request: it stops whenever the function's "+
						"environment is frozen after a response, and every instance runs its own; make it a scheduled function",
						loopText(fa))
				}
			case model.FactTimer:
				if !fa.Stopped && !container {
					s.rule = "SPL107"
					s.msg = fmt.Sprintf("%s schedules a callback that fires after the handler has returned, when the environment "+
						"may be frozen or gone; use a delayed message (SQS delay, EventBridge Scheduler) handled by a function", fa.Call)
				}
			case model.FactProcess:
				if !container {
					s.rule = "SPL109"
					s.msg = processText(fa)
				}
			}
			if s.rule != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func callText(fa model.Fact) string {
	if fa.Call == "go" {
		return "this go statement"
	}
	return fa.Call
}

func loopText(fa model.Fact) string {
	if fa.Kind == model.FactTicker {
		return "the ticker made by " + fa.Call
	}
	switch fa.Call {
	case "for-select":
		return "this for-select loop"
	case "for-sleep":
		return "this polling loop (for with time.Sleep)"
	case "for-range-ticker":
		return "this loop over a ticker"
	}
	return fa.Call
}

func processText(fa model.Fact) string {
	switch {
	case strings.Contains(fa.Detail, "exits"):
		return fmt.Sprintf("%s exits the process on a request path: the runtime reports the invocation as failed and starts "+
			"a new environment (a cold start); return an error or a response instead", fa.Call)
	case strings.Contains(fa.Detail, "environment"):
		return fmt.Sprintf("%s %s on a request path: the environment belongs to one instance, so other instances never see "+
			"the change and it is lost on scale-out; keep the value in a shared store or the function's configuration", fa.Call, fa.Detail)
	case strings.Contains(fa.Detail, "signal"):
		return fmt.Sprintf("%s %s on a request path: the function runtime owns the process's signals; remove it from the "+
			"request path", fa.Call, fa.Detail)
	}
	return fmt.Sprintf("%s %s on a request path: process-wide state is shared by nothing once the code runs as many "+
		"short-lived instances; keep it out of the request path", fa.Call, fa.Detail)
}

// globalWrite classifies a write to a package-level variable.
func (p *planner) globalWrite(fa model.Fact) (rule, msg string) {
	if fa.Lazy || fa.Call == "&arg" {
		return "", ""
	}
	class := fa.Detail
	kind := p.varKind(fa)
	switch {
	case kind == model.FactLock:
		return "SPL102", fmt.Sprintf("package-level %s %s guards process-wide state, which each instance has its own copy of: "+
			"if it only guards data built once or derived the same way everywhere (a translation catalog, compiled "+
			"regexps, a time-zone table), that is fine in a function, a cold-start cost; if instances must see each "+
			"other's writes, move that state to a shared store with its own concurrency control (conditional writes, "+
			"transactions)", class, fa.Var)
	case kind == model.FactCache:
		return "SPL102", fmt.Sprintf("package-level %s %s is an in-process cache: each instance fills its own; for read-only "+
			"or derived data (compiled regexps, a time-zone cache, a catalog loaded once) that is fine in a function, a "+
			"cold-start cost; if it holds data others change, each instance misses their updates: use a shared cache "+
			"(Redis, DynamoDB) or accept per-instance staleness with a short TTL", class, fa.Var)
	case benignClasses[class]:
		return "", ""
	}
	if !isOperator(fa.Call) && p.foreignType(class) {
		return "", "" // a method of a library type (a client, an upgrader): not request state
	}
	what := class
	switch class {
	case "counter":
		what = "counter"
	case "map", "slice":
	default:
		if strings.HasPrefix(class, "atomic.") {
			what = class + " counter"
		} else {
			what = "variable"
		}
	}
	return "SPL101", fmt.Sprintf("package-level %s %s is written on a request path (%s): each function instance has its own "+
		"copy, which other instances never see and which is lost when the instance is recycled; keep it in a shared store "+
		"(database, Redis, DynamoDB) or a metrics backend, or make it per-request", what, fa.Var, writeText(fa.Call))
}

func writeText(how string) string {
	switch how {
	case "=", "[]=":
		return "assigned"
	case "++", "--", "[]++", "[]--":
		return "incremented"
	case "&":
		return "filled through a pointer"
	case "delete", "clear", "copy":
		return how
	}
	if strings.HasPrefix(how, "atomic.") {
		return how
	}
	return "through its method " + how
}

func isOperator(how string) bool {
	switch how {
	case "=", "[]=", "++", "--", "[]++", "[]--", "&", "delete", "clear", "copy", "call":
		return true
	}
	return strings.HasPrefix(how, "atomic.")
}

// foreignType: a named type declared outside the analysed modules.
func (p *planner) foreignType(class string) bool {
	i := strings.LastIndex(class, ".")
	if i <= 0 || !strings.Contains(class, "/") && !strings.Contains(class[:i], ".") {
		return false
	}
	_, mine := p.g.pkg[class[:i]]
	return !mine
}

// varKind finds whether a written variable is declared as a lock or a cache.
func (p *planner) varKind(fa model.Fact) model.FactKind {
	if i, ok := p.g.idx[fa.Target]; ok {
		for _, vf := range p.m.Units[i].Facts {
			if (vf.Kind == model.FactLock || vf.Kind == model.FactCache) && vf.Var == fa.Var {
				return vf.Kind
			}
		}
	}
	switch {
	case fa.Detail == "sync.Mutex" || fa.Detail == "sync.RWMutex":
		return model.FactLock
	case fa.Detail == "sync.Map":
		return model.FactCache
	}
	return ""
}

// coldSite is a cold start finding's site with its chain.
type coldSite struct {
	site
	chain []string
	ep    string
}

// coldStartSites finds the init funcs and var initialisers of the packages
// f links that do I/O: directly, or through the module functions they call
// at initialisation (call edges, 4 deep).
func (p *planner) coldStartSites(f *fn) []coldSite {
	linked := p.linkedPackages(f)
	var out []coldSite
	for u := range p.m.Units {
		unit := &p.m.Units[u]
		if !linked[unit.Package] || !isInitUnit(unit) {
			continue
		}
		if cs, ok := p.initIO(u); ok {
			out = append(out, cs)
		}
	}
	return out
}

func isInitUnit(u *model.Unit) bool {
	if u.Kind == model.KindVar {
		return true
	}
	return u.Kind == model.KindFunc && (u.Name == "init" || strings.HasPrefix(u.Name, "init#"))
}

// initIO reports the first I/O an init unit does at initialisation.
func (p *planner) initIO(u int) (coldSite, bool) {
	unit := &p.m.Units[u]
	ep := ""
	for _, e := range p.m.EntryPoints {
		if e.Kind == model.EntryInit && e.Handler == unit.ID {
			ep = e.ID
		}
	}
	what := "var " + unit.Name + "'s initialiser"
	if unit.Kind == model.KindFunc {
		what = unit.ID[strings.LastIndex(unit.ID, "/")+1:]
	}
	pkgNote := fmt.Sprintf("in every cold start of every function that links %s", unit.Package)
	fix := "do it on first use (sync.Once) or in the handler's set-up, and embed data files in the binary (go:embed)"
	for _, fa := range unit.Facts {
		if fa.Kind == model.FactIO && !fa.Deferred {
			return coldSite{site: site{rule: "SPL108", unit: u, fact: fa,
				msg: fmt.Sprintf("%s does I/O at package initialisation (%s: %s), %s; %s", what, fa.Detail, fa.Call, pkgNote, fix)},
				chain: []string{unit.ID}, ep: ep}, true
		}
	}
	for _, fa := range unit.Facts {
		if fa.Kind != model.FactInitCall {
			continue
		}
		t, ok := p.g.idx[fa.Target]
		if !ok {
			continue
		}
		// BFS over call edges from the called function, 4 deep.
		parent := map[int]int{t: u}
		level := []int{t}
		for depth := 0; depth < 4 && len(level) > 0; depth++ {
			var next []int
			for _, x := range level {
				for _, io := range p.m.Units[x].Facts {
					if io.Kind != model.FactIO || io.Deferred {
						continue
					}
					var chain []string
					for y := x; ; y = parent[y] {
						chain = append(chain, p.m.Units[y].ID)
						if y == u {
							break
						}
					}
					for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
						chain[i], chain[j] = chain[j], chain[i]
					}
					return coldSite{site: site{rule: "SPL108", unit: u, fact: fa,
						msg: fmt.Sprintf("%s calls %s, which does I/O at package initialisation (%s: %s at %s:%d), %s; %s",
							what, shortID(p.m.Units[t].ID), io.Detail, io.Call, io.File, io.Line, pkgNote, fix)},
						chain: chain, ep: ep}, true
				}
				for _, y := range p.g.calls(x) {
					if _, seen := parent[y]; !seen {
						parent[y] = x
						next = append(next, y)
					}
				}
			}
			level = next
		}
	}
	return coldSite{}, false
}

// linkedPackages are the module packages f's binary links: those of the
// units it carries and their module-internal imports, transitively.
func (p *planner) linkedPackages(f *fn) map[string]bool {
	out := map[string]bool{}
	var stack []string
	for u := range f.carried {
		pk := p.m.Units[u].Package
		if !out[pk] {
			out[pk] = true
			stack = append(stack, pk)
		}
	}
	for len(stack) > 0 {
		pk := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if mp := p.g.pkg[pk]; mp != nil {
			for _, imp := range mp.Imports {
				if !out[imp] {
					out[imp] = true
					stack = append(stack, imp)
				}
			}
		}
	}
	return out
}

// suppressed reports whether an ignore comment in the site's unit or the
// options suppress the site, with the reason.
func (p *planner) suppressed(s site, chain []string) (string, bool) {
	for _, fa := range p.m.Units[s.unit].Facts {
		if fa.Kind != model.FactIgnore || !ruleMatches(fa.Rule, s.rule) {
			continue
		}
		if fa.File == s.fact.File && s.fact.Line >= fa.Line && s.fact.Line <= fa.EndLine {
			r := fa.Reason
			if r == "" {
				r = "(no reason given)"
			}
			return fmt.Sprintf("//splitter:ignore at %s:%d: %s", fa.File, fa.Line, r), true
		}
	}
	for _, sp := range p.opts.Suppress {
		if !ruleMatches(sp.Rule, s.rule) || !pathMatches(sp.Path, s.fact.File) {
			continue
		}
		if sp.Unit != "" {
			found := sp.Unit == p.m.Units[s.unit].ID
			for _, c := range chain {
				found = found || c == sp.Unit
			}
			if !found {
				continue
			}
		}
		r := sp.Reason
		if r == "" {
			r = "(no reason given)"
		}
		return "config: " + r, true
	}
	return "", false
}

func ruleMatches(list, rule string) bool {
	for _, r := range strings.Split(list, ",") {
		r = strings.TrimSpace(r)
		if strings.EqualFold(r, "all") || strings.EqualFold(r, rule) {
			return true
		}
	}
	return false
}

func pathMatches(pattern, file string) bool {
	switch {
	case pattern == "":
		return true
	case strings.HasSuffix(pattern, "/"):
		return strings.HasPrefix(file, pattern)
	case pattern == file:
		return true
	}
	ok, _ := path.Match(pattern, file)
	return ok
}

func shortID(id string) string {
	if i := strings.LastIndex(id, "/"); i >= 0 {
		return id[i+1:]
	}
	return id
}
