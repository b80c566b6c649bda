// Package model holds the GraphQL types.
package model

type Todo struct {
	ID   string
	Text string
}
