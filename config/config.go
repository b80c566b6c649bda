// Package config reads splitter.yaml, the file where a team declares what
// splitter cannot infer: extra entry points, and the service boundaries that
// `splitter lint` enforces.
//
//	# splitter.yaml
//	entrypoints:
//	  - function: example.com/shop/jobs.Nightly   # a unit id
//	    name: nightly-report                     # optional label
//	services:
//	  orders:
//	    packages: [internal/orders/...]           # globs over package paths
//	    units: [services.OrderService*]           # units of split packages (win over packages)
//	    api: [internal/orders]                    # what other services may use (default: exported units)
//	    dependsOn: [payments]                     # the services it may use
//	    tables: [orders]                          # tables it owns (optional)
//	  payments:
//	    packages: [internal/payments/...]
//	shared: [internal/platform/...]               # the kernel every service may use
//	functions:
//	  thumbnailer:
//	    entrypoints: ["consumer:nats images.uploaded"]
//	rules:
//	  SPL004: off                                 # error, warning or off
//	exclude: [.../mocks/..., "*_gen.go"]
//	baseline: splitter-baseline.json              # known violations lint ignores
//	routers: [...]                                # routers splitter does not know (entrypoints.go)
//	consumers: [...]                              # consumers, jobs and functions likewise
//
// Parsing is strict: unknown keys, wrong types, bad globs, a package pattern
// claimed twice and a dependency on an unknown service are errors that give
// the file's line and column. Checks that need the analysed code (a glob that
// matches packages of two services) are made by the lint package, with the
// positions this package records (see Config.Pos).
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/printer"
	"github.com/goccy/go-yaml/token"
)

// FileNames are the names looked for, in order.
var FileNames = []string{"splitter.yaml", ".splitter.yaml"}

// Config is the content of splitter.yaml.
type Config struct {
	// Path is the file it was read from ("" when there was none).
	Path        string       `yaml:"-"`
	EntryPoints []EntryPoint `yaml:"entrypoints"`
	// Services maps a service name to what it owns and may use.
	Services map[string]*Service `yaml:"services"`
	// Shared lists the shared kernel: package globs or unit ids (globs)
	// that every service may use. It belongs to no service.
	Shared []string `yaml:"shared"`
	// Functions maps a serverless function name to its entry points.
	Functions map[string]*Function `yaml:"functions"`
	// Rules sets the severity of rules by id (SPL001) or name
	// (non-api-use): "error", "warning" or "off".
	Rules map[string]string `yaml:"rules"`
	// Exclude lists what lint leaves out: package patterns (as --exclude)
	// and file globs (ending in .go, over paths relative to the module).
	Exclude []string `yaml:"exclude"`
	// Baseline is lint's default baseline file, relative to this file.
	Baseline string `yaml:"baseline"`
	// Routers and Consumers teach splitter frameworks it does not know
	// (config/entrypoints.go).
	Routers   []Router   `yaml:"routers"`
	Consumers []Consumer `yaml:"consumers"`

	src  []byte
	root ast.Node // the document's body, for positions
}

// EntryPoint declares a function as an entry point.
type EntryPoint struct {
	// Function is a unit id: importpath.Func or importpath.Type.Method.
	Function string `yaml:"function"`
	// Name labels it in the output; it defaults to the function's name.
	Name string `yaml:"name"`
}

// Service is one declared service.
type Service struct {
	// Name is the service's key in the file.
	Name string `yaml:"-"`
	// Packages are globs over package paths (import paths, or paths relative
	// to the module): path.Match syntax per path, plus "..." for any string
	// ("internal/orders/..." is internal/orders and everything below it).
	Packages []string `yaml:"packages"`
	// Units are unit ids or globs over them ("services.OrderService*"),
	// full or relative to the module; they win over package globs, which
	// is how the units of a package split between services are placed.
	Units []string `yaml:"units"`
	// API lists the packages (globs) or units other services may use.
	// Without an api key, every exported unit of the service is its API.
	API []string `yaml:"api"`
	// DependsOn lists the services this one may use.
	DependsOn []string `yaml:"dependsOn"`
	// Tables lists the database tables the service owns.
	Tables []string `yaml:"tables"`
	// HasAPI is true when the api key is present, even with no entries.
	HasAPI bool `yaml:"-"`
}

// Function is a serverless function: a name for a set of entry points.
type Function struct {
	Name string `yaml:"-"`
	// EntryPoints are entry point ids as splitter analyze lists them
	// ("http:POST /v1/images", "consumer:nats images.uploaded").
	EntryPoints []string `yaml:"entrypoints"`
}

// Severities a rule can be set to.
const (
	SevError   = "error"
	SevWarning = "warning"
	SevOff     = "off"
)

// Error is a problem in the config file, with its position when known.
type Error struct {
	Path string
	// Line and Col locate the problem (1-based); 0 when unknown.
	Line, Col int
	Msg       string
	// Source shows the offending lines, when known.
	Source string
}

func (e *Error) Error() string {
	s := e.Path + ": " + e.Msg
	if e.Line > 0 {
		s = fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
	}
	if e.Source != "" {
		s += "\n" + e.Source
	}
	return s
}

// Find returns the config file to use: explicit if set, else the first of
// FileNames in dir, then in moduleRoot. It returns "" when there is none.
func Find(explicit, dir, moduleRoot string) (string, error) {
	if explicit != "" {
		if _, err := os.Stat(explicit); err != nil {
			return "", &Error{Path: explicit, Msg: "cannot read the config file: " + errors.Unwrap(err).Error()}
		}
		return explicit, nil
	}
	for _, d := range []string{dir, moduleRoot} {
		if d == "" {
			continue
		}
		for _, n := range FileNames {
			p := filepath.Join(d, n)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, nil
			}
		}
	}
	return "", nil
}

// Load reads and validates the config file at path.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: err.Error()}
	}
	return Parse(path, data)
}

// maxExpandedNodes bounds the size of the document once aliases are
// expanded, so that nested aliases ("billion laughs") cannot exhaust memory.
const maxExpandedNodes = 200_000

// Parse validates data as a config file; path is used in messages. Unknown
// keys, wrong types and invalid values are errors, reported with line and
// column.
func Parse(path string, data []byte) (cfg *Config, err error) {
	// The YAML library must not take the run down on hostile input.
	defer func() {
		if r := recover(); r != nil {
			cfg, err = nil, &Error{Path: path, Msg: fmt.Sprintf("cannot parse the file: %v", r)}
		}
	}()
	// Editors on Windows write a byte order mark; YAML allows it, the
	// library does not. Other encodings are refused, with where.
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := checkEncoding(path, data); err != nil {
		return nil, err
	}
	cfg = &Config{Path: path, src: data}
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	f, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, yamlError(path, err)
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) > 1 {
		return nil, errorAt(path, docs[1].Body, "the file holds %d YAML documents: write a single one", len(docs))
	}
	if len(docs) == 1 {
		cfg.root = docs[0].Body
		if n := expandedSize(cfg.root); n > maxExpandedNodes {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("the document expands to more than %d nodes through aliases: write it out plainly", maxExpandedNodes)}
		}
	}
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.DisallowUnknownField(), yaml.Strict())
	if err := dec.Decode(cfg); err != nil {
		return nil, yamlError(path, err)
	}
	cfg.Path = path
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// checkEncoding refuses what is not UTF-8: the YAML library would read
// UTF-16 as garbage and replace invalid bytes silently.
func checkEncoding(path string, data []byte) error {
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return &Error{Path: path, Msg: "the file is UTF-16: save it as UTF-8"}
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			return &Error{Path: path, Line: line, Col: col, Msg: fmt.Sprintf("byte 0x%02x is not UTF-8: save the file as UTF-8", data[i])}
		case r == 0:
			return &Error{Path: path, Line: line, Col: col, Msg: "a NUL byte: this is not a text file (or it is UTF-16: save it as UTF-8)"}
		case r == '\n':
			line, col = line+1, 1
		default:
			col += n
		}
		i += n
	}
	return nil
}

// yamlError turns an error of the YAML library into an *Error with position.
func yamlError(path string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		tk := ye.GetToken()
		// The message once, then the lines around it (the library's own
		// format would repeat the message as "[line:col] message").
		return &Error{Path: path, Line: tk.Position.Line, Col: tk.Position.Column, Msg: ye.GetMessage(), Source: source(tk)}
	}
	return &Error{Path: path, Msg: strings.TrimSpace(yaml.FormatError(err, false, true))}
}

// expandedSize counts the nodes of n with every alias expanded, stopping
// early past the limit. Anchors are memoised so that counting stays linear.
func expandedSize(root ast.Node) int {
	anchors := map[string]ast.Node{}
	ast.Walk(anchorCollector(anchors), root)
	memo := map[ast.Node]int{}
	var size func(n ast.Node, depth int) int
	size = func(n ast.Node, depth int) int {
		if n == nil {
			return 0
		}
		if depth > 1000 {
			return maxExpandedNodes + 1
		}
		if v, ok := memo[n]; ok {
			return v
		}
		memo[n] = maxExpandedNodes + 1 // an alias cycle counts as too large
		total := 1
		add := func(c ast.Node) {
			if total <= maxExpandedNodes && c != nil {
				total += size(c, depth+1)
			}
		}
		switch x := n.(type) {
		case *ast.MappingNode:
			for _, v := range x.Values {
				add(v)
			}
		case *ast.MappingValueNode:
			add(x.Key)
			add(x.Value)
		case *ast.MappingKeyNode:
			add(x.Value)
		case *ast.SequenceNode:
			for _, v := range x.Values {
				add(v)
			}
		case *ast.AnchorNode:
			add(x.Value)
		case *ast.AliasNode:
			if x.Value != nil {
				if target, ok := anchors[aliasName(x)]; ok {
					add(target)
				}
			}
		case *ast.TagNode:
			add(x.Value)
		}
		memo[n] = total
		return total
	}
	return size(root, 0)
}

type anchorCollector map[string]ast.Node

func (a anchorCollector) Visit(n ast.Node) ast.Visitor {
	if x, ok := n.(*ast.AnchorNode); ok && x.Name != nil {
		if tk := x.Name.GetToken(); tk != nil {
			a[tk.Value] = x.Value
		}
	}
	return a
}

func aliasName(x *ast.AliasNode) string {
	if tk := x.Value.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// Position is a line and column in the config file (1-based; 0 if unknown).
type Position struct{ Line, Col int }

// Pos returns the position of the value at keyPath in the file: keys
// (strings) and sequence indexes (ints), e.g. Pos("services", "orders",
// "packages", 1). It falls back to the nearest ancestor that exists.
func (c *Config) Pos(keyPath ...any) Position {
	if c == nil {
		return Position{}
	}
	if tk := c.token(keyPath); tk != nil {
		return Position{tk.Position.Line, tk.Position.Column}
	}
	return Position{}
}

// KeyPos is like Pos but returns the position of the last key rather than
// of its value, for messages about a key.
func (c *Config) KeyPos(keyPath ...any) Position {
	if c == nil {
		return Position{}
	}
	if tk := c.keyToken(keyPath); tk != nil {
		return Position{tk.Position.Line, tk.Position.Column}
	}
	return c.Pos(keyPath...)
}

// Has reports whether keyPath exists in the file.
func (c *Config) Has(keyPath ...any) bool {
	if c == nil || c.root == nil {
		return false
	}
	n := c.root
	for _, k := range keyPath {
		n = child(n, k)
		if n == nil {
			return false
		}
	}
	return true
}

// ErrorAt returns an *Error about the value at keyPath.
func (c *Config) ErrorAt(keyPath []any, format string, args ...any) *Error {
	e := &Error{Path: c.Path, Msg: fmt.Sprintf(format, args...)}
	if tk := c.token(keyPath); tk != nil {
		e.Line, e.Col = tk.Position.Line, tk.Position.Column
		e.Source = source(tk)
	}
	return e
}

// Warning formats a note about the value at keyPath as "file:line:col:
// warning: message", for problems that do not stop a run.
func (c *Config) Warning(keyPath []any, format string, args ...any) string {
	msg := fmt.Sprintf(format, args...)
	p := c.Pos(keyPath...)
	if p.Line == 0 {
		return fmt.Sprintf("%s: warning: %s", c.Path, msg)
	}
	return fmt.Sprintf("%s:%d:%d: warning: %s", c.Path, p.Line, p.Col, msg)
}

// ErrorAtKey is ErrorAt at the position of the last key of keyPath, for
// messages about a key rather than its value.
func (c *Config) ErrorAtKey(keyPath []any, format string, args ...any) *Error {
	e := c.ErrorAt(keyPath, format, args...)
	if tk := c.keyToken(keyPath); tk != nil {
		e.Line, e.Col = tk.Position.Line, tk.Position.Column
		e.Source = source(tk)
	}
	return e
}

func (c *Config) keyToken(keyPath []any) *token.Token {
	if c.root == nil || len(keyPath) == 0 {
		return nil
	}
	k, ok := keyPath[len(keyPath)-1].(string)
	if !ok {
		return nil
	}
	parent := c.node(keyPath[:len(keyPath)-1])
	if m, ok := unwrap(parent).(*ast.MappingNode); ok {
		for _, mv := range m.Values {
			if keyString(mv.Key) == k && mv.Key != nil {
				return mv.Key.GetToken()
			}
		}
	}
	return nil
}

func (c *Config) token(keyPath []any) *token.Token {
	n := c.node(keyPath)
	if n == nil {
		return nil
	}
	return n.GetToken()
}

// node walks keyPath from the document's root and returns the deepest node
// found.
func (c *Config) node(keyPath []any) ast.Node {
	if c.root == nil {
		return nil
	}
	n := c.root
	for _, k := range keyPath {
		next := child(n, k)
		if next == nil {
			return n
		}
		n = next
	}
	return n
}

func unwrap(n ast.Node) ast.Node {
	for {
		switch x := n.(type) {
		case *ast.AnchorNode:
			n = x.Value
		case *ast.TagNode:
			n = x.Value
		case *ast.AliasNode:
			return x
		default:
			return n
		}
	}
}

func child(n ast.Node, k any) ast.Node {
	switch n := unwrap(n).(type) {
	case *ast.MappingNode:
		key, ok := k.(string)
		if !ok {
			return nil
		}
		for _, mv := range n.Values {
			if keyString(mv.Key) == key {
				if mv.Value == nil || isNull(mv.Value) {
					return mv.Key
				}
				return mv.Value
			}
		}
	case *ast.SequenceNode:
		i, ok := k.(int)
		if !ok || i < 0 || i >= len(n.Values) {
			return nil
		}
		return n.Values[i]
	}
	return nil
}

func isNull(n ast.Node) bool {
	_, ok := n.(*ast.NullNode)
	return ok
}

func keyString(k ast.MapKeyNode) string {
	if k == nil {
		return ""
	}
	if s, ok := k.(*ast.StringNode); ok {
		return s.Value
	}
	if tk := k.GetToken(); tk != nil {
		return tk.Value
	}
	return ""
}

// source renders the lines around tk with a caret, as the YAML library does.
func source(tk *token.Token) string {
	var p printer.Printer
	return strings.TrimRight(p.PrintErrorToken(tk, false), "\n")
}

func errorAt(path string, n ast.Node, format string, args ...any) *Error {
	c := &Config{Path: path, root: n}
	return c.ErrorAt(nil, format, args...)
}

var (
	ruleKey     = regexp.MustCompile(`^(SPL[0-9]{3}|[a-z][a-z0-9-]*)$`)
	serviceName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)
)

// validate checks what the YAML types cannot say.
func (c *Config) validate() error {
	for i, ep := range c.EntryPoints {
		if strings.TrimSpace(ep.Function) == "" {
			return c.ErrorAt([]any{"entrypoints", i}, "entrypoints[%d]: function is required (a unit id such as example.com/app/jobs.Nightly)", i)
		}
		if !strings.Contains(ep.Function, ".") {
			return c.ErrorAt([]any{"entrypoints", i, "function"}, "entrypoints[%d]: function %q is not a unit id: write importpath.Func or importpath.Type.Method", i, ep.Function)
		}
	}
	names := c.ServiceNames()
	// Patterns claimed by two owners: the first claim, by normalised pattern.
	type claim struct {
		owner string
		at    []any
	}
	pkgClaims := map[string]claim{}
	unitClaims := map[string]claim{}
	claimOnce := func(claims map[string]claim, what, pat, owner string, at []any) error {
		k := normPattern(pat)
		if prev, ok := claims[k]; ok && prev.owner != owner {
			p := c.Pos(prev.at...)
			return c.ErrorAt(at, "%s %q is claimed by %s and by %s (line %d): a %s belongs to one service; remove one of them", what, pat, prev.owner, owner, p.Line, strings.Fields(what)[0])
		}
		claims[k] = claim{owner, at}
		return nil
	}
	for _, name := range names {
		s := c.Services[name]
		at := []any{"services", name}
		if !serviceName.MatchString(name) {
			return c.ErrorAt(at, "service name %q: use letters, digits, '-', '_' or '.'", name)
		}
		if name == "shared" {
			return c.ErrorAt(at, "a service cannot be named %q: the shared kernel is the top-level shared: list", name)
		}
		if s == nil {
			s = &Service{}
			c.Services[name] = s
		}
		s.Name = name
		s.HasAPI = c.Has("services", name, "api")
		if len(s.Packages) == 0 && len(s.Units) == 0 {
			return c.ErrorAt(at, "service %q claims no code: give it packages: (globs such as internal/%s/...) or units:", name, name)
		}
		for i, p := range s.Packages {
			pat := []any{"services", name, "packages", i}
			if err := c.checkPattern(pat, p); err != nil {
				return err
			}
			if err := claimOnce(pkgClaims, "package pattern", p, "service "+name, pat); err != nil {
				return err
			}
		}
		for i, u := range s.Units {
			pat := []any{"services", name, "units", i}
			if err := c.checkPattern(pat, u); err != nil {
				return err
			}
			if err := claimOnce(unitClaims, "unit pattern", u, "service "+name, pat); err != nil {
				return err
			}
		}
		for i, a := range s.API {
			if err := c.checkPattern([]any{"services", name, "api", i}, a); err != nil {
				return err
			}
		}
		for i, d := range s.DependsOn {
			at := []any{"services", name, "dependsOn", i}
			if d == name {
				return c.ErrorAt(at, "service %q lists itself in dependsOn: a service may always use its own code", name)
			}
			if _, ok := c.Services[d]; !ok {
				if d == "shared" {
					return c.ErrorAt(at, "service %q depends on %q: the shared kernel is usable by every service and needs no dependsOn entry", name, d)
				}
				return c.ErrorAt(at, "service %q depends on unknown service %q (services: %s)", name, d, strings.Join(names, ", "))
			}
		}
	}
	tableOwner := map[string]string{}
	for _, name := range names {
		for i, t := range c.Services[name].Tables {
			at := []any{"services", name, "tables", i}
			if strings.TrimSpace(t) == "" {
				return c.ErrorAt(at, "empty table name")
			}
			if o, ok := tableOwner[t]; ok {
				return c.ErrorAt(at, "table %q is owned by services %s and %s: a table has one owner (the others are reported by rule SPL005)", t, o, name)
			}
			tableOwner[t] = name
		}
	}
	for i, p := range c.Shared {
		at := []any{"shared", i}
		if err := c.checkPattern(at, p); err != nil {
			return err
		}
		if err := claimOnce(pkgClaims, "package pattern", p, "shared", at); err != nil {
			return err
		}
		if err := claimOnce(unitClaims, "unit pattern", p, "shared", at); err != nil {
			return err
		}
	}
	for _, name := range sortedKeys(c.Functions) {
		f := c.Functions[name]
		at := []any{"functions", name}
		if f == nil || len(f.EntryPoints) == 0 {
			return c.ErrorAt(at, "function %q has no entrypoints: list entry point ids such as \"http:POST /v1/images\" (see splitter analyze)", name)
		}
		f.Name = name
		for i, ep := range f.EntryPoints {
			if !strings.Contains(ep, ":") {
				return c.ErrorAt([]any{"functions", name, "entrypoints", i}, "%q is not an entry point id: write kind:trigger, e.g. \"http:POST /v1/images\" or \"cron:@every 1h\"", ep)
			}
		}
	}
	for _, k := range sortedKeys(c.Rules) {
		v := c.Rules[k]
		if !ruleKey.MatchString(k) {
			return c.ErrorAtKey([]any{"rules", k}, "rules: %q is not a rule id (SPL001) or name (non-api-use)", k)
		}
		switch v {
		case SevError, SevWarning, SevOff:
		default:
			return c.ErrorAt([]any{"rules", k}, "rules.%s: severity %q: want error, warning or off", k, v)
		}
	}
	for i, e := range c.Exclude {
		if err := c.checkPattern([]any{"exclude", i}, e); err != nil {
			return err
		}
	}
	if c.Has("baseline") && strings.TrimSpace(c.Baseline) == "" {
		return c.ErrorAt([]any{"baseline"}, "baseline: give a file name (relative to this file), e.g. splitter-baseline.json")
	}
	return c.validateDeclarations()
}

// BaselinePath returns the baseline file named in the config, relative to
// the config file's directory; "" when there is none.
func (c *Config) BaselinePath() string {
	if c == nil || c.Baseline == "" {
		return ""
	}
	if filepath.IsAbs(c.Baseline) || c.Path == "" {
		return c.Baseline
	}
	return filepath.Join(filepath.Dir(c.Path), filepath.FromSlash(c.Baseline))
}

func (c *Config) checkPattern(at []any, p string) error {
	if strings.TrimSpace(p) == "" {
		return c.ErrorAt(at, "empty pattern")
	}
	if strings.ContainsAny(p, " \t\n") {
		return c.ErrorAt(at, "pattern %q contains spaces", p)
	}
	if _, err := path.Match(strings.ReplaceAll(p, "...", "x"), ""); err != nil {
		return c.ErrorAt(at, "bad pattern %q: %v (globs use path.Match syntax: *, ?, [a-z], plus ... for any string)", p, err)
	}
	return nil
}

// normPattern is the form patterns are compared in for duplicate claims.
func normPattern(p string) string {
	p = strings.TrimPrefix(p, "./")
	return strings.TrimSuffix(p, "/")
}

// ServiceNames returns the declared services' names, sorted.
func (c *Config) ServiceNames() []string {
	return sortedKeys(c.Services)
}

// FunctionNames returns the declared functions' names, sorted.
func (c *Config) FunctionNames() []string {
	return sortedKeys(c.Functions)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MatchPackage reports whether the package pattern pat matches a package,
// given its import path and its path relative to its module ("" for the
// module's root package). "..." matches any string, as in go patterns
// ("a/..." also matches "a"); otherwise path.Match applies to the whole path.
func MatchPackage(pat, importPath, relPath string) bool {
	pat = normPattern(pat)
	if pat == "" || pat == "." {
		return relPath == "" && importPath != ""
	}
	return matchPath(pat, importPath) || (relPath != "" && matchPath(pat, relPath))
}

// MatchUnit reports whether the unit pattern pat matches a unit, given its
// id and its id relative to its module (relative package path, ".", name).
func MatchUnit(pat, id, relID string) bool {
	pat = strings.TrimPrefix(pat, "./")
	return matchPath(pat, id) || (relID != "" && matchPath(pat, relID))
}

// IsLiteralPattern reports whether pat has no wildcard, so that it
// matches only the path it spells (after a leading "./").
func IsLiteralPattern(pat string) bool {
	return !strings.ContainsAny(pat, `*?[\`) && !strings.Contains(pat, "...")
}

// IsFilePattern reports whether an exclude entry names files (it ends in
// .go) rather than packages.
func IsFilePattern(p string) bool { return strings.HasSuffix(p, ".go") }

// MatchFile reports whether the file glob pat matches file, a slash path
// relative to the module. A pattern without a slash matches the base name.
func MatchFile(pat, file string) bool {
	pat = strings.TrimPrefix(pat, "./")
	if matchPath(pat, file) {
		return true
	}
	if !strings.Contains(pat, "/") {
		ok, _ := path.Match(pat, path.Base(file))
		return ok
	}
	return false
}

// matchPath matches p against pat, where "..." matches any string and the
// rest of pat is path.Match syntax.
func matchPath(pat, p string) bool {
	if !strings.Contains(pat, "...") {
		ok, _ := path.Match(pat, p)
		return ok
	}
	if strings.HasSuffix(pat, "/...") && matchPath(strings.TrimSuffix(pat, "/..."), p) {
		return true // "a/..." also matches "a"
	}
	r := compiled(pat)
	return r != nil && r.MatchString(p)
}

var patternCache sync.Map // pattern -> *regexp.Regexp (nil for a bad one)

// compiled translates a pattern with "..." into a regular expression, once.
func compiled(pat string) *regexp.Regexp {
	if r, ok := patternCache.Load(pat); ok {
		return r.(*regexp.Regexp)
	}
	r := translate(pat)
	patternCache.Store(pat, r)
	return r
}

func translate(pat string) *regexp.Regexp {
	// Translate to a regular expression: "..." is .*, '*' is [^/]*, '?' is
	// [^/], classes are kept.
	var re strings.Builder
	re.WriteString("^")
	for i := 0; i < len(pat); {
		switch {
		case strings.HasPrefix(pat[i:], "..."):
			re.WriteString(".*")
			i += 3
		case pat[i] == '*':
			re.WriteString("[^/]*")
			i++
		case pat[i] == '?':
			re.WriteString("[^/]")
			i++
		case pat[i] == '[':
			j := strings.IndexByte(pat[i:], ']')
			if j < 0 {
				return nil
			}
			class := pat[i+1 : i+j]
			if strings.HasPrefix(class, "^") {
				class = "^" + regexp.QuoteMeta(class[1:])
			} else {
				class = regexp.QuoteMeta(class)
			}
			class = strings.ReplaceAll(class, `\-`, "-")
			re.WriteString("[" + class + "]")
			i += j + 1
		case pat[i] == '\\' && i+1 < len(pat):
			re.WriteString(regexp.QuoteMeta(pat[i+1 : i+2]))
			i += 2
		default:
			re.WriteString(regexp.QuoteMeta(pat[i : i+1]))
			i++
		}
	}
	re.WriteString("$")
	r, err := regexp.Compile(re.String())
	if err != nil {
		return nil
	}
	return r
}
