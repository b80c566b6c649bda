package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// BaselineSchema identifies the baseline file format. v2 records a cycle as
// one entry per dependency edge on it, and the analysis depth an entry
// needs; v1 files are converted on read (see ParseBaseline).
const BaselineSchema = "splitter-baseline/v2"

// baselineSchemaV1 recorded a cycle as the set of its services.
const baselineSchemaV1 = "splitter-baseline/v1"

// Baseline is a file of known violations that lint ignores. Entries are
// identities (rule, from, to), never lines, so that unrelated edits do not
// break it; it is written sorted so that its diffs stay small.
type Baseline struct {
	Schema string `json:"schema"`
	// Note says what the file is, for people who open it.
	Note       string  `json:"note,omitempty"`
	Violations []Entry `json:"violations"`

	converted bool // read from an older schema
}

// Converted reports whether the file was of an older schema, converted on
// read.
func (b *Baseline) Converted() bool { return b.converted }

// Entry is one known violation: its identity, and what analysis can see
// it, so that a run that cannot (no call graph) does not call it stale.
type Entry struct {
	Key
	// Needs is LevelCall when only the call graph shows the violation (a
	// call-level rule, or a cycle closed by a call); empty otherwise.
	Needs Level `json:"needs,omitempty"`
}

// legacyCycle reports whether e is a v1 cycle entry: the set of the
// cycle's services in From ("a,b,c"), no To. It stands for every edge
// between two of them until --update-baseline rewrites it.
func (e Entry) legacyCycle() bool { return e.Rule == ServiceCycle && e.To == "" }

// needs is what a run must see to check e: its own record, else its rule's
// level; a v1 cycle did not say, so it is assumed to need the call graph.
func (e Entry) needs(rules map[string]Rule) Level {
	if e.Needs != "" {
		return e.Needs
	}
	if e.legacyCycle() {
		return LevelCall
	}
	if r, ok := rules[e.Rule]; ok && r.Level == LevelCall {
		return LevelCall
	}
	return ""
}

// ErrNoBaseline is returned (wrapped) by ReadBaseline for a missing file.
var ErrNoBaseline = errors.New("no baseline file")

// ReadBaseline reads a baseline file.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w %s: create it with --update-baseline", ErrNoBaseline, path)
	}
	if err != nil {
		return nil, err
	}
	return ParseBaseline(path, data)
}

// ParseBaseline decodes a baseline file's content; path is for messages.
// A v1 file is converted: its entries keep their identity, except cycles,
// which v1 identified by their set of services and which now match every
// edge between two services of the set.
func ParseBaseline(path string, data []byte) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s is not a splitter baseline: %v (regenerate it with --update-baseline)", path, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s is not a splitter baseline: data after the JSON object (regenerate it with --update-baseline)", path)
	}
	switch b.Schema {
	case BaselineSchema:
	case baselineSchemaV1:
		for i, e := range b.Violations {
			if e.Needs != "" {
				return nil, fmt.Errorf("%s: violations[%d]: needs is not a field of %s (regenerate it with --update-baseline)", path, i, baselineSchemaV1)
			}
		}
		b.Schema, b.converted = BaselineSchema, true
	default:
		return nil, fmt.Errorf("%s: schema %q, want %q (regenerate it with --update-baseline)", path, b.Schema, BaselineSchema)
	}
	for i, e := range b.Violations {
		if e.Rule == "" || e.From == "" {
			return nil, fmt.Errorf("%s: violations[%d] needs a rule and a from (regenerate it with --update-baseline)", path, i)
		}
		if e.Needs != "" && e.Needs != LevelCall {
			return nil, fmt.Errorf("%s: violations[%d]: needs %q, want %q or nothing (regenerate it with --update-baseline)", path, i, e.Needs, LevelCall)
		}
	}
	return &b, nil
}

// NewBaseline returns a baseline of entries, sorted and without duplicates.
func NewBaseline(entries []Entry) *Baseline {
	es := append([]Entry(nil), entries...)
	sort.Slice(es, func(i, j int) bool {
		if es[i].Key != es[j].Key {
			return es[i].Key.less(es[j].Key)
		}
		return es[i].Needs < es[j].Needs
	})
	out := es[:0]
	for i, e := range es {
		if i > 0 && e.Key == es[i-1].Key {
			continue
		}
		out = append(out, e)
	}
	if out == nil {
		out = []Entry{}
	}
	return &Baseline{Schema: BaselineSchema,
		Note:       "Known violations that splitter lint ignores, by identity (rule, from, to). Regenerate with: splitter lint --baseline FILE --update-baseline",
		Violations: out}
}

// Encode returns the baseline as indented JSON.
func (b *Baseline) Encode() []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(b)
	return buf.Bytes()
}

// Write writes the baseline to path atomically: an interrupted run leaves
// the old file intact.
func (b *Baseline) Write(path string) error {
	return WriteFileAtomic(path, b.Encode())
}

// WriteFileAtomic writes data to a temporary file next to path and renames
// it over path, so that readers see the old content or the new, never a
// part. The file keeps the mode of the one it replaces (0644 for a new one);
// a symbolic link is followed, and what is not a regular file (a device
// such as /dev/stdout, a pipe) is written to directly.
func WriteFileAtomic(path string, data []byte) (err error) {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return os.WriteFile(path, data, mode)
		}
		mode = st.Mode().Perm()
		if real, err := filepath.EvalSymlinks(path); err == nil {
			path = real
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+strings.TrimPrefix(base, ".")+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(mode); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// baselineMatch matches a run's violations against a baseline's entries.
type baselineMatch struct {
	entries []Entry
	exact   map[Key]int
	legacy  []int // v1 cycle entries, by index
	matched []bool
}

func newBaselineMatch(b *Baseline) *baselineMatch {
	bm := &baselineMatch{exact: map[Key]int{}}
	if b == nil {
		return bm
	}
	bm.entries = b.Violations
	bm.matched = make([]bool, len(b.Violations))
	for i, e := range b.Violations {
		if e.legacyCycle() {
			bm.legacy = append(bm.legacy, i)
			continue
		}
		if _, dup := bm.exact[e.Key]; !dup {
			bm.exact[e.Key] = i
		}
	}
	return bm
}

// match reports whether v is known, and marks the entries that know it.
func (bm *baselineMatch) match(v *Violation) bool {
	k := v.Key()
	if i, ok := bm.exact[k]; ok {
		bm.matched[i] = true
		return true
	}
	if k.Rule != ServiceCycle {
		return false
	}
	// A v1 entry named the cycle's services: it knows every edge between
	// two of them.
	found := false
	for _, i := range bm.legacy {
		set := strings.Split(bm.entries[i].From, ",")
		if contains(set, v.FromService) && contains(set, v.ToService) {
			bm.matched[i] = true
			found = true
		}
	}
	return found
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// unmatched returns the entries no violation matched, in file order,
// without duplicates.
func (bm *baselineMatch) unmatched() []Entry {
	var out []Entry
	seen := map[Key]bool{}
	for i, e := range bm.entries {
		if !bm.matched[i] && !seen[e.Key] {
			seen[e.Key] = true
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key.less(out[j].Key) })
	return out
}

// checkable reports whether a run could have seen the violation of an
// unmatched entry, which is then stale; if not, the entry is not checked.
// A run cannot see an entry whose rule did not run (off, or a call-level
// rule without the call graph), one that needs the call graph when the run
// has none, or, when packages were skipped, one whose code may lie in them:
// a unit or package in a skipped package, and every entry that names
// services, tables or entry points, whose evidence can come from anywhere.
func checkable(e Entry, known, enabled map[string]Rule, hasCalls bool, skipped []model.SkippedPackage) bool {
	if _, ok := known[e.Rule]; !ok {
		return true // a rule that no longer exists: nothing will match it again
	}
	if _, on := enabled[e.Rule]; !on {
		return false
	}
	if e.needs(known) == LevelCall && !hasCalls {
		return false
	}
	if len(skipped) == 0 {
		return true
	}
	switch e.Rule {
	case NonAPIUse, UndeclaredDependency, Unattached, NonAPICall, UndeclaredCall:
	default:
		return false
	}
	for _, id := range []string{e.From, e.To} {
		for _, s := range skipped {
			if id == s.Package || strings.HasPrefix(id, s.Package+".") {
				return false
			}
		}
	}
	return true
}
