// Package app holds the scheduling use cases.
package app

import (
	"context"
	"time"

	"example.com/clinic/internal/scheduling/domain"
)

// Repository persists appointments.
type Repository interface {
	Create(ctx context.Context, a domain.Appointment) error
	Update(ctx context.Context, a domain.Appointment) error
	ByID(ctx context.Context, id string) (domain.Appointment, error)
	ForVet(ctx context.Context, vetID string, from, to time.Time) ([]domain.Appointment, error)
}

// PatientDirectory is what scheduling needs to know about patients. It is
// implemented in module.go on top of the patients module facade.
type PatientDirectory interface {
	// OwnerOf returns the owner of a bookable (living) patient.
	OwnerOf(ctx context.Context, patientID string) (ownerID string, err error)
}

// StaffDirectory is what scheduling needs to know about staff.
type StaffDirectory interface {
	IsVet(ctx context.Context, userID string) (bool, error)
}

// AppointmentBooked is published when a visit is booked.
type AppointmentBooked struct {
	AppointmentID, PatientID, OwnerID, VetID, Kind string
	Start                                          time.Time
}

// EventName implements eventbus.Event.
func (AppointmentBooked) EventName() string { return "scheduling.appointment_booked" }

// AppointmentCancelled is published when a booking is cancelled.
type AppointmentCancelled struct {
	AppointmentID, OwnerID string
	Start                  time.Time
}

// EventName implements eventbus.Event.
func (AppointmentCancelled) EventName() string { return "scheduling.appointment_cancelled" }

// CompletedItem is an item consumed during a completed visit.
type CompletedItem struct {
	SKU      string
	Quantity int
}

// AppointmentCompleted is published when the vet closes a visit. Billing
// invoices it and inventory deducts the items used.
type AppointmentCompleted struct {
	AppointmentID, PatientID, OwnerID, VetID, Kind string
	CompletedAt                                    time.Time
	Items                                          []CompletedItem
}

// EventName implements eventbus.Event.
func (AppointmentCompleted) EventName() string { return "scheduling.appointment_completed" }
