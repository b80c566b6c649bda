// Package log is the demo's shared kernel.
package log

import "fmt"

// Printf prints a line.
func Printf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
