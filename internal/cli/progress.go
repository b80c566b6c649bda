package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// started is when the command started: every phase shows the time since,
// also when a command makes several reporters (analysis, then the report).
var started = time.Now()

// newProgress returns a phase reporter that writes to stderr only when it is
// a terminal, so CI logs and pipes stay quiet. The phase "done" clears the
// line.
func newProgress(w io.Writer) func(string) {
	if l := newProgressLine(w); l != nil {
		return l.phase
	}
	return nil
}

// newProgressLine is the terminal's progress line (nil elsewhere): the
// phase, how far it has gone, the time since the start.
func newProgressLine(w io.Writer) *progressLine {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("CI") != "" {
		return nil
	}
	return &progressLine{w: f, now: time.Now}
}

// progressLine rewrites one line of stderr. The analysis counts from
// several goroutines, so it is locked, and a count redraws at most every
// 100 ms: a terminal that is written a line per package slows the run it
// shows.
type progressLine struct {
	w     io.Writer
	now   func() time.Time
	mu    sync.Mutex
	cur   string    // the phase shown
	shown bool      // something is on the line
	last  time.Time // the last count drawn
}

const countEvery = 100 * time.Millisecond

func (l *progressLine) phase(p string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cur = p
	l.last = time.Time{}
	if p == "done" {
		if l.shown {
			fmt.Fprint(l.w, "\r\033[K")
		}
		l.shown = false
		return
	}
	l.draw("")
}

// count shows done of total in the current phase (total 0: not known yet,
// the unit is said once: "files parsed").
func (l *progressLine) count(done, total int, unit string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == "" || l.cur == "done" {
		return
	}
	t := l.now()
	if !l.last.IsZero() && t.Sub(l.last) < countEvery && done != total {
		return
	}
	l.last = t
	if total > 0 {
		l.draw(fmt.Sprintf(" %d/%d %s", done, total, unit))
	} else {
		l.draw(fmt.Sprintf(" %d %s", done, unit))
	}
}

func (l *progressLine) draw(detail string) {
	if l.shown {
		fmt.Fprint(l.w, "\r\033[K")
	}
	fmt.Fprintf(l.w, "splitter: %s…%s (%.1fs)", l.cur, detail, l.now().Sub(started).Seconds())
	l.shown = true
}
