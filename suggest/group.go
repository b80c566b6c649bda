package suggest

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// epInfo is an entry point with what it reaches.
type epInfo struct {
	ep      *model.EntryPoint
	service string
	reach   *reach
	carried map[int]bool
	// also: the same route registered elsewhere (dropped: it is served here)
	also []string
}

// fn is a proposed function (or container, job, service) being built.
type fn struct {
	name, service string
	deploy        model.Deploy
	group         string
	note          string
	eps           []*epInfo
	resource      string // HTTP: the resource key it was grouped under
	carried       map[int]bool
	loc, excl     int
	size          int64
	measured      int64
	count         model.FindingCount
}

type planner struct {
	m    *model.Model
	g    *graph
	opts Options
	eps  []*epInfo
	fns  []*fn
	out  []model.Finding
	// kernel: units left out of the similarity between routes; weight:
	// the others' weights.
	kernel map[int]bool
	weight map[int]float64
	// shared: the units of the shared service (when services exist).
	shared map[int]bool
	// byFile: func and method units by file (unitAt)
	byFile map[string][]int
}

// serviceOf maps entry points to services: the service listing the entry
// point, else the service of its handler unit, else "" (no services).
func (p *planner) serviceOf() map[string]string {
	out := map[string]string{}
	for _, s := range p.m.Services {
		for _, id := range s.EntryPoints {
			out[id] = s.Name
		}
	}
	for _, ep := range p.m.EntryPoints {
		if _, ok := out[ep.ID]; ok {
			continue
		}
		if i, ok := p.g.idx[ep.Handler]; ok {
			out[ep.ID] = p.m.Units[i].Service
		}
	}
	return out
}

func (p *planner) plan() {
	svc := p.serviceOf()
	for i := range p.m.EntryPoints {
		ep := &p.m.EntryPoints[i]
		if ep.Kind == model.EntryInit {
			continue // runs in every function that links its package: see the cold start rule
		}
		if ep.Mount {
			continue // mounts routes detected on their own: not a use case
		}
		if exampleOrTest(ep.File) {
			continue // example or test code (a program, a plugin's route) is not part of the deployment
		}
		r := p.g.bfs(p.g.roots(ep))
		p.eps = append(p.eps, &epInfo{ep: ep, service: svc[ep.ID], reach: r, carried: p.g.carried(r.order)})
	}
	p.leaves()
	p.findKernel()

	type key struct{ service, class string }
	groups := map[key][]*epInfo{}
	var keys []key
	for _, e := range p.eps {
		k := key{e.service, classOf(e.ep)}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], e)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].service != keys[j].service {
			return keys[i].service < keys[j].service
		}
		return keys[i].class < keys[j].class
	})
	for _, k := range keys {
		es := groups[k]
		switch {
		case k.class == "http":
			p.httpFunctions(k.service, es)
		case strings.HasPrefix(k.class, "grpc:"):
			p.add(&fn{service: k.service, deploy: model.DeployContainer, eps: es,
				name:  "grpc-" + slug(es[0].ep.Trigger.Service),
				group: "gRPC service " + es[0].ep.Trigger.Service,
				note: "gRPC needs HTTP/2 end to end and streaming RPCs hold their connection, which API gateways " +
					"and function URLs do not offer: deploy it as a container service (ECS/Fargate, App Runner, Cloud Run) " +
					"behind an HTTP/2 load balancer"})
		case strings.HasPrefix(k.class, "cli:"):
			// A command that runs until stopped (a server, a watcher) is a
			// long-running service of its own; the others are one job.
			dir := strings.TrimPrefix(k.class, "cli:")
			var jobs []*epInfo
			for _, e := range es {
				if why := p.runsUntilStopped(e); why != "" {
					p.add(&fn{service: k.service, deploy: model.DeployService, eps: []*epInfo{e},
						name:  "service-" + slug(e.ep.Trigger.Command),
						group: "the command " + e.ep.Trigger.Command + ", which runs until stopped",
						note:  "a long-running process (" + why + "): deploy it as a container service; no function is generated for it"})
					continue
				}
				jobs = append(jobs, e)
			}
			if len(jobs) > 0 {
				p.add(&fn{service: k.service, deploy: model.DeployJob, eps: jobs,
					name:  "job-" + slug(path.Base(dir)),
					group: "commands of " + dir,
					note: "CLI commands that finish run as one-off jobs (a container task, or a function invoked by hand when a run " +
						"finishes within 15 minutes); no function is generated for them"})
			}
		default:
			for _, e := range es {
				p.add(p.single(e))
			}
		}
	}
	p.nameFunctions()
}

// classOf groups entry points by how they deploy.
func classOf(ep *model.EntryPoint) string {
	switch ep.Kind {
	case model.EntryHTTP:
		return "http"
	case model.EntryGRPC:
		return "grpc:" + ep.Trigger.Service
	case model.EntryCLI:
		return "cli:" + path.Dir(ep.File)
	}
	return string(ep.Kind) + ":" + ep.ID
}

// single makes the function of one cron job, consumer, declared entry
// point or main program.
func (p *planner) single(e *epInfo) *fn {
	ep := e.ep
	f := &fn{service: e.service, deploy: model.DeployFunction, eps: []*epInfo{e}}
	switch ep.Kind {
	case model.EntryCron:
		f.name = "cron-" + slug(shortName(ep.Handler))
		f.group = "schedule " + ep.Trigger.Schedule
		if _, ok := scheduleExpression(ep.Trigger.Schedule); !ok {
			f.note = fmt.Sprintf("the schedule %q has no EventBridge equivalent: write the expression by hand", ep.Trigger.Schedule)
		}
	case model.EntryConsumer:
		f.name = "consume-" + slug(ep.Trigger.Topic)
		f.group = "topic " + ep.TriggerText()
		f.note = queueNote(ep.Trigger.Broker)
	case model.EntryWorker:
		f.deploy = model.DeployContainer
		f.name = "worker-" + slug(shortName(ep.Handler))
		f.group = "the worker " + ep.Trigger.Command
		f.note = "a background worker the program starts and leaves running: it runs on no event, so it deploys " +
			"as an always-on container service (ECS/Fargate, Cloud Run with CPU always allocated), not as a function"
	case model.EntryMain:
		if why := p.runsUntilStopped(e); why != "" {
			f.deploy = model.DeployService
			f.name = "service-" + slug(path.Base(ep.Trigger.Command))
			f.group = "the program " + ep.Trigger.Command
			f.note = "the long-running program (" + why + "): it keeps serving what has not moved to functions yet"
		} else {
			f.deploy = model.DeployJob
			f.name = "program-" + slug(path.Base(ep.Trigger.Command))
			f.group = "the program " + ep.Trigger.Command + ", which finishes"
			f.note = "a program that runs and exits: a one-off job (a container task, or a function invoked by hand " +
				"when a run finishes within 15 minutes); no function is generated for it"
		}
	default: // declared (and the kinds without a mapping yet: graphql, function)
		name := ep.Trigger.Command
		if name == "" {
			name = ep.TriggerText() // graphql: Query.todos
		}
		f.name = slug(name)
		f.group = "declared entry point " + name
		f.note = "invoked directly (no event source): wire its trigger by hand"
	}
	return f
}

func queueNote(broker string) string {
	switch broker {
	case "nats":
		return "NATS has no native function trigger: bridge the subject to the SQS queue the template declares"
	case "kafka":
		return "use an MSK or self-managed Kafka event source instead of the SQS queue the template declares"
	case "amqp":
		return "use an Amazon MQ (RabbitMQ) event source, or bridge the queue to the SQS queue the template declares"
	}
	return ""
}

func (p *planner) add(f *fn) { p.fns = append(p.fns, f) }

// findKernel weighs units for the similarity between routes: a unit
// weighs its LOC times ln(routes / routes reaching it) (an IDF weight), so
// what every route uses (logging, JSON helpers, the router, a shared store)
// counts for little and what few routes use counts for much. The shared
// service's units count only between the shared service's own routes.
func (p *planner) findKernel() {
	p.kernel = map[int]bool{}
	p.weight = map[int]float64{}
	n := 0
	count := map[int]int{}
	for _, e := range p.eps {
		if e.ep.Kind != model.EntryHTTP {
			continue
		}
		n++
		for u := range e.carried {
			count[u]++
		}
	}
	p.shared = map[int]bool{}
	for _, s := range p.m.Services {
		if s.Name != model.SharedService {
			continue
		}
		for _, id := range s.Units {
			if i, ok := p.g.idx[id]; ok {
				p.shared[i] = true
			}
		}
	}
	for u, c := range count {
		if float64(c) > KernelShare*float64(n) {
			p.kernel[u] = true
		}
		if !p.kernel[u] {
			p.weight[u] = float64(p.m.Units[u].LOC) * math.Log(float64(n)/float64(c))
		}
	}
}

// similarity is the weighted Jaccard index of the code two sets of entry
// points reach (weights from findKernel); 1 when neither reaches any
// weighted code.
func (p *planner) similarity(a, b []*epInfo) float64 {
	return p.similarityOf(p.codeOf(a), p.codeOf(b))
}

// similarityOf is the weighted Jaccard index of two code sets.
func (p *planner) similarityOf(ua, ub map[int]bool) float64 {
	all := make([]int, 0, len(ua)+len(ub))
	for u := range ua {
		all = append(all, u)
	}
	for u := range ub {
		if !ua[u] {
			all = append(all, u)
		}
	}
	sort.Ints(all) // a fixed summation order: the same input gives the same float
	inter, union := 0.0, 0.0
	for _, u := range all {
		w := p.weight[u]
		union += w
		if ua[u] && ub[u] {
			inter += w
		}
	}
	if union == 0 {
		return 1
	}
	return inter / union
}

func (p *planner) codeOf(es []*epInfo) map[int]bool {
	out := map[int]bool{}
	for _, e := range es {
		for u := range e.carried {
			// The shared kernel's units count only between the shared
			// service's own routes.
			if !p.kernel[u] && (!p.shared[u] || e.service == model.SharedService) {
				out[u] = true
			}
		}
	}
	return out
}

var versionSeg = regexp.MustCompile(`^(v[0-9]+(\.[0-9]+)*|[0-9]+)$`)

// resourceOf returns the resource of an HTTP path (the first segment after
// "api" and version segments) and its sub-resource (the next literal
// segment, after "api" and version segments too: Google Reader's API is
// /reader/api/0/subscription/edit, whose sub-resource is subscription).
func resourceOf(p string) (res, sub string) {
	if p == "" || p == "?" {
		return "other", ""
	}
	var lits []string
	for _, s := range strings.Split(p, "/") {
		if s == "" || strings.HasPrefix(s, "{") || strings.HasPrefix(s, ":") || s == "*" {
			continue
		}
		if len(lits) < 2 && (s == "api" || versionSeg.MatchString(s)) {
			continue
		}
		lits = append(lits, s)
	}
	switch len(lits) {
	case 0:
		return "root", ""
	case 1:
		return lits[0], ""
	}
	return lits[0], lits[1]
}

// httpFunctions groups one service's HTTP routes by the granularity.
func (p *planner) httpFunctions(service string, es []*epInfo) {
	sort.Slice(es, func(i, j int) bool { return es[i].ep.ID < es[j].ep.ID })
	switch p.opts.Granularity {
	case Route:
		for _, e := range es {
			res, _ := resourceOf(e.ep.Trigger.Path)
			p.add(&fn{service: service, deploy: model.DeployFunction, eps: []*epInfo{e}, resource: res,
				name: slug(e.ep.TriggerText()), group: "route " + e.ep.TriggerText()})
		}
		return
	case Service:
		name := service
		if name == "" {
			name = "api"
		}
		grp := "every route of service " + service
		if service == "" {
			grp = "every route of the module"
		}
		p.add(&fn{service: service, deploy: model.DeployFunction, eps: es, name: name, group: grp})
		return
	}

	// Resource: group, split, join.
	byRes := map[string][]*epInfo{}
	var order []string
	for _, e := range es {
		res, _ := resourceOf(e.ep.Trigger.Path)
		if _, ok := byRes[res]; !ok {
			order = append(order, res)
		}
		byRes[res] = append(byRes[res], e)
	}
	sort.Strings(order)
	var parts []*fn
	for _, res := range order {
		parts = append(parts, p.splitResource(service, res, byRes[res])...)
	}
	for _, f := range p.capSize(p.join(parts)) {
		p.add(f)
	}
}

// carriedLOC is the code a set of entry points carries, kernel included.
func (p *planner) carriedLOC(es []*epInfo) int {
	seen := map[int]bool{}
	n := 0
	for _, e := range es {
		for u := range e.carried {
			if !seen[u] {
				seen[u] = true
				n += p.m.Units[u].LOC
			}
		}
	}
	return n
}

// capSize splits the functions carrying more than MaxShare of the
// module's code: grouping by resource keeps a resource's routes together
// when they share some code, which can bundle light routes (miniflux's
// GET /v1/feeds, 1,120 lines) with heavy ones (PUT
// /v1/feeds/{feedID}/refresh, which carries the whole feed fetcher: 9,739
// lines) into a function as large as a third of the application.
func (p *planner) capSize(parts []*fn) []*fn {
	total := 0
	for _, u := range p.m.Units {
		total += u.LOC
	}
	limit := int(MaxShare * float64(total))
	var out []*fn
	for _, f := range parts {
		if len(f.eps) < 2 || p.carriedLOC(f.eps) <= limit {
			out = append(out, f)
			continue
		}
		out = append(out, p.splitLarge(f, limit)...)
	}
	return out
}

// splitLarge splits a function over the limit: first by weight, the
// routes that each carry more than half of its code apart from the
// others (a light route should not carry a heavy one's code: its binary,
// its cold start); then, while a part is still over the limit, by
// sub-resource (kratos' registration, settings, recovery and OIDC
// callback flows, which share their strategies and so their code).
func (p *planner) splitLarge(f *fn, limit int) []*fn {
	var parts func(es []*epInfo) [][]*epInfo
	parts = func(es []*epInfo) [][]*epInfo {
		loc := p.carriedLOC(es)
		if len(es) < 2 || loc <= limit {
			return [][]*epInfo{es}
		}
		var heavy, light []*epInfo
		for _, e := range es {
			if 2*p.carriedLOC([]*epInfo{e}) > loc {
				heavy = append(heavy, e)
			} else {
				light = append(light, e)
			}
		}
		if len(heavy) > 0 && len(light) > 0 {
			return append(parts(heavy), parts(light)...)
		}
		bySub := map[string][]*epInfo{}
		var keys []string
		for _, e := range es {
			res, sub := resourceOf(e.ep.Trigger.Path)
			k := res + "/" + sub
			if _, ok := bySub[k]; !ok {
				keys = append(keys, k)
			}
			bySub[k] = append(bySub[k], e)
		}
		if len(keys) < 2 {
			return [][]*epInfo{es}
		}
		sort.Strings(keys)
		var out [][]*epInfo
		for _, k := range keys {
			out = append(out, parts(bySub[k])...)
		}
		return out
	}
	cs := parts(f.eps)
	if len(cs) < 2 {
		return []*fn{f}
	}
	// Two parts stay apart only when that saves one of them a function's
	// worth of code: parts neither of which carries MinSplitLOC lines the
	// other does not are joined (the most alike first), within the limit.
	for len(cs) > 1 {
		bi, bj, bs := -1, -1, -1.0
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				both := append(append([]*epInfo(nil), cs[i]...), cs[j]...)
				if p.exclusiveLOC(cs[i], both) >= MinSplitLOC || p.exclusiveLOC(cs[j], both) >= MinSplitLOC || p.carriedLOC(both) > limit {
					continue
				}
				if s := p.similarity(cs[i], cs[j]); s > bs {
					bi, bj, bs = i, j, s
				}
			}
		}
		if bi < 0 {
			break
		}
		cs[bi] = append(cs[bi], cs[bj]...)
		cs = append(cs[:bj], cs[bj+1:]...)
	}
	if len(cs) < 2 {
		return []*fn{f}
	}
	var out []*fn
	for _, c := range cs {
		sort.Slice(c, func(i, j int) bool { return c[i].ep.ID < c[j].ep.ID })
		res := mainResource(c)
		name := res
		if sub := mainSub(c); sub != "" {
			name += "-" + sub
		} else if readOnly(c) && !readOnly(f.eps) {
			name += "-read" // the resource's reads, apart from what writes
		}
		out = append(out, &fn{service: f.service, deploy: f.deploy, eps: c, resource: res, name: slug(name),
			group: fmt.Sprintf("%s, split: a function carries at most %.0f%% of the module's code", f.group, 100*MaxShare)})
	}
	return out
}

// readOnly: every route is a GET or a HEAD.
func readOnly(es []*epInfo) bool {
	for _, e := range es {
		if m := e.ep.Trigger.Method; m != "GET" && m != "HEAD" {
			return false
		}
	}
	return true
}

// mainResource is the resource most of the routes have, ties broken
// alphabetically.
func mainResource(es []*epInfo) string {
	count := map[string]int{}
	for _, e := range es {
		res, _ := resourceOf(e.ep.Trigger.Path)
		count[res]++
	}
	best, n := "", -1
	for s, c := range count {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

// splitResource splits a resource into parts by sub-resource (the next
// path segment: /orders/{id}/items → items): sub-resources whose code
// overlaps at least SplitBelow stay together (single linkage); one part
// keeps the resource whole.
func (p *planner) splitResource(service, res string, es []*epInfo) []*fn {
	whole := &fn{service: service, deploy: model.DeployFunction, eps: es, resource: res, name: slug(res), group: "resource " + res}
	bySub := map[string][]*epInfo{}
	var subs []string
	for _, e := range es {
		_, sub := resourceOf(e.ep.Trigger.Path)
		if _, ok := bySub[sub]; !ok {
			subs = append(subs, sub)
		}
		bySub[sub] = append(bySub[sub], e)
	}
	if len(subs) < 2 {
		return []*fn{whole}
	}
	sort.Strings(subs)
	comp := make([]int, len(subs))
	for i := range comp {
		comp[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for comp[i] != i {
			i = comp[i]
		}
		return i
	}
	for i := range subs {
		for j := i + 1; j < len(subs); j++ {
			if p.similarity(bySub[subs[i]], bySub[subs[j]]) >= p.opts.SplitBelow {
				if a, b := find(i), find(j); a != b {
					comp[max(a, b)] = min(a, b)
				}
			}
		}
	}
	byRoot := map[int][]*epInfo{}
	var roots []int
	for i, sub := range subs {
		r := find(i)
		if _, ok := byRoot[r]; !ok {
			roots = append(roots, r)
		}
		byRoot[r] = append(byRoot[r], bySub[sub]...)
	}
	// A part too small to matter stays with the resource's biggest part:
	// splitting it off would only add a function.
	sort.SliceStable(roots, func(i, j int) bool { return len(byRoot[roots[i]]) > len(byRoot[roots[j]]) })
	kept := roots[:1]
	for _, r := range roots[1:] {
		if p.exclusiveLOC(byRoot[r], es) >= MinSplitLOC {
			kept = append(kept, r)
		} else {
			byRoot[roots[0]] = append(byRoot[roots[0]], byRoot[r]...)
		}
	}
	roots = kept
	if len(roots) == 1 {
		return []*fn{whole}
	}
	var out []*fn
	for _, r := range roots {
		part := byRoot[r]
		name := res
		if sub := mainSub(part); sub != "" {
			name += "-" + sub
		}
		best := 0.0
		for _, r2 := range roots {
			if r2 != r {
				best = max(best, p.similarity(part, byRoot[r2]))
			}
		}
		out = append(out, &fn{service: service, deploy: model.DeployFunction, eps: part, resource: res, name: slug(name),
			group: fmt.Sprintf("resource %s, split: these routes share at most %.0f%% of their code with its other routes", res, 100*best)})
	}
	return out
}

// mainSub is the sub-resource most of the routes have ("" for the
// resource itself), ties broken alphabetically.
func mainSub(es []*epInfo) string {
	count := map[string]int{}
	for _, e := range es {
		_, sub := resourceOf(e.ep.Trigger.Path)
		count[sub]++
	}
	best, n := "", -1
	for s, c := range count {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

// exclusiveLOC is the non-kernel code a part of a resource reaches that
// the resource's other routes do not.
func (p *planner) exclusiveLOC(part, all []*epInfo) int {
	in := map[*epInfo]bool{}
	for _, e := range part {
		in[e] = true
	}
	var rest []*epInfo
	for _, e := range all {
		if !in[e] {
			rest = append(rest, e)
		}
	}
	other := p.codeOf(rest)
	n := 0
	for u := range p.codeOf(part) {
		if !other[u] {
			n += p.m.Units[u].LOC
		}
	}
	return n
}

// join merges the groups of a service whose code overlaps at least
// JoinAbove (single linkage, in name order).
func (p *planner) join(parts []*fn) []*fn {
	// The code sets and pair similarities are computed once and updated
	// only for the merged part: recomputing every pair after each merge made
	// this cubic, the dearest step of analyze on a module with many routes.
	codes := make([]map[int]bool, len(parts))
	for i, f := range parts {
		codes[i] = p.codeOf(f.eps)
	}
	sim := map[[2]int]float64{}
	id := make([]int, len(parts)) // stable ids for the cache, as parts shrink
	for i := range parts {
		id[i] = i
	}
	next := len(parts)
	pairSim := func(i, j int) float64 {
		k := [2]int{id[i], id[j]}
		if v, ok := sim[k]; ok {
			return v
		}
		v := p.similarityOf(codes[i], codes[j])
		sim[k] = v
		return v
	}
	for {
		merged := false
		for i := 0; i < len(parts) && !merged; i++ {
			for j := i + 1; j < len(parts); j++ {
				s := pairSim(i, j)
				if s < p.opts.JoinAbove {
					continue
				}
				a, b := parts[i], parts[j]
				a.eps = append(a.eps, b.eps...)
				a.name = joinNames(a.name, b.name)
				a.group = fmt.Sprintf("resources %s and %s joined: they share %.0f%% of their code", a.resource, b.resource, 100*s)
				if a.resource != b.resource {
					a.resource += ", " + b.resource
				}
				parts = append(parts[:j], parts[j+1:]...)
				codes[i] = p.codeOf(a.eps)
				codes = append(codes[:j], codes[j+1:]...)
				id = append(id[:j], id[j+1:]...)
				id[i] = next // the merged part is a new part for the cache
				next++
				merged = true
				break
			}
		}
		if !merged {
			return parts
		}
	}
}

// nameFunctions prefixes names with their service (when services exist
// and the name does not already say it) and makes them unique.
func (p *planner) nameFunctions() {
	for _, f := range p.fns {
		if f.service != "" && f.name != f.service && !strings.HasPrefix(f.name, f.service+"-") {
			f.name = slug(f.service) + "-" + f.name
		}
		if f.name == "" {
			f.name = "function"
		}
	}
	sort.SliceStable(p.fns, func(i, j int) bool { return p.fns[i].name < p.fns[j].name })
	seen := map[string]int{}
	for _, f := range p.fns {
		seen[f.name]++
		if n := seen[f.name]; n > 1 {
			f.name = fmt.Sprintf("%s-%d", f.name, n)
		}
	}
}

// slug turns text into lower-case words joined by '-'.
func slug(s string) string {
	var b strings.Builder
	dash, lower := false, false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash, lower = false, true
		case r >= 'A' && r <= 'Z':
			if lower { // camelCase → camel-case
				b.WriteByte('-')
			}
			b.WriteRune(r + 'a' - 'A')
			dash, lower = false, false
		default:
			lower = false
			if b.Len() > 0 && !dash {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// shortName is a function id's last element: pkg.Type.method → method,
// pkg.F$1 → F.
func shortName(id string) string {
	if i := strings.LastIndex(id, "/"); i >= 0 {
		id = id[i+1:]
	}
	if i := strings.Index(id, "$"); i >= 0 {
		id = id[:i]
	}
	if i := strings.LastIndex(id, "."); i >= 0 {
		id = id[i+1:]
	}
	return id
}

// joinNames joins two names without repeating words: admin-debug + debug → admin-debug.
func joinNames(a, b string) string {
	have := map[string]bool{}
	for _, w := range strings.Split(a, "-") {
		have[w] = true
	}
	out := a
	for _, w := range strings.Split(b, "-") {
		if !have[w] {
			out += "-" + w
			have[w] = true
		}
	}
	return out
}
