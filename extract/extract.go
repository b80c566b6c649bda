// Package extract generates the seam at a cut: for one service of a
// decomposition, the Go interface of what the other services call or
// reference today, an in-process adapter that implements it with today's
// code, an HTTP/JSON client and server for the same interface with the DTOs
// a remote call needs, and the edits that make the callers go through the
// interface. It also says what blocks the cut (types that cannot cross a
// network, transactions and globals shared by both sides) and the plan
// that takes the service out: seam, adapter, move, switch to remote.
//
// The services come from the model (any assignment of units to services);
// what crosses the boundary comes from the module's code, type-checked
// again here: the selections and identifiers of the callers' code that
// resolve to the service's objects, plus the calls the call graph sees
// (through the callers' own interfaces and function values). Generated
// code is built from go/types (every type is written with the generated
// file's imports) and formatted by go/format; the callers' edits replace
// type expressions and calls at their positions and fix the imports with
// astutil, so that unrelated code keeps its bytes.
package extract

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Options say what to extract.
type Options struct {
	// Root is the module's root directory (absolute); the model's files
	// are relative to it.
	Root string
	// Patterns, Tags and Tests load the packages as the analysis did.
	Patterns []string
	Tags     []string
	Tests    bool
	// Model is the analysis (with its call edges).
	Model *model.Model
	// Assignment maps unit ids to services; model.SharedService is the
	// kernel, "" (or absent) code that belongs to no service and is left
	// alone.
	Assignment map[string]string
	// Owners names tables' owners (table → service), for the plan's cost.
	Owners map[string]string
	// Service is the service to extract.
	Service string
	// OutDir is where the generated package goes, relative to Root (or
	// absolute, inside Root); "" means internal/<service>api.
	OutDir string
}

// ErrUnknownService is returned (wrapped) for a service the assignment
// does not have.
var ErrUnknownService = errors.New("unknown service")

// ErrUsage is returned (wrapped) for options that cannot work: an output
// directory outside the module, a service with nothing to extract.
var ErrUsage = errors.New("bad extract options")

// Result is the extraction: what to write and what to tell.
type Result struct {
	Service string `json:"service"`
	// Package is the generated package's import path, Dir its directory
	// relative to the root.
	Package string `json:"package"`
	Dir     string `json:"dir"`
	// API is the interface and what crosses the boundary.
	API API `json:"api"`
	// Files are the generated files (paths relative to the root).
	Files []File `json:"files"`
	// Edits are the callers' files as they become (Old is today's).
	Edits []Edit `json:"edits"`
	// Diff is the callers' edits as a unified diff (paths a/ and b/
	// relative to the root).
	Diff string `json:"diff"`
	// Blockers are what stands in the way of the remote cut; Left what
	// extraction did not do, with why.
	Blockers []Blocker `json:"blockers"`
	Left     []Left    `json:"left"`
	Plan     Plan      `json:"plan"`
}

// File is a generated file.
type File struct {
	Path    string `json:"path"`
	Content []byte `json:"-"`
}

// Edit is one caller file's change.
type Edit struct {
	Path string `json:"path"`
	// Changes says what was changed in it, for people.
	Changes []string `json:"changes"`
	Old     []byte   `json:"-"`
	New     []byte   `json:"-"`
}

// Blocker is something that stands in the way of the cut.
type Blocker struct {
	// Kind is type, transaction, table, global, signature or kernel.
	Kind string `json:"kind"`
	// Subject names what (a method, a type, a table, a variable).
	Subject string `json:"subject"`
	// File and Line locate it (relative to the root).
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
	Fix     string `json:"fix"`
}

// Left is a use of the service that extraction left as it is.
type Left struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Caller  string `json:"caller"` // the caller's unit
	Message string `json:"message"`
}

// Extract computes the seam for opts.Service. It fails on bad options and
// on code it cannot load; what it cannot generate is in Blockers and Left.
func Extract(ctx context.Context, opts Options) (*Result, error) {
	if opts.Model == nil {
		return nil, fmt.Errorf("%w: no model", ErrUsage)
	}
	if err := checkService(opts); err != nil {
		return nil, err
	}
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	opts.Root = root
	modPath := opts.Model.Module
	out := opts.OutDir
	if out == "" {
		out = filepath.Join("internal", PackageName(opts.Service))
	}
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	rel, err := filepath.Rel(root, out)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || rel == "." {
		return nil, fmt.Errorf("%w: the generated package must be in a directory of the module at %s (got %s), so that its callers can import it", ErrUsage, root, out)
	}
	rel = filepath.ToSlash(rel)
	ld, err := load(ctx, opts)
	if err != nil {
		return nil, err
	}
	x := newExtraction(opts, ld, modPath+"/"+rel, rel)
	x.discover()
	x.checkWire()
	x.blockTablesAndGlobals()
	if err := x.generate(); err != nil {
		return nil, err
	}
	if err := x.editCallers(); err != nil {
		return nil, err
	}
	x.plan()
	return x.result(), nil
}

// checkService says whether the service exists, and which do when it does
// not.
func checkService(opts Options) error {
	if opts.Service == model.SharedService || opts.Service == Unattached {
		return fmt.Errorf("%w: %q is the shared kernel, which every service links: extract a service", ErrUsage, opts.Service)
	}
	names := map[string]bool{}
	for _, s := range opts.Assignment {
		if s != "" && s != model.SharedService && s != Unattached {
			names[s] = true
		}
	}
	if names[opts.Service] {
		return nil
	}
	var list []string
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	if len(list) == 0 {
		return fmt.Errorf("%w %q: there are no services", ErrUnknownService, opts.Service)
	}
	return fmt.Errorf("%w %q: the services are %s", ErrUnknownService, opts.Service, strings.Join(list, ", "))
}

// PackageName is the generated package's name for a service: its letters
// and digits, lower-cased, and "api".
func PackageName(service string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(service) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' && b.Len() > 0 {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		b.WriteString("service")
	}
	return b.String() + "api"
}

// relUnit is a unit id relative to the module, for people.
func (x *extraction) short(id string) string {
	if m := x.opts.Model.Module; strings.HasPrefix(id, m+"/") {
		return strings.TrimPrefix(id, m+"/")
	} else if strings.HasPrefix(id, m+".") {
		return path.Base(m) + id[len(m):]
	}
	return id
}
