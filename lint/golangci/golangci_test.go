package golangci_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/golangci/plugin-module-register/register"

	"github.com/splitter-go/splitter/internal/cli"
	"github.com/splitter-go/splitter/lint/golangci"
)

// customConfig is the part of .custom-gcl.yml that golangci-lint custom reads.
type customConfig struct {
	Version     string `yaml:"version"`
	Name        string `yaml:"name"`
	Destination string `yaml:"destination"`
	Plugins     []struct {
		Module  string `yaml:"module"`
		Import  string `yaml:"import"`
		Version string `yaml:"version"`
		Path    string `yaml:"path"`
	} `yaml:"plugins"`
}

func goCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go %s (in %s): %v\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return string(out)
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// buildCustom builds golangci-lint with the plugin the way golangci-lint
// custom does from testdata/.custom-gcl.yml, except that the source comes
// from the module proxy (custom clones it from GitHub) and the plugin from
// this checkout (custom's path: form).
func buildCustom(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/.custom-gcl.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cc customConfig
	if err := yaml.UnmarshalWithOptions(data, &cc, yaml.Strict()); err != nil {
		t.Fatal(err)
	}
	if len(cc.Plugins) != 1 || cc.Plugins[0].Import != "github.com/splitter-go/splitter/lint/golangci" {
		t.Fatalf(".custom-gcl.yml should name this package: %+v", cc.Plugins)
	}
	var dl struct{ Dir, Error string }
	if err := json.Unmarshal([]byte(goCmd(t, ".", "mod", "download", "-json", "github.com/golangci/golangci-lint/v2@"+cc.Version)), &dl); err != nil || dl.Dir == "" {
		t.Fatalf("golangci-lint %s from the module proxy: %v %s", cc.Version, err, dl.Error)
	}
	src := filepath.Join(t.TempDir(), "golangci-lint")
	copyDir(t, dl.Dir, src)
	imports := "package main\n\n// This file is used to declare module plugins.\n\nimport _ \"" + cc.Plugins[0].Import + "\"\n"
	if err := os.WriteFile(filepath.Join(src, "cmd", "golangci-lint", "plugins.go"), []byte(imports), 0o644); err != nil {
		t.Fatal(err)
	}
	root, _ := filepath.Abs("../..")
	goCmd(t, src, "mod", "edit", "-replace", cc.Plugins[0].Module+"="+root)
	goCmd(t, src, "mod", "tidy")
	bin := filepath.Join(t.TempDir(), cc.Name)
	goCmd(t, src, "build", "-o", bin, "./cmd/golangci-lint")
	return bin
}

type finding struct {
	Rule, File    string
	Line, Column  int
	Message, From string
}

func (f finding) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s (%s)", f.File, f.Line, f.Column, f.Rule, f.Message, f.From)
}

// TestPlugin builds golangci-lint v2 with the plugin and runs it on the
// lint demo module: it reports the same violations of SPL001, SPL002,
// SPL006 and SPL007, at the same lines and columns and with the same
// messages, as splitter lint.
func TestPlugin(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint: not in -short")
	}
	bin := buildCustom(t)
	demo := t.TempDir()
	copyDir(t, "../testdata/demo", demo)
	cfg, err := os.ReadFile("testdata/.golangci.yml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(demo, ".golangci.yml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(bin, "run", "--output.json.path", "stdout", "--output.text.path", "stderr", "--show-stats=false", "./...")
	cmd.Dir = demo
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOLANGCI_LINT_CACHE="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("golangci-lint run: %v (want exit 1: issues found)\n%s\n%s", err, out, stderr.String())
	}
	var res struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename     string
				Line, Column int
			}
		}
	}
	if err := json.NewDecoder(bytes.NewReader(out)).Decode(&res); err != nil {
		t.Fatalf("golangci-lint's JSON: %v\n%s", err, out)
	}
	var got []string
	for _, is := range res.Issues {
		// golangci-lint puts the analyzer's name before the message.
		text := strings.TrimPrefix(is.Text, "boundaries: ")
		rule, msg, _ := strings.Cut(text, ": ")
		got = append(got, finding{Rule: rule, File: filepath.ToSlash(is.Pos.Filename), Line: is.Pos.Line, Column: is.Pos.Column, Message: msg, From: is.FromLinter}.String())
	}

	var lintOut, lintErr bytes.Buffer
	if code := cli.Main([]string{"lint", "-C", demo, "--format", "json"}, &lintOut, &lintErr); code != cli.ExitFindings {
		t.Fatalf("splitter lint: exit %d\n%s", code, lintErr.String())
	}
	var lr struct {
		Violations []struct {
			Rule, File, Message string
			Line, Column        int
		}
	}
	if err := json.Unmarshal(lintOut.Bytes(), &lr); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, v := range lr.Violations {
		switch v.Rule {
		case "SPL001", "SPL002", "SPL006", "SPL007":
			want = append(want, finding{Rule: v.Rule, File: v.File, Line: v.Line, Column: v.Column, Message: v.Message, From: golangci.Name}.String())
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if len(want) == 0 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("golangci-lint with the plugin reports:\n%s\nsplitter lint:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSettings(t *testing.T) {
	p, err := golangci.New(map[string]any{"config": "testdata/x.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %s", p.GetLoadMode())
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 1 || as[0].Name != "boundaries" {
		t.Fatalf("analyzers %v, %v", as, err)
	}
	abs, _ := filepath.Abs("testdata/x.yaml")
	if got := as[0].Flags.Lookup("config").Value.String(); got != abs {
		t.Errorf("config flag %q, want %q", got, abs)
	}
	as[0].Flags.Set("config", "")
	if _, err := golangci.New(map[string]any{"confg": "x"}); err == nil || !strings.Contains(err.Error(), "the only setting is config") {
		t.Errorf("a misspelt setting: %v", err)
	}
	if _, err := register.GetPlugin(golangci.Name); err != nil {
		t.Errorf("the plugin is not registered: %v", err)
	}
}
