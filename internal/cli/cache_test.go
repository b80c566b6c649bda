package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintCache: lint's result cache gives byte-identical output to a cold
// run and to a run without the cache; a corrupt entry is ignored and
// rewritten; a change to one file invalidates exactly its package and the
// packages that import it, directly or not.
func TestLintCache(t *testing.T) {
	work := copyTree(t, lintDemo)
	cache := t.TempDir()
	t.Setenv("SPLITTER_CACHE", cache)
	lint := func() (string, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		code := Main([]string{"lint", "-C", work, "--format", "json", "--debug-cache"}, &out, &errOut)
		if code != ExitFindings { // the demo breaks every rule
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		return out.String(), errOut.String()
	}
	cold, log := lint()
	if !strings.Contains(log, "cache: miss: no earlier run with these options, all 8 packages analysed") {
		t.Errorf("cold run:\n%s", log)
	}
	warm, log := lint()
	if warm != cold {
		t.Errorf("warm run differs from the cold run:\n%s\nwant\n%s", warm, cold)
	}
	if !strings.Contains(log, "cache: hit: none of the 8 packages changed") {
		t.Errorf("warm run:\n%s", log)
	}
	t.Setenv("SPLITTER_CACHE", "off")
	if off, log := lint(); off != cold || !strings.Contains(log, "cache: off") {
		t.Errorf("SPLITTER_CACHE=off: %s\n%s", log, off)
	}
	t.Setenv("SPLITTER_CACHE", cache)

	entries, _ := filepath.Glob(filepath.Join(cache, "results", "*", "*-model"))
	if len(entries) != 1 {
		t.Fatalf("cache entries %q, want one", entries)
	}
	for _, junk := range []string{"not a cache entry", "splitter-cache/v1 0123\n{}", ""} {
		if err := os.WriteFile(entries[0], []byte(junk), 0o644); err != nil {
			t.Fatal(err)
		}
		got, log := lint()
		if got != cold || !strings.Contains(log, "cache: miss: 0 of 8 packages changed") {
			t.Errorf("corrupt entry %q: %s\n%s", junk, log, got)
		}
		if _, log := lint(); !strings.Contains(log, "cache: hit") {
			t.Errorf("corrupt entry %q not rewritten: %s", junk, log)
		}
	}

	// shipping is imported by orders, which cmd/demo imports; the other
	// packages do not depend on it.
	f := filepath.Join(work, "shipping", "shipping.go")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(src, "\n// A comment is a change.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	got, log := lint()
	want := "cache: miss: 3 of 8 packages changed, the module was analysed again\n" +
		"  changed: example.com/demo/cmd/demo\n  changed: example.com/demo/orders\n  changed: example.com/demo/shipping\n"
	if !strings.Contains(log, want) {
		t.Errorf("after a change to shipping:\n%s\nwant\n%s", log, want)
	}
	if got != cold {
		t.Errorf("a comment changed the findings:\n%s", got)
	}

	// The old contents back (a new modification time, the old entry): a
	// hit, and the listing takes the file's new stamp. A corrupt listing
	// is no listing: still a hit, and the listing is rewritten.
	if err := os.WriteFile(f, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, log := lint(); got != cold || !strings.Contains(log, "cache: hit") {
		t.Errorf("old contents back: %s\n%s", log, got)
	}
	listings, _ := filepath.Glob(filepath.Join(cache, "results", "*", "*-keys"))
	if len(listings) != 1 {
		t.Fatalf("listings %q, want one", listings)
	}
	st, err := os.Stat(f)
	if err != nil {
		t.Fatal(err)
	}
	stamp := fmt.Sprintf("%q:\"%d:%d\"", f, st.Size(), st.ModTime().UnixNano())
	if b, _ := os.ReadFile(listings[0]); !strings.Contains(string(b), stamp) {
		t.Errorf("listing lacks %s:\n%s", stamp, b)
	}
	if err := os.WriteFile(listings[0], []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, log := lint(); got != cold || !strings.Contains(log, "cache: hit") {
		t.Errorf("corrupt listing: %s\n%s", log, got)
	}
	if b, _ := os.ReadFile(listings[0]); !strings.Contains(string(b), stamp) {
		t.Errorf("corrupt listing not rewritten:\n%s", b)
	}
}

// TestLintPartialRun: at import level, a change to one package is a
// partial run: the debug listing names exactly the package and those that
// import it as analysed again, and the findings are the ones a run without
// the cache gives.
func TestLintPartialRun(t *testing.T) {
	work := copyTree(t, lintDemo)
	t.Setenv("SPLITTER_CACHE", t.TempDir())
	lint := func() (string, string) {
		t.Helper()
		var out, errOut bytes.Buffer
		code := Main([]string{"lint", "-C", work, "--callgraph", "none", "--format", "json", "--debug-cache"}, &out, &errOut)
		if code != ExitFindings {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
		return out.String(), errOut.String()
	}
	if _, log := lint(); !strings.Contains(log, "cache: miss: no earlier run") {
		t.Fatalf("cold run:\n%s", log)
	}
	// shipping is imported by orders, which cmd/demo imports.
	f := filepath.Join(work, "shipping", "shipping.go")
	src, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(src, "\n// ShippingProbe is new.\nfunc ShippingProbe() int { return 2 }\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	got, log := lint()
	want := "cache: partial: 3 of 8 packages changed and were analysed again, the rest came from the cache\n" +
		"  changed: example.com/demo/cmd/demo\n  changed: example.com/demo/orders\n  changed: example.com/demo/shipping\n"
	if !strings.Contains(log, want) {
		t.Errorf("after a change to shipping:\n%s\nwant\n%s", log, want)
	}
	t.Setenv("SPLITTER_CACHE", "off")
	if off, _ := lint(); got != off {
		t.Errorf("the partial run's findings differ from a run without the cache:\n%s\nwant\n%s", got, off)
	}
}
