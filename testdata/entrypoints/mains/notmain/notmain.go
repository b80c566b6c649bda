// Package notmain is not a main package, so its func main is an ordinary
// (unexported, legal) function and not an entry point.
package notmain

import "fmt"

func main() {
	fmt.Println("never run by the toolchain")
}

// Run calls main like any other function.
func Run() { main() }
