//go:build nodebug

package main

import (
	"database/sql"

	"github.com/go-chi/chi/v5"
)

func mountDebug(*chi.Mux, *sql.DB) {}
