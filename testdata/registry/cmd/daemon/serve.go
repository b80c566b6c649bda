// Package daemon runs the servers.
package daemon

import (
	"context"
	"net/http"

	"github.com/spf13/cobra"

	"example.com/idp/v3/driver"
	"example.com/idp/v3/x"
)

// ServeAll serves the public API until the listener fails.
func ServeAll(d driver.Registry) func(cmd *cobra.Command, args []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		addr, _ := cmd.Flags().GetString("listen")
		return servePublic(cmd.Context(), d, addr)
	}
}

// servePublic is unexported, and calls the registry through its interface,
// as kratos' servePublic does: the routes are registered on the router the
// CSRF handler wraps, which the handlers need set before they register.
func servePublic(ctx context.Context, r driver.Registry, addr string) error {
	router := x.NewRouterPublic()
	csrf := x.NewCSRFHandler(router)
	csrf.ExemptPath("/health/alive")
	for _, p := range []string{"/health/ready"} {
		csrf.ExemptPath(p) // a loop configuring csrf: setup does not copy it, and says so
	}
	r.WithCSRFHandler(csrf)
	r.RegisterPublicRoutes(ctx, router)
	return http.ListenAndServe(addr, r.CSRFHandler())
}
