// Command clidoc prints the command tree's documentation and exits: it
// builds the tree (with no options) but does not run it, as kratos'
// cmd/clidoc does, so it is not how the routes are served.
package main

import (
	"fmt"

	"example.com/idp/v3/cmd"
)

func main() {
	root := cmd.NewRootCmd()
	for _, c := range root.Commands() {
		fmt.Println(c.Use)
	}
}
