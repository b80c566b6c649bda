package httpx

import (
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5/middleware"

	"example.com/clinic/internal/platform/auth"
	"example.com/clinic/internal/platform/logging"
)

// RequestLogger attaches a request-scoped logger and writes an access log line.
func RequestLogger(base *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			l := base.With(slog.String("request_id", middleware.GetReqID(r.Context())))
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r.WithContext(logging.WithContext(r.Context(), l)))
			l.Info("http request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", ww.Status()),
				slog.Int("bytes", ww.BytesWritten()),
				slog.Duration("elapsed", time.Since(start)))
		})
	}
}

// RequireAuth rejects requests without a valid bearer token and stores the
// principal in the request context.
func RequireAuth(v auth.Verifier) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
			if !ok || token == "" {
				Error(w, r, NewProblem(http.StatusUnauthorized, "unauthenticated", "missing bearer token"))
				return
			}
			p, err := v.Verify(r.Context(), token)
			if err != nil {
				Error(w, r, NewProblem(http.StatusUnauthorized, "unauthenticated", "invalid or expired token"))
				return
			}
			next.ServeHTTP(w, r.WithContext(auth.WithPrincipal(r.Context(), p)))
		})
	}
}

// RequireRole allows only principals holding one of roles.
func RequireRole(roles ...string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, err := auth.FromContext(r.Context())
			if err != nil {
				Error(w, r, NewProblem(http.StatusUnauthorized, "unauthenticated", err.Error()))
				return
			}
			if !p.HasRole(roles...) {
				Error(w, r, NewProblem(http.StatusForbidden, "forbidden", "role "+p.Role+" may not do this"))
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
