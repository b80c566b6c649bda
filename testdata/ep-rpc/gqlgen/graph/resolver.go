// Package graph resolves the GraphQL schema.
package graph

import (
	"context"

	"example.com/eprpc/gqlgen/graph/generated"
	"example.com/eprpc/gqlgen/graph/model"
)

// Resolver is the root resolver.
type Resolver struct{ todos []*model.Todo }

func (r *Resolver) Mutation() generated.MutationResolver { return &mutationResolver{r} }
func (r *Resolver) Query() generated.QueryResolver       { return &queryResolver{r} }

type mutationResolver struct{ *Resolver }
type queryResolver struct{ *Resolver }

func (r *mutationResolver) CreateTodo(_ context.Context, text string) (*model.Todo, error) {
	t := &model.Todo{ID: text, Text: text}
	r.todos = append(r.todos, t)
	return t, nil
}

func (r *queryResolver) Todos(context.Context) ([]*model.Todo, error) { return r.todos, nil }

func (r *queryResolver) Todo(_ context.Context, id string) (*model.Todo, error) {
	for _, t := range r.todos {
		if t.ID == id {
			return t, nil
		}
	}
	return nil, nil
}
