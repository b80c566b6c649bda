// Command idp is an identity server built like ory/kratos: a cobra command
// tree whose serve command builds a registry (an interface) and serves the
// routes each handler registers on it.
package main

import (
	"os"

	"example.com/idp/v3/cmd"
)

func main() {
	os.Exit(cmd.Execute())
}
