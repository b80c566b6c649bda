// Package config reads the configuration from the environment.
package config

import (
	"fmt"
	"os"
	"strconv"
)

// Options is the configuration.
type Options struct {
	Addr  string
	Title string
	Token string
	Seed  int
}

// Opts is the configuration in use; main sets it.
var Opts *Options

// Parse reads NOTES_ADDR, NOTES_TITLE, NOTES_TOKEN and NOTES_SEED.
func Parse() (*Options, error) {
	o := &Options{Addr: env("NOTES_ADDR", ":8080"), Title: env("NOTES_TITLE", "Notes"), Token: os.Getenv("NOTES_TOKEN"), Seed: 2}
	if s := os.Getenv("NOTES_SEED"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, fmt.Errorf("NOTES_SEED: %w", err)
		}
		o.Seed = n
	}
	return o, nil
}

func env(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
