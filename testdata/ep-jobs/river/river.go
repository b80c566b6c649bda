// Package river registers a River worker: the job kind is its args' Kind().
package river

import (
	"context"

	"github.com/riverqueue/river"
)

type SortArgs struct{ Strings []string }

func (SortArgs) Kind() string { return "sort" }

type SortWorker struct {
	river.WorkerDefaults[SortArgs]
}

func (w *SortWorker) Work(ctx context.Context, job *river.Job[SortArgs]) error { return nil }

// Workers registers the workers.
func Workers() *river.Workers {
	workers := river.NewWorkers()
	river.AddWorker(workers, &SortWorker{}) // want consumer "river sort" example.com/epjobs/river.SortWorker.Work
	return workers
}
