// Package dbal is a driver registry outside the module (as kratos uses
// github.com/ory/x/dbal): the program registers its drivers on it in main's
// path, and the registry looks them up by DSN.
package dbal

import (
	"errors"
	"sync"
)

// Driver opens a connection for a DSN it recognises.
type Driver interface {
	CanHandle(dsn string) bool
	Ping() error
}

var (
	mu      sync.Mutex
	drivers []func() Driver
)

// ErrNoDriver is returned when no registered driver handles a DSN.
var ErrNoDriver = errors.New("dbal: no registered driver handles this DSN")

// RegisterDriver adds a driver factory.
func RegisterDriver(f func() Driver) {
	mu.Lock()
	defer mu.Unlock()
	drivers = append(drivers, f)
}

// GetDriverFor is the first registered driver that handles dsn.
func GetDriverFor(dsn string) (Driver, error) {
	mu.Lock()
	defer mu.Unlock()
	for _, f := range drivers {
		if d := f(); d.CanHandle(dsn) {
			return d, nil
		}
	}
	return nil, ErrNoDriver
}
