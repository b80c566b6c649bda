package lint

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/splitter-go/splitter/config"
)

// Severity of a violation: error fails the run, warning is shown only.
type Severity string

const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Level says what evidence a rule needs, and so what the analysis costs.
type Level string

const (
	// LevelImport rules need package imports and type references only: the
	// analysis runs without SSA.
	LevelImport Level = "import"
	// LevelCall rules need the call graph (SSA).
	LevelCall Level = "call"
	// LevelModel rules read the model only (tables, attachment).
	LevelModel Level = "model"
)

// Rule describes one rule. Ids never change meaning; a retired rule's id is
// not reused. SPL001–SPL099 are the boundary rules of this package;
// SPL100–SPL199 are reserved for the serverless readiness rules (see Check).
type Rule struct {
	ID   string
	Name string
	// Default is the severity when splitter.yaml does not set one.
	Default Severity
	Level   Level
	// Short is a one-line description; Help explains the rule and how to
	// fix a violation, with an example (Markdown).
	Short, Help string
}

// The boundary rules.
const (
	NonAPIUse            = "SPL001"
	UndeclaredDependency = "SPL002"
	ServiceCycle         = "SPL003"
	Unattached           = "SPL004"
	SharedTable          = "SPL005"
	NonAPICall           = "SPL006"
	UndeclaredCall       = "SPL007"
)

var builtin = []Rule{
	{ID: NonAPIUse, Name: "non-api-use", Default: Error, Level: LevelImport,
		Short: "A service uses a unit of another service that is not in that service's API",
		Help: `A unit of service A refers to a unit of service B (a type in a field or signature, a constant, a package-level variable, a function or method used as a value, an embedded type), or imports a package of B that holds none of B's API, and that unit is not part of B's API. Once B is extracted, only its API will be reachable.

Example: with ` + "`payments: {api: [payments.Charge]}`" + `, a field ` + "`ledger *payments.Ledger`" + ` in orders is reported.

Fix: go through B's API, or, if the unit is meant to be used by others, add it (or its package) to ` + "`services.B.api`" + `. Without an api key, a service's API is its exported units.`},
	{ID: UndeclaredDependency, Name: "undeclared-dependency", Default: Error, Level: LevelImport,
		Short: "A service uses another service that is not in its dependsOn",
		Help: `A unit of service A refers to a unit of service B (or a package wholly in A imports a package wholly in B), and B is not listed in ` + "`services.A.dependsOn`" + `.

Example: with ` + "`orders: {dependsOn: [payments]}`" + `, a variable of type ` + "`shipping.Rate`" + ` in orders is reported.

Fix: remove the dependency, or declare it: ` + "`dependsOn: [payments, shipping]`" + `.`},
	{ID: ServiceCycle, Name: "service-cycle", Default: Error, Level: LevelImport,
		Short: "Services depend on each other in a cycle",
		Help: `The services' actual dependencies (references, imports, and calls when the call graph is built) form a cycle: A uses B, which uses A (possibly through others). Services in a cycle cannot be deployed or changed independently. Reported once per cycle (strongly connected set of services), at one use on it.

Example: orders calls payments.Charge and payments calls orders.Lookup.

Fix: break one edge: publish an event instead of calling back, move the shared piece to the shared kernel, let the caller own an interface, or merge the services.`},
	{ID: Unattached, Name: "unattached", Default: Warning, Level: LevelModel,
		Short: "A package or unit belongs to no service and is not in the shared kernel",
		Help: `A package (or, in a package split between services, a unit) matches no service's packages or units and no shared entry. New code in an unattached place escapes every boundary rule.

Example: a new package ` + "`internal/reports`" + ` that no ` + "`packages:`" + ` glob covers.

Fix: add it to a service's ` + "`packages`" + ` (or ` + "`units`" + `), or to ` + "`shared`" + `.`},
	{ID: SharedTable, Name: "shared-table", Default: Warning, Level: LevelModel,
		Short: "A database table is touched by more than one service",
		Help: `The SQL of units of two or more services reads or writes the same table (tables come from the analysis: SQL in constant strings given to database/sql, sqlx, pgx; GORM models; sqlc). A table shared between services couples their schemas and deployments. When a service declares the table in ` + "`tables:`" + `, every other service that touches it is reported.

Example: orders writes table orders and payments runs ` + "`UPDATE orders SET paid = true`" + `.

Fix: let the owner expose what the others need through its API, or declare the owner with ` + "`services.X.tables`" + ` and move the other accesses behind it.`},
	{ID: NonAPICall, Name: "non-api-call", Default: Error, Level: LevelCall,
		Short: "A service calls a unit of another service that is not in that service's API",
		Help: `Like SPL001, at the call level: a unit of service A calls a function or method of service B that is not in B's API. Calls come from the call graph (` + "`--callgraph`" + `, VTA by default), so calls through interfaces and function values count. This rule and SPL007 are what make lint build SSA; turn both off (or pass ` + "`--callgraph none`" + `) for the import-level checks only.

Example: orders calls ` + "`payments.Refund`" + ` while payments' api is ` + "`[payments.Charge]`" + `.

Fix: call B's API instead, or add the callee to ` + "`services.B.api`" + `.`},
	{ID: UndeclaredCall, Name: "undeclared-call", Default: Error, Level: LevelCall,
		Short: "A service calls another service that is not in its dependsOn",
		Help: `Like SPL002, at the call level: a unit of service A calls a unit of service B (directly, through an interface or a function value) and B is not in ` + "`services.A.dependsOn`" + `.

Example: orders calls ` + "`shipping.Quote`" + ` without ` + "`dependsOn: [shipping]`" + `.

Fix: remove the call, or declare the dependency.`},
}

// Check is a set of extra rules run after the boundary rules: the hook for
// the serverless readiness rules (ids SPL100 to SPL199, reserved), which
// this package registers from the suggest package (readiness.go) and runs
// on the units reachable from the functions declared in splitter.yaml.
type Check struct {
	Rules []Rule
	// Enabled, when set, says whether the check applies to a config at all:
	// when it returns false, its rules are not enabled (they neither run nor
	// make lint build a call graph), though rules: may still name them.
	Enabled func(cfg *config.Config) bool
	// Run returns the check's violations; Violation.Rule must be one of
	// Rules. Lint handles the baseline and the output; a violation's
	// Severity, when set, is kept unless rules: sets the rule's severity,
	// else the rule's severity applies.
	Run func(in *Input) []Violation
}

var (
	registryMu sync.Mutex
	extra      []Check
)

// Register adds a Check. It panics on a rule id outside SPL100–SPL199 or
// already registered: that is a programming error.
func Register(c Check) {
	registryMu.Lock()
	defer registryMu.Unlock()
	seen := map[string]bool{}
	for _, r := range rulesLocked() {
		seen[r.ID] = true
	}
	for _, r := range c.Rules {
		if !strings.HasPrefix(r.ID, "SPL1") || len(r.ID) != 6 || seen[r.ID] {
			panic(fmt.Sprintf("lint.Register: rule id %q is not a free id in SPL100-SPL199", r.ID))
		}
		seen[r.ID] = true
	}
	extra = append(extra, c)
}

// disabled returns the ids of the rules of the checks that do not apply
// to cfg.
func disabled(cfg *config.Config) map[string]bool {
	out := map[string]bool{}
	for _, c := range checks() {
		if c.Enabled != nil && !c.Enabled(cfg) {
			for _, r := range c.Rules {
				out[r.ID] = true
			}
		}
	}
	return out
}

func checks() []Check {
	registryMu.Lock()
	defer registryMu.Unlock()
	return append([]Check(nil), extra...)
}

// Rules returns every known rule, sorted by id.
func Rules() []Rule {
	registryMu.Lock()
	defer registryMu.Unlock()
	return rulesLocked()
}

func rulesLocked() []Rule {
	out := append([]Rule(nil), builtin...)
	for _, c := range extra {
		out = append(out, c.Rules...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// ruleByKey finds a rule by id or name.
func ruleByKey(rules []Rule, key string) (Rule, bool) {
	for _, r := range rules {
		if r.ID == key || r.Name == key {
			return r, true
		}
	}
	return Rule{}, false
}
