package app

import (
	"context"
	"time"

	"example.com/clinic/internal/platform/clock"
	"example.com/clinic/internal/platform/db"
	"example.com/clinic/internal/platform/eventbus"
	"example.com/clinic/internal/scheduling/domain"
)

// Service implements booking and the visit lifecycle.
type Service struct {
	repo     Repository
	patients PatientDirectory
	staff    StaffDirectory
	events   eventbus.Publisher
	clock    clock.Clock
}

// NewService builds the scheduling service.
func NewService(repo Repository, patients PatientDirectory, staff StaffDirectory, events eventbus.Publisher, c clock.Clock) *Service {
	return &Service{repo: repo, patients: patients, staff: staff, events: events, clock: c}
}

// Book is the input of Book.
type Book struct {
	PatientID       string    `json:"patient_id"`
	VetID           string    `json:"vet_id"`
	Kind            string    `json:"kind"`
	Start           time.Time `json:"start"`
	DurationMinutes int       `json:"duration_minutes"`
	Reason          string    `json:"reason"`
}

// Book books a visit after checking the patient, the vet and the vet's agenda.
func (s *Service) Book(ctx context.Context, in Book) (domain.Appointment, error) {
	ownerID, err := s.patients.OwnerOf(ctx, in.PatientID)
	if err != nil {
		return domain.Appointment{}, err
	}
	ok, err := s.staff.IsVet(ctx, in.VetID)
	if err != nil {
		return domain.Appointment{}, err
	}
	if !ok {
		return domain.Appointment{}, domain.ErrNotAVet
	}
	a, err := domain.NewAppointment(db.NewID("apt"), in.PatientID, ownerID, in.VetID, domain.Kind(in.Kind),
		in.Start, time.Duration(in.DurationMinutes)*time.Minute, in.Reason, s.clock.Now())
	if err != nil {
		return domain.Appointment{}, err
	}
	existing, err := s.repo.ForVet(ctx, a.VetID, clock.StartOfDay(a.Start), clock.StartOfDay(a.Start).AddDate(0, 0, 1))
	if err != nil {
		return domain.Appointment{}, err
	}
	for _, e := range existing {
		if e.Status != domain.StatusCancelled && e.Overlaps(a) {
			return domain.Appointment{}, domain.ErrSlotTaken
		}
	}
	if err := s.repo.Create(ctx, a); err != nil {
		return domain.Appointment{}, err
	}
	return a, s.events.Publish(ctx, AppointmentBooked{
		AppointmentID: a.ID, PatientID: a.PatientID, OwnerID: a.OwnerID, VetID: a.VetID, Start: a.Start, Kind: string(a.Kind),
	})
}

// Get returns one appointment.
func (s *Service) Get(ctx context.Context, id string) (domain.Appointment, error) {
	return s.repo.ByID(ctx, id)
}

// Agenda returns a vet's appointments for the day containing day.
func (s *Service) Agenda(ctx context.Context, vetID string, day time.Time) ([]domain.Appointment, error) {
	from := clock.StartOfDay(day)
	return s.repo.ForVet(ctx, vetID, from, from.AddDate(0, 0, 1))
}

// CheckIn marks the patient as arrived.
func (s *Service) CheckIn(ctx context.Context, id string) (domain.Appointment, error) {
	return s.transition(ctx, id, func(a *domain.Appointment) error { return a.CheckIn(s.clock.Now()) })
}

// Complete is the input of Complete.
type Complete struct {
	Note  string `json:"note"`
	Items []struct {
		SKU      string `json:"sku"`
		Quantity int    `json:"quantity"`
	} `json:"items"`
}

// Complete closes a visit and announces it to billing and inventory.
func (s *Service) Complete(ctx context.Context, id string, in Complete) (domain.Appointment, error) {
	items := make([]domain.UsedItem, 0, len(in.Items))
	for _, it := range in.Items {
		if it.Quantity > 0 {
			items = append(items, domain.UsedItem{SKU: it.SKU, Quantity: it.Quantity})
		}
	}
	a, err := s.transition(ctx, id, func(a *domain.Appointment) error {
		return a.Complete(s.clock.Now(), in.Note, items)
	})
	if err != nil {
		return a, err
	}
	ev := AppointmentCompleted{AppointmentID: a.ID, PatientID: a.PatientID, OwnerID: a.OwnerID,
		VetID: a.VetID, Kind: string(a.Kind), CompletedAt: a.UpdatedAt}
	for _, it := range a.Items {
		ev.Items = append(ev.Items, CompletedItem{SKU: it.SKU, Quantity: it.Quantity})
	}
	return a, s.events.Publish(ctx, ev)
}

// Cancel cancels a booking.
func (s *Service) Cancel(ctx context.Context, id string) (domain.Appointment, error) {
	a, err := s.transition(ctx, id, func(a *domain.Appointment) error { return a.Cancel(s.clock.Now()) })
	if err != nil {
		return a, err
	}
	return a, s.events.Publish(ctx, AppointmentCancelled{AppointmentID: a.ID, OwnerID: a.OwnerID, Start: a.Start})
}

func (s *Service) transition(ctx context.Context, id string, f func(*domain.Appointment) error) (domain.Appointment, error) {
	a, err := s.repo.ByID(ctx, id)
	if err != nil {
		return a, err
	}
	if err := f(&a); err != nil {
		return a, err
	}
	return a, s.repo.Update(ctx, a)
}
