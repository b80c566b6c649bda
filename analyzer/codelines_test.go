package analyzer

import (
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// scanLines must mark exactly the lines go/scanner does, on real code (the
// standard library and the test modules) and on the corners of the lexical
// grammar; where it declines, codeLines uses go/scanner.
func TestScanLinesAgreesWithScanner(t *testing.T) {
	cases := map[string]string{
		"raw":         "package p\n\nvar s = `a\n\nb`\n",
		"comments":    "package p\n/* a\n b */ var x = 1 // c\n/* d */\n\n//e\n",
		"strings":     "package p\nvar s = \"/* not a comment */\" + '\\'' + \"\\\"//\"\nvar r = '/'\n",
		"broken":      "package p\nvar s = \"abc\nvar t = 'x\n",
		"eofraw":      "package p\nvar s = `abc\n\n",
		"eofcomment":  "package p\n/* never closed\n\nx\n",
		"escapeeol":   "package p\nvar s = \"a\\\nvar t = 1\n",
		"illegal":     "package p\n\f\n\x00\n\u00a0\n",
		"semicolons":  "package p\n;\n\n",
		"division":    "package p\nvar x = 4 /2 / 1\n",
		"nonewline":   "package p",
		"emptylines":  "\n\n\npackage p\n\n\n",
		"utf8":        "package p\nvar ñ = \"é\"\n",
		"slashstar":   "package p\nvar x = 1 /*/ still a comment */\n",
		"commentstar": "package p\n/**/var y = 2\n/***/\n",
	}
	n := 0
	check := func(name string, src []byte) {
		taken, line, got := compareLines(src)
		if taken {
			n++
		}
		if line > 0 {
			t.Errorf("%s: line %d: scanLines says %v, go/scanner %v", name, line, got, !got)
		}
	}
	for name, src := range cases {
		check(name, []byte(src))
	}
	roots := []string{filepath.Join(runtime.GOROOT(), "src"), filepath.Join("..", "testdata")}
	for _, root := range roots {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
				return nil
			}
			if src, err := os.ReadFile(path); err == nil {
				check(path, src)
			}
			return nil
		})
	}
	if n < 1000 {
		t.Errorf("scanLines took %d files, want the standard library's", n)
	}
}

// FuzzScanLines: on any input scanLines takes, it agrees with go/scanner.
func FuzzScanLines(f *testing.F) {
	for _, s := range []string{"package p\nvar s = `a\n\nb`\n", "/* a\n*/x", "\"a\\\n", "'\\''\n`", "x // y\n/*"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, line, got := compareLines(src); line > 0 {
			t.Errorf("%q: line %d: scanLines says %v, go/scanner %v", src, line, got, !got)
		}
	})
}

// compareLines runs both scans over src: whether scanLines took it, and
// the first line where they disagree (0: none) with scanLines' answer.
func compareLines(src []byte) (taken bool, line int, got bool) {
	tf := token.NewFileSet().AddFile("f.go", -1, len(src))
	tf.SetLinesForContent(src)
	want := make(lineSet, tf.LineCount()+2)
	lexLines("f.go", src, want)
	fast := make(lineSet, tf.LineCount()+2)
	if !scanLines(src, fast) {
		return false, 0, false
	}
	for l := range want {
		if fast[l] != want[l] {
			return true, l, fast[l]
		}
	}
	return true, 0, false
}

func BenchmarkCodeLines(b *testing.B) {
	var srcs [][]byte
	filepath.WalkDir(filepath.Join(runtime.GOROOT(), "src", "net", "http"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			if src, err := os.ReadFile(path); err == nil {
				srcs = append(srcs, src)
			}
		}
		return nil
	})
	for _, fast := range []bool{false, true} {
		b.Run(fmt.Sprintf("scanLines=%v", fast), func(b *testing.B) {
			for b.Loop() {
				for _, src := range srcs {
					ls := make(lineSet, len(src)/10+100)
					if !fast || !scanLines(src, ls) {
						lexLines("f.go", src, ls)
					}
				}
			}
		})
	}
}
