package cli

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"
)

// phaseTimer records how long each phase of a command takes, for the
// hidden --timings flag: a phase lasts from its mark to the next one, so
// the phases add up to the command's wall time.
type phaseTimer struct {
	mu     sync.Mutex
	start  time.Time
	cur    string
	since  time.Time
	order  []string
	totals map[string]time.Duration
}

func newPhaseTimer() *phaseTimer {
	now := time.Now()
	return &phaseTimer{start: now, cur: "starting", since: now, totals: map[string]time.Duration{}}
}

// mark ends the current phase and starts the named one; a phase seen
// again adds to its total.
func (t *phaseTimer) mark(phase string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	t.add(t.cur, now.Sub(t.since))
	t.cur, t.since = phase, now
}

func (t *phaseTimer) add(phase string, d time.Duration) {
	if _, ok := t.totals[phase]; !ok {
		t.order = append(t.order, phase)
	}
	t.totals[phase] += d
}

// write prints every phase and its seconds, in the order they first ran,
// and the total.
func (t *phaseTimer) write(w io.Writer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := time.Now()
	t.add(t.cur, now.Sub(t.since))
	t.cur, t.since = "finishing", now
	width := len("total")
	var shown []string
	for _, p := range t.order {
		// Flag parsing before the first phase is noise unless it is not.
		if p == "starting" && t.totals[p] < time.Millisecond {
			continue
		}
		shown = append(shown, p)
		width = max(width, len(p))
	}
	fmt.Fprintln(w, "splitter: timings")
	for _, p := range shown {
		fmt.Fprintf(w, "  %-*s %7.3fs\n", width, p, t.totals[p].Seconds())
	}
	fmt.Fprintf(w, "  %-*s %7.3fs\n", width, "total", now.Sub(t.start).Seconds())
}

type timerKey struct{}

func withTimer(ctx context.Context, t *phaseTimer) context.Context {
	return context.WithValue(ctx, timerKey{}, t)
}

// phase marks the start of a phase of the command running under ctx.
func phase(ctx context.Context, name string) {
	t, _ := ctx.Value(timerKey{}).(*phaseTimer)
	t.mark(name)
}
