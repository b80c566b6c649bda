// Package protocol serves a line protocol of its own over TCP, as an SMTP
// or POP3 server does: the accept loop is an entry point.
package protocol

import (
	"bufio"
	"net"
	"net/http"

	"github.com/ThreeDotsLabs/watermill/message"
)

// Server answers one command per line.
type Server struct{ store map[string]string }

// Serve accepts connections until the listener closes.
func (s *Server) Serve(ln net.Listener) error {
	for {
		conn, err := ln.Accept() // want worker "protocol.Server.Serve" example.com/epjobs/protocol.Server.Serve
		if err != nil {
			return err
		}
		go s.session(conn)
	}
}

func (s *Server) session(c net.Conn) {
	defer c.Close()
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		s.store[sc.Text()] = "seen"
	}
}

// ServeTCP is the same over a *net.TCPListener.
func ServeTCP(ln *net.TCPListener, handle func(net.Conn)) {
	for {
		conn, err := ln.AcceptTCP() // want worker "protocol.ServeTCP" example.com/epjobs/protocol.ServeTCP
		if err != nil {
			return
		}
		go handle(conn)
	}
}

// Negative: one connection accepted, no loop (a test's handshake).
func acceptOne(ln net.Listener) (net.Conn, error) {
	return ln.Accept()
}

// Negative: a listener handed to net/http, whose loop is the library's.
func ListenHTTP(addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	c, _ := acceptOne(ln)
	_ = c
	return http.Serve(ln, h)
}

// Negative: the loop is around a func literal, which is not the loop.
func retry(ln net.Listener) {
	for i := 0; i < 3; i++ {
		accept := func() { _, _ = ln.Accept() }
		_ = accept
	}
}

// Negative: a transport a dependency drives (memberlist's Transport in a
// real program; watermill's Publisher here): its loop serves that library.
type transport struct{ ln net.Listener }

func (t *transport) Publish(topic string, msgs ...*message.Message) error { return nil }
func (t *transport) Close() error                                         { return t.ln.Close() }

var _ message.Publisher = (*transport)(nil)

func (t *transport) listen() {
	for {
		c, err := t.ln.Accept()
		if err != nil {
			return
		}
		_ = c
	}
}
