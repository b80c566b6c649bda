// Package domain holds the patients module's entities: animal owners (clients)
// and their pets (patients).
package domain

import (
	"errors"
	"strings"
	"time"
)

// Domain errors.
var (
	ErrOwnerNotFound   = errors.New("owner not found")
	ErrPatientNotFound = errors.New("patient not found")
	ErrInvalidSpecies  = errors.New("unsupported species")
	ErrNameRequired    = errors.New("name is required")
	ErrContactRequired = errors.New("an email or phone number is required")
)

// Species is the kind of animal.
type Species string

// ParseSpecies validates a species string.
func ParseSpecies(s string) (Species, error) {
	switch sp := Species(strings.ToLower(s)); sp {
	case "dog", "cat", "rabbit", "bird", "reptile", "other":
		return sp, nil
	}
	return "", ErrInvalidSpecies
}

// Contact is how the clinic reaches an owner.
type Contact struct {
	Email     string
	Phone     string
	PreferSMS bool
}

// Owner is a client of the clinic who owns one or more patients.
type Owner struct {
	ID        string
	Name      string
	Contact   Contact
	Address   string
	CreatedAt time.Time
}

// NewOwner validates and builds an owner.
func NewOwner(id, name string, c Contact, address string, now time.Time) (Owner, error) {
	if strings.TrimSpace(name) == "" {
		return Owner{}, ErrNameRequired
	}
	if c.Email == "" && c.Phone == "" {
		return Owner{}, ErrContactRequired
	}
	return Owner{ID: id, Name: strings.TrimSpace(name), Contact: c, Address: address, CreatedAt: now}, nil
}

// Patient is an animal treated by the clinic.
type Patient struct {
	ID        string
	OwnerID   string
	Name      string
	Species   Species
	BirthDate time.Time
	WeightKg  float64
	Deceased  bool
}

// AgeYears returns the patient's age in whole years at now.
func (p Patient) AgeYears(now time.Time) int {
	years := now.Year() - p.BirthDate.Year()
	if now.YearDay() < p.BirthDate.YearDay() {
		years--
	}
	return max(years, 0)
}
