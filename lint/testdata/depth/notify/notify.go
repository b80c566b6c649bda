// Package notify sends messages through whatever Sender it is given.
package notify

// Sender delivers one message.
type Sender interface{ Send(msg string) }

// Broadcast hands msg to s.
func Broadcast(s Sender, msg string) { s.Send(msg) }
