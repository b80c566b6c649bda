// Package idgen produces prefixed, sortable identifiers such as
// "ord_01HV3K9Z8Q4W2M5N7P".
package idgen

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"time"
)

var encoding = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)

// New returns a new identifier with the given prefix. The first six bytes
// encode the millisecond timestamp so that ids sort by creation time.
func New(prefix string) string {
	var buf [16]byte
	ms := uint64(time.Now().UnixMilli())
	var ts [8]byte
	binary.BigEndian.PutUint64(ts[:], ms)
	copy(buf[:6], ts[2:])
	if _, err := rand.Read(buf[6:]); err != nil {
		panic("idgen: crypto/rand failed: " + err.Error())
	}
	return prefix + "_" + encoding.EncodeToString(buf[:])
}

// HasPrefix reports whether id was generated with prefix.
func HasPrefix(id, prefix string) bool {
	return strings.HasPrefix(id, prefix+"_") && len(id) > len(prefix)+1
}

// Token returns a random URL-safe secret of n bytes of entropy.
func Token(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("idgen: crypto/rand failed: " + err.Error())
	}
	return strings.ToLower(encoding.EncodeToString(b))
}
