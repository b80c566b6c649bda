package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The progress line shows the phase and its count, redraws a count at
// most every countEvery (but always the last one), and "done" clears it.
func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	clock := started.Add(2 * time.Second)
	l := &progressLine{w: &buf, now: func() time.Time { return clock }}
	l.count(1, 0, "files parsed") // before any phase: nothing to say
	if buf.Len() != 0 {
		t.Fatalf("a count before the first phase wrote %q", buf.String())
	}
	l.phase("loading packages")
	l.count(1, 0, "files parsed")
	l.count(2, 0, "files parsed") // too soon: not drawn
	clock = clock.Add(countEvery)
	l.count(3, 0, "files parsed")
	l.phase("reading declarations")
	l.count(1, 2, "packages")
	l.count(2, 2, "packages") // the last one is drawn however soon
	l.phase("done")
	got := strings.Split(buf.String(), "\r\033[K")
	want := []string{
		"splitter: loading packages… (2.0s)",
		"splitter: loading packages… 1 files parsed (2.0s)",
		"splitter: loading packages… 3 files parsed (2.1s)",
		"splitter: reading declarations… (2.1s)",
		"splitter: reading declarations… 1/2 packages (2.1s)",
		"splitter: reading declarations… 2/2 packages (2.1s)",
		"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the line was drawn as\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
