// Package audit records events through notify.
package audit

import "example.com/depth/notify"

// Record logs an event.
func Record(s notify.Sender, event string) { notify.Broadcast(s, "audit: "+event) }
