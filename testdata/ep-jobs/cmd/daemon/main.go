// Command daemon starts its workers and leaves them running, as
// alertmanager's main does; the goroutines that are not workers are
// annotated too.
package main

import (
	"net/http"

	"example.com/epjobs/dispatch"
)

func checkUpdates() {}

func handleImport(w http.ResponseWriter, r *http.Request) {
	imp := &dispatch.Import{}
	go imp.Start() // a use case's background work, not a worker
}

func run() {
	d := &dispatch.Dispatcher{}
	stop := make(chan struct{})
	go d.Run()                               // want worker "dispatch.Dispatcher.Run" example.com/epjobs/dispatch.Dispatcher.Run
	go dispatch.Maintenance(stop)            // want worker "dispatch.Maintenance" example.com/epjobs/dispatch.Maintenance
	go checkUpdates()                        // want worker "daemon.checkUpdates" example.com/epjobs/cmd/daemon.checkUpdates
	go func() { d.Stop() }()                 // a func literal: wiring
	go http.ListenAndServe(":8080", nil)     // the standard library's server: wiring
	http.HandleFunc("/import", handleImport) // want http "ANY /import" example.com/epjobs/cmd/daemon.handleImport
}

func main() { // want main "main" example.com/epjobs/cmd/daemon.main
	run()
}
