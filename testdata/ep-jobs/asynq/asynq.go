// Package asynq serves asynq tasks.
package asynq

import (
	"context"

	"github.com/hibiken/asynq"
)

func deliverEmail(ctx context.Context, t *asynq.Task) error { return nil }

type resizer struct{}

func (resizer) ProcessTask(ctx context.Context, t *asynq.Task) error { return nil }

// Mux routes the task types.
func Mux() *asynq.ServeMux {
	mux := asynq.NewServeMux()
	mux.HandleFunc("email:deliver", deliverEmail) // want consumer "asynq email:deliver" example.com/epjobs/asynq.deliverEmail
	mux.Handle("image:resize", resizer{})         // want consumer "asynq image:resize" example.com/epjobs/asynq.resizer.ProcessTask
	return mux
}

// Enqueue is a client: not an entry point.
func Enqueue(c *asynq.Client) error {
	_, err := c.Enqueue(asynq.NewTask("email:deliver", nil))
	return err
}
