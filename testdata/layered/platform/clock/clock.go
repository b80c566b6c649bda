// Package clock abstracts time so services can be exercised deterministically.
package clock

import "time"

// Clock tells the current time.
type Clock interface {
	Now() time.Time
}

// System is the wall clock, always in UTC.
type System struct{}

// Now returns the current UTC time.
func (System) Now() time.Time { return time.Now().UTC() }

// Fixed is a clock frozen at a given instant.
type Fixed struct{ At time.Time }

// Now returns the frozen instant.
func (f Fixed) Now() time.Time { return f.At }

// StartOfDay truncates t to midnight in its own location.
func StartOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
