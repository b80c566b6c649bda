// Package config reads splitter.yaml, the file where a team declares what
// splitter cannot infer. For now it holds extra entry points; the service
// boundaries of the lint gate will join it.
//
//	# splitter.yaml
//	entrypoints:
//	  - function: example.com/shop/jobs.Nightly   # a unit id
//	    name: nightly-report                     # optional label
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
)

// FileNames are the names looked for, in order.
var FileNames = []string{"splitter.yaml", ".splitter.yaml"}

// Config is the content of splitter.yaml.
type Config struct {
	// Path is the file it was read from ("" when there was none).
	Path        string       `yaml:"-"`
	EntryPoints []EntryPoint `yaml:"entrypoints"`
}

// EntryPoint declares a function as an entry point.
type EntryPoint struct {
	// Function is a unit id: importpath.Func or importpath.Type.Method.
	Function string `yaml:"function"`
	// Name labels it in the output; it defaults to the function's name.
	Name string `yaml:"name"`
}

// Error is a problem in the config file, with its position when known.
type Error struct {
	Path string
	Msg  string // includes line:column and the offending source when known
}

func (e *Error) Error() string { return e.Path + ": " + e.Msg }

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

// Parse validates data as a config file; path is used in messages. Unknown
// keys and wrong types are errors, reported with line and column.
func Parse(path string, data []byte) (cfg *Config, err error) {
	// The YAML library must not take the run down on hostile input.
	defer func() {
		if r := recover(); r != nil {
			cfg, err = nil, &Error{Path: path, Msg: fmt.Sprintf("cannot parse the file: %v", r)}
		}
	}()
	cfg = &Config{Path: path}
	if len(bytes.TrimSpace(data)) == 0 {
		return cfg, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data), yaml.DisallowUnknownField(), yaml.Strict())
	if err := dec.Decode(cfg); err != nil {
		return nil, &Error{Path: path, Msg: strings.TrimSpace(yaml.FormatError(err, false, true))}
	}
	for i, ep := range cfg.EntryPoints {
		if strings.TrimSpace(ep.Function) == "" {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("entrypoints[%d]: function is required (a unit id such as example.com/app/jobs.Nightly)", i)}
		}
		if !strings.Contains(ep.Function, ".") {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("entrypoints[%d]: function %q is not a unit id: write importpath.Func or importpath.Type.Method", i, ep.Function)}
		}
	}
	cfg.Path = path
	return cfg, nil
}
