package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/render/markdown"
)

// stdout is the standard output part of what run and runWork return.
func stdout(got string) string {
	i := strings.Index(got, "-- stdout --\n") + len("-- stdout --\n")
	return got[i:strings.Index(got, "-- stderr --")]
}

// TestLintMarkdown: the demo module's violations as a comment, linked to
// their lines.
func TestLintMarkdown(t *testing.T) {
	got := run(t, "lint", "-C", lintDemo, "--format", "markdown", "--source-url", "https://github.com/example/demo/blob/HEAD/")
	golden(t, "lint-demo.md", got)
}

// TestLintMarkdownLimit lints the layered example under a config where no
// layer may use another: 818 violations, far more than a comment holds.
// The comment stays within GitHub's limit, and its last line counts
// exactly the violations it leaves out.
func TestLintMarkdownLimit(t *testing.T) {
	dir := copyTree(t, example("layered"))
	cfg, err := os.ReadFile("testdata/lint-tight.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "splitter.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	code, got := runWork(t, dir, "lint", "-C", dir, "--format", "markdown")
	if code != ExitFindings {
		t.Fatalf("exit %d, want 1:\n%s", code, got)
	}
	md := stdout(got)
	if len(md) > markdown.GitHubLimit {
		t.Fatalf("%d bytes, over the limit of %d", len(md), markdown.GitHubLimit)
	}
	total := regexp.MustCompile(`lint: (\d+) errors`).FindStringSubmatch(got)
	more := regexp.MustCompile(`_… and (\d+) more not shown`).FindStringSubmatch(md)
	if total == nil || more == nil {
		t.Fatalf("no total or no count of what is left out:\n%s", md[len(md)-300:])
	}
	n, _ := strconv.Atoi(total[1])
	left, _ := strconv.Atoi(more[1])
	shown := len(regexp.MustCompile(`(?m)^\| error \| SPL`).FindAllString(md, -1))
	if shown == 0 || shown+left != n {
		t.Errorf("%d rows shown and %d left out, want %d in all", shown, left, n)
	}
	if len(md) < markdown.GitHubLimit*9/10 {
		t.Errorf("only %d bytes used of %d: the comment should be filled before cutting", len(md), markdown.GitHubLimit)
	}
}

func TestVersionLine(t *testing.T) {
	rev := []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"}}
	for _, c := range []struct {
		bi   *debug.BuildInfo
		want string
	}{
		{nil, "splitter unknown (rev unknown)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "splitter unknown (rev unknown)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "splitter v1.2.3 (rev unknown)"}, // go install ...@v1.2.3 from the proxy
		{&debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201000000-0123456789ab"}, Settings: rev}, "splitter v0.0.0-20261201000000-0123456789ab (rev 0123456789ab)"},
		{&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: append(rev, debug.BuildSetting{Key: "vcs.modified", Value: "true"})}, "splitter unknown (rev 0123456789ab+dirty)"},
	} {
		if got := versionLine(c.bi); got != c.want {
			t.Errorf("versionLine(%+v) = %q, want %q", c.bi, got, c.want)
		}
	}
	// The test binary's own build info, through the command.
	got := run(t, "version")
	if !regexp.MustCompile(`^exit 0\n-- stdout --\nsplitter \S+ \(rev \S+\)\n`).MatchString(got) {
		t.Errorf("splitter version:\n%s", got)
	}
}
