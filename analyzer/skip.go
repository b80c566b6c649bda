package analyzer

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/model"
)

// skip leaves p out of the model: its errors become diagnostics, and the
// model's Skipped list says why in one line, the first error (file:line:col)
// or the dependency that failed, so that a partial analysis never passes
// for a whole one.
func (ld *loaded) skip(p *packages.Package) {
	ld.addErrors(p)
	s := model.SkippedPackage{Package: p.PkgPath}
	if e, ok := firstError(p.Errors); ok {
		s.File, s.Line, s.Column = splitPos(e.Pos)
		if s.File != "" {
			s.File = ld.rel(s.File)
		}
		s.Message = oneLine(e.Msg)
		// "could not import X (...)" at the import: X's own error says why.
		if dep, cause := failedImport(p); strings.HasPrefix(e.Msg, "could not import ") && cause != "" {
			s.Dependency = dep
			s.Message = fmt.Sprintf("its dependency %s does not load: %s", dep, cause)
			if dep == "runtime/cgo" {
				s.Message += " (cgo needs a working C compiler: check CC, or set CGO_ENABLED=0)"
			}
		}
	} else if dep, _ := failedImport(p); dep != "" {
		s.Dependency = dep
		s.Message = fmt.Sprintf("its dependency %s does not type-check", dep)
	} else {
		s.Message = "it does not type-check (the go command gave no error)"
	}
	s.Name = p.Name
	for path := range p.Imports {
		if ld.internal[path] {
			s.Imports = append(s.Imports, path)
		}
	}
	sort.Strings(s.Imports)
	// Paths in messages as in the rest of the model: relative to its root.
	s.Message = strings.ReplaceAll(s.Message, ld.root+string(filepath.Separator), "")
	ld.skipped = append(ld.skipped, s)
	why := s.Message
	if s.File != "" {
		why = diagString(model.Diagnostic{File: s.File, Line: s.Line, Column: s.Column, Message: s.Message})
	}
	ld.diags = append(ld.diags, model.Diagnostic{
		Severity: model.SevWarning, Package: p.PkgPath,
		Message: fmt.Sprintf("package %s skipped: %s; the rest is analysed", p.PkgPath, why),
	})
}

// firstError picks the error to show for a package: the earliest kind
// (listing, then parsing, then type-checking: later ones are often
// consequences), then the first position; an error without a position only
// when there is no other.
func firstError(errs []packages.Error) (packages.Error, bool) {
	var best packages.Error
	found := false
	rank := func(e packages.Error) int {
		if e.Pos == "" || e.Pos == "-" {
			return 10 // the go command's summary ("# pkg\n...") repeats the positioned ones
		}
		return int(e.Kind)
	}
	for _, e := range errs {
		if !found || rank(e) < rank(best) || (rank(e) == rank(best) && posLess(e.Pos, best.Pos)) {
			best, found = e, true
		}
	}
	return best, found
}

func posLess(a, b string) bool {
	fa, la, ca := splitPos(a)
	fb, lb, cb := splitPos(b)
	if fa != fb {
		return fa < fb
	}
	if la != lb {
		return la < lb
	}
	return ca < cb
}

// failedImport returns the import of p that failed, nearest first: a direct
// import with errors of its own (and the first of them), else one that
// failed through its own dependencies, in import path order.
func failedImport(p *packages.Package) (path, cause string) {
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	var indirect string
	for _, path := range paths {
		q := p.Imports[path]
		if len(q.Errors) > 0 {
			return q.PkgPath, rootCause(q.Errors)
		}
		if q.IllTyped && indirect == "" {
			indirect = q.PkgPath
		}
	}
	return indirect, ""
}

// rootCause is the error of a dependency to show: the go command's own
// (listing, building: cgo, a missing module) before what type-checking
// makes of it, on one line.
func rootCause(errs []packages.Error) string {
	best := errs[0]
	for _, e := range errs[1:] {
		if e.Kind < best.Kind {
			best = e
		}
	}
	msg := best.Msg
	if strings.HasPrefix(msg, "# ") { // "# pkg\nfile:line:col: message"
		if _, rest, ok := strings.Cut(msg, "\n"); ok {
			msg = rest
		}
	}
	return oneLine(msg)
}

// oneLine joins a message's lines ("to add it:\n\tgo get x").
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
