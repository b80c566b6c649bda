package suggest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// BuildError is a function that does not build.
type BuildError struct {
	Function string
	Err      error
	Output   string
}

func (e *BuildError) Error() string {
	return fmt.Sprintf("building the function %s: %v: %s", e.Function, e.Err, e.Output)
}

func (e *BuildError) Unwrap() error { return e.Err }

// MeasureSizes builds every function adapter of a scaffold written by
// EmitSAM (in dir) as AWS Lambda builds it (linux/arm64, CGO off, stripped,
// -tags lambda.norpc) and sets the functions' MeasuredSize. It returns one
// error per function that does not build; progress, when set, is told each
// function's name.
func MeasureSizes(ctx context.Context, m *model.Model, dir string, progress func(string)) []error {
	bin, err := os.MkdirTemp("", "splitter-size-")
	if err != nil {
		return []error{err}
	}
	defer os.RemoveAll(bin)
	var errs []error
	for i := range m.Functions {
		f := &m.Functions[i]
		if f.Deploy != model.DeployFunction {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, "functions", f.Name, "main.go")); err != nil {
			continue // not generated: the scaffold's README says why
		}
		if progress != nil {
			progress("building " + f.Name)
		}
		out := filepath.Join(bin, f.Name)
		cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-tags", "lambda.norpc",
			"-o", out, "./functions/"+f.Name)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0", "GOWORK=off")
		if b, err := cmd.CombinedOutput(); err != nil {
			errs = append(errs, &BuildError{Function: f.Name, Err: err, Output: strings.TrimSpace(string(b))})
			continue
		}
		if st, err := os.Stat(out); err == nil {
			f.MeasuredSize = st.Size()
		}
	}
	return errs
}
