// Command app is the module's program entry point.
package main

import (
	"log"

	_ "example.com/ep/mains/setup"
)

type app struct{ name string }

// Negative: a method named main is not the program's main.
func (a app) main() { log.Println("running", a.name) }

func main() { // want main "main" example.com/ep/mains/cmd/app.main
	app{name: "ep"}.main()
}
