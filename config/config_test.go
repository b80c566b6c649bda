package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		wantErr   string // substring; "" = no error
		wantEPs   int
	}{
		{"empty", "", "", 0},
		{"entrypoints", "entrypoints:\n  - function: example.com/a/jobs.Nightly\n    name: nightly\n  - function: example.com/a.T.Run\n", "", 2},
		{"unknown key", "entrypoint:\n  - function: a.B\n", "[1:1]", 0},
		{"unknown nested key", "entrypoints:\n  - func: a.B\n", "[2:5]", 0},
		{"wrong type", "entrypoints: yes\n", "entrypoints", 0},
		{"missing function", "entrypoints:\n  - name: x\n", "function is required", 0},
		{"not a unit id", "entrypoints:\n  - function: Nightly\n", "not a unit id", 0},
		{"bad yaml", "entrypoints: [\n", "splitter.yaml", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("splitter.yaml", []byte(tt.src))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.EntryPoints) != tt.wantEPs {
				t.Errorf("%d entry points, want %d", len(cfg.EntryPoints), tt.wantEPs)
			}
		})
	}
}

func TestFind(t *testing.T) {
	dir, root := t.TempDir(), t.TempDir()
	if p, _ := Find("", dir, root); p != "" {
		t.Fatalf("found %q in empty dirs", p)
	}
	os.WriteFile(filepath.Join(root, ".splitter.yaml"), nil, 0o644)
	if p, _ := Find("", dir, root); p != filepath.Join(root, ".splitter.yaml") {
		t.Errorf("want the module root's file, got %q", p)
	}
	os.WriteFile(filepath.Join(dir, "splitter.yaml"), nil, 0o644)
	if p, _ := Find("", dir, root); p != filepath.Join(dir, "splitter.yaml") {
		t.Errorf("the working directory's file comes first, got %q", p)
	}
	if _, err := Find(filepath.Join(dir, "nope.yaml"), dir, root); err == nil {
		t.Error("an explicit missing file is an error")
	}
}

// FuzzParse checks that no input makes the loader panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte("entrypoints:\n  - function: a.B\n"))
	f.Add([]byte("entrypoints: [{function: &a a.B, name: *a}]"))
	f.Add([]byte("{{{{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = Parse("fuzz.yaml", data)
	})
}
