package cluster

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// maxCommitFiles skips commits that touch more files than this: mass
// renames and reformattings say nothing about coupling.
const maxCommitFiles = 30

// CoChange reads the last n commits of the git repository holding root and
// counts, for each pair of Go files under root, the commits that changed
// both. Paths are relative to root, like the model's.
func CoChange(ctx context.Context, root string, n int) (map[[2]string]int, error) {
	top, err := git(ctx, root, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("--git needs a git repository: %w", err)
	}
	prefix, err := filepath.Rel(strings.TrimSpace(string(top)), root)
	if err != nil {
		return nil, err
	}
	prefix = filepath.ToSlash(prefix)
	out, err := git(ctx, root, "log", fmt.Sprintf("-n%d", n), "--no-merges", "--name-only", "--format=format:@@commit")
	if err != nil {
		return nil, fmt.Errorf("reading git history: %w", err)
	}
	pairs := map[[2]string]int{}
	var files []string
	flush := func() {
		if len(files) > 1 && len(files) <= maxCommitFiles {
			sort.Strings(files)
			for i := range files {
				for j := i + 1; j < len(files); j++ {
					pairs[[2]string{files[i], files[j]}]++
				}
			}
		}
		files = files[:0]
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "@@commit":
			flush()
		case strings.HasSuffix(line, ".go") && !strings.HasSuffix(line, "_test.go"):
			if prefix != "." {
				if !strings.HasPrefix(line, prefix+"/") {
					continue
				}
				line = strings.TrimPrefix(line, prefix+"/")
			}
			files = append(files, line)
		}
	}
	flush()
	return pairs, sc.Err()
}

func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return nil, fmt.Errorf("git %s: %s", args[0], msg)
		}
		return nil, err
	}
	return out, nil
}
