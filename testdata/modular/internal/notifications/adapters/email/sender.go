// Package email delivers notifications. Email goes out over SMTP; SMS is
// handed to the SMS gateway's email bridge. Without an SMTP server configured
// messages are only logged.
package email

import (
	"context"
	"fmt"
	"log/slog"
	"net/smtp"
	"strings"

	"example.com/clinic/internal/notifications/domain"
)

// SMTPSender sends through a plain SMTP relay.
type SMTPSender struct {
	Addr      string
	From      string
	SMSDomain string
}

// Send implements app.Sender.
func (s SMTPSender) Send(_ context.Context, n domain.Notification) error {
	to := n.Recipient
	if n.Channel == domain.SMS {
		to = strings.TrimPrefix(strings.ReplaceAll(n.Recipient, " ", ""), "+") + "@" + s.SMSDomain
	}
	msg := fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n",
		s.From, to, n.Subject, n.Body)
	return smtp.SendMail(s.Addr, nil, s.From, []string{to}, []byte(msg))
}

// LogSender only logs messages; used in development.
type LogSender struct{ Log *slog.Logger }

// Send implements app.Sender.
func (l LogSender) Send(_ context.Context, n domain.Notification) error {
	l.Log.Info("notification (not sent)", "channel", n.Channel, "to", n.Recipient, "subject", n.Subject)
	return nil
}
