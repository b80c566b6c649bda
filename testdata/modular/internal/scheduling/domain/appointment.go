// Package domain holds the scheduling module's entities: appointments and
// their lifecycle.
package domain

import (
	"errors"
	"fmt"
	"time"
)

// Domain errors.
var (
	ErrAppointmentNotFound = errors.New("appointment not found")
	ErrSlotTaken           = errors.New("the vet already has an appointment in that slot")
	ErrInPast              = errors.New("appointment must start in the future")
	ErrOutsideHours        = errors.New("appointment is outside opening hours")
	ErrInvalidDuration     = errors.New("duration must be between 10 minutes and 4 hours")
	ErrNotAVet             = errors.New("staff member is not a vet")
	ErrPatientUnavailable  = errors.New("patient cannot be booked")
)

// TransitionError reports an illegal status change.
type TransitionError struct {
	From Status
	To   Status
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("cannot move appointment from %s to %s", e.From, e.To)
}

// Status is the appointment lifecycle state.
type Status string

const (
	StatusBooked    Status = "booked"
	StatusCheckedIn Status = "checked_in"
	StatusCompleted Status = "completed"
	StatusCancelled Status = "cancelled"
)

// Opening hours, clinic local time.
const (
	OpensAt  = 8
	ClosesAt = 19
)

// Kind classifies a visit (consultation, vaccination, surgery…); billing
// uses it to choose the base fee.
type Kind string

// UsedItem is a stock item consumed during the visit (drug, vaccine, bandage).
type UsedItem struct {
	SKU      string
	Quantity int
}

// Appointment is a booked visit of a patient with a vet.
type Appointment struct {
	ID           string
	PatientID    string
	OwnerID      string
	VetID        string
	Kind         Kind
	Start        time.Time
	Duration     time.Duration
	Reason       string
	Status       Status
	ClinicalNote string
	Items        []UsedItem
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// NewAppointment validates a booking request.
func NewAppointment(id, patientID, ownerID, vetID string, kind Kind, start time.Time, d time.Duration, reason string, now time.Time) (Appointment, error) {
	if !start.After(now) {
		return Appointment{}, ErrInPast
	}
	if d < 10*time.Minute || d > 4*time.Hour {
		return Appointment{}, ErrInvalidDuration
	}
	end := start.Add(d)
	if start.Hour() < OpensAt || end.Hour() > ClosesAt || (end.Hour() == ClosesAt && end.Minute() > 0) {
		return Appointment{}, ErrOutsideHours
	}
	if kind == "" {
		kind = "consultation"
	}
	return Appointment{ID: id, PatientID: patientID, OwnerID: ownerID, VetID: vetID, Kind: kind,
		Start: start, Duration: d, Reason: reason, Status: StatusBooked, CreatedAt: now, UpdatedAt: now}, nil
}

// End returns when the appointment finishes.
func (a Appointment) End() time.Time { return a.Start.Add(a.Duration) }

// Overlaps reports whether a and b share any time.
func (a Appointment) Overlaps(b Appointment) bool {
	return a.Start.Before(b.End()) && b.Start.Before(a.End())
}

func (a *Appointment) move(to Status, now time.Time, allowed ...Status) error {
	for _, s := range allowed {
		if a.Status == s {
			a.Status = to
			a.UpdatedAt = now
			return nil
		}
	}
	return &TransitionError{From: a.Status, To: to}
}

// CheckIn marks the patient as arrived.
func (a *Appointment) CheckIn(now time.Time) error {
	return a.move(StatusCheckedIn, now, StatusBooked)
}

// Complete closes the visit with the vet's note and the items used.
func (a *Appointment) Complete(now time.Time, note string, items []UsedItem) error {
	if err := a.move(StatusCompleted, now, StatusCheckedIn); err != nil {
		return err
	}
	a.ClinicalNote = note
	a.Items = items
	return nil
}

// Cancel cancels a booking that has not started.
func (a *Appointment) Cancel(now time.Time) error {
	return a.move(StatusCancelled, now, StatusBooked)
}
