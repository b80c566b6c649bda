// Package golangci is splitter's boundary rules as a golangci-lint v2
// module plugin: the rules of lint/vetcheck (SPL001, SPL002, SPL006,
// SPL007), run by golangci-lint beside the linters a team already has, with
// the same messages and positions as splitter lint.
//
// golangci-lint links module plugins in at build time: `golangci-lint
// custom` reads .custom-gcl.yml, which names this package, and builds a
// golangci-lint binary with it imported (README, "golangci-lint"). The
// package registers itself as "splitter" when it is imported.
//
// Settings (linters.settings.custom.splitter.settings in .golangci.yml):
//
//	config: path/to/splitter.yaml   # default: the splitter.yaml found from each package up to its module root
//
// A relative config path is taken from the directory golangci-lint runs in.
package golangci

import (
	"fmt"
	"path/filepath"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/splitter-go/splitter/lint/vetcheck"
)

// Name is the plugin's name: the key under linters.settings.custom and the
// linter name golangci-lint reports.
const Name = "splitter"

func init() { register.Plugin(Name, New) }

// Settings are the plugin's settings.
type Settings struct {
	// Config is the splitter.yaml to check against.
	Config string `json:"config"`
}

type plugin struct{ settings Settings }

// New builds the plugin from its settings (unknown keys are errors).
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("splitter plugin settings: %w (the only setting is config: path/to/splitter.yaml)", err)
	}
	if s.Config != "" {
		abs, err := filepath.Abs(s.Config)
		if err != nil {
			return nil, fmt.Errorf("splitter plugin settings: config %s: %w", s.Config, err)
		}
		s.Config = abs
	}
	return &plugin{settings: s}, nil
}

// BuildAnalyzers returns vetcheck's Analyzer, set to the configured file.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	if p.settings.Config != "" {
		if err := vetcheck.Analyzer.Flags.Set("config", p.settings.Config); err != nil {
			return nil, err
		}
	}
	return []*analysis.Analyzer{vetcheck.Analyzer}, nil
}

// GetLoadMode says the rules need type information: they resolve each
// identifier to the unit it denotes.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
