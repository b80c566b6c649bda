package cli

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTimings: --timings lists every phase of analyze with its seconds, in
// the order they ran, and the phases add up to the total; without the flag
// stderr stays clean, and stdout is the same JSON either way.
func TestTimings(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "-C", example("layered"), "--format", "json", "--timings"}, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	line := regexp.MustCompile(`^  (\S.*\S) +(\d+\.\d{3})s$`)
	var phases []string
	sum, total := 0.0, -1.0
	lines := strings.Split(strings.TrimSuffix(errOut.String(), "\n"), "\n")
	if lines[0] != "splitter: timings" {
		t.Fatalf("stderr starts with %q, want the timings header:\n%s", lines[0], errOut.String())
	}
	for _, l := range lines[1:] {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line %q is not `  phase  N.NNNs`", l)
		}
		sec, _ := strconv.ParseFloat(m[2], 64)
		if m[1] == "total" {
			total = sec
			continue
		}
		phases = append(phases, m[1])
		sum += sec
	}
	want := []string{"reading the config", "loading packages", "reading declarations",
		// SSA and the call graph are built alongside the declarations; this
		// phase is what is left of them once the declarations are read.
		"building SSA and call graph (vta)", "attributing call edges", "assembling model", "decomposing services",
		"suggesting functions", "costing the cut", "writing the output"}
	if strings.Join(phases, "|") != strings.Join(want, "|") {
		t.Errorf("phases\n%q\nwant\n%q", phases, want)
	}
	// Each line is rounded to a millisecond.
	if total < 0 || sum < total-0.001*float64(len(phases)+1) || sum > total+0.001*float64(len(phases)+1) {
		t.Errorf("phases add up to %.3fs, total %.3fs", sum, total)
	}
	var plain, plainErr bytes.Buffer
	Main([]string{"analyze", "-C", example("layered"), "--format", "json"}, &plain, &plainErr)
	if plain.String() != out.String() {
		t.Error("--timings changed the JSON")
	}
	if strings.Contains(plainErr.String(), "timings") {
		t.Errorf("timings printed without the flag: %s", plainErr.String())
	}
}
