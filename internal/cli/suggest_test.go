package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

func TestSuggestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		// --no-services keeps this golden independent of the clustering.
		{"suggest-functions-layered.txt", []string{"suggest", "functions", "-C", example("layered"), "--no-services"}},
		{"suggest-bad-granularity.txt", []string{"suggest", "functions", "-C", example("modular"), "--granularity", "module"}},
		{"suggest-emit-no-out.txt", []string{"suggest", "functions", "-C", example("modular"), "--emit", "sam"}},
		{"suggest-no-subcommand.txt", []string{"suggest"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden(t, c.name, run(t, c.args...))
		})
	}
}

// TestMeasureSizeFails measures the functions of testdata/notes with its
// search package broken on linux/arm64, the platform functions are built
// for (the analysis, on this machine, does not see it): suggest exits 3
// in text and in JSON, names the functions that did not build and still
// measures the others.
func TestMeasureSizeFails(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the scaffold's functions: not in -short mode")
	}
	if runtime.GOOS == "linux" && runtime.GOARCH == "arm64" {
		t.Skip("the breakage is for linux/arm64, which this machine is: the analysis would fail too")
	}
	dir := copyTree(t, example("notes"))
	broken := "//go:build linux && arm64\n\npackage search\n\n// onlyOnLambda does not compile where functions run.\nvar onlyOnLambda int = \"arm64\"\n"
	if err := os.WriteFile(filepath.Join(dir, "internal", "search", "arm64.go"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Main([]string{"suggest", "functions", "-C", dir, "--no-services", "--measure-size", "--format", format}, &out, &errOut)
			if code != ExitAnalysis {
				t.Fatalf("exit %d, want %d (a function does not build)\n%s", code, ExitAnalysis, errOut.String())
			}
			msg := errOut.String()
			if !strings.Contains(msg, "do not build") || !strings.Contains(msg, "building the function search:") {
				t.Errorf("stderr does not name the function that failed:\n%s", msg)
			}
			if format != "json" {
				return
			}
			var m model.Model
			if err := json.Unmarshal(out.Bytes(), &m); err != nil {
				t.Fatal(err)
			}
			sizes := map[string]int64{}
			for _, f := range m.Functions {
				if f.Deploy == model.DeployFunction {
					sizes[f.Name] = f.MeasuredSize
				}
			}
			if sizes["search"] != 0 || sizes["notes"] == 0 {
				t.Errorf("measured sizes %v: want none for search, one for notes (it does not import search)", sizes)
			}
			for name, size := range sizes {
				// healthz is not generated (its handler is unexported).
				if size == 0 && name != "healthz" && !strings.Contains(msg, "building the function "+name+":") {
					t.Errorf("%s has no size and is not named as failing:\n%s", name, msg)
				}
			}
		})
	}
}
