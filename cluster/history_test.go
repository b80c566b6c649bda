package cluster

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestCoChange(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	repo := t.TempDir()
	mod := filepath.Join(repo, "svc") // the module is a subdirectory of the repository
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, body string) {
		p := filepath.Join(mod, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q")
	for i, files := range [][]string{
		{"orders/a.go", "orders/b.go"},
		{"orders/a.go", "orders/b.go", "README.md"},
		{"orders/a.go", "orders/a_test.go", "billing/c.go"},
	} {
		for _, f := range files {
			write(f, "package x // "+string(rune('a'+i)))
		}
		run("add", "-A")
		run("commit", "-qm", "change")
	}
	pairs, err := CoChange(context.Background(), mod, 10)
	if err != nil {
		t.Fatal(err)
	}
	if n := pairs[[2]string{"orders/a.go", "orders/b.go"}]; n != 2 {
		t.Errorf("a.go and b.go changed together %d times, want 2 (pairs %v)", n, pairs)
	}
	if n := pairs[[2]string{"billing/c.go", "orders/a.go"}]; n != 1 {
		t.Errorf("c.go and a.go: %d, want 1", n)
	}
	for p := range pairs {
		if filepath.Ext(p[0]) != ".go" || p[0] == "orders/a_test.go" || p[1] == "orders/a_test.go" {
			t.Errorf("unexpected pair %v: only non-test Go files count", p)
		}
	}
	if _, err := CoChange(context.Background(), t.TempDir(), 10); err == nil {
		t.Error("outside a repository CoChange must fail with a message")
	}
}
