// Package mail sends e-mail; it plugs itself into notify.
package mail

import "example.com/depth/notify"

// Mailer is a notify.Sender.
type Mailer struct{ sent int }

// Send counts the message.
func (m *Mailer) Send(msg string) { m.sent++ }

// Welcome greets a new user.
func Welcome() { notify.Broadcast(&Mailer{}, "welcome") }
