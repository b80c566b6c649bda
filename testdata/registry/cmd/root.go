// Package cmd is the command tree.
package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"example.com/dbal"
	"example.com/idp/v3/cmd/serve"
	"example.com/idp/v3/driver"
)

// NewRootCmd builds the command tree.
func NewRootCmd(opts ...driver.Option) *cobra.Command {
	root := &cobra.Command{Use: "idp"}
	serve.RegisterCommandRecursive(root, opts)
	return root
}

// Execute runs the command line: the memory driver is registered first,
// as kratos registers its SQL drivers on dbal.
func Execute() int {
	dbal.RegisterDriver(func() dbal.Driver { return driver.NewMemoryDriver() })
	c := NewRootCmd(driver.WithName("idp"))
	if err := c.Execute(); err != nil {
		fmt.Fprintln(c.ErrOrStderr(), err)
		return 1
	}
	return 0
}
