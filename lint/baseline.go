package lint

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
)

// BaselineSchema identifies the baseline file format.
const BaselineSchema = "splitter-baseline/v1"

// Baseline is a file of known violations that lint ignores. Entries are
// identities (rule, from, to), never lines, so that unrelated edits do not
// break it; it is written sorted so that its diffs stay small.
type Baseline struct {
	Schema string `json:"schema"`
	// Note says what the file is, for people who open it.
	Note       string `json:"note,omitempty"`
	Violations []Key  `json:"violations"`
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
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s is not a splitter baseline: %v (regenerate it with --update-baseline)", path, err)
	}
	if b.Schema != BaselineSchema {
		return nil, fmt.Errorf("%s: schema %q, want %q (regenerate it with --update-baseline)", path, b.Schema, BaselineSchema)
	}
	for i, k := range b.Violations {
		if k.Rule == "" || k.From == "" {
			return nil, fmt.Errorf("%s: violations[%d] needs a rule and a from (regenerate it with --update-baseline)", path, i)
		}
	}
	return &b, nil
}

// NewBaseline returns a baseline of keys, sorted and without duplicates.
func NewBaseline(keys []Key) *Baseline {
	ks := append([]Key(nil), keys...)
	sort.Slice(ks, func(i, j int) bool { return ks[i].less(ks[j]) })
	out := ks[:0]
	for i, k := range ks {
		if i > 0 && k == ks[i-1] {
			continue
		}
		out = append(out, k)
	}
	if out == nil {
		out = []Key{}
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

// Write writes the baseline to path.
func (b *Baseline) Write(path string) error {
	return os.WriteFile(path, b.Encode(), 0o644)
}
