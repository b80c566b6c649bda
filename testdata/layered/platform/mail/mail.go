// Package mail sends transactional e-mail.
package mail

import (
	"context"
	"fmt"
	"log/slog"
	"net/smtp"
	"strings"
	"time"
)

// Message is one outgoing e-mail.
type Message struct {
	To      []string
	Subject string
	Body    string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, msg Message) error
}

// SMTPSender delivers through an SMTP relay without authentication.
type SMTPSender struct {
	Addr string
	From string
}

// Send delivers msg, honouring ctx cancellation before dialing.
func (s SMTPSender) Send(ctx context.Context, msg Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(msg.To) == 0 {
		return fmt.Errorf("mail: no recipients")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\n", s.From)
	fmt.Fprintf(&b, "To: %s\r\n", strings.Join(msg.To, ", "))
	fmt.Fprintf(&b, "Subject: %s\r\n", msg.Subject)
	fmt.Fprintf(&b, "Date: %s\r\n", time.Now().UTC().Format(time.RFC1123Z))
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n")
	b.WriteString(msg.Body)
	if err := smtp.SendMail(s.Addr, nil, s.From, msg.To, []byte(b.String())); err != nil {
		return fmt.Errorf("mail: send to %v: %w", msg.To, err)
	}
	return nil
}

// LogSender logs messages instead of sending them (development).
type LogSender struct{ Log *slog.Logger }

// Send logs msg.
func (s LogSender) Send(_ context.Context, msg Message) error {
	s.Log.Info("mail (not sent)", "to", msg.To, "subject", msg.Subject, "bytes", len(msg.Body))
	return nil
}
