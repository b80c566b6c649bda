// Package score compares a decomposition with a reference one (a "truth",
// usually an architect's cut): MoJoFM (Wen & Tzerpos 2004) and the adjusted
// Rand index (Hubert & Arabie 1985).
//
// Both measures take two Partitions and only count the items present in
// both. MoJoFM is asymmetric: the second argument is the reference. Report
// the two together: MoJoFM alone rewards many tiny clusters.
package score

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Partition maps each item (a unit id) to the name of its group.
type Partition map[string]string

// Shared is the group name that marks the shared kernel in a truth file.
// Resolve keeps it as an ordinary group; drop it from both partitions
// before scoring to compare the services only.
const Shared = "_shared"

// Out is the group name a truth file gives to code that is not part of the
// application: tests, mocks, examples, an SDK the application does not
// import. Resolve leaves such units out of the partition, so they are never
// scored; Excluded lists them, so a benchmark can check that a
// decomposition left them out too.
const Out = "_out"

// Truth is a reference decomposition as written in a truth file: keys are
// unit ids, file paths (relative to the module root, ending in ".go") or
// package paths; values are group names.
type Truth map[string]string

// LoadTruth reads a truth file: one JSON object mapping unit ids, file paths
// or package paths to group names, for example
//
//	{"example.com/shop/billing": "billing", "api/orders.go": "orders",
//	 "example.com/shop/util.Log": "_shared", "example.com/shop/mocks": "_out"}
//
// Keys and group names must be non-empty strings and a key may appear only
// once. Errors name the offending key, or the byte offset when the file is
// not such an object.
func LoadTruth(r io.Reader) (Truth, error) {
	dec := json.NewDecoder(r)
	tok, err := dec.Token()
	if err == io.EOF {
		return nil, fmt.Errorf("truth: empty file, want a JSON object mapping unit ids or package paths to group names")
	}
	if err != nil {
		return nil, fmt.Errorf("truth: %v", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("truth: want a JSON object mapping unit ids or package paths to group names, got %s", describe(tok))
	}
	t := Truth{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("truth: %v", err)
		}
		key := tok.(string) // inside an object, the decoder only yields string keys
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("truth: key %q: %v", key, err)
		}
		var group string
		if err := json.Unmarshal(raw, &group); err != nil || bytes.Equal(raw, []byte("null")) {
			return nil, fmt.Errorf("truth: key %q: group name must be a string, got %s", key, kindOf(raw))
		}
		switch {
		case key == "":
			return nil, fmt.Errorf("truth: empty key (group %q): want a unit id or a package path", group)
		case strings.TrimSpace(key) != key:
			return nil, fmt.Errorf("truth: key %q has leading or trailing spaces", key)
		case group == "":
			return nil, fmt.Errorf("truth: key %q: empty group name", key)
		case strings.TrimSpace(group) != group:
			return nil, fmt.Errorf("truth: key %q: group name %q has leading or trailing spaces", key, group)
		}
		if prev, dup := t[key]; dup {
			return nil, fmt.Errorf("truth: key %q appears twice (groups %q and %q)", key, prev, group)
		}
		t[key] = group
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, fmt.Errorf("truth: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("truth: unexpected data after the object at offset %d", dec.InputOffset())
	}
	if len(t) == 0 {
		return nil, fmt.Errorf("truth: the object has no entries")
	}
	return t, nil
}

func describe(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '[' {
			return "an array"
		}
		return fmt.Sprintf("%q", v.String())
	case string:
		return "a string"
	case nil:
		return "null"
	case bool:
		return "a boolean"
	default:
		return "a number"
	}
}

func kindOf(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	default:
		return "a number"
	}
}

// Resolve gives each unit its group. A key equal to the unit's id wins;
// then a key equal to the unit's file (as model.Unit.File names it); then
// the longest key that is the unit's package path or one of its parent
// paths (on a "/" boundary): with keys "example.com/shop" and
// "example.com/shop/billing", a unit of package example.com/shop/billing/store
// gets the second key's group. Units no key covers, and units in the Out
// group, are left out; Coverage and Excluded list them.
func (t Truth) Resolve(units []model.Unit) Partition {
	p := make(Partition, len(units))
	for i := range units {
		if g, _, ok := t.group(&units[i]); ok && g != Out {
			p[units[i].ID] = g
		}
	}
	return p
}

// Excluded lists the ids of the units the truth puts in the Out group,
// sorted.
func (t Truth) Excluded(units []model.Unit) []string {
	var out []string
	for i := range units {
		if g, _, ok := t.group(&units[i]); ok && g == Out {
			out = append(out, units[i].ID)
		}
	}
	sort.Strings(out)
	return out
}

// Coverage reports how the truth covers units: the ids of the units Resolve
// leaves out, and the keys that cover no unit (usually typos or stale
// entries). Both are sorted.
func (t Truth) Coverage(units []model.Unit) (unresolved, unusedKeys []string) {
	used := make(map[string]bool, len(t))
	for i := range units {
		if _, key, ok := t.group(&units[i]); ok {
			used[key] = true
		} else {
			unresolved = append(unresolved, units[i].ID)
		}
	}
	for k := range t {
		if !used[k] {
			unusedKeys = append(unusedKeys, k)
		}
	}
	sort.Strings(unresolved)
	sort.Strings(unusedKeys)
	return unresolved, unusedKeys
}

// group returns u's group and the key that gave it.
func (t Truth) group(u *model.Unit) (group, key string, ok bool) {
	if g, ok := t[u.ID]; ok {
		return g, u.ID, true
	}
	if g, ok := t[u.File]; ok && strings.HasSuffix(u.File, ".go") {
		return g, u.File, true
	}
	for p := u.Package; p != ""; {
		if g, ok := t[p]; ok {
			return g, p, true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return "", "", false
}
