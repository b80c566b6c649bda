package summary

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/splitter-go/splitter/model"
)

func TestCount(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{1, "entry point", "1 entry point"},
		{2, "entry point", "2 entry points"},
		{0, "service", "0 services"},
		{3, "directory", "3 directories"},
		{2, "day", "2 days"},
		{2, "match", "2 matches"},
		{2, "class", "2 classes"},
		{5, "info", "5 info"},
		{7, "LOC", "7 LOC"},
		{2, "shared table", "2 shared tables"},
		{2, "long-running program", "2 long-running programs"},
	} {
		if got := Count(c.n, c.noun); got != c.want {
			t.Errorf("Count(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}

func readModel(t *testing.T, name string) *model.Model {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "models", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m := new(model.Model)
	if err := json.Unmarshal(b, m); err != nil {
		t.Fatal(err)
	}
	return m
}

// On miniflux the counts are the ones the JSON model holds: metrics.services
// (the kernel not counted), the entry points per kind, the functions per
// way of deploying, the findings that stand.
func TestOfMiniflux(t *testing.T) {
	m := readModel(t, "miniflux")
	s := Of(m)
	if s.Services != m.Metrics.Services || s.Services != 22 || !s.Kernel {
		t.Errorf("services %d (kernel %v), metrics.services %d: want 22 and the kernel", s.Services, s.Kernel, m.Metrics.Services)
	}
	if got := s.ServicesText(); got != "22 services and the shared kernel" {
		t.Errorf("ServicesText = %q", got)
	}
	if got := KindsText(s.EntryKinds); got != "176 http, 1 init, 1 main" || s.EntryPoints != len(m.EntryPoints) {
		t.Errorf("entry points %d: %s", s.EntryPoints, got)
	}
	if got := s.DeploysText(); got != "76 functions, 1 long-running program" || s.Functions != len(m.Functions) {
		t.Errorf("functions %d: %s", s.Functions, got)
	}
	if got := s.FindingsText(); got != "14 readiness findings (11 errors, 3 warnings)" {
		t.Errorf("FindingsText = %q", got)
	}
	// The 11 goroutine findings say the same thing: one group.
	var spl103 []FindingGroup
	places := 0
	for _, g := range s.FindingGroups {
		places += len(g.Findings)
		if g.Rule == "SPL103" {
			spl103 = append(spl103, g)
		}
	}
	if len(spl103) != 1 || len(spl103[0].Findings) != 11 {
		t.Errorf("SPL103: %d groups, want one of 11 places", len(spl103))
	}
	if places != s.Findings || len(s.FindingGroups) != 4 {
		t.Errorf("%d groups holding %d places, want 4 holding all %d findings", len(s.FindingGroups), places, s.Findings)
	}
}

func TestGroupAndSuppressed(t *testing.T) {
	f := func(rule, msg, file, sup string) model.Finding {
		return model.Finding{Rule: rule, Severity: model.SevError, Message: msg, File: file, Suppressed: sup}
	}
	m := &model.Model{Findings: []model.Finding{
		f("SPL103", "go", "a.go", ""), f("SPL101", "global", "b.go", ""), f("SPL103", "go", "c.go", ""),
		f("SPL103", "go", "d.go", "known"), f("SPL103", "other", "e.go", ""),
	}}
	s := Of(m)
	if s.Findings != 4 || s.Suppressed != 1 || s.Errors != 4 {
		t.Fatalf("findings %d, suppressed %d, errors %d: want 4, 1, 4", s.Findings, s.Suppressed, s.Errors)
	}
	var got []string
	for _, g := range s.FindingGroups {
		files := ""
		for _, x := range g.Findings {
			files += x.File + " "
		}
		got = append(got, g.Rule+" "+g.Message+": "+files)
	}
	want := []string{"SPL103 go: a.go c.go ", "SPL101 global: b.go ", "SPL103 other: e.go "}
	if len(got) != len(want) {
		t.Fatalf("groups %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("group %d = %q, want %q", i, got[i], want[i])
		}
	}
	if len(s.SuppressedGroups) != 1 || s.SuppressedGroups[0].Findings[0].File != "d.go" {
		t.Errorf("suppressed groups: %+v", s.SuppressedGroups)
	}
	if got := s.FindingsText(); got != "4 readiness findings (4 errors), 1 suppressed" {
		t.Errorf("FindingsText = %q", got)
	}
	if got := (Summary{}).ServicesText(); got != "no services" {
		t.Errorf("no services: %q", got)
	}
}

func TestReach(t *testing.T) {
	call := func(a, b string) model.Edge { return model.Edge{From: a, To: b, Kind: model.EdgeCall, Weight: 1} }
	m := &model.Model{
		Units: []model.Unit{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e"}},
		Edges: []model.Edge{call("a", "b"), call("b", "c"), call("c", "a"), {From: "d", To: "e", Kind: model.EdgeRef}},
		EntryPoints: []model.EntryPoint{
			{ID: "http:GET /a", Targets: []string{"a"}},
			{ID: "http:GET /c", Handler: "c"}, // no targets: its handler
			{ID: "http:GET /d", Targets: []string{"d"}},
			{ID: "main:x", Targets: []string{"b", "d"}},
		},
	}
	r := Reach(m)
	for i, want := range []int{3, 3, 1, 4} {
		if r[i].Units != want {
			t.Errorf("%s reaches %d units, want %d", r[i].EntryPoint.ID, r[i].Units, want)
		}
	}
	top := Top(r, 2)
	if len(top) != 2 || top[0].EntryPoint.ID != "main:x" || top[1].EntryPoint.ID != "http:GET /a" {
		t.Errorf("top 2: %v, %v", top[0].EntryPoint.ID, top[1].EntryPoint.ID)
	}
}
