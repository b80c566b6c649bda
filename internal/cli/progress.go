package cli

import (
	"fmt"
	"io"
	"os"
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
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("CI") != "" {
		return nil
	}
	start := started
	last := ""
	return func(phase string) {
		if last != "" {
			fmt.Fprintf(f, "\r\033[K")
		}
		fmt.Fprintf(f, "splitter: %s… (%.1fs)", phase, time.Since(start).Seconds())
		last = phase
		if phase == "done" {
			fmt.Fprintf(f, "\r\033[K")
		}
	}
}
