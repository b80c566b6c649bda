package analyzer

import (
	"errors"
	"go/types"
	"sort"
	"strings"
	"sync"

	"golang.org/x/tools/go/packages"
)

// detectors is the compiled set of routers and consumers one analysis
// uses: the built-in tables plus the ones declared in splitter.yaml.
type detectors struct {
	routers   map[string]*routerSpec   // package.Type
	byPackage map[string][]*routerSpec // package → its routers, sorted by type
	consumers map[string]*consumerSpec // fnKey
	declared  map[string]bool          // packages of declared routers and consumers

	mu        sync.Mutex
	wrappers  map[*types.Func]*wrapperSpec     // nil: not a wrapper
	cwrappers map[*types.Func]*consumerWrapper // nil: not a consumer helper

	units      *unitTable // the module's units, for the wrappers of its types
	wrapTypes  sync.Map   // *types.Named → *routerSpec of its wrapper methods (nil: none)
	closureFns sync.Map   // *types.Func → closureGroup
	typeJoins  sync.Map   // *types.Named → its closure group's joinRule, -1: none
	concrete   sync.Map   // interface method of the module → its wrapper router implementation
	rtOnce     sync.Once
	rtypes     []*types.Named // the module's wrapper router types
	swagger    swaggerTable   // go-swagger's generated routing tables
	// In a partial run, the last run's wrapper findings about the
	// functions of packages it did not load, by unit ID (partial.go).
	lastWrappers  map[string]wrapperRec
	lastCWrappers map[string]cwrapperRec
	// lastRouterTypes gives the unchanged packages' router types in a
	// partial run; rtDone says routerTypes ran.
	lastRouterTypes func() ([]*types.Named, error)
	rtDone          bool
	// grpcNames: the gRPC service name found for each registration
	// function (unit ID → name); lastGRPCNames, in a partial run, the last
	// run's for the packages it did not load.
	grpcNames     sync.Map
	lastGRPCNames map[string]string
}

// newDetectors compiles the built-in tables and the declared ones; a bad
// declaration is an error naming it.
func newDetectors(routers []RouterDecl, consumers []ConsumerDecl) (*detectors, error) {
	d := &detectors{routers: map[string]*routerSpec{}, consumers: map[string]*consumerSpec{},
		declared: map[string]bool{}, wrappers: map[*types.Func]*wrapperSpec{},
		cwrappers: map[*types.Func]*consumerWrapper{}}
	var errs []error
	for i, r := range append(append([]RouterDecl(nil), builtinRouters...), routers...) {
		rs, err := compileRouter(r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if i >= len(builtinRouters) {
			d.declared[stripMajor(r.Package)] = true
			if old := d.routers[rs.key]; old != nil {
				// A declaration extends (and overrides) a built-in router.
				for k, v := range old.methods {
					if rs.methods[k] == nil {
						rs.methods[k] = v
					}
				}
			}
		} else if old := d.routers[rs.key]; old != nil {
			for k, v := range rs.methods {
				old.methods[k] = v
			}
			continue
		}
		d.routers[rs.key] = rs
	}
	d.byPackage = map[string][]*routerSpec{}
	for _, k := range sortedKeys(d.routers) {
		rs := d.routers[k]
		p := k[:strings.LastIndex(k, ".")]
		d.byPackage[p] = append(d.byPackage[p], rs)
	}
	for i, c := range append(append([]ConsumerDecl(nil), builtinConsumers...), consumers...) {
		keys, cs, err := compileConsumer(c)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if i >= len(builtinConsumers) {
			d.declared[stripMajor(c.Package)] = true
		}
		for _, k := range keys {
			d.consumers[k] = cs
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return d, nil
}

// family is a framework the diagnostics look for: when a package imports
// one of its packages but no entry point of it is found in the module,
// splitter says so.
type family struct {
	name       string
	frameworks []string // EntryPoint.Framework values it produces
	pkgs       []string // import paths (major versions stripped), prefixes
}

// families lists the frameworks the detectors know, for the diagnostics.
var families []family

// importedFrameworks lists the families whose packages p imports.
func (d *detectors) importedFrameworks(p *packages.Package) map[string]bool {
	var out map[string]bool
	for imp := range p.Imports {
		s := stripMajor(imp)
		for _, fam := range families {
			for _, fp := range fam.pkgs {
				if s == fp || strings.HasPrefix(s, fp+"/") {
					if out == nil {
						out = map[string]bool{}
					}
					out[fam.name] = true
				}
			}
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
