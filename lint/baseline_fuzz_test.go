package lint

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzParseBaseline feeds the baseline reader arbitrary bytes: it must not
// panic, its errors name the file and say how to recover, and what it
// accepts is written back (sorted, deduplicated) to a file it reads again
// to the same entries.
func FuzzParseBaseline(f *testing.F) {
	for _, s := range []string{
		`{"schema": "splitter-baseline/v2", "violations": [{"rule": "SPL003", "from": "a", "to": "b", "needs": "call"}, {"rule": "SPL001", "from": "x.F", "to": "y.G"}]}`,
		`{"schema": "splitter-baseline/v1", "note": "n", "violations": [{"rule": "SPL003", "from": "a,b,c"}, {"rule": "SPL005", "from": "a", "to": "table:t"}]}`,
		`{"schema": "splitter-baseline/v2", "violations": []}`,
		`{"schema": "splitter-baseline/v2", "violations": null}`,
		`{"schema": "splitter-baseline/v2", "violations": [{"rule": "", "from": ""}]}`,
		`{"schema": "splitter-baseline/v2"} trailing`,
		`[]`, `nul`, "\xef\xbb\xbf{}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBaseline("fuzz.json", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json") || !strings.Contains(err.Error(), "--update-baseline") {
				t.Fatalf("error %q does not name the file and the way out", err)
			}
			return
		}
		for i, e := range b.Violations {
			if e.Rule == "" || e.From == "" || (e.Needs != "" && e.Needs != LevelCall) {
				t.Fatalf("accepted a malformed entry %d: %+v", i, e)
			}
		}
		nb := NewBaseline(b.Violations)
		back, err := ParseBaseline("again.json", nb.Encode())
		if err != nil {
			t.Fatalf("the written baseline does not read back: %v\n%s", err, nb.Encode())
		}
		if !reflect.DeepEqual(back.Violations, nb.Violations) {
			t.Fatalf("entries changed through Encode:\n%+v\nbecame\n%+v", nb.Violations, back.Violations)
		}
	})
}
