// Package dispatch is the work an alertmanager-shaped daemon runs in the
// background: a dispatcher loop and an importer a request starts.
package dispatch

// Dispatcher routes what arrives to its receivers until stopped.
type Dispatcher struct{ stop chan struct{} }

// Run loops until Stop.
func (d *Dispatcher) Run() { <-d.stop }

// Stop ends Run.
func (d *Dispatcher) Stop() { close(d.stop) }

// Maintenance garbage-collects on an interval until stopped.
func Maintenance(stop <-chan struct{}) { <-stop }

// Import is one import a request starts.
type Import struct{}

// Start runs the import.
func (i *Import) Start() {}
