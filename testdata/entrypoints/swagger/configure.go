// Package swagger is an application on a go-swagger server: it sets the
// generated API's handler fields (configure.go, the scaffold, sets stubs
// the application replaces; they are not routes of their own).
package swagger

import (
	"net/http"

	"example.com/ep/swagger/operations"
)

type notImplemented struct{}

func (notImplemented) WriteResponse(w http.ResponseWriter) { w.WriteHeader(http.StatusNotImplemented) }

// NotImplemented is the scaffold's default response.
func NotImplemented(string) operations.Responder { return notImplemented{} }

func configureAPI(api *operations.AlertAPI) {
	api.GetAlertsHandler = operations.GetAlertsHandlerFunc(func(operations.GetAlertsParams) operations.Responder {
		return NotImplemented("operation GetAlerts has not yet been implemented")
	})
}
