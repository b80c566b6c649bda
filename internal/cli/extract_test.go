package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitCopy copies an example into a temporary git repository, committed.
func gitCopy(t *testing.T, name string) string {
	t.Helper()
	src := example(name)
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "-A"}, {"-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "example"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dst
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return dst
}

func TestExtractCommand(t *testing.T) {
	dir := gitCopy(t, "modular")
	main := func(args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := Main(append([]string{"extract", "-C", dir}, args...), &out, &errOut)
		return code, out.String(), errOut.String()
	}

	if code, _, stderr := main("nosuch"); code != ExitUsage || !strings.Contains(stderr, `unknown service "nosuch": the services are billing, identity, notifications, patients, scheduling`) {
		t.Errorf("unknown service: exit %d, stderr %q; want exit 2 naming the services", code, stderr)
	}

	// Without --apply: the package is written, the edits are a diff that
	// git applies.
	code, diff, stderr := main("patients")
	if code != 0 {
		t.Fatalf("extract patients: exit %d\n%s", code, stderr)
	}
	for _, f := range []string{"api.go", "remote.go", "dto.go", "remote_test.go", "EXTRACT.md"} {
		if _, err := os.Stat(filepath.Join(dir, "internal/patientsapi", f)); err != nil {
			t.Errorf("internal/patientsapi/%s: %v", f, err)
		}
	}
	if !strings.HasPrefix(diff, "--- a/internal/billing/") || !strings.Contains(stderr, "What blocks the cut") || !strings.Contains(stderr, "Plan:") {
		t.Errorf("stdout should be the diff and stderr the report; stdout:\n%s\nstderr:\n%s", diff, stderr)
	}
	apply := exec.Command("git", "apply", "--check", "-")
	apply.Dir = dir
	apply.Stdin = strings.NewReader(diff)
	if out, err := apply.CombinedOutput(); err != nil {
		t.Errorf("git apply --check refuses the diff: %v\n%s", err, out)
	}

	// The tree now has the generated package: --apply refuses.
	if code, _, stderr := main("patients", "--apply"); code != ExitUsage || !strings.Contains(stderr, "clean git tree") {
		t.Errorf("--apply on a dirty tree: exit %d, stderr %q; want exit 2", code, stderr)
	}
	commit := exec.Command("git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qam", "x")
	commit.Dir = dir
	add := exec.Command("git", "add", "-A")
	add.Dir = dir
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatal(err, string(out))
	}
	if out, err := commit.CombinedOutput(); err != nil {
		t.Fatal(err, string(out))
	}
	code, stdout, stderr := main("patients", "--apply")
	if code != 0 || stdout != "" || !strings.Contains(stderr, "Applied the callers' edits to 4 files") {
		t.Fatalf("--apply: exit %d, stdout %q\n%s", code, stdout, stderr)
	}
	data, err := os.ReadFile(filepath.Join(dir, "internal/scheduling/module.go"))
	if err != nil || !bytes.Contains(data, []byte("Patients patientsapi.API")) {
		t.Errorf("--apply did not edit internal/scheduling/module.go (%v)", err)
	}

	// A directory holding code splitter did not write is not overwritten.
	foreign := filepath.Join(dir, "internal/billing")
	if code, _, stderr := main("patients", "-o", foreign); code != ExitUsage || !strings.Contains(stderr, "which splitter extract did not write") {
		t.Errorf("-o over the module's code: exit %d, stderr %q; want exit 2", code, stderr)
	}
	if code, _, stderr := main("patients", "-o", t.TempDir()); code != ExitUsage || !strings.Contains(stderr, "must be in a directory of the module") {
		t.Errorf("-o outside the module: exit %d, stderr %q; want exit 2", code, stderr)
	}
}
