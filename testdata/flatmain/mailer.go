package main

import (
	"fmt"
	"net/smtp"
	"net/url"
	"sync"
)

// mailer sends mail through one SMTP server, a few messages at a time.
type mailer struct {
	addr string
	sem  chan struct{}
	mu   sync.Mutex
	sent int
}

func newMailer(server string, concurrency int) *mailer {
	u, err := url.Parse(server)
	addr := server
	if err == nil && u.Host != "" {
		addr = u.Host
	}
	return &mailer{addr: addr, sem: make(chan struct{}, concurrency)}
}

func (m *mailer) send(to, subject, body string) error {
	m.sem <- struct{}{}
	defer func() { <-m.sem }()
	msg := fmt.Sprintf("To: %s\r\nSubject: %s\r\n\r\n%s\r\n", to, subject, body)
	if err := smtp.SendMail(m.addr, nil, "newsletter@example.com", []string{to}, []byte(msg)); err != nil {
		return fmt.Errorf("mailing %s: %w", to, err)
	}
	m.mu.Lock()
	m.sent++
	m.mu.Unlock()
	return nil
}
