package model

import (
	"reflect"
	"testing"
)

// A command whose handler reaches a listener, however deep, starts the
// server; a command of the tool that listens on nothing does not, nor does
// a route that reaches the same code.
func TestServerCommands(t *testing.T) {
	m := &Model{
		Units: []Unit{
			{ID: "main.rootCmd"}, {ID: "server.New"}, {ID: "server.Start", Facts: []Fact{{Kind: FactListener, Call: "net.Listen"}}},
			{ID: "main.exportCmd"}, {ID: "store.Export"}, {ID: "api.Health"},
		},
		Edges: []Edge{
			{From: "main.rootCmd", To: "server.New", Kind: EdgeCall},
			{From: "server.New", To: "server.Start", Kind: EdgeCall},
			{From: "main.exportCmd", To: "store.Export", Kind: EdgeCall},
			{From: "main.exportCmd", To: "server.Start", Kind: EdgeRef}, // a reference is no call
			{From: "api.Health", To: "server.Start", Kind: EdgeCall},
		},
		EntryPoints: []EntryPoint{
			{ID: "cli:app", Kind: EntryCLI, Targets: []string{"main.rootCmd"}},
			{ID: "cli:app export", Kind: EntryCLI, Targets: []string{"main.exportCmd"}},
			{ID: "http:GET /health", Kind: EntryHTTP, Targets: []string{"api.Health"}},
		},
	}
	if got, want := ServerCommands(m), map[string]bool{"cli:app": true}; !reflect.DeepEqual(got, want) {
		t.Errorf("ServerCommands = %v, want %v", got, want)
	}
}
