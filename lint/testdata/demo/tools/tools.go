// Package tools is attached to no service.
package tools

// Helper helps.
func Helper() string { return "help" }
