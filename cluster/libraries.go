package cluster

import (
	"slices"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// libraries settles the code that owns nothing (no use case, no table) and
// that other services use: a parser, an SDK client, a sanitizer, request
// helpers. Such code is never what makes a service; it goes with its one
// user, or to the shared kernel when several services use it and it
// depends on no service's code (the kernel is a library every service
// links, so it cannot call into a service). Code named after one of its
// service's domain words stays where the clustering put it: a model type
// that every service reads still belongs to its domain.
//
// The unit of decision is a package, or on a layered layout a file of a
// multi-domain package (a layer's files each hold a domain). On a modular
// layout the modules are the domains: a package outside them is one
// library, used by one module or shared, whatever its files are named
// (dendrite's internal/caching has a file per module's cache). Rounds repeat, since moving a
// library to the kernel can free the code that depends on it.
func (s *state) libraries(assign []int, minUsers int) []int {
	owning := map[int]bool{}
	for _, i := range s.owningUnits() {
		owning[i] = true
	}
	files := map[string]map[string]bool{}
	for _, u := range s.units {
		if files[u.Package] == nil {
			files[u.Package] = map[string]bool{}
		}
		files[u.Package][u.File] = true
	}
	multi := map[string]bool{}
	for p, fs := range files {
		n := 0
		for f := range fs {
			if len(s.vocab.fileTokens(f)) > 0 {
				n++
			}
		}
		multi[p] = n >= 2
	}
	// Group the candidate units.
	groups := map[string][]int{}
	for i, u := range s.units {
		if assign[i] < 0 || s.pinned(u) {
			continue
		}
		if s.layout.modular && s.layout.module(u.Package) != "" {
			continue // on a modular layout, a module's code stays in its module
		}
		key := u.Package
		if multi[u.Package] && !s.layout.modular {
			key += "#" + u.File
		}
		groups[key] = append(groups[key], i)
	}
	keys := sortedKeys(groups)
	for round := 0; round < 3; round++ {
		words := s.communityWords(assign)
		moved := false
		for _, key := range keys {
			members := groups[key]
			if len(members) == 0 || assign[members[0]] < 0 {
				continue
			}
			own, ownsAny := map[int]bool{}, false
			for _, i := range members {
				if assign[i] >= 0 {
					own[i] = true
				}
				ownsAny = ownsAny || owning[i]
			}
			if ownsAny {
				continue
			}
			// Who uses the group, and does it depend on any service?
			uses := map[int]float64{}
			deps, used := 0.0, 0.0
			for _, i := range members {
				for _, e := range s.calls[i] {
					if own[e.to] {
						continue
					}
					c := assign[e.to]
					if c < 0 && s.st[e.to] != stKernel {
						continue
					}
					if s.uses(e.to, i) {
						uses[c] += e.w // c is -1 for the kernel: it uses the code too
						used += e.w
					} else if c >= 0 && s.calls1(i, e.to) && !s.calls1(e.to, i) {
						deps += e.w // a call into a service (a callback goes the other way)
					}
				}
			}
			// The kernel is a library every service links, so it cannot call
			// into a service: the library goes with what it calls, when that
			// is code owning nothing and no bigger than the library itself
			// (its helpers, a model type's accessors).
			var drag []int
			closed := deps == 0
			if !closed {
				drag, closed = s.dependencyClosure(members, assign, owning)
			}
			if len(uses) == 0 {
				continue
			}
			home := assign[members[0]]
			if s.named(members, words[home]) {
				continue
			}
			best, bestW, total := -1, 0.0, 0.0
			cs := make([]int, 0, len(uses))
			for c := range uses {
				cs = append(cs, c)
			}
			sort.Ints(cs)
			for _, c := range cs {
				total += uses[c]
				if uses[c] > bestW {
					best, bestW = c, uses[c]
				}
			}
			switch {
			case best == -1 && bestW >= libraryShare*total && closed:
				for _, i := range append(members, drag...) {
					assign[i] = -1
					s.st[i], s.role[i] = stKernel, model.RolePlumbing
					s.why[i] = "shared kernel: the kernel's own plumbing (the wiring and other plumbing use it, no service does)"
				}
				moved = true
			case best == -1 && bestW >= libraryShare*total:
			case bestW >= libraryShare*total:
				if best != home {
					for _, i := range members {
						assign[i] = best
						s.why[i] = "a library its one user takes: " + s.units[i].Package + " owns no use case and no table"
					}
					moved = true
				}
			case closed && (len(uses) >= minUsers || uses[-1] > 0 && len(uses) >= 2):
				for _, i := range append(members, drag...) {
					assign[i] = -1
					s.st[i], s.role[i] = stKernel, model.RoleLibrary
					s.why[i] = "shared kernel: a library several services use, owning no use case and no table"
				}
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	return assign
}

// dependencyClosure returns the service code a group calls, transitively,
// and whether it can join the group in the kernel: it owns nothing and is
// no bigger than the group.
func (s *state) dependencyClosure(members []int, assign []int, owning map[int]bool) ([]int, bool) {
	in := map[int]bool{}
	for _, i := range members {
		in[i] = true
	}
	var out []int
	queue := append([]int(nil), members...)
	for k := 0; k < len(queue); k++ {
		for _, j := range s.out[queue[k]] {
			if in[j] || assign[j] < 0 || s.calls1(j, queue[k]) { // kernel code, or a callback
				continue
			}
			if owning[j] || len(out) >= len(members) {
				return nil, false
			}
			in[j] = true
			out = append(out, j)
			queue = append(queue, j)
		}
	}
	return out, true
}

// libraryShare is the share of a library's use that makes one service its
// user: two thirds of the calls and references into it. Below that, a
// second service depends on it for a third or more, which is a real second
// user, not incidental reuse.
const libraryShare = 2.0 / 3

// calls1 reports whether unit a calls unit b. A library in the kernel may
// refer to a service's types and constants (they can move to a shared
// model), but a call into a service would make every service depend on it.
func (s *state) calls1(a, b int) bool {
	for _, e := range s.out[a] {
		if e == b {
			return true
		}
	}
	return false
}

// communityWords lists, per community, the domain words its ownership
// speaks: the route segments, RPC services, topics and commands of the
// entry points it handles, and the tables it writes.
func (s *state) communityWords(assign []int) map[int]map[string]bool {
	out := map[int]map[string]bool{}
	add := func(c int, ts []string) {
		if out[c] == nil {
			out[c] = map[string]bool{}
		}
		for _, t := range ts {
			out[c][t] = true
		}
	}
	for _, ep := range s.eps {
		i, ok := s.idx[ep.Handler]
		if !ok || assign[i] < 0 || !business(ep) {
			continue
		}
		add(assign[i], s.vocab.text(s.resourceWords(ep)))
		add(assign[i], s.vocab.fileTokens(s.units[i].File))
	}
	for i, u := range s.units {
		if assign[i] < 0 {
			continue
		}
		for _, t := range u.Tables {
			if t.Op == "write" {
				add(assign[i], s.vocab.text(t.Table))
			}
		}
	}
	return out
}

// named reports whether a group's file or package carries one of words.
func (s *state) named(members []int, words map[string]bool) bool {
	u := s.units[members[0]]
	for _, t := range s.vocab.fileTokens(u.File) {
		if words[t] {
			return true
		}
	}
	for _, t := range s.vocab.pathTokens(s.belowArea(u.Package)) {
		if words[t] {
			return true
		}
	}
	return false
}

// resourceWords is the text of an entry point's resource, for its words.
func (s *state) resourceWords(ep model.EntryPoint) string {
	r := s.resource(ep)
	if i := indexByte(r, ':'); i >= 0 {
		return r[i+1:]
	}
	return r
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// resource is an entry point's resource (see resource), with commands of a
// command group taken as the group: "pr list" and "pr merge" are both
// resource "pr" (groupCommands).
func (s *state) resource(ep model.EntryPoint) string {
	if g, ok := s.cmdGroup[ep.ID]; ok {
		return "cli:" + g
	}
	return resource(ep)
}

// groupCommands finds the command groups: the parent path of two or more
// leaf commands (gh's "pr list", "pr merge", "pr view"). A command is then
// an operation on its group's resource, as a route is on its first
// segment's; the last word, usually a verb (merge, edit, status), names no
// service. A parent with one command keeps the full path ("get identity"
// in a CLI that puts the verb first).
func (s *state) groupCommands() {
	parents := map[string]string{} // entry point → its command's parent path
	children := map[string]map[string]bool{}
	for _, ep := range s.eps {
		words := strings.Fields(ep.Trigger.Command)
		if ep.Kind != model.EntryCLI || len(words) < 2 {
			continue
		}
		parent := strings.Join(words[:len(words)-1], " ")
		parents[ep.ID] = parent
		if children[parent] == nil {
			children[parent] = map[string]bool{}
		}
		children[parent][words[len(words)-1]] = true
	}
	s.cmdGroup = map[string]string{}
	for id, parent := range parents {
		if len(children[parent]) >= 2 {
			s.cmdGroup[id] = parent
		}
	}
}

// utilitiesToUsers gives a utility package (put in the kernel before
// clustering: it imports only utilities, names no domain and writes no
// table) to the one service that uses it, as libraries does for the code
// the clustering placed: an importer or a parser that only one capability
// calls is that capability's code, not the kernel's (listmonk's
// subimporter is the subscriber import's). The user is the one service
// whose use cases reach the package and that makes libraryShare of its
// use. It stays in the kernel when several services use it or their
// requests reach it, when no use case does (a helper of the start-up)
// or when kernel code other than the wiring calls it: the kernel is a
// library every service links and cannot call into a service, while the
// program's wiring builds every service anyway (a reference is no call:
// a type in the kernel may name a service's types, as libraries allows).
// Rounds go down the import graph, since a utility only a moved one uses
// then follows it.
func (s *state) utilitiesToUsers(assign []int) {
	members := map[string][]int{}
	transport := map[string]bool{} // plumbing by its role, whoever uses it
	for i, u := range s.units {
		if s.utility[u.Package] && s.st[i] == stKernel && assign[i] < 0 && !s.pinned(u) {
			members[u.Package] = append(members[u.Package], i)
			if slices.ContainsFunc(u.Uses, transportPackage) {
				transport[u.Package] = true
			}
		}
	}
	for p := range transport {
		delete(members, p)
	}
	if len(members) == 0 {
		return
	}
	// Which services' use cases reach each utility: one service's calls
	// into a package that every service's requests run through (response
	// helpers, a cipher) do not make it that service's.
	reachedBy := map[string]map[int]bool{}
	for k, ep := range s.eps {
		h, ok := s.idx[ep.Handler]
		if !ok || !business(ep) || ep.Mount || assign[h] < 0 {
			continue
		}
		for _, i := range s.useCaseReach(k) {
			if p := s.units[i].Package; members[p] != nil {
				if reachedBy[p] == nil {
					reachedBy[p] = map[int]bool{}
				}
				reachedBy[p][assign[h]] = true
			}
		}
	}
	pkgs := sortedKeys(members)
	for moved := true; moved; {
		moved = false
		for _, p := range pkgs {
			ms := members[p]
			if assign[ms[0]] >= 0 {
				continue
			}
			uses, total, blocked := map[int]float64{}, 0.0, false
			for _, i := range ms {
				for _, e := range s.calls[i] {
					if s.units[e.to].Package == p || !s.uses(e.to, i) {
						continue
					}
					c := assign[e.to]
					switch {
					case c >= 0:
						uses[c] += e.w
						total += e.w
					case s.st[e.to] == stKernel && s.role[e.to] != model.RoleWiring && s.calls1(e.to, i):
						blocked = true // a reference is not (the god struct's field types)
					}
				}
			}
			if blocked || total == 0 || len(reachedBy[p]) != 1 {
				continue
			}
			best, bestW := -1, 0.0
			for _, c := range sortedInts(uses) {
				if uses[c] > bestW {
					best, bestW = c, uses[c]
				}
			}
			if bestW < libraryShare*total || !reachedBy[p][best] {
				continue
			}
			for _, i := range ms {
				assign[i] = best
				s.st[i], s.role[i] = stPending, ""
				s.why[i] = "a library its one user takes: " + p + " owns no use case and no table, and no other service uses it"
			}
			moved = true
		}
	}
}

// transportPackage reports whether an import path is a server transport's
// (gRPC, a router or web framework): a utility built on one is
// request/response plumbing (a status mapper, a codec, a UI's routes), the
// kernel's by its role even when one service's requests are all that use
// it today. net/http is not one: an SDK client uses it as much as a server
// does.
func transportPackage(path string) bool {
	for _, p := range transportPrefixes {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

var transportPrefixes = []string{
	"google.golang.org/grpc", "github.com/grpc-ecosystem/grpc-gateway", "connectrpc.com/connect", "github.com/twitchtv/twirp",
	"github.com/gin-gonic/gin", "github.com/labstack/echo", "github.com/go-chi/chi", "github.com/gorilla/mux",
	"github.com/gofiber/fiber", "github.com/julienschmidt/httprouter", "github.com/prometheus/common/route",
	"github.com/go-openapi/runtime", "github.com/emicklei/go-restful", "github.com/beego/beego", "github.com/kataras/iris",
}
