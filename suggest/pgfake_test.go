package suggest

import (
	"bufio"
	"encoding/binary"
	"io"
	"net"
	"strings"
	"testing"
)

// fakePostgres serves the PostgreSQL wire protocol on the loopback
// interface, just enough for a database/sql pool to open and ping (an
// empty query answers), and fails every other statement: a layered
// function's init phase succeeds, and each route's status can be worked
// out from its code knowing that every query fails. It returns a DSN.
func fakePostgres(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go servePostgres(c)
		}
	}()
	return "postgres://shop@" + ln.Addr().String() + "/shop?sslmode=disable"
}

func servePostgres(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	w := bufio.NewWriter(c)
	msg := func(typ byte, body []byte) {
		w.WriteByte(typ)
		binary.Write(w, binary.BigEndian, int32(len(body)+4))
		w.Write(body)
	}
	readN := func(n int) ([]byte, error) {
		b := make([]byte, n)
		_, err := io.ReadFull(r, b)
		return b, err
	}
	// Startup, after an SSL request if the client sends one.
	for {
		h, err := readN(4)
		if err != nil {
			return
		}
		body, err := readN(int(binary.BigEndian.Uint32(h)) - 4)
		if err != nil || len(body) < 4 {
			return
		}
		if binary.BigEndian.Uint32(body) == 80877103 { // SSLRequest: no TLS here
			c.Write([]byte{'N'})
			continue
		}
		break
	}
	ok := make([]byte, 4) // AuthenticationOk
	msg('R', ok)
	for _, kv := range [][2]string{{"server_version", "16.0"}, {"client_encoding", "UTF8"}, {"integer_datetimes", "on"}} {
		msg('S', []byte(kv[0]+"\x00"+kv[1]+"\x00"))
	}
	ready := func() { msg('Z', []byte{'I'}) }
	fail := func() {
		msg('E', []byte("SERROR\x00VERROR\x00CXX000\x00Mfake database: every statement fails\x00\x00"))
	}
	ready()
	w.Flush()
	failed := false
	for {
		typ, err := r.ReadByte()
		if err != nil {
			return
		}
		h, err := readN(4)
		if err != nil {
			return
		}
		body, err := readN(int(binary.BigEndian.Uint32(h)) - 4)
		if err != nil {
			return
		}
		switch typ {
		case 'Q': // simple query: the ping's ";" succeeds
			if q := strings.TrimRight(string(body), "\x00"); strings.Trim(q, "; \n") == "" {
				msg('I', nil)
			} else {
				fail()
			}
			ready()
		case 'S': // sync ends an extended-protocol statement
			if failed {
				fail()
			}
			failed = false
			ready()
		case 'X':
			return
		default: // parse, bind, describe, execute: fail at the sync
			failed = true
		}
		w.Flush()
	}
}
