// Command notes serves the notes API, its feed API and its web pages.
package main

import (
	"log"

	"example.com/notes/v2/internal/config"
	"example.com/notes/v2/internal/server"
	"example.com/notes/v2/internal/store"
)

func main() {
	var err error
	config.Opts, err = config.Parse()
	if err != nil {
		log.Fatal(err)
	}
	s := store.New(config.Opts.Seed)
	if err := server.Start(config.Opts.Addr, s); err != nil {
		log.Fatal(err)
	}
}
