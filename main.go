// Command splitter reads a Go monolith and proposes how to cut it into
// services and serverless functions. See README.md.
package main

import (
	"os"

	"github.com/splitter-go/splitter/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
