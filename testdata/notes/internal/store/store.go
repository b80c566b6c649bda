// Package store keeps the notes.
package store

import (
	"errors"
	"fmt"
	"sync"
)

// Note is one note.
type Note struct {
	ID   int    `json:"id"`
	Text string `json:"text"`
}

// ErrNotFound: no such note.
var ErrNotFound = errors.New("not found")

// Store holds the notes in memory (a database in a real program).
type Store struct {
	mu    sync.Mutex
	notes []Note
}

// New returns a store seeded with n notes.
func New(n int) *Store {
	s := &Store{}
	for i := 1; i <= n; i++ {
		s.notes = append(s.notes, Note{ID: i, Text: fmt.Sprintf("note %d", i)})
	}
	return s
}

// List returns every note.
func (s *Store) List() []Note {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Note(nil), s.notes...)
}

// Get returns note id.
func (s *Store) Get(id int) (Note, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, n := range s.notes {
		if n.ID == id {
			return n, nil
		}
	}
	return Note{}, ErrNotFound
}

// Add stores a note.
func (s *Store) Add(text string) Note {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := Note{ID: len(s.notes) + 1, Text: text}
	s.notes = append(s.notes, n)
	return n
}

// Delete removes note id.
func (s *Store) Delete(id int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, n := range s.notes {
		if n.ID == id {
			s.notes = append(s.notes[:i], s.notes[i+1:]...)
			return nil
		}
	}
	return ErrNotFound
}
