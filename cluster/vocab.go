package cluster

import (
	"path"
	"strings"
	"unicode"

	"github.com/splitter-go/splitter/model"
)

// stopwords are identifier and path tokens that say nothing about a
// business domain: layer names, CRUD verbs, plumbing.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`
		a an and are as at be by for from in into is it of on or the to with
		get set list new create update delete remove add put post patch head find fetch load save
		handler handle service svc repo repository store storage model dao dto entity
		api apis http https grpc rpc rest server client impl internal pkg cmd app main init
		id ids uuid key by all one many count total page limit offset
		err error errors ctx context req request resp response res json xml yaml db sql tx row rows
		scan query exec conn pool cache run start stop close open config cfg util utils helper helpers
		common base core shared lib libs test mock mocks fake type types data info admin debug
		v1 v2 v3 v4 public private health healthz ready readyz live liveness readiness metrics
		go string int bool byte bytes time func value values option options opts param params
		router routes route mux middleware wire wiring module modules domain adapter adapters
		postgres mysql sqlite pg redis event events bus publish subscribe consumer producer job jobs
		worker workers cron task tasks command commands cli flag flags env
		swagger openapi redoc`) {
		stopwords[w] = true
	}
}

// words splits an identifier, file or path into lower-case words:
// camelCase, snake_case, kebab-case, dots and slashes all separate words.
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && len(cur) > 0 &&
			(unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// stem reduces a word to a crude singular so that "orders", "order" and
// "OrderItems" meet: it is enough for naming domains, not a linguist.
func stem(w string) string {
	switch {
	case len(w) > 4 && strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case len(w) > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes")):
		return w[:len(w)-2]
	case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:len(w)-1]
	}
	return w
}

// tokens returns the stems of the meaningful words of s.
func tokens(s string) []string {
	var out []string
	for _, w := range words(s) {
		if len(w) < 3 || stopwords[w] || isNumber(w) {
			continue
		}
		st := stem(w)
		if stopwords[st] {
			continue
		}
		out = append(out, st)
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// vocabulary is the set of domain words of a module, with the surface form
// people use for each stem (the route segment "orders" for the stem "order").
type vocabulary struct {
	stems   map[string]bool
	surface map[string]string
	weight  map[string]float64  // how strongly each source vouches for the stem
	files   map[string][]string // fileTokens, memoised
	// promoted are stopwords this application's resources make domain words.
	promoted map[string]bool
	names    map[string][]string // nameTokens, memoised
}

// buildVocabulary collects domain words from what the outside world sees:
// route segments, gRPC services, topics, commands, and table names, of the
// application's own code (inScope).
func buildVocabulary(m *model.Model, eps []model.EntryPoint, inScope func(*model.Unit) bool) *vocabulary {
	v := &vocabulary{stems: map[string]bool{}, surface: map[string]string{}, weight: map[string]float64{}, promoted: map[string]bool{}}
	// A generic word that names one of the application's resources is a
	// domain word here: /client in a push server, /repo in a forge.
	for _, ep := range eps {
		if ep.Kind != model.EntryHTTP {
			continue
		}
		if r, ok := strings.CutPrefix(resource(ep), "http:"); ok {
			for _, raw := range words(r) {
				// The word or its singular (/clients in an OAuth2 server).
				st := stem(raw)
				generic := stopwords[raw] || layerNames[raw] || technical[raw] || stopwords[st] || layerNames[st] || technical[st]
				if generic && !neverDomain[raw] && !neverDomain[st] {
					v.promoted[raw], v.promoted[st] = true, true
				}
			}
		}
		// Even a generic word is a resource when a route addresses its
		// plural as a collection of items (/lists/:id in a mailing-list
		// manager, /posts/{id} in a blog, /keys/:id): a verb is never
		// pluralised before an item's parameter.
		segs := strings.Split(strings.ToLower(ep.Trigger.Path), "/")
		for k := 0; k+1 < len(segs); k++ {
			raw, next := segs[k], segs[k+1]
			st := stem(raw)
			if neverDomain[st] && raw != st && strings.HasSuffix(raw, "s") && isParam(next) && !technical[st] && !layerNames[st] {
				v.promoted[raw], v.promoted[st] = true, true
			}
		}
	}
	add := func(word string, w float64) {
		for _, raw := range words(word) {
			if len(raw) < 3 || (stopwords[raw] && !v.promoted[raw]) || isNumber(raw) {
				continue
			}
			st := stem(raw)
			if stopwords[st] && !v.promoted[st] {
				continue
			}
			v.stems[st] = true
			v.weight[st] += w
			if _, ok := v.surface[st]; !ok {
				v.surface[st] = raw
			}
		}
	}
	for _, ep := range eps {
		if internalRoute(ep) {
			continue // hugo's /__stop names no domain
		}
		switch ep.Kind {
		case model.EntryHTTP:
			for _, seg := range strings.Split(ep.Trigger.Path, "/") {
				if seg == "" || strings.ContainsAny(seg, "{}:*?") {
					continue
				}
				add(seg, 1)
			}
		case model.EntryGRPC:
			add(ep.Trigger.Service, 1)
		case model.EntryConsumer:
			add(ep.Trigger.Topic, 1)
		case model.EntryCLI:
			add(ep.Trigger.Command, 1)
		case model.EntryWorker:
			if ep.Framework == "net" {
				// A protocol server's package names its protocol (smtpd,
				// pop3, sftpd), as a route's segment names its resource.
				pkg, _, _ := strings.Cut(ep.Trigger.Command, ".")
				add(pkg, 1)
			}
		}
	}
	for i := range m.Units {
		if !inScope(&m.Units[i]) {
			continue
		}
		for _, t := range m.Units[i].Tables {
			if !isSchema(t) {
				add(t.Table, 0.5)
			}
		}
	}
	return v
}

// opSchema is the table use of DDL and migrations: it names every table and
// says nothing about who owns it.
const opSchema = "schema"

// isSchema reports whether a table use is schema work: DDL, or any use of
// a migration tool's bookkeeping table (schema_migrations, goose_db_version,
// schema_version...), which belongs to the migrator, not to a capability.
func isSchema(t model.TableUse) bool {
	if t.Op == opSchema {
		return true
	}
	name := strings.ToLower(t.Table)
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return strings.Contains(name, "migration") || name == "schema_version" || name == "goose_db_version" || name == "schema_lock"
}

// neverDomain are generic words no resource makes a domain word: verbs,
// transports and formats, identifiers and paging, versions, operations.
var neverDomain = setOf("get", "set", "list", "new", "create", "update", "delete", "remove", "add", "put", "post",
	"patch", "head", "find", "fetch", "load", "save", "api", "apis", "http", "https", "grpc", "rpc", "rest", "id", "ids",
	"uuid", "key", "all", "one", "many", "count", "total", "page", "limit", "offset", "json", "xml", "yaml", "v1", "v2",
	"v3", "v4", "public", "private", "health", "healthz", "ready", "readyz", "live", "liveness", "readiness", "metrics",
	"debug", "admin", "internal", "data", "info", "type", "types", "value", "values", "option", "options", "param",
	"params", "query", "err", "error", "errors", "req", "request", "resp", "response", "res", "test", "mock", "cmd",
	"app", "main", "init", "util", "utils", "common", "base", "core", "shared", "lib", "libs", "pkg", "config", "cfg", "conf")

// isParam reports whether a path segment is a parameter (:id, {id}, *rest).
func isParam(seg string) bool {
	return strings.HasPrefix(seg, ":") || strings.HasPrefix(seg, "{") || strings.HasPrefix(seg, "*")
}

// tok is tokens with the application's promoted words kept.
func (v *vocabulary) tok(s string) []string {
	var out []string
	for _, w := range words(s) {
		if len(w) < 3 || isNumber(w) || (stopwords[w] && !v.promoted[w]) {
			continue
		}
		st := stem(w)
		if stopwords[st] && !v.promoted[st] {
			continue
		}
		out = append(out, st)
	}
	return out
}

// text returns the domain stems of a text (a table, a route segment).
func (v *vocabulary) text(s string) []string { return v.filter(v.tok(s)) }

// pathTokens returns the domain stems of a package path below its area
// ("issues" for models/issues in a layered module).
func (v *vocabulary) pathTokens(rel string) []string {
	return v.filter(v.tok(rel))
}

// fileTokens returns the domain stems in a file's base name.
func (v *vocabulary) fileTokens(file string) []string {
	if ts, ok := v.files[file]; ok {
		return ts
	}
	base := strings.TrimSuffix(path.Base(file), ".go")
	base = strings.TrimSuffix(base, "_test")
	ts := v.filter(v.tok(base))
	if v.files == nil {
		v.files = map[string][]string{}
	}
	v.files[file] = ts
	return ts
}

// nameTokens returns the domain stems of a unit's receiver and name.
func (v *vocabulary) nameTokens(u *model.Unit) []string {
	key := u.Recv + " " + u.Name
	if ts, ok := v.names[key]; ok {
		return ts
	}
	ts := v.filter(v.tok(key))
	if v.names == nil {
		v.names = map[string][]string{}
	}
	v.names[key] = ts
	return ts
}

func (v *vocabulary) filter(ts []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range ts {
		if v.stems[t] && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}
