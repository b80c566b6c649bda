package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"
)

// newProgress returns a phase reporter that writes to stderr only when it is
// a terminal, so CI logs and pipes stay quiet.
func newProgress(w io.Writer) func(string) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("CI") != "" {
		return nil
	}
	start := time.Now()
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
