// Package config loads process configuration from the environment.
package config

import (
	"errors"
	"os"
	"strconv"
	"time"
)

// Config is the complete runtime configuration of the clinic monolith.
type Config struct {
	HTTPAddr        string
	DBDriver        string
	DatabaseURL     string
	LogLevel        string
	TokenSecret     string
	SessionTTL      time.Duration
	SMTPAddr        string
	MailFrom        string
	NotifyInterval  time.Duration
	BusBuffer       int
	ConsultFeeCents int64
}

// Load reads the configuration, applying defaults for optional values.
func Load() (Config, error) {
	c := Config{
		HTTPAddr:        env("CLINIC_HTTP_ADDR", ":8080"),
		DBDriver:        env("CLINIC_DB_DRIVER", "pgx"),
		DatabaseURL:     os.Getenv("CLINIC_DATABASE_URL"),
		LogLevel:        env("CLINIC_LOG_LEVEL", "info"),
		TokenSecret:     os.Getenv("CLINIC_TOKEN_SECRET"),
		SMTPAddr:        os.Getenv("CLINIC_SMTP_ADDR"),
		MailFrom:        env("CLINIC_MAIL_FROM", "noreply@pawsandclaws.example"),
		SessionTTL:      12 * time.Hour,
		NotifyInterval:  15 * time.Second,
		BusBuffer:       256,
		ConsultFeeCents: 4500,
	}
	if d, err := time.ParseDuration(os.Getenv("CLINIC_NOTIFY_INTERVAL")); err == nil {
		c.NotifyInterval = d
	}
	if n, err := strconv.ParseInt(os.Getenv("CLINIC_CONSULT_FEE_CENTS"), 10, 64); err == nil {
		c.ConsultFeeCents = n
	}
	if c.DatabaseURL == "" {
		return c, errors.New("config: CLINIC_DATABASE_URL is required")
	}
	if len(c.TokenSecret) < 16 {
		return c, errors.New("config: CLINIC_TOKEN_SECRET must be at least 16 bytes")
	}
	return c, nil
}

func env(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
