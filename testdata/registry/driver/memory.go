package driver

import "strings"

// MemoryDriver keeps everything in memory.
type MemoryDriver struct{}

// NewMemoryDriver is the driver for the "memory" DSN.
func NewMemoryDriver() *MemoryDriver { return &MemoryDriver{} }

// CanHandle accepts "memory".
func (MemoryDriver) CanHandle(dsn string) bool { return strings.EqualFold(dsn, "memory") }

// Ping always succeeds.
func (MemoryDriver) Ping() error { return nil }
