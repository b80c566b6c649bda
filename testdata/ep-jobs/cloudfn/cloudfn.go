// Package cloudfn registers Google Cloud Functions.
package cloudfn

import (
	"context"
	"net/http"

	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/cloudevents/sdk-go/v2/event"
)

func helloHTTP(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("hello")) }

func onUpload(ctx context.Context, e event.Event) error { return nil }

func init() { // want init "init" example.com/epjobs/cloudfn.init
	functions.HTTP("HelloHTTP", helloHTTP)     // want function "HelloHTTP" example.com/epjobs/cloudfn.helloHTTP
	functions.CloudEvent("OnUpload", onUpload) // want function "OnUpload" example.com/epjobs/cloudfn.onUpload
}
