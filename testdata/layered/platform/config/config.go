// Package config loads process configuration from the environment.
package config

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config holds every setting the shop binaries read at start-up.
type Config struct {
	Env             string
	HTTPAddr        string
	GRPCAddr        string
	DatabaseURL     string
	NATSURL         string
	LogLevel        string
	LogFormat       string
	AdminToken      string
	DebugAddr       string
	ShutdownTimeout time.Duration

	DBMaxOpenConns int
	DBMaxIdleConns int

	PaymentGatewayURL string
	PaymentGatewayKey string
	WebhookSecret     string

	SMTPAddr string
	MailFrom string

	ReservationTTL     time.Duration
	FreeShippingCents  int64
	CronEnabled        bool
	ConsumersEnabled   bool
	ReviewDigestRecips []string
}

// Load reads the configuration from the environment and validates it.
func Load() (Config, error) {
	var errs []error
	cfg := Config{
		Env:                getenv("SHOP_ENV", "development"),
		HTTPAddr:           getenv("SHOP_HTTP_ADDR", ":8080"),
		GRPCAddr:           getenv("SHOP_GRPC_ADDR", ":9090"),
		DatabaseURL:        os.Getenv("SHOP_DATABASE_URL"),
		NATSURL:            getenv("SHOP_NATS_URL", "nats://127.0.0.1:4222"),
		LogLevel:           getenv("SHOP_LOG_LEVEL", "info"),
		LogFormat:          getenv("SHOP_LOG_FORMAT", "json"),
		AdminToken:         os.Getenv("SHOP_ADMIN_TOKEN"),
		DebugAddr:          getenv("SHOP_DEBUG_ADDR", "127.0.0.1:6060"),
		PaymentGatewayURL:  getenv("SHOP_PAYMENT_GATEWAY_URL", "https://api.paygate.example/v2"),
		PaymentGatewayKey:  os.Getenv("SHOP_PAYMENT_GATEWAY_KEY"),
		WebhookSecret:      os.Getenv("SHOP_WEBHOOK_SECRET"),
		SMTPAddr:           getenv("SHOP_SMTP_ADDR", ""),
		MailFrom:           getenv("SHOP_MAIL_FROM", "shop@example.com"),
		ReviewDigestRecips: getList("SHOP_REVIEW_DIGEST_TO"),
	}
	cfg.ShutdownTimeout = getDuration("SHOP_SHUTDOWN_TIMEOUT", 20*time.Second, &errs)
	cfg.ReservationTTL = getDuration("SHOP_RESERVATION_TTL", 30*time.Minute, &errs)
	cfg.DBMaxOpenConns = getInt("SHOP_DB_MAX_OPEN", 20, &errs)
	cfg.DBMaxIdleConns = getInt("SHOP_DB_MAX_IDLE", 5, &errs)
	cfg.FreeShippingCents = int64(getInt("SHOP_FREE_SHIPPING_CENTS", 5000, &errs))
	cfg.CronEnabled = getBool("SHOP_CRON_ENABLED", true, &errs)
	cfg.ConsumersEnabled = getBool("SHOP_CONSUMERS_ENABLED", true, &errs)

	if cfg.DatabaseURL == "" {
		errs = append(errs, errors.New("SHOP_DATABASE_URL is required"))
	}
	if cfg.Env == "production" && cfg.AdminToken == "" {
		errs = append(errs, errors.New("SHOP_ADMIN_TOKEN is required in production"))
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	return cfg, nil
}

// IsProduction reports whether the process runs in production.
func (c Config) IsProduction() bool { return c.Env == "production" }

func getenv(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && strings.TrimSpace(v) != "" {
		return strings.TrimSpace(v)
	}
	return def
}

func getInt(key string, def int, errs *[]error) int {
	v := getenv(key, "")
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %w", key, err))
		return def
	}
	return n
}

func getBool(key string, def bool, errs *[]error) bool {
	v := getenv(key, "")
	if v == "" {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %w", key, err))
		return def
	}
	return b
}

func getDuration(key string, def time.Duration, errs *[]error) time.Duration {
	v := getenv(key, "")
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		*errs = append(*errs, fmt.Errorf("%s: %w", key, err))
		return def
	}
	return d
}

func getList(key string) []string {
	v := getenv(key, "")
	if v == "" {
		return nil
	}
	var out []string
	for _, part := range strings.Split(v, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}
