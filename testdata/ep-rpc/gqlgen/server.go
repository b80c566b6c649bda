// Package gqlgen serves the GraphQL schema: each resolver method is a use case.
package gqlgen

import (
	"net/http"

	"github.com/99designs/gqlgen/graphql/handler"

	"example.com/eprpc/gqlgen/graph"
	"example.com/eprpc/gqlgen/graph/generated"
)

// Mux serves /query.
func Mux() *http.ServeMux {
	mux := http.NewServeMux()
	srv := handler.New(generated.NewExecutableSchema(generated.Config{Resolvers: &graph.Resolver{}})) // want graphql "Mutation.createTodo" example.com/eprpc/gqlgen/graph.mutationResolver.CreateTodo graphql "Query.todos" example.com/eprpc/gqlgen/graph.queryResolver.Todos graphql "Query.todo" example.com/eprpc/gqlgen/graph.queryResolver.Todo
	mux.Handle("/query", srv)                                                                         // want http "ANY /query" example.com/eprpc/gqlgen.Mux mount
	return mux
}
