// Package temporal registers Temporal workflows and activities.
package temporal

import (
	"context"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

func OrderWorkflow(ctx workflow.Context, id string) error  { return nil }
func RefundWorkflow(ctx workflow.Context, id string) error { return nil }

type Activities struct{}

func (a *Activities) Charge(ctx context.Context, id string) error { return nil }
func (a *Activities) Ship(ctx context.Context, id string) error   { return nil }

// Worker registers everything on a worker of the orders queue.
func Worker(c client.Client) worker.Worker {
	w := worker.New(c, "orders", worker.Options{})
	w.RegisterWorkflow(OrderWorkflow)                                                       // want consumer "temporal workflow:OrderWorkflow" example.com/epjobs/temporal.OrderWorkflow
	w.RegisterWorkflowWithOptions(RefundWorkflow, workflow.RegisterOptions{Name: "refund"}) // want consumer "temporal workflow:refund" example.com/epjobs/temporal.RefundWorkflow
	w.RegisterActivity(&Activities{})                                                       // want consumer "temporal activity:Charge" example.com/epjobs/temporal.Activities.Charge consumer "temporal activity:Ship" example.com/epjobs/temporal.Activities.Ship
	return w
}
