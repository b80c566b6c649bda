package lint

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/config"
	"github.com/splitter-go/splitter/model"
)

// Scaffold is a proposed splitter.yaml.
type Scaffold struct {
	Config *config.Config
	// FromServices is true when the services come from the model's proposed
	// decomposition, false when they are one per top-level directory.
	FromServices bool
	// Remaining are the violations the proposal still has (cycles between
	// services, shared tables, unattached code): what a first baseline holds.
	Remaining *Result
}

// sharedDirs are top-level directory names that scaffolding puts in the
// shared kernel rather than in a service of their own.
var sharedDirs = map[string]bool{
	"cmd": true, "platform": true, "shared": true, "common": true, "kernel": true, "lib": true, "libs": true,
	"util": true, "utils": true, "helpers": true, "infra": true, "infrastructure": true, "internal": true, "pkg": true,
}

// containerDirs hold one directory per module/service rather than being one.
var containerDirs = map[string]bool{"internal": true, "pkg": true, "modules": true, "services": true, "apps": true, "domains": true, "src": true}

// NewScaffold proposes a config for m. With the model's proposed services
// (m.Services), each service gets the packages that are wholly its own and
// the units of the packages it shares, the shared kernel goes to shared:,
// and dependsOn starts from Service.DependsOn. Without them, it proposes
// one service per top-level directory (looking inside internal/, pkg/ and
// the like), with cmd/, platform/ and similar directories as the shared
// kernel: a starting point to edit.
//
// In both cases api and dependsOn are then completed with every use the
// code makes today (at the level the model has: with call edges, calls
// count), so that lint passes on the scaffold except for what no
// declaration can fix: cycles, shared tables and unattached code
// (Scaffold.Remaining). When the model has proposed functions (suggest.Suggest
// ran), those deployed as functions are declared in functions:, and the
// readiness findings they have today are part of Scaffold.Remaining.
func NewScaffold(m *model.Model) (*Scaffold, error) {
	cfg := &config.Config{Path: "splitter.yaml", Services: map[string]*config.Service{}}
	rel := newRelativizer(m)
	sc := &Scaffold{Config: cfg, FromServices: len(m.Services) > 0}
	if sc.FromServices {
		fromServices(cfg, m, rel)
	} else {
		byDirectory(cfg, m, rel)
	}
	for _, s := range cfg.Services {
		s.HasAPI = true
	}
	// Complete api and dependsOn with today's uses.
	first, err := Run(m, cfg, Options{})
	if err != nil {
		return nil, err
	}
	api := map[string]map[string]bool{}
	deps := map[string]map[string]bool{}
	addTo := func(m map[string]map[string]bool, k, v string) {
		if m[k] == nil {
			m[k] = map[string]bool{}
		}
		m[k][v] = true
	}
	for _, s := range m.Services {
		for _, d := range s.DependsOn {
			if _, ok := cfg.Services[d.Service]; ok && d.Service != s.Name && s.Name != model.SharedService {
				addTo(deps, s.Name, d.Service)
			}
		}
		for _, u := range s.API {
			if _, ok := cfg.Services[s.Name]; ok {
				addTo(api, s.Name, rel.unit(u))
			}
		}
	}
	for _, v := range first.Violations {
		switch v.Rule {
		case NonAPIUse, NonAPICall:
			if v.hint.fromPkg != "" {
				addTo(api, v.ToService, rel.pkg(v.To)) // import level: the package
			} else {
				addTo(api, v.ToService, rel.unit(v.To))
			}
		case UndeclaredDependency, UndeclaredCall:
			addTo(deps, v.FromService, v.ToService)
		}
	}
	for name, s := range cfg.Services {
		s.API = sortedSet(api[name])
		s.DependsOn = sortedSet(deps[name])
	}
	cfg.Functions = scaffoldFunctions(m)
	sc.Remaining, err = Run(m, cfg, Options{})
	if err != nil {
		return nil, err
	}
	return sc, nil
}

// scaffoldFunctions declares the model's proposed serverless functions
// (m.Functions deployed as functions, as suggest.Suggest fills them) with
// their entry points, so that lint checks their readiness.
func scaffoldFunctions(m *model.Model) map[string]*config.Function {
	var out map[string]*config.Function
	for _, f := range m.Functions {
		if f.Deploy != model.DeployFunction || len(f.EntryPoints) == 0 {
			continue
		}
		if out == nil {
			out = map[string]*config.Function{}
		}
		out[f.Name] = &config.Function{Name: f.Name, EntryPoints: append([]string(nil), f.EntryPoints...)}
	}
	return out
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// relativizer writes package paths and unit ids relative to their module,
// which is how people read them and what config patterns accept.
type relativizer struct {
	modules []string
}

func newRelativizer(m *model.Model) *relativizer {
	r := &relativizer{}
	for _, md := range m.Modules {
		r.modules = append(r.modules, md.Path)
	}
	if len(r.modules) == 0 && m.Module != "" {
		r.modules = []string{m.Module}
	}
	sort.Slice(r.modules, func(i, j int) bool { return len(r.modules[i]) > len(r.modules[j]) })
	return r
}

func (r *relativizer) pkg(p string) string {
	for _, m := range r.modules {
		if strings.HasPrefix(p, m+"/") {
			return p[len(m)+1:]
		}
	}
	return p
}

func (r *relativizer) unit(id string) string {
	for _, m := range r.modules {
		if strings.HasPrefix(id, m+"/") {
			return id[len(m)+1:]
		}
	}
	return id // a unit of a module's root package keeps its full id
}

func fromServices(cfg *config.Config, m *model.Model, rel *relativizer) {
	owner := map[string]string{}
	for _, s := range m.Services {
		for _, u := range s.Units {
			owner[u] = s.Name
		}
	}
	// methods lists each type's methods: "pkg.T" -> ids.
	methods := map[string][]string{}
	for i := range m.Units {
		u := &m.Units[i]
		if u.Kind == model.KindMethod {
			t := u.Package + "." + u.Recv
			methods[t] = append(methods[t], u.ID)
		}
	}
	for _, s := range m.Services {
		whole := map[string]bool{}
		var pkgs, units []string
		for _, p := range s.Packages {
			whole[p] = true
			pkgs = append(pkgs, rel.pkg(p))
		}
		// A type whose methods all go with it is written T and T.*, so that
		// the methods added later follow their type.
		folded := map[string]bool{}
		for _, u := range s.Units {
			ms := methods[u]
			if whole[unitPackage(m, u)] || len(ms) < 2 {
				continue
			}
			all := true
			for _, id := range ms {
				if owner[id] != s.Name {
					all = false
					break
				}
			}
			if all {
				for _, id := range ms {
					folded[id] = true
				}
				units = append(units, rel.unit(u)+".*")
			}
		}
		for _, u := range s.Units {
			if !whole[unitPackage(m, u)] && !folded[u] {
				units = append(units, rel.unit(u))
			}
		}
		sort.Strings(pkgs)
		sort.Strings(units)
		if s.Name == model.SharedService {
			cfg.Shared = append(append(cfg.Shared, pkgs...), units...)
			continue
		}
		if len(pkgs) == 0 && len(units) == 0 {
			continue
		}
		cfg.Services[serviceName(s.Name)] = &config.Service{Name: serviceName(s.Name), Packages: pkgs, Units: units,
			Tables: append([]string(nil), s.Tables...)}
	}
	// Code the decomposition left out (tests, examples, tools, an unused
	// SDK) is no service's: lint leaves it out too.
	for _, p := range m.Packages {
		if p.Role.LeftOut() {
			cfg.Exclude = append(cfg.Exclude, rel.pkg(p.Path))
		}
	}
	sort.Strings(cfg.Exclude)
}

func unitPackage(m *model.Model, id string) string {
	i := sort.Search(len(m.Units), func(i int) bool { return m.Units[i].ID >= id })
	if i < len(m.Units) && m.Units[i].ID == id {
		return m.Units[i].Package
	}
	return ""
}

var nameChars = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

func serviceName(s string) string {
	s = nameChars.ReplaceAllString(s, "-")
	s = strings.Trim(s, "-_.")
	if s == "" || s == model.SharedService {
		s = "service-" + s
	}
	return s
}

// DirectoryCut returns the service `init --no-services` would give each of
// m's packages (by path): one per top-level directory, with model.SharedService
// for the directories it puts in the shared kernel. The quality benchmark
// scores it as a trivial decomposition.
func DirectoryCut(m *model.Model) map[string]string {
	cfg := &config.Config{Services: map[string]*config.Service{}}
	rel := newRelativizer(m)
	byDirectory(cfg, m, rel)
	out := map[string]string{}
	for _, p := range m.Packages {
		rp := rel.pkg(p.Path)
		relPath := rp
		if rp == p.Path {
			relPath = ""
		}
		for _, pat := range cfg.Shared {
			if config.MatchPackage(pat, p.Path, relPath) {
				out[p.Path] = model.SharedService
			}
		}
		for _, name := range cfg.ServiceNames() {
			for _, pat := range cfg.Services[name].Packages {
				if _, done := out[p.Path]; !done && config.MatchPackage(pat, p.Path, relPath) {
					out[p.Path] = name
				}
			}
		}
	}
	return out
}

// byDirectory proposes one service per top-level directory.
func byDirectory(cfg *config.Config, m *model.Model, rel *relativizer) {
	groups := map[string]bool{} // directory key -> shared?
	for _, p := range m.Packages {
		key, shared := dirKey(rel.pkg(p.Path), p.Path == rel.pkg(p.Path))
		if key == "" {
			continue
		}
		groups[key] = shared
	}
	keys := sortedSet(groups)
	used := map[string]string{}
	for _, k := range keys {
		glob := k + "/..."
		if k == "." {
			glob = "."
		}
		if groups[k] {
			cfg.Shared = append(cfg.Shared, glob)
			continue
		}
		name := serviceName(path.Base(k))
		if prev, ok := used[name]; ok && prev != k {
			name = serviceName(strings.ReplaceAll(k, "/", "-"))
		}
		used[name] = k
		cfg.Services[name] = &config.Service{Name: name, Packages: []string{glob}}
	}
}

// dirKey returns the directory that names rp's service ("billing" for
// internal/billing/app) and whether it is shared kernel.
func dirKey(rp string, root bool) (string, bool) {
	if root {
		return ".", true // the module's root package: wiring
	}
	parts := strings.Split(rp, "/")
	if containerDirs[parts[0]] && len(parts) > 1 {
		if sharedDirs[parts[1]] {
			return parts[0] + "/" + parts[1], true
		}
		return parts[0] + "/" + parts[1], false
	}
	return parts[0], sharedDirs[parts[0]]
}

// Describe says where a scaffold's services come from, for people.
func (sc *Scaffold) Describe() string {
	n := len(sc.Config.Services)
	if sc.FromServices {
		return fmt.Sprintf("%d services from splitter's proposed decomposition", n)
	}
	return fmt.Sprintf("%d services, one per top-level directory (a starting point to edit)", n)
}
