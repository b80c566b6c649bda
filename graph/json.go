package graph

import (
	"encoding/json"
	"io"
)

// WriteJSON writes g as indented JSON: view, module, title, notes,
// collapsed, nodes and edges, with the field names of Graph, Node and Edge.
// encoding/json escapes every string, including '<', '>' and '&'.
func WriteJSON(w io.Writer, g *Graph) error {
	c := *g
	if c.Nodes == nil {
		c.Nodes = []Node{}
	}
	if c.Edges == nil {
		c.Edges = []Edge{}
	}
	if c.Notes == nil {
		c.Notes = []string{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(&c)
}
