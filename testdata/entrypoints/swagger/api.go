package swagger

import (
	"net/http"

	"example.com/ep/swagger/operations"
)

// API holds the alerts and silences.
type API struct{ alerts []string }

type ok struct{}

func (ok) WriteResponse(w http.ResponseWriter) { w.WriteHeader(http.StatusOK) }

func (a *API) getAlerts(p operations.GetAlertsParams) operations.Responder { return ok{} }

func (a *API) deleteSilence(p operations.DeleteSilenceParams) operations.Responder { return ok{} }

// Handler wires the generated API to the application's handlers.
func (a *API) Handler() http.Handler {
	api := &operations.AlertAPI{}
	configureAPI(api)
	api.GetAlertsHandler = operations.GetAlertsHandlerFunc(a.getAlerts)             // want http "GET /alerts" example.com/ep/swagger.API.getAlerts
	api.DeleteSilenceHandler = operations.DeleteSilenceHandlerFunc(a.deleteSilence) // want http "DELETE /silence/{silenceID}" example.com/ep/swagger.API.deleteSilence
	return api.Serve()
}
