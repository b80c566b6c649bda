package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		wantErr   string // substring; "" = no error
		wantEPs   int
	}{
		{"empty", "", "", 0},
		{"entrypoints", "entrypoints:\n  - function: example.com/a/jobs.Nightly\n    name: nightly\n  - function: example.com/a.T.Run\n", "", 2},
		{"unknown key", "entrypoint:\n  - function: a.B\n", "splitter.yaml:1:1: unknown field", 0},
		{"unknown nested key", "entrypoints:\n  - func: a.B\n", "splitter.yaml:2:5: unknown field", 0},
		{"wrong type", "entrypoints: yes\n", "entrypoints", 0},
		{"missing function", "entrypoints:\n  - name: x\n", "function is required", 0},
		{"not a unit id", "entrypoints:\n  - function: Nightly\n", "not a unit id", 0},
		{"bad yaml", "entrypoints: [\n", "splitter.yaml", 0},
		{"byte order mark and CRLF", "\xef\xbb\xbfentrypoints:\r\n  - function: a.B\r\n", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("splitter.yaml", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.EntryPoints) != tt.wantEPs {
				t.Errorf("%d entry points, want %d", len(cfg.EntryPoints), tt.wantEPs)
			}
		})
	}
}

func TestFind(t *testing.T) {
	dir, root := t.TempDir(), t.TempDir()
	if p, _ := Find("", dir, root); p != "" {
		t.Fatalf("found %q in empty dirs", p)
	}
	os.WriteFile(filepath.Join(root, ".splitter.yaml"), nil, 0o644)
	if p, _ := Find("", dir, root); p != filepath.Join(root, ".splitter.yaml") {
		t.Errorf("want the module root's file, got %q", p)
	}
	os.WriteFile(filepath.Join(dir, "splitter.yaml"), nil, 0o644)
	if p, _ := Find("", dir, root); p != filepath.Join(dir, "splitter.yaml") {
		t.Errorf("the working directory's file comes first, got %q", p)
	}
	if _, err := Find(filepath.Join(dir, "nope.yaml"), dir, root); err == nil {
		t.Error("an explicit missing file is an error")
	}
}

// FuzzParse checks that no input makes the loader panic, that every error
// is a positioned *Error, and that whatever parses formats to a file that
// parses back to the same config.
func FuzzParse(f *testing.F) {
	f.Add([]byte("entrypoints:\n  - function: a.B\n"))
	f.Add([]byte("entrypoints: [{function: &a a.B, name: *a}]"))
	f.Add([]byte("{{{{"))
	f.Add([]byte(boundaries))
	f.Add([]byte("services:\n  a:\n    packages: [\"a/[\"]\n    dependsOn: [b, a]\n"))
	f.Add([]byte("services: {a: {packages: &p [x], api: *p, units: *p}}\nshared: *p\n"))
	f.Add([]byte("rules: {SPL001: off, x: [1]}\nfunctions: {f: {entrypoints: [\"http:GET /\"]}}\n"))
	f.Add([]byte("x: &a [*a]\n"))
	f.Add([]byte("shared: [\"yes\", \"1e3\", \"a b\", \"\\u00e9\", \"#x\"]\nexclude: [\"*_gen.go\"]\nbaseline: \"b l.json\"\n"))
	f.Add([]byte("\xef\xbb\xbfshared: [a]\r\nrules: {SPL004: warning}\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data)
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error of type %T: %v", err, err)
			}
			return
		}
		out := Format(cfg, []string{"fuzz"})
		back, err := Parse("fuzz.yaml", out)
		if err != nil {
			t.Fatalf("the formatted config does not parse: %v\n%s", err, out)
		}
		if a, b := canonical(cfg), canonical(back); a != b {
			t.Fatalf("the config changed through Format and Parse:\n%s\nbecame\n%s\nformatted as\n%s", a, b, out)
		}
	})
}

// canonical renders what a config says, for comparisons: every section,
// with empty and absent lists told apart only where it matters (api).
func canonical(c *Config) string {
	var b strings.Builder
	for _, ep := range c.EntryPoints {
		fmt.Fprintf(&b, "entrypoint %q %q\n", ep.Function, ep.Name)
	}
	for _, name := range c.ServiceNames() {
		s := c.Services[name]
		fmt.Fprintf(&b, "service %q packages %q units %q api %q (declared %v) dependsOn %q tables %q\n",
			name, s.Packages, s.Units, s.API, s.HasAPI, s.DependsOn, s.Tables)
	}
	fmt.Fprintf(&b, "shared %q\n", c.Shared)
	for _, name := range c.FunctionNames() {
		fmt.Fprintf(&b, "function %q %q\n", name, c.Functions[name].EntryPoints)
	}
	for _, k := range sortedKeys(c.Rules) {
		fmt.Fprintf(&b, "rule %q %q\n", k, c.Rules[k])
	}
	fmt.Fprintf(&b, "exclude %q\nbaseline %q\n", c.Exclude, c.Baseline)
	return b.String()
}

const boundaries = `services:
  orders:
    packages: [internal/orders/...]
    units: [services.OrderService*]
    api: [internal/orders]
    dependsOn: [payments]
    tables: [orders]
  payments:
    packages: [internal/payments/...]
    api: []
shared: [internal/platform/...]
functions:
  thumbnailer:
    entrypoints: ["consumer:nats images.uploaded"]
rules:
  SPL004: off
  shared-table: error
exclude: [.../mocks/..., "*_gen.go"]
baseline: splitter-baseline.json
`

func TestParseBoundaries(t *testing.T) {
	cfg, err := Parse("/repo/splitter.yaml", []byte(boundaries))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.ServiceNames(); strings.Join(got, ",") != "orders,payments" {
		t.Fatalf("services %v", got)
	}
	o, p := cfg.Services["orders"], cfg.Services["payments"]
	if o.Name != "orders" || !o.HasAPI || o.DependsOn[0] != "payments" || o.Tables[0] != "orders" || o.Units[0] != "services.OrderService*" {
		t.Errorf("orders: %+v", o)
	}
	if !p.HasAPI || len(p.API) != 0 {
		t.Errorf("payments: an empty api is declared (nothing is API): %+v", p)
	}
	if cfg.Functions["thumbnailer"].Name != "thumbnailer" || cfg.Rules["SPL004"] != "off" || len(cfg.Exclude) != 2 {
		t.Errorf("functions, rules or exclude lost: %+v", cfg)
	}
	if got := cfg.BaselinePath(); got != filepath.Join("/repo", "splitter-baseline.json") {
		t.Errorf("baseline path %q", got)
	}
	if p := cfg.Pos("services", "orders", "dependsOn", 0); p.Line != 6 || p.Col != 17 {
		t.Errorf("position of dependsOn[0]: %+v, want 6:17", p)
	}
	if p := cfg.KeyPos("services", "payments"); p.Line != 8 || p.Col != 3 {
		t.Errorf("position of the payments key: %+v, want 8:3", p)
	}
	noAPI, err := Parse("s.yaml", []byte("services:\n  a:\n    packages: [a]\n"))
	if err != nil || noAPI.Services["a"].HasAPI {
		t.Errorf("without an api key HasAPI must be false: %v", err)
	}
}

// TestParseErrors checks that each mistake is reported at the right place
// (file:line:col) with a message that says what to do.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown service key", "services:\n  a:\n    packages: [a]\n    dependson: [b]\n", "splitter.yaml:4:5: unknown field \"dependson\""},
		{"unknown dependency", "services:\n  a:\n    packages: [a]\n    dependsOn: [b]\n", "splitter.yaml:4:17: service \"a\" depends on unknown service \"b\" (services: a)"},
		{"depends on itself", "services:\n  a:\n    packages: [a]\n    dependsOn: [a]\n", "splitter.yaml:4:17: service \"a\" lists itself"},
		{"depends on shared", "services:\n  a:\n    packages: [a]\n    dependsOn: [shared]\n", "needs no dependsOn entry"},
		{"bad glob", "services:\n  a:\n    packages: [\"a/[x\"]\n", "splitter.yaml:3:16: bad pattern \"a/[x\""},
		{"empty pattern", "shared: [\"\"]\n", "splitter.yaml:1:10: empty pattern"},
		{"claimed twice", "services:\n  a:\n    packages: [x/...]\n  b:\n    packages: [./x/...]\n", "splitter.yaml:5:16: package pattern \"./x/...\" is claimed by service a and by service b (line 3)"},
		{"unit claimed twice", "services:\n  a:\n    units: [x.F]\nshared: [x.F]\n", "splitter.yaml:4:10: unit pattern \"x.F\" is claimed by service a and by shared (line 3)"},
		{"empty service", "services:\n  a:\n", "service \"a\" claims no code"},
		{"service named shared", "services:\n  shared:\n    packages: [a]\n", "cannot be named \"shared\""},
		{"bad service name", "services:\n  \"a b\":\n    packages: [a]\n", "service name \"a b\""},
		{"table owned twice", "services:\n  a:\n    packages: [a]\n    tables: [t]\n  b:\n    packages: [b]\n    tables: [t]\n", "splitter.yaml:7:14: table \"t\" is owned by services a and b"},
		{"bad severity", "rules:\n  SPL001: fatal\n", "splitter.yaml:2:11: rules.SPL001: severity \"fatal\""},
		{"bad rule key", "rules:\n  \"SPL 1\": off\n", "splitter.yaml:2:3: rules: \"SPL 1\" is not a rule id"},
		{"function without entry points", "functions:\n  f: {}\n", "function \"f\" has no entrypoints"},
		{"bad entry point id", "functions:\n  f:\n    entrypoints: [nightly]\n", "splitter.yaml:3:19: \"nightly\" is not an entry point id"},
		{"wrong type", "services: [a, b]\n", "splitter.yaml:1:"},
		{"two documents", "shared: [a]\n---\nshared: [b]\n", "2 YAML documents"},
		{"empty baseline", "baseline: \"\"\n", "baseline: give a file name"},
		{"not utf-8", "shared:\n  - a\xffb\n", "splitter.yaml:2:6: byte 0xff is not UTF-8"},
		{"utf-16", "\xff\xfes\x00h\x00:\x00", "splitter.yaml: the file is UTF-16: save it as UTF-8"},
		{"nul", "shared: [a]\x00\n", "splitter.yaml:1:12: a NUL byte"},
		{"crlf keeps positions", "services:\r\n  a:\r\n    packages: [\"a/[x\"]\r\n", "splitter.yaml:3:16: bad pattern"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("splitter.yaml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error:\n%v\nwant one containing %q", err, tt.want)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("%T is not a *config.Error", err)
			}
		})
	}
}

func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("x0: &a0 [a, a, a, a, a, a, a, a, a, a]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("shared: *a8\n")
	_, err := Parse("bomb.yaml", []byte(b.String()))
	if err == nil || !strings.Contains(err.Error(), "aliases") {
		t.Fatalf("want an error about aliases, got %v", err)
	}
	// Ordinary aliases are fine.
	if _, err := Parse("ok.yaml", []byte("services:\n  a:\n    packages: &p [a/...]\n    api: *p\n")); err != nil {
		t.Fatal(err)
	}
}

func TestFormatRoundTrip(t *testing.T) {
	cfg, err := Parse("splitter.yaml", []byte(boundaries+"entrypoints:\n  - function: example.com/a.F\n    name: \"yes\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Services["orders"].Units = append(cfg.Services["orders"].Units, "pkg.init#2", "true", "*")
	data := Format(cfg, []string{"header", "", "more"})
	back, err := Parse("splitter.yaml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if !strings.HasPrefix(string(data), "# header\n#\n# more\n") {
		t.Errorf("header:\n%s", data)
	}
	for _, name := range cfg.ServiceNames() {
		a, b := cfg.Services[name], back.Services[name]
		if fmt.Sprint(a.Packages, a.Units, a.API, a.DependsOn, a.Tables, a.HasAPI) != fmt.Sprint(b.Packages, b.Units, b.API, b.DependsOn, b.Tables, b.HasAPI) {
			t.Errorf("service %s: %+v became %+v", name, a, b)
		}
	}
	if fmt.Sprint(cfg.Shared, cfg.Rules, cfg.Exclude, cfg.Baseline, cfg.EntryPoints) != fmt.Sprint(back.Shared, back.Rules, back.Exclude, back.Baseline, back.EntryPoints) {
		t.Errorf("top-level sections changed:\n%s", data)
	}
}

func TestMatch(t *testing.T) {
	pkgs := []struct {
		pat, path, rel string
		want           bool
	}{
		{"internal/orders/...", "ex.com/m/internal/orders", "internal/orders", true},
		{"internal/orders/...", "ex.com/m/internal/orders/app", "internal/orders/app", true},
		{"internal/orders/...", "ex.com/m/internal/ordersx", "internal/ordersx", false},
		{"ex.com/m/internal/*", "ex.com/m/internal/orders", "internal/orders", true},
		{"internal/*", "ex.com/m/internal/orders/app", "internal/orders/app", false},
		{".../adapters/...", "ex.com/m/internal/orders/adapters/http", "internal/orders/adapters/http", true},
		{"./handlers", "ex.com/m/handlers", "handlers", true},
		{"handlers", "ex.com/m/x/handlers", "x/handlers", false},
		{".", "ex.com/m", "", true},
		{"internal/[a-o]*/...", "ex.com/m/internal/orders/app", "internal/orders/app", true},
		{"internal/[p-z]*/...", "ex.com/m/internal/orders/app", "internal/orders/app", false},
	}
	for _, c := range pkgs {
		if got := MatchPackage(c.pat, c.path, c.rel); got != c.want {
			t.Errorf("MatchPackage(%q, %q) = %v", c.pat, c.path, got)
		}
	}
	units := []struct {
		pat, id, rel string
		want         bool
	}{
		{"services.OrderService*", "ex.com/m/services.OrderService.Place", "services.OrderService.Place", true},
		{"services.OrderService.*", "ex.com/m/services.OrderService", "services.OrderService", false},
		{"ex.com/m/services.F", "ex.com/m/services.F", "services.F", true},
		{"services.F", "ex.com/m/x/services.F", "x/services.F", false},
		{"internal/.../app.Service*", "ex.com/m/internal/orders/app.Service.Get", "internal/orders/app.Service.Get", true},
	}
	for _, c := range units {
		if got := MatchUnit(c.pat, c.id, c.rel); got != c.want {
			t.Errorf("MatchUnit(%q, %q) = %v", c.pat, c.id, got)
		}
		// A literal pattern is looked up by its text (configSeeds):
		// it must match exactly what MatchUnit matches.
		if p := strings.TrimPrefix(c.pat, "./"); IsLiteralPattern(c.pat) && (p == c.id || p == c.rel) != c.want {
			t.Errorf("literal %q: lookup disagrees with MatchUnit on %q", c.pat, c.id)
		}
	}
	for pat, want := range map[string]bool{"a/b.F": true, "./a.F": true, "a/*.F": false, "a/....F": false, "a.F?": false, "a/[b].F": false, `a\.F`: false} {
		if IsLiteralPattern(pat) != want {
			t.Errorf("IsLiteralPattern(%q) = %v", pat, !want)
		}
	}
	if !MatchFile("*_gen.go", "a/b/x_gen.go") || MatchFile("a/*.go", "b/x.go") || !MatchFile("a/.../*.go", "a/b/c/x.go") {
		t.Error("MatchFile")
	}
}
