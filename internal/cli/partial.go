package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// maxSkippedShown bounds the list of skipped packages on stderr; the JSON
// model's skipped list has them all.
const maxSkippedShown = 20

// skippedLines renders each skipped package on one line, position first
// (so that editors and CI logs link it), or the dependency that failed:
// the packages with errors of their own first, they are what to fix.
func skippedLines(m *model.Model) string {
	var b strings.Builder
	ordered := make([]model.SkippedPackage, 0, len(m.Skipped))
	for pass := 0; pass < 2; pass++ {
		for _, s := range m.Skipped {
			if (s.File != "") == (pass == 0) {
				ordered = append(ordered, s)
			}
		}
	}
	for i, s := range ordered {
		if i == maxSkippedShown {
			fmt.Fprintf(&b, "  ... and %d more (the JSON model lists them all under skipped)\n", len(m.Skipped)-i)
			break
		}
		switch {
		case s.File != "" && s.Line > 0 && s.Column > 0:
			fmt.Fprintf(&b, "  %s:%d:%d: %s (package %s)\n", s.File, s.Line, s.Column, s.Message, s.Package)
		case s.File != "" && s.Line > 0:
			fmt.Fprintf(&b, "  %s:%d: %s (package %s)\n", s.File, s.Line, s.Message, s.Package)
		case s.File != "":
			fmt.Fprintf(&b, "  %s: %s (package %s)\n", s.File, s.Message, s.Package)
		case s.Dependency != "":
			fmt.Fprintf(&b, "  %s: not checked: %s\n", s.Package, s.Message)
		default:
			fmt.Fprintf(&b, "  %s: %s\n", s.Package, s.Message)
		}
	}
	return b.String()
}

// warnPartial says on stderr that the model leaves packages out, and why.
func warnPartial(w io.Writer, m *model.Model) {
	if !m.Partial {
		return
	}
	fmt.Fprintf(w, "splitter: warning: partial analysis: %d of %d packages skipped, they do not load or type-check; what follows describes the rest only:\n%s",
		len(m.Skipped), len(m.Skipped)+len(m.Packages), skippedLines(m))
}

// partialErr is the exit-4 refusal of a command that must not judge code
// that does not type-check: what was skipped, and the way out.
func partialErr(m *model.Model, what, flag string) error {
	return &exitError{ExitTypeCheck, fmt.Errorf("%d of %d packages do not load or type-check, so %s:\n%sFix them (go build ./... shows every error), or pass %s",
		len(m.Skipped), len(m.Skipped)+len(m.Packages), what, skippedLines(m), flag)}
}

// checkPartial applies a command's policy to a partial model: refuse with
// exit 4 when strict, else warn.
func checkPartial(w io.Writer, m *model.Model, strict bool, what, flag string) error {
	if !m.Partial {
		return nil
	}
	if strict {
		return partialErr(m, what, flag)
	}
	warnPartial(w, m)
	return nil
}
