package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/splitter-go/splitter/analyzer"
)

// resultCache is the directory of the analysis result cache that lint
// uses (analyzer/cache.go): $SPLITTER_CACHE, else splitter/ under the
// user's cache directory, as the go command does with GOCACHE; "off"
// disables it, and so does a system without a cache directory.
func resultCache() string {
	dir := os.Getenv("SPLITTER_CACHE")
	switch dir {
	case "off":
		return ""
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "splitter")
	}
	return filepath.Join(dir, "results")
}

// cacheDebug returns a CacheReport receiver that says on w what the cache
// did: whether the model came from it, and which packages changed since
// the last run with the same options (so were analysed again).
func cacheDebug(w io.Writer) func(analyzer.CacheReport) {
	return func(r analyzer.CacheReport) {
		switch {
		case r.Hit:
			fmt.Fprintf(w, "splitter: cache: hit: none of the %d packages changed, the analysis came from the cache\n", r.Packages)
		case r.Packages == 0:
			fmt.Fprintf(w, "splitter: cache: not used: %s\n", r.Note)
		case r.First:
			fmt.Fprintf(w, "splitter: cache: miss: no earlier run with these options, all %d packages analysed", r.Packages)
			if r.Note != "" {
				fmt.Fprintf(w, " (%s)", r.Note)
			}
			fmt.Fprintln(w)
		case r.Partial:
			fmt.Fprintf(w, "splitter: cache: partial: %d of %d packages changed and were analysed again, the rest came from the cache", len(r.Changed), r.Packages)
			if r.Note != "" {
				fmt.Fprintf(w, " (%s)", r.Note)
			}
			fmt.Fprintln(w)
			if len(r.Changed) > 0 {
				fmt.Fprintf(w, "  changed: %s\n", strings.Join(r.Changed, "\n  changed: "))
			}
		default:
			fmt.Fprintf(w, "splitter: cache: miss: %d of %d packages changed, the module was analysed again", len(r.Changed), r.Packages)
			if r.Note != "" {
				fmt.Fprintf(w, " (%s)", r.Note)
			}
			if r.Full != "" {
				fmt.Fprintf(w, " (in full: %s)", r.Full)
			}
			fmt.Fprintln(w)
			if len(r.Changed) > 0 {
				fmt.Fprintf(w, "  changed: %s\n", strings.Join(r.Changed, "\n  changed: "))
			}
		}
	}
}
