package vetcheck_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/splitter-go/splitter/lint/vetcheck"
)

// TestDemo runs the analyzer on the lint demo module, whose // want
// comments list the violations a per-package check can see.
func TestDemo(t *testing.T) {
	analysistest.Run(t, "../testdata/demo", vetcheck.Analyzer, "./...")
}
