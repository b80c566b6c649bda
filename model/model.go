// Package model defines splitter's data model: the units of a Go module
// (package-level declarations), the edges between them, its entry points and
// the diagnostics met while loading it. The model is the stable contract
// between the analyzer, the clusterer, the report and the lint gate, and it is
// what `splitter analyze --format json` prints (schema "splitter/v1").
//
// Every slice in a Model is kept sorted (see Normalize) so that the same input
// always encodes to the same bytes.
package model

import (
	"encoding/json"
	"io"
	"sort"
)

// Schema identifies the JSON contract. It changes only on breaking changes.
const Schema = "splitter/v1"

// Model is the analysis of one Go module (or of every module of a go.work
// workspace).
type Model struct {
	Schema string `json:"schema"`
	// Module is the main module's path; for a workspace, the first module's.
	Module string `json:"module"`
	// Modules lists every module analysed, relative to Root ("." for the main one).
	Modules []Module `json:"modules,omitempty"`
	// CallGraph names the algorithm that produced the call edges.
	CallGraph   string       `json:"callgraph"`
	Packages    []Package    `json:"packages"`
	Units       []Unit       `json:"units"`
	Edges       []Edge       `json:"edges"`
	EntryPoints []EntryPoint `json:"entrypoints"`
	// Services, Moves and Metrics describe the proposed decomposition; they
	// are absent until it is computed.
	Services    []Service    `json:"services,omitempty"`
	Moves       []Move       `json:"moves,omitempty"`
	Metrics     *Metrics     `json:"metrics,omitempty"`
	Functions   []Function   `json:"functions,omitempty"`
	Findings    []Finding    `json:"findings,omitempty"`
	Profile     *Profile     `json:"profile,omitempty"` // the runtime profiles weighing call edges (--profile)
	Diagnostics []Diagnostic `json:"diagnostics"`

	// Partial is true when packages of the module were skipped because they
	// do not load or type-check: the model describes the rest only.
	Partial bool `json:"partial,omitempty"`
	// Skipped lists those packages and why, sorted by package.
	Skipped []SkippedPackage `json:"skipped,omitempty"`
}

// SkippedPackage is a package of the module left out of the model: its first
// error, or the dependency that failed (then it has no error of its own).
type SkippedPackage struct {
	Package string `json:"package"`
	// File (relative to the model's root), Line and Column locate the first
	// error; empty when the package failed through a dependency or the go
	// command gave no position.
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	// Dependency is the imported package that does not type-check, when
	// that is why this one could not be checked.
	Dependency string `json:"dependency,omitempty"`
	// Name is the package's name and Imports the module's packages it
	// imports, as the go command lists them even when the package does not
	// type-check: a skipped program still reaches what it imports, which
	// is then not taken for unused code.
	Name    string   `json:"name,omitempty"`
	Imports []string `json:"imports,omitempty"`
}

// Module is one Go module of the analysed tree.
type Module struct {
	Path string `json:"path"`
	Dir  string `json:"dir"`
}

// Package is one module-internal Go package.
type Package struct {
	Path string `json:"path"`
	Name string `json:"name"`
	Dir  string `json:"dir"`
	// Units is the number of units declared in the package.
	Units int `json:"units"`
	LOC   int `json:"loc"`
	// Imports lists the module-internal packages this one imports.
	Imports []string `json:"imports,omitempty"`
	// Generated is true when every file of the package is generated.
	Generated bool   `json:"generated,omitempty"`
	Service   string `json:"service,omitempty"`
	// Role is what the decomposition found the package to be, when it is
	// not plainly a service's own code: one of the Role constants.
	Role Role `json:"role,omitempty"`
}

// Role is what a package is to the decomposition.
type Role string

const (
	// Roles of code that is left out of the services (Unit.Service is
	// empty): it is not part of the application.
	RoleTest    Role = "test"    // test helpers, mocks and fakes no application package imports
	RoleExample Role = "example" // example and demo programs and what only they import
	RoleTool    Role = "tool"    // build tools, code generators and what only they import
	RoleUnused  Role = "unused"  // imported by no program of the module: an SDK for its clients, dead code

	// Roles of code in the shared kernel.
	RoleWiring   Role = "wiring"   // program wiring: main packages, route set-up, the registry that builds every dependency
	RolePlumbing Role = "plumbing" // generic infrastructure every service uses: HTTP helpers, config, logging, templates, the database handle
	RoleLibrary  Role = "library"  // a library (parser, SDK client, sanitizer) used by several services

	// RoleSchema: migrations and schema set-up, which touch every table and
	// own none.
	RoleSchema Role = "schema"
)

// LeftOut reports whether code of this role is outside the services.
func (r Role) LeftOut() bool {
	return r == RoleTest || r == RoleExample || r == RoleTool || r == RoleUnused
}

// UnitKind is the kind of a package-level declaration.
type UnitKind string

const (
	KindFunc   UnitKind = "func"
	KindMethod UnitKind = "method"
	KindType   UnitKind = "type"
	KindVar    UnitKind = "var"
	KindConst  UnitKind = "const"
)

// Unit is one package-level declaration: a func, a method, a named type, or
// a var or const declaration (a parenthesised block is one unit, named after
// its first name).
type Unit struct {
	// ID is importpath.Name, or importpath.Type.Method for methods. A package
	// with several init funcs numbers them: pkg.init, pkg.init#2, ...
	ID      string   `json:"id"`
	Package string   `json:"package"`
	Name    string   `json:"name"`
	Kind    UnitKind `json:"kind"`
	// Recv is the receiver's type name, for methods.
	Recv string `json:"recv,omitempty"`
	// File is relative to the model's root; Line is 1-based; EndLine the last line.
	File    string `json:"file"`
	Line    int    `json:"line"`
	EndLine int    `json:"endLine"`
	// LOC counts the declaration's non-blank, non-comment lines.
	LOC       int  `json:"loc"`
	Exported  bool `json:"exported"`
	Generated bool `json:"generated"`
	// Uses lists the packages outside the analysed modules that the unit
	// uses (standard library and third-party), e.g. "database/sql".
	Uses []string `json:"uses,omitempty"`
	// Tables lists the database tables the unit reads or writes.
	Tables  []TableUse `json:"tables,omitempty"`
	Facts   []Fact     `json:"facts,omitempty"`
	Service string     `json:"service,omitempty"`
	// Why explains the unit's service: its strongest pulls, strongest first.
	Why []Reason `json:"why,omitempty"`
}

// TableUse is a database table that a unit touches.
type TableUse struct {
	// Table is the name as the SQL or the ORM names it, schema-qualified
	// when it is ("billing.invoices"); unquoted SQL names are lower-cased.
	Table string `json:"table"`
	// Op is "read", "write" (INSERT, UPDATE, DELETE, UPSERT, MERGE and the
	// ORMs' create, update and delete calls, by application code) or
	// "schema": DDL (CREATE/ALTER/DROP/TRUNCATE TABLE, CREATE INDEX...),
	// reads of system catalogs, and every use by migration code (code that
	// runs DDL or an ORM's schema calls, calls a migration framework, or is
	// registered as a migration). A schema use says nothing about who owns
	// the table.
	Op string `json:"op"`
	// Via says how the use was found: "database/sql", "sqlx", "pgx",
	// "sqlc" (generated query code), "gorm" (gorm.io/gorm or
	// github.com/jinzhu/gorm), "xorm", "pop", "bun", "ent", or "const" for a
	// const whose value is a SQL statement.
	Via string `json:"via"`
}

// EdgeKind is the kind of a dependency between two units.
type EdgeKind string

const (
	// EdgeCall: From calls To (from the SSA call graph); weight = call sites.
	EdgeCall EdgeKind = "call"
	// EdgeRef: From uses To without calling it: a type in a signature, field,
	// composite literal or conversion; a func or method used as a value; a const.
	EdgeRef EdgeKind = "ref"
	// EdgeEmbed: the type From embeds the type To.
	EdgeEmbed EdgeKind = "embed"
	// EdgeMethod: the method From belongs to the type To.
	EdgeMethod EdgeKind = "method"
	// EdgeGlobalRead / EdgeGlobalWrite: From reads or writes the package-level var To.
	EdgeGlobalRead  EdgeKind = "global-read"
	EdgeGlobalWrite EdgeKind = "global-write"
)

// Edge is a weighted, directed dependency between two units.
type Edge struct {
	From   string   `json:"from"`
	To     string   `json:"to"`
	Kind   EdgeKind `json:"kind"`
	Weight int      `json:"weight"`
	// Loop counts the call sites of a call edge that sit in a loop (a for
	// or range body, condition or post statement, range-over-func bodies
	// included): a remote call there is made once per iteration (N+1).
	Loop int `json:"loop,omitempty"`
	// Samples is the profile value observed on a call edge: the samples
	// whose stacks hold this call (see Profile).
	Samples int64 `json:"samples,omitempty"`
}

// EntryKind is the kind of an entry point.
type EntryKind string

const (
	EntryMain     EntryKind = "main"
	EntryInit     EntryKind = "init"
	EntryHTTP     EntryKind = "http"
	EntryGRPC     EntryKind = "grpc"
	EntryCLI      EntryKind = "cli"
	EntryCron     EntryKind = "cron"
	EntryConsumer EntryKind = "consumer"
	// EntryGraphQL is a GraphQL resolver method (gqlgen): trigger Service is
	// the object type (Query, Mutation, Subscription), RPC the field.
	EntryGraphQL EntryKind = "graphql"
	// EntryFunction is code that is already a serverless function (AWS
	// Lambda's lambda.Start, a Cloud Functions registration): trigger
	// Command is its name.
	EntryFunction EntryKind = "function"
	// EntryWorker is a background worker a program starts and leaves
	// running (`go disp.Run()` in package main): trigger Command is the
	// worker's function, as package.Type.Method.
	EntryWorker EntryKind = "worker"
	// EntryDeclared is an entry point declared in the config file.
	EntryDeclared EntryKind = "declared"
)

// Trigger says what starts an entry point. Only the fields of its kind are set.
type Trigger struct {
	Method   string `json:"method,omitempty"`   // http: GET, POST, ... ("" = any)
	Path     string `json:"path,omitempty"`     // http: /v1/users/{id}
	Service  string `json:"service,omitempty"`  // grpc: package.Service; graphql: the object type
	RPC      string `json:"rpc,omitempty"`      // grpc: method name; graphql: the field
	Command  string `json:"command,omitempty"`  // cli: command path ("identity get"); function: its name
	Schedule string `json:"schedule,omitempty"` // cron: spec
	Topic    string `json:"topic,omitempty"`    // consumer: subject/topic/queue
	Broker   string `json:"broker,omitempty"`   // consumer: nats, kafka, amqp, pubsub, sqs, asynq, river, temporal, ...
}

// EntryPoint is a way into the program: a route, an RPC, a command, a job.
type EntryPoint struct {
	ID   string    `json:"id"`
	Kind EntryKind `json:"kind"`
	// Framework names the library that registers it: net/http, gin, grpc, ...
	Framework string  `json:"framework,omitempty"`
	Trigger   Trigger `json:"trigger"`
	// Handler is the unit that handles it. For a func literal handler it is
	// the unit the literal calls when it only forwards, else the enclosing
	// unit (where the literal's code is).
	Handler string `json:"handler"`
	// Function is the handling function as written: pkg.Func, pkg.Type.Method,
	// or pkg.Func$1 for the first func literal in pkg.Func.
	Function string `json:"function"`
	// Targets are the units the handler invokes directly; for a named handler
	// it is just the handler, for a func literal the units its body calls
	// (never the enclosing function). Reachability for use cases starts here.
	Targets []string `json:"targets"`
	// File and Line locate the registration (or the declaration for main/init).
	File string `json:"file"`
	Line int    `json:"line"`
	// Mount is true when the registration mounts a handler under a prefix
	// (a sub-router, StripPrefix, a catch-all) and routes are detected
	// inside it: those routes are the use cases, not the mount.
	Mount bool `json:"mount,omitempty"`
	// Cost is what the proposed cut costs this entry point per request;
	// absent until services are computed, and for main, init and mounts.
	Cost *EntryCost `json:"cost,omitempty"`
}

// TriggerText renders the trigger for people: "GET /v1/orders",
// "shop.v1.Orders/Place", "migrate", "@every 1h", "nats orders.created".
func (ep EntryPoint) TriggerText() string {
	t := ep.Trigger
	switch ep.Kind {
	case EntryHTTP:
		m := t.Method
		if m == "" {
			m = "ANY"
		}
		return m + " " + t.Path
	case EntryGRPC:
		return t.Service + "/" + t.RPC
	case EntryGraphQL:
		return t.Service + "." + t.RPC
	case EntryCLI, EntryMain, EntryDeclared, EntryFunction, EntryWorker:
		return t.Command
	case EntryCron:
		return t.Schedule
	case EntryConsumer:
		return t.Broker + " " + t.Topic
	}
	return "" // init: nothing triggers it but the program's start
}

// Severity of a diagnostic.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	SevInfo    Severity = "info"
)

// Diagnostic is a problem met while analysing, e.g. a package that did not
// type-check and was skipped.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Package  string   `json:"package,omitempty"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Column   int      `json:"column,omitempty"`
	Message  string   `json:"message"`
}

// Normalize sorts every slice of the model into its canonical order and
// drops duplicate diagnostics, so that encoding is deterministic.
func (m *Model) Normalize() {
	sort.Slice(m.Modules, func(i, j int) bool { return m.Modules[i].Dir < m.Modules[j].Dir })
	sort.Slice(m.Packages, func(i, j int) bool { return m.Packages[i].Path < m.Packages[j].Path })
	for i := range m.Packages {
		sort.Strings(m.Packages[i].Imports)
	}
	sort.Slice(m.Units, func(i, j int) bool { return m.Units[i].ID < m.Units[j].ID })
	for i := range m.Units {
		sort.Strings(m.Units[i].Uses)
		ts := m.Units[i].Tables
		sort.Slice(ts, func(i, j int) bool {
			if ts[i].Table != ts[j].Table {
				return ts[i].Table < ts[j].Table
			}
			if ts[i].Op != ts[j].Op {
				return ts[i].Op < ts[j].Op
			}
			return ts[i].Via < ts[j].Via
		})
	}
	sort.Slice(m.Edges, func(i, j int) bool {
		a, b := m.Edges[i], m.Edges[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Kind < b.Kind
	})
	sort.Slice(m.EntryPoints, func(i, j int) bool {
		a, b := m.EntryPoints[i], m.EntryPoints[j]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	for i := range m.EntryPoints {
		sort.Strings(m.EntryPoints[i].Targets)
	}
	sort.Slice(m.Diagnostics, func(i, j int) bool {
		a, b := m.Diagnostics[i], m.Diagnostics[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Package != b.Package {
			return a.Package < b.Package
		}
		return a.Message < b.Message
	})
	m.Diagnostics = dedupDiagnostics(m.Diagnostics)
	sort.Slice(m.Skipped, func(i, j int) bool { return m.Skipped[i].Package < m.Skipped[j].Package })
	sort.Slice(m.Services, func(i, j int) bool { return m.Services[i].Name < m.Services[j].Name })
	for i := range m.Services {
		s := &m.Services[i]
		for _, l := range [][]string{s.Units, s.Packages, s.Split, s.EntryPoints, s.Tables, s.SharedTables, s.API} {
			sort.Strings(l)
		}
		for _, l := range [][]ServiceLink{s.DependsOn, s.UsedBy} {
			sort.Slice(l, func(a, b int) bool { return l[a].Service < l[b].Service })
		}
	}
	sort.Slice(m.Moves, func(i, j int) bool { return m.Moves[i].Unit < m.Moves[j].Unit })
	normalizeServerless(m)
	normalizeCost(m)
	if m.Packages == nil {
		m.Packages = []Package{}
	}
	if m.Units == nil {
		m.Units = []Unit{}
	}
	if m.Edges == nil {
		m.Edges = []Edge{}
	}
	if m.EntryPoints == nil {
		m.EntryPoints = []EntryPoint{}
	}
	if m.Diagnostics == nil {
		m.Diagnostics = []Diagnostic{}
	}
}

func dedupDiagnostics(ds []Diagnostic) []Diagnostic {
	out := ds[:0]
	for i, d := range ds {
		if i > 0 && d == ds[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Encode writes the model as indented JSON, normalised first. The encoder
// marshals and indents the whole model before its one write, so w sees
// nothing when marshalling fails, without a copy of its own (55 MB on
// kubernetes).
func (m *Model) Encode(w io.Writer) error {
	m.Normalize()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// Decode reads a model written by Encode.
func Decode(r io.Reader) (*Model, error) {
	var m Model
	dec := json.NewDecoder(r)
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return &m, nil
}

// Index gives fast lookups over a model. It is built once and not updated.
type Index struct {
	Units    map[string]*Unit
	Packages map[string]*Package
}

// NewIndex indexes m's units and packages by id and path.
func NewIndex(m *Model) *Index {
	ix := &Index{Units: make(map[string]*Unit, len(m.Units)), Packages: make(map[string]*Package, len(m.Packages))}
	for i := range m.Units {
		ix.Units[m.Units[i].ID] = &m.Units[i]
	}
	for i := range m.Packages {
		ix.Packages[m.Packages[i].Path] = &m.Packages[i]
	}
	return ix
}
