// Command splitter-vet runs splitter's service boundary rules (SPL001,
// SPL002, SPL006, SPL007) as a go vet tool:
//
//	go install github.com/splitter-go/splitter/cmd/splitter-vet@latest
//	go vet -vettool=$(which splitter-vet) ./...
//
// or on its own: splitter-vet ./... . It reads the splitter.yaml found from
// each package's directory up to its module root (or -boundaries.config).
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/splitter-go/splitter/lint/vetcheck"
)

func main() { singlechecker.Main(vetcheck.Analyzer) }
