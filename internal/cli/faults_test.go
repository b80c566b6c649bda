package cli

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/splitter-go/splitter/model"
)

// The fault-injection suite: each testdata/faults/*.txtar is a small module
// with one kind of bad input (broken code, a broken build setup, odd files),
// and its comment says what splitter must do about it, one directive a line:
//
//	env NAME=VALUE             set for every run of the case
//	generate FILE LINES        write a generated Go file of about LINES lines
//	bom FILE / crlf FILE       give FILE a UTF-8 byte order mark / CRLF line ends
//	symlink LINK TARGET        create a symbolic link (a loop, say)
//	chmod MODE FILE            change a file's mode (the case is skipped as root)
//	RUN exit N                 RUN exits with N
//	RUN stderr|stdout TEXT     ... and prints TEXT (a substring) there
//	RUN !stderr TEXT           ... and does not print TEXT on stderr
//	healthy PKG...             the JSON model of `analyze` has these packages, with units
//	skipped PKG WHERE          its skipped list has PKG at WHERE (file:line:col,
//	                           "dependency DEP", or "-" for any)
//
// RUN is analyze (`analyze --format json`), strict (`analyze --strict
// --format json`), lint or partial (`lint --allow-partial`); only the runs a
// case names are made. Every run must end without a panic, and none may
// write into the module.
func TestFaults(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "faults", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fault cases: %v", err)
	}
	for _, file := range files {
		c := parseFault(t, file)
		t.Run(c.name, func(t *testing.T) {
			if len(c.env) == 0 {
				t.Parallel() // t.Setenv is not allowed in parallel tests
			}
			c.run(t)
		})
	}
}

type faultCase struct {
	name  string
	arch  *txtar.Archive
	env   [][2]string
	setup [][]string          // generate, bom, crlf, symlink, chmod
	runs  map[string][]string // run -> expectations ("exit N", "stderr TEXT", ...)
	order []string
	check [][]string // healthy, skipped
}

var faultRuns = map[string][]string{
	"analyze": {"analyze", "--format", "json"},
	"strict":  {"analyze", "--strict", "--format", "json"},
	"lint":    {"lint"},
	"partial": {"lint", "--allow-partial"},
}

func parseFault(t *testing.T, file string) *faultCase {
	t.Helper()
	a, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c := &faultCase{name: strings.TrimSuffix(filepath.Base(file), ".txtar"), arch: a, runs: map[string][]string{}}
	sc := bufio.NewScanner(bytes.NewReader(a.Comment))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		switch {
		case verb == "env":
			k, v, ok := strings.Cut(rest, "=")
			if !ok {
				t.Fatalf("%s:%d: env NAME=VALUE", file, n)
			}
			c.env = append(c.env, [2]string{k, v})
		case verb == "generate" || verb == "bom" || verb == "crlf" || verb == "symlink" || verb == "chmod":
			c.setup = append(c.setup, strings.Fields(line))
		case verb == "healthy" || verb == "skipped":
			c.check = append(c.check, strings.Fields(line))
		case faultRuns[verb] != nil:
			if _, ok := c.runs[verb]; !ok {
				c.order = append(c.order, verb)
			}
			c.runs[verb] = append(c.runs[verb], rest)
		default:
			t.Fatalf("%s:%d: unknown directive %q", file, n, verb)
		}
	}
	return c
}

func (c *faultCase) run(t *testing.T) {
	for _, kv := range c.env {
		t.Setenv(kv[0], kv[1])
	}
	dir := t.TempDir()
	for _, f := range c.arch.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range c.setup {
		c.prepare(t, dir, s)
	}
	before := snapshot(t, dir)
	for _, name := range c.order {
		args := append([]string{faultRuns[name][0], "-C", dir}, faultRuns[name][1:]...)
		var out, errOut bytes.Buffer
		code := Main(args, &out, &errOut)
		stdout := strings.ReplaceAll(out.String(), dir, "$WORK")
		stderr := strings.ReplaceAll(errOut.String(), dir, "$WORK")
		show := fmt.Sprintf("splitter %s: exit %d\n-- stderr --\n%s", strings.Join(args, " "), code, stderr)
		if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
			t.Errorf("%s", show)
		}
		for _, want := range c.runs[name] {
			kind, text, _ := strings.Cut(want, " ")
			switch kind {
			case "exit":
				if n, err := strconv.Atoi(text); err != nil || n != code {
					t.Errorf("want exit %s; %s", text, show)
				}
			case "stderr":
				if !strings.Contains(stderr, text) {
					t.Errorf("stderr lacks %q; %s", text, show)
				}
			case "!stderr":
				if strings.Contains(stderr, text) {
					t.Errorf("stderr has %q; %s", text, show)
				}
			case "stdout":
				if !strings.Contains(stdout, text) {
					t.Errorf("stdout lacks %q; %s\n-- stdout --\n%.2000s", text, show, stdout)
				}
			default:
				t.Fatalf("%s: unknown expectation %q", name, want)
			}
		}
		if name == "analyze" {
			c.checkModel(t, out.Bytes(), show)
		}
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("the runs changed the module's files:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}

func (c *faultCase) prepare(t *testing.T, dir string, s []string) {
	t.Helper()
	if len(s) < 2 {
		t.Fatalf("%v: want a file", s)
	}
	p := filepath.Join(dir, filepath.FromSlash(s[1]))
	switch s[0] {
	case "generate":
		n, err := strconv.Atoi(s[2])
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, generatedFile(filepath.Base(filepath.Dir(p)), n), 0o644); err != nil {
			t.Fatal(err)
		}
	case "bom", "crlf":
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if s[0] == "bom" {
			data = append([]byte("\xef\xbb\xbf"), data...)
		} else {
			data = bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	case "symlink":
		if err := os.Symlink(s[2], p); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	case "chmod":
		if os.Geteuid() == 0 {
			t.Skip("running as root: file permissions do not bite")
		}
		mode, err := strconv.ParseUint(s[1], 8, 32)
		if err != nil {
			t.Fatal(err)
		}
		p = filepath.Join(dir, filepath.FromSlash(s[2]))
		if err := os.Chmod(p, os.FileMode(mode)); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(p, 0o644) }) // so that TempDir can remove it
	default:
		t.Fatalf("unknown setup %v", s)
	}
}

// generatedFile is a generated Go file of about lines lines, shaped like
// protoc-gen-go's output: accessors, and the raw descriptor as one string
// constant of a line per 8 bytes joined by + (an expression 50,000 deep).
func generatedFile(pkg string, lines int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by fault-gen. DO NOT EDIT.\n\npackage %s\n\n", pkg)
	const funcs = 200
	for i := 0; i < funcs; i++ {
		fmt.Fprintf(&b, "// Field%d returns a byte of the descriptor.\nfunc Field%d() byte { return rawDesc[%d] }\n\n", i, i, i)
	}
	b.WriteString("const rawDesc = \"\" +\n")
	n := lines - 4*funcs - 5
	for i := 0; i < n; i++ {
		b.WriteString("\t\"")
		for k := 0; k < 8; k++ {
			fmt.Fprintf(&b, "\\x%02x", (i+k)%256)
		}
		b.WriteString("\"")
		if i < n-1 {
			b.WriteString(" +")
		}
		b.WriteString("\n")
	}
	return b.Bytes()
}

func (c *faultCase) checkModel(t *testing.T, out []byte, show string) {
	t.Helper()
	if len(c.check) == 0 {
		return
	}
	var m model.Model
	if err := json.Unmarshal(out, &m); err != nil {
		t.Errorf("analyze printed no JSON model: %v; %s", err, show)
		return
	}
	pkgs := map[string]model.Package{}
	for _, p := range m.Packages {
		pkgs[p.Path] = p
	}
	skipped := map[string]model.SkippedPackage{}
	for _, s := range m.Skipped {
		skipped[s.Package] = s
	}
	nskipped := 0
	for _, ch := range c.check {
		switch ch[0] {
		case "healthy":
			for _, p := range ch[1:] {
				if pkgs[p].Units == 0 {
					t.Errorf("healthy package %s not analysed (packages %v); %s", p, m.Packages, show)
				}
			}
		case "skipped":
			nskipped++
			s, ok := skipped[ch[1]]
			where := strings.Join(ch[2:], " ")
			got := fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Column)
			if s.Dependency != "" {
				got = "dependency " + s.Dependency
			}
			if !ok || (where != "-" && got != where) || s.Message == "" {
				t.Errorf("skipped %s at %s, want %s (skipped: %+v)", ch[1], got, where, m.Skipped)
			}
			if _, inModel := pkgs[ch[1]]; inModel {
				t.Errorf("skipped package %s is in the model's packages", ch[1])
			}
		}
	}
	if m.Partial != (nskipped > 0) || len(m.Skipped) != nskipped {
		t.Errorf("partial %v, skipped %+v: want %d skipped packages", m.Partial, m.Skipped, nskipped)
	}
}

// snapshot lists every file under dir with a hash of its content and its
// mode, to show that a run wrote nothing there.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable file is listed by its entry alone
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return nil
		}
		sum := ""
		if info.Mode().IsRegular() {
			if data, err := os.ReadFile(p); err == nil {
				sum = fmt.Sprintf("%x", sha256.Sum256(data))[:16]
			}
		}
		fmt.Fprintf(&b, "%s %v %s\n", rel, info.Mode(), sum)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
