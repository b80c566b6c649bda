// Package gocron schedules jobs with go-co-op/gocron v2.
package gocron

import (
	"log"
	"time"

	"github.com/go-co-op/gocron/v2"
)

type jobs struct{}

func (jobs) report()  { log.Println("report") }
func (jobs) cleanup() { log.Println("cleanup") }

// Start schedules the jobs.
func Start() (gocron.Scheduler, error) {
	s, err := gocron.NewScheduler()
	if err != nil {
		return nil, err
	}
	j := jobs{}
	if _, err := s.NewJob(gocron.CronJob("0 3 * * *", false), gocron.NewTask(j.report)); err != nil { // want cron "0 3 * * *" example.com/epjobs/gocron.jobs.report
		return nil, err
	}
	if _, err := s.NewJob(gocron.DurationJob(5*time.Minute), gocron.NewTask(func() { j.cleanup() })); err != nil { // want cron "@every 5m0s" example.com/epjobs/gocron.jobs.cleanup
		return nil, err
	}
	s.Start()
	return s, nil
}
