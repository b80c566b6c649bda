package analyzer

import (
	"fmt"
	"sort"

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
		s.Message = e.Msg
	} else if dep := failedImport(p); dep != "" {
		s.Dependency = dep
		s.Message = fmt.Sprintf("its dependency %s does not type-check", dep)
	} else {
		s.Message = "it does not type-check (the go command gave no error)"
	}
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
// import with errors of its own, else one that failed through its own
// dependencies, in import path order.
func failedImport(p *packages.Package) string {
	paths := make([]string, 0, len(p.Imports))
	for path := range p.Imports {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	var indirect string
	for _, path := range paths {
		q := p.Imports[path]
		if len(q.Errors) > 0 {
			return q.PkgPath
		}
		if q.IllTyped && indirect == "" {
			indirect = q.PkgPath
		}
	}
	return indirect
}
