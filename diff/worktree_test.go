package diff

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// gitRepo makes a repository in a new directory with two commits of a.txt
// ("one", then "two") on main, and returns it.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
			"GIT_COMMITTER_EMAIL=t@example.com", "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run("init", "-q", "-b", "main")
	write(t, filepath.Join(dir, "a.txt"), "one\n")
	run("add", "-A")
	run("commit", "-q", "-m", "one")
	write(t, filepath.Join(dir, "a.txt"), "two\n")
	run("commit", "-q", "-am", "two")
	return dir
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func worktrees(t *testing.T, repo string) int {
	t.Helper()
	out, err := git(context.Background(), repo, "worktree", "list", "--porcelain")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(out, "worktree ")
}

func TestCheckoutAndRemove(t *testing.T) {
	repo := gitRepo(t)
	ctx := context.Background()
	tmp, cache := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp) // to see what Checkout leaves behind
	t.Setenv("XDG_CACHE_HOME", cache)
	// A hook that leaves a mark if it runs.
	mark := filepath.Join(t.TempDir(), "hook-ran")
	write(t, filepath.Join(repo, ".git", "hooks", "post-checkout"), "#!/bin/sh\necho ran > '"+mark+"'\n")
	if err := os.Chmod(filepath.Join(repo, ".git", "hooks", "post-checkout"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(repo, "a.txt"), "uncommitted\n") // the user's edit stays

	rev, err := Resolve(ctx, repo, "HEAD~1")
	if err != nil {
		t.Fatal(err)
	}
	wt, err := Checkout(ctx, repo, rev)
	if err != nil {
		t.Fatal(err)
	}
	p, err := wt.Path(filepath.Join(repo, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != "one\n" {
		t.Errorf("the worktree's a.txt = %q, want the first commit's", got)
	}
	if n := worktrees(t, repo); n != 2 {
		t.Errorf("%d worktrees during the check-out, want 2", n)
	}
	if err := wt.Remove(); err != nil {
		t.Fatal(err)
	}
	if n := worktrees(t, repo); n != 1 {
		t.Errorf("%d worktrees after Remove, want only the user's", n)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("Remove left %v in the temporary directory", left)
	}
	if left, _ := os.ReadDir(filepath.Join(cache, "splitter", "worktrees")); len(left) != 0 {
		t.Errorf("Remove left %v in the cache directory", left)
	}
	if got, _ := os.ReadFile(filepath.Join(repo, "a.txt")); string(got) != "uncommitted\n" {
		t.Errorf("the user's a.txt = %q, want it untouched", got)
	}
	if _, err := os.Stat(mark); err == nil {
		t.Error("the repository's post-checkout hook ran")
	}
	// Removing twice (a deferred Remove after an explicit one) is harmless.
	if err := wt.Remove(); err != nil {
		t.Errorf("second Remove: %v", err)
	}
}

// TestRemoveAfterDeletion: a worktree whose directory was deleted under
// it (a cleaner, a crash) is still pruned from git's list.
func TestRemoveAfterDeletion(t *testing.T) {
	repo := gitRepo(t)
	ctx := context.Background()
	rev, err := Resolve(ctx, repo, "main")
	if err != nil {
		t.Fatal(err)
	}
	wt, err := Checkout(ctx, repo, rev)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(wt.Top); err != nil {
		t.Fatal(err)
	}
	if err := wt.Remove(); err != nil {
		t.Fatal(err)
	}
	if n := worktrees(t, repo); n != 1 {
		t.Errorf("%d worktrees after Remove, want 1", n)
	}
}

func TestResolveAndDefaultBase(t *testing.T) {
	repo := gitRepo(t)
	ctx := context.Background()
	for _, rev := range []string{"nope", "--output=x", "HEAD~5"} {
		if _, err := Resolve(ctx, repo, rev); !errors.Is(err, ErrGit) {
			t.Errorf("Resolve(%q) = %v, want a git usage error", rev, err)
		}
	}
	first, _ := Resolve(ctx, repo, "HEAD~1")
	// On main itself, the merge base with main is HEAD.
	head, _ := Resolve(ctx, repo, "HEAD")
	id, label, err := DefaultBase(ctx, repo)
	if err != nil || id != head || label != "merge base with main" {
		t.Errorf("DefaultBase on main = %s, %q, %v; want HEAD, merge base with main", id, label, err)
	}
	// On a branch forked at the first commit, it is the fork point; an
	// origin/HEAD wins over main.
	if _, err := git(ctx, repo, "checkout", "-q", "-b", "topic", first); err != nil {
		t.Fatal(err)
	}
	if id, _, _ := DefaultBase(ctx, repo); id != first {
		t.Errorf("DefaultBase on topic = %s, want the fork point %s", id, first)
	}
	if _, err := git(ctx, repo, "update-ref", "refs/remotes/origin/main", first); err != nil {
		t.Fatal(err)
	}
	if _, err := git(ctx, repo, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main"); err != nil {
		t.Fatal(err)
	}
	if _, label, _ := DefaultBase(ctx, repo); label != "merge base with origin/HEAD" {
		t.Errorf("DefaultBase with origin/HEAD: %q", label)
	}
	// Neither origin/HEAD nor main nor master: a usage error.
	if _, err := git(ctx, repo, "symbolic-ref", "-d", "refs/remotes/origin/HEAD"); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"refs/remotes/origin/main", "refs/heads/main"} {
		if _, err := git(ctx, repo, "update-ref", "-d", ref); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := DefaultBase(ctx, repo); !errors.Is(err, ErrGit) || !strings.Contains(err.Error(), "splitter diff REV") {
		t.Errorf("DefaultBase without a base = %v", err)
	}
	if _, err := Toplevel(ctx, t.TempDir()); !errors.Is(err, ErrGit) {
		t.Errorf("Toplevel outside git = %v", err)
	}
}

// TestWorktreePlace: a revision is checked out at the same place each time
// (so that the go command's build cache serves the next run), elsewhere
// while that place is taken, and again there once a dead run's leftovers
// are stale.
func TestWorktreePlace(t *testing.T) {
	repo := gitRepo(t)
	ctx := context.Background()
	tmp, cache := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("XDG_CACHE_HOME", cache)
	rev, err := Resolve(ctx, repo, "main")
	if err != nil {
		t.Fatal(err)
	}
	first, err := Checkout(ctx, repo, rev)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.Top, filepath.Join(cache, "splitter", "worktrees")) {
		t.Errorf("worktree at %s, want it under the cache directory", first.Top)
	}
	second, err := Checkout(ctx, repo, rev) // while the first is in use
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(second.Top, tmp) {
		t.Errorf("a second worktree of the same revision at %s, want a temporary directory", second.Top)
	}
	for _, w := range []*Worktree{second, first} {
		if err := w.Remove(); err != nil {
			t.Fatal(err)
		}
	}
	again, err := Checkout(ctx, repo, rev)
	if err != nil {
		t.Fatal(err)
	}
	if again.Top != first.Top {
		t.Errorf("checked out again at %s, want %s", again.Top, first.Top)
	}
	// A run that died left it: once stale, the next run takes it over.
	old := time.Now().Add(-2 * staleAfter)
	if err := os.Chtimes(again.parent, old, old); err != nil {
		t.Fatal(err)
	}
	taken, err := Checkout(ctx, repo, rev)
	if err != nil {
		t.Fatal(err)
	}
	if taken.Top != first.Top {
		t.Errorf("after a stale leftover, checked out at %s, want %s", taken.Top, first.Top)
	}
	if err := taken.Remove(); err != nil {
		t.Fatal(err)
	}
	if n := worktrees(t, repo); n != 1 {
		t.Errorf("%d worktrees at the end, want 1", n)
	}
}
