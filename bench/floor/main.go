// Command floor is the reference for splitter's benchmark: a plain
// go/packages type-check load of the same packages in the same mode that
// splitter uses (module packages from source, dependencies from export data),
// and nothing else.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/packages"
)

func main() {
	patterns := os.Args[1:]
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles |
		packages.NeedImports | packages.NeedTypes | packages.NeedTypesSizes |
		packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	n := 0
	for _, p := range pkgs {
		n += len(p.Syntax)
	}
	fmt.Printf("%d packages, %d files\n", len(pkgs), n)
}
