package analyzer

import (
	"bufio"
	"context"
	"fmt"
	"go/build"
	"go/build/constraint"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// unmatchedPattern returns a usage error naming the first of patterns that
// matches no package of the analysed modules, with examples of what the
// module's packages look like: the go command only warns about such a
// pattern, and a run that silently analyses less than asked is not to be
// trusted. Meta-patterns (all, std, cmd) are left to the go command.
func unmatchedPattern(ctx context.Context, dir string, patterns []string, pkgs []*packages.Package) error {
	for _, pat := range patterns {
		if pat == "all" || pat == "std" || pat == "cmd" || pat == "./..." || pat == "..." {
			continue
		}
		match := patternMatcher(pat, dir)
		matched := false
		for _, p := range pkgs {
			if p.Module != nil && p.Module.Main && len(p.GoFiles)+len(p.CompiledGoFiles) > 0 && match(p) {
				matched = true
				break
			}
		}
		if !matched {
			return fmt.Errorf("%w: package pattern %q matches no package of the module in %s%s", ErrUsage, pat, dir, packageExamples(ctx, dir))
		}
	}
	return nil
}

// patternMatcher applies the go command's pattern rules: a pattern
// starting with . or / is a directory, else an import path; "..." matches
// any string, and "x/..." matches x itself.
func patternMatcher(pat, dir string) func(*packages.Package) bool {
	if isLocalPattern(pat) {
		if !filepath.IsAbs(pat) {
			pat = filepath.Join(dir, pat)
		}
		match := wildcard(filepath.ToSlash(filepath.Clean(pat)))
		return func(p *packages.Package) bool {
			pd := p.Dir
			if pd == "" && len(p.GoFiles) > 0 {
				pd = filepath.Dir(p.GoFiles[0])
			}
			return pd != "" && match(filepath.ToSlash(pd))
		}
	}
	match := wildcard(pat)
	return func(p *packages.Package) bool { return match(p.PkgPath) }
}

func isLocalPattern(p string) bool {
	return p == "." || p == ".." || strings.HasPrefix(p, "./") || strings.HasPrefix(p, "../") || filepath.IsAbs(p)
}

// wildcard returns a matcher of strings against a go package pattern.
func wildcard(pat string) func(string) bool {
	if !strings.Contains(pat, "...") {
		return func(s string) bool { return s == pat }
	}
	re := regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(pat), `\.\.\.`, ".*") + "$")
	parent := strings.TrimSuffix(pat, "/...")
	return func(s string) bool { return re.MatchString(s) || (parent != pat && s == parent) }
}

// packageExamples lists a few of the module's packages as ./dir patterns
// relative to dir, the shallowest first, and the import path of one, to
// show what a pattern should look like.
func packageExamples(ctx context.Context, dir string) string {
	cmd := exec.CommandContext(ctx, "go", "list", "-e", "-find", "-f", "{{.Dir}}\t{{.ImportPath}}", "./...")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	type pkg struct{ rel, path string }
	var ps []pkg
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		d, ip, ok := strings.Cut(line, "\t")
		if r, err := filepath.Rel(dir, d); ok && err == nil && !strings.HasPrefix(r, "..") {
			ps = append(ps, pkg{"./" + filepath.ToSlash(r), ip})
		}
	}
	if len(ps) == 0 {
		return ""
	}
	depth := func(p pkg) int { return strings.Count(p.rel, "/") }
	sort.Slice(ps, func(i, j int) bool {
		if depth(ps[i]) != depth(ps[j]) {
			return depth(ps[i]) < depth(ps[j])
		}
		return ps[i].rel < ps[j].rel
	})
	n := len(ps)
	if len(ps) > 8 {
		ps = ps[:8]
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].rel < ps[j].rel })
	var ex []string
	for _, p := range ps {
		ex = append(ex, p.rel)
	}
	more := ""
	if n > len(ex) {
		more = ", ..."
	}
	return fmt.Sprintf("; its %d packages look like: %s%s (or ./... for all; as import paths, %s is %s)", n, strings.Join(ex, ", "), more, ex[0], ps[0].path)
}

// excludedHint explains a module where no package matches although it has
// Go files: build constraints exclude them all. It names the first such
// file and its constraint, so that the user knows which --tags to pass.
func excludedHint(dir string, tags []string) string {
	var file, expr string
	seen := 0
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || seen > 10000 {
			return filepath.SkipDir
		}
		seen++
		name := d.Name()
		if d.IsDir() {
			if p != dir && (name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		ctx := build.Default
		ctx.BuildTags = tags
		if ok, err := ctx.MatchFile(filepath.Dir(p), name); err == nil && !ok {
			file, expr = p, buildLine(p)
			return filepath.SkipAll
		}
		return nil
	})
	if file == "" {
		return ""
	}
	rel, err := filepath.Rel(dir, file)
	if err != nil {
		rel = file
	}
	if expr != "" {
		expr = " (" + expr + ")"
	}
	return fmt.Sprintf(": build constraints exclude its Go files, e.g. %s%s; pass the build tags with --tags", filepath.ToSlash(rel), expr)
}

// buildLine returns the //go:build line of a Go file's header, if any.
func buildLine(p string) string {
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 64<<10))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if constraint.IsGoBuild(line) {
			return line
		}
		if strings.HasPrefix(line, "package ") {
			break
		}
	}
	return ""
}
