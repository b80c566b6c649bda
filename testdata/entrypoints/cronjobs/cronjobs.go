// Package cronjobs schedules jobs with robfig/cron.
package cronjobs

import (
	"context"
	"log"

	"github.com/robfig/cron/v3"
)

type jobs struct{ table string }

func (j *jobs) cleanup()                   { log.Println("cleanup", j.table) }
func (j *jobs) report(ctx context.Context) { log.Println("report", ctx.Err()) }

// myJob is a cron.Job: its Run method is the handler.
type myJob struct{}

func (myJob) Run() { log.Println("daily") }

// Start schedules the jobs and starts the scheduler.
func Start(ctx context.Context) *cron.Cron {
	j := &jobs{table: "sessions"}
	c := cron.New()

	c.AddFunc("@every 1h", j.cleanup) // want cron "@every 1h" example.com/ep/cronjobs.jobs.cleanup

	// Closure whose only statement calls a module method.
	if _, err := c.AddFunc("0 3 * * *", func() { j.report(ctx) }); err != nil { // want cron "0 3 * * *" example.com/ep/cronjobs.jobs.report
		log.Fatal(err)
	}

	// A cron.Job value: the handler is its Run method.
	c.AddJob("@daily", myJob{}) // want cron "@daily" example.com/ep/cronjobs.myJob.Run

	// Closure with two statements: the enclosing function is the handler.
	c.AddFunc("*/5 * * * *", func() { // want cron "*/5 * * * *" example.com/ep/cronjobs.Start
		log.Println("tick")
		j.cleanup()
	})

	// Negative: parsing a spec schedules nothing.
	if _, err := cron.ParseStandard("30 4 * * *"); err != nil {
		log.Fatal(err)
	}

	c.Start()
	return c
}
