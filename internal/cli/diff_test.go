package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/splitter-go/splitter/diff"
	"github.com/splitter-go/splitter/render/markdown"
)

// gitEnv makes commits reproducible: the same trees give the same ids.
var gitEnv = []string{"GIT_AUTHOR_NAME=splitter test", "GIT_AUTHOR_EMAIL=test@example.com",
	"GIT_COMMITTER_NAME=splitter test", "GIT_COMMITTER_EMAIL=test@example.com",
	"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z"}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), gitEnv...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// applyTxtar writes each file of a txtar archive into dir.
func applyTxtar(t *testing.T, dir, archive string) {
	t.Helper()
	ar, err := txtar.ParseFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// layeredRepo is a git repository holding the layered example in two
// commits: as it is, then with testdata/diff-layered-change.txtar (a new
// call from catalog to inventory, and catalog reading the reviews table).
func layeredRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := copyTree(t, example("layered"))
	gitIn(t, dir, "init", "-q", "-b", "main")
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "the layered example")
	applyTxtar(t, dir, "testdata/diff-layered-change.txtar")
	gitIn(t, dir, "commit", "-q", "-am", "catalog shows stock and hides flagged products")
	return dir
}

// isolateWorktrees sends diff's worktrees to a temporary cache directory
// (they go under the user's cache) and temporary directory, and returns
// both, to check that nothing is left there. The go command keeps its
// build cache where it was.
func isolateWorktrees(t *testing.T) (cache, tmp string) {
	t.Helper()
	out, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOCACHE", strings.TrimSpace(string(out)))
	cache, tmp = t.TempDir(), t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("TMPDIR", tmp)
	return cache, tmp
}

// leftovers lists what diff left in the cache and temporary directories.
func leftovers(cache, tmp string) []string {
	a, _ := filepath.Glob(filepath.Join(cache, "splitter", "worktrees", "*"))
	b, _ := filepath.Glob(filepath.Join(tmp, "splitter-diff-*"))
	return append(a, b...)
}

// TestDiffLayered runs splitter diff on the layered example's change: it
// finds the new dependency and the newly shared table and nothing else,
// the markdown comment matches its golden file, and the worktree is gone.
func TestDiffLayered(t *testing.T) {
	repo := layeredRepo(t)
	cache, tmp := isolateWorktrees(t)

	var out, errOut bytes.Buffer
	if code := Main([]string{"diff", "HEAD~1", "-C", repo, "--format", "json"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var r diff.Report
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Added) != 1 || r.Added[0].From != "catalog" || r.Added[0].To != "inventory" {
		t.Fatalf("added dependencies = %+v, want catalog → inventory", r.Added)
	}
	u := r.Added[0].Uses
	if len(u) != 1 || u[0].From != "example.com/shop/services.CatalogService.GetProduct" || u[0].To != "example.com/shop/repositories.Store.StockLevels" ||
		u[0].Kind != "call" || u[0].File != "services/catalog.go" || u[0].Line != 69 {
		t.Errorf("uses of catalog → inventory = %+v, want the call in GetProduct at services/catalog.go:69", u)
	}
	if len(r.Tables) != 1 || r.Tables[0].Table != "reviews" || !r.Tables[0].NewlyShared || strings.Join(r.Tables[0].Head, ",") != "catalog,reviews" {
		t.Errorf("tables = %+v, want reviews newly shared by catalog", r.Tables)
	}
	if len(r.Removed)+len(r.Changed)+len(r.Units)+len(r.EntryPoints) != 0 {
		t.Errorf("removed %v, changed %v, units %v, entry points %v: want none", r.Removed, r.Changed, r.Units, r.EntryPoints)
	}
	var rules []string
	for _, v := range r.NewFindings {
		rules = append(rules, v.Rule)
	}
	if got := strings.Join(rules, " "); got != "SPL006 SPL007 SPL005" {
		t.Errorf("new findings %s, want the call's SPL006 and SPL007 and the table's SPL005", got)
	}
	if len(r.FixedFindings) != 0 || !r.Assignment.Proposed {
		t.Errorf("fixed findings %v, assignment %+v", r.FixedFindings, r.Assignment)
	}

	code, got := runWork(t, repo, "diff", "HEAD~1", "-C", repo, "--format", "markdown", "--source-url", "https://github.com/example/shop/blob/HEAD/")
	if code != 0 {
		t.Fatal(got)
	}
	golden(t, "diff-layered.md", got)
	md := got[strings.Index(got, "-- stdout --\n")+len("-- stdout --\n") : strings.Index(got, "-- stderr --")]
	if len(md) > markdown.GitHubLimit {
		t.Errorf("the comment has %d bytes, over GitHub's %d", len(md), markdown.GitHubLimit)
	}

	if list := gitIn(t, repo, "worktree", "list"); strings.Count(list, "\n") != 1 {
		t.Errorf("git worktree list after diff:\n%s", list)
	}
	if left := leftovers(cache, tmp); len(left) > 0 {
		t.Errorf("diff left %v behind", left)
	}
	if status := gitIn(t, repo, "status", "--porcelain"); status != "" {
		t.Errorf("diff changed the working tree:\n%s", status)
	}
}

// TestDiffErrors: what diff refuses, before any analysis.
func TestDiffErrors(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	notRepo := copyTree(t, lintDemo)
	code, got := runWork(t, notRepo, "diff", "-C", notRepo)
	if code != ExitUsage || !strings.Contains(got, "not in a git repository") {
		t.Errorf("outside git:\n%s", got)
	}
	gitIn(t, notRepo, "init", "-q", "-b", "trunk")
	gitIn(t, notRepo, "add", "-A")
	gitIn(t, notRepo, "commit", "-q", "-m", "demo")
	code, got = runWork(t, notRepo, "diff", "nope", "-C", notRepo)
	if code != ExitUsage || !strings.Contains(got, `unknown revision "nope"`) {
		t.Errorf("unknown revision:\n%s", got)
	}
	code, got = runWork(t, notRepo, "diff", "-C", notRepo)
	if code != ExitUsage || !strings.Contains(got, "none of origin/HEAD, main, master exists") {
		t.Errorf("no default base:\n%s", got)
	}
	code, got = runWork(t, notRepo, "diff", "HEAD", "-C", notRepo, "--format", "html")
	if code != ExitUsage || !strings.Contains(got, `unknown --format "html"`) {
		t.Errorf("bad format:\n%s", got)
	}
}

// TestDiffBaseFails: when the base revision cannot be judged (its code does
// not type-check), diff says so with exit 4, and the worktree is removed
// all the same.
func TestDiffBaseFails(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	cache, tmp := isolateWorktrees(t)
	repo := copyTree(t, lintDemo)
	broken := filepath.Join(repo, "shipping", "shipping.go")
	good, err := os.ReadFile(broken)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(broken, append(good, []byte("\nfunc Broken() int { return \"not an int\" }\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "init", "-q", "-b", "main")
	gitIn(t, repo, "add", "-A")
	gitIn(t, repo, "commit", "-q", "-m", "broken")
	if err := os.WriteFile(broken, good, 0o644); err != nil {
		t.Fatal(err)
	}
	gitIn(t, repo, "commit", "-q", "-am", "fixed")
	code, got := runWork(t, repo, "diff", "HEAD~1", "-C", repo)
	if code != ExitTypeCheck || !strings.Contains(got, "at HEAD~1, a skipped package hides its uses") || !strings.Contains(got, "shipping/shipping.go:17:28: cannot use") {
		t.Errorf("diff against a base that does not type-check:\n%s", got)
	}
	if list := gitIn(t, repo, "worktree", "list"); strings.Count(list, "\n") != 1 {
		t.Errorf("git worktree list after the failure:\n%s", list)
	}
	if left := leftovers(cache, tmp); len(left) > 0 {
		t.Errorf("diff left %v behind", left)
	}
}
