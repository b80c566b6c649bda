// Package setup has three init funcs: one in a.go and two in b.go. They are
// numbered by file name, then by line: init, init#2, init#3.
package setup

import "log"

// Registry is filled in by the init funcs.
var Registry = map[string]string{}

func init() { // want init "init" example.com/ep/mains/setup.init
	Registry["a"] = "from a.go"
}

// Negative: Init is an ordinary exported function.
func Init() { log.Println("explicit setup") }
