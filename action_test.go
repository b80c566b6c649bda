package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/goccy/go-yaml"
	"golang.org/x/tools/txtar"

	"github.com/splitter-go/splitter/internal/cli"
)

// The composite action in action.yml, run the way a GitHub runner runs it:
// each step's if: is evaluated, its ${{ }} expressions expanded, its run:
// block executed by bash with the runner's files ($GITHUB_OUTPUT,
// $GITHUB_PATH, $GITHUB_STEP_SUMMARY...), and the actions it uses checked
// for what they would be given (setup-go is not run: Go is on PATH here).

type actionFile struct {
	Name        string                  `yaml:"name"`
	Description string                  `yaml:"description"`
	Author      string                  `yaml:"author"`
	Branding    map[string]string       `yaml:"branding"`
	Inputs      map[string]actionInput  `yaml:"inputs"`
	Outputs     map[string]actionOutput `yaml:"outputs"`
	Runs        struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionInput struct {
	Description string `yaml:"description"`
	Default     string `yaml:"default"`
}

type actionOutput struct {
	Description string `yaml:"description"`
	Value       string `yaml:"value"`
}

type actionStep struct {
	Name             string            `yaml:"name"`
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	With             map[string]string `yaml:"with"`
	Shell            string            `yaml:"shell"`
	Run              string            `yaml:"run"`
	Env              map[string]string `yaml:"env"`
	WorkingDirectory string            `yaml:"working-directory"`
}

// runner holds one run of the action.
type runner struct {
	t       *testing.T
	action  *actionFile
	inputs  map[string]string
	github  map[string]string // github context, flattened: "event.pull_request.base.sha"
	temp    string            // RUNNER_TEMP
	files   string            // where the runner's own files go
	path    []string          // added with $GITHUB_PATH, last first
	outputs map[string]map[string]string
	failed  bool
	// log has what each step printed; ran the names of the steps run,
	// with their outcome; uploaded the SARIF files given to upload-sarif.
	log      map[string]string
	ran      []string
	uploaded []string
}

func loadAction(t *testing.T) *actionFile {
	t.Helper()
	data, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.UnmarshalWithOptions(data, &a, yaml.Strict()); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("action.yml runs using %q, want composite", a.Runs.Using)
	}
	for _, s := range a.Runs.Steps {
		if s.Run != "" && s.Shell != "bash" {
			t.Errorf("step %q: a composite action's run step needs shell: bash", s.Name)
		}
		if s.Run != "" && strings.Contains(s.Run, "${{") {
			t.Errorf("step %q: expressions in run: are pasted into the script (script injection); pass them through env:", s.Name)
		}
	}
	return &a
}

func newRunner(t *testing.T, a *actionFile, inputs, github map[string]string) *runner {
	r := &runner{t: t, action: a, inputs: map[string]string{}, github: github, temp: t.TempDir(), files: t.TempDir(),
		outputs: map[string]map[string]string{}, log: map[string]string{}}
	for name, in := range a.Inputs {
		r.inputs[name] = in.Default
	}
	for k, v := range inputs {
		if _, ok := a.Inputs[k]; !ok {
			t.Fatalf("action.yml has no input %q", k)
		}
		r.inputs[k] = v
	}
	// The input defaults are expressions too (token: ${{ github.token }}).
	for k, v := range r.inputs {
		r.inputs[k] = r.expand(v)
	}
	return r
}

// value looks a context path up: inputs.X, github.X, runner.temp,
// steps.ID.outputs.X. An unknown input or github field fails the test:
// the action would read an empty string there.
func (r *runner) value(path string) string {
	root, rest, _ := strings.Cut(path, ".")
	switch root {
	case "inputs":
		v, ok := r.inputs[rest]
		if !ok {
			r.t.Fatalf("expression reads undeclared input %q", rest)
		}
		return v
	case "github":
		v, ok := r.github[rest]
		if !ok {
			r.t.Fatalf("expression reads github.%s, which this test does not provide", rest)
		}
		return v
	case "runner":
		if rest == "temp" {
			return r.temp
		}
	case "steps":
		id, out, ok := strings.Cut(rest, ".outputs.")
		if ok {
			return r.outputs[id][out]
		}
	}
	r.t.Fatalf("expression reads %q, which the runner here does not know", path)
	return ""
}

var exprRe = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// expand replaces each ${{ expr }} of s by its value.
func (r *runner) expand(s string) string {
	return exprRe.ReplaceAllStringFunc(s, func(m string) string {
		return str(r.eval(exprRe.FindStringSubmatch(m)[1]))
	})
}

func str(v any) string {
	if b, ok := v.(bool); ok {
		return strconv.FormatBool(b)
	}
	return v.(string)
}

func truthy(v any) bool {
	if b, ok := v.(bool); ok {
		return b
	}
	return v.(string) != ""
}

// eval evaluates an expression of the subset of GitHub's expression
// language action.yml uses: context paths, 'strings', ==, != (strings
// compared ignoring case, as GitHub does), !, &&, ||, parentheses, and the
// status functions always(), success(), failure().
func (r *runner) eval(expr string) any {
	toks := regexp.MustCompile(`'(?:[^']|'')*'|==|!=|&&|\|\||[!()]|[A-Za-z_][A-Za-z0-9_.\-]*`).FindAllString(expr, -1)
	if strings.Join(toks, "") != strings.ReplaceAll(expr, " ", "") {
		r.t.Fatalf("expression %q has what this runner cannot read", expr)
	}
	p := &exprParser{r: r, toks: toks}
	v := p.or()
	if p.i != len(toks) {
		r.t.Fatalf("expression %q: unexpected %q", expr, toks[p.i])
	}
	return v
}

type exprParser struct {
	r    *runner
	toks []string
	i    int
}

func (p *exprParser) peek() string {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return ""
}

func (p *exprParser) next() string { t := p.peek(); p.i++; return t }

func (p *exprParser) or() any {
	v := p.and()
	for p.peek() == "||" {
		p.next()
		w := p.and()
		v = truthy(v) || truthy(w)
	}
	return v
}

func (p *exprParser) and() any {
	v := p.unary()
	for p.peek() == "&&" {
		p.next()
		w := p.unary()
		v = truthy(v) && truthy(w)
	}
	return v
}

func (p *exprParser) unary() any {
	if p.peek() == "!" {
		p.next()
		return !truthy(p.unary())
	}
	v := p.primary()
	if op := p.peek(); op == "==" || op == "!=" {
		p.next()
		eq := strings.EqualFold(str(v), str(p.primary()))
		return eq == (op == "==")
	}
	return v
}

func (p *exprParser) primary() any {
	t := p.next()
	switch {
	case t == "(":
		v := p.or()
		if p.next() != ")" {
			p.r.t.Fatal("expression: missing )")
		}
		return v
	case strings.HasPrefix(t, "'"):
		return strings.ReplaceAll(t[1:len(t)-1], "''", "'")
	case p.peek() == "(":
		p.next()
		if p.next() != ")" {
			p.r.t.Fatalf("expression: %s takes no argument here", t)
		}
		switch t {
		case "always":
			return true
		case "success":
			return !p.r.failed
		case "failure":
			return p.r.failed
		}
		p.r.t.Fatalf("expression: unknown function %s", t)
	}
	return p.r.value(t)
}

// run runs the action's steps (only those named in only, when given) and
// reports whether it succeeded.
func (r *runner) run(only ...string) bool {
	for _, s := range r.action.Runs.Steps {
		if len(only) > 0 && !contains(only, s.ID) {
			continue
		}
		// Without a status function, if: means success() && (if:).
		cond := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s.If), "${{"), "}}"))
		switch {
		case cond == "":
			cond = "success()"
		case !regexp.MustCompile(`\b(always|success|failure|cancelled)\(`).MatchString(cond):
			cond = "success() && (" + cond + ")"
		}
		if !truthy(r.eval(cond)) {
			continue
		}
		ok := r.step(s)
		r.ran = append(r.ran, fmt.Sprintf("%s: %v", s.Name, ok))
		if !ok {
			r.failed = true
		}
	}
	return !r.failed
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func (r *runner) workspace() string { return r.github["workspace"] }

func (r *runner) step(s actionStep) bool {
	t := r.t
	with := map[string]string{}
	for k, v := range s.With {
		with[k] = r.expand(v)
	}
	switch {
	case strings.HasPrefix(s.Uses, "actions/setup-go@"):
		// Not run (Go is on PATH): check what it would be given.
		data, err := os.ReadFile(with["go-version-file"])
		if err != nil || !regexp.MustCompile(`(?m)^go 1\.\d+`).Match(data) {
			t.Errorf("setup-go's go-version-file %q: %v", with["go-version-file"], err)
			return false
		}
		return true
	case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
		path := filepath.Join(r.workspace(), with["sarif_file"])
		data, err := os.ReadFile(path)
		var log struct {
			Version string `json:"version"`
			Runs    []struct {
				Tool struct {
					Driver struct {
						Name string `json:"name"`
					} `json:"driver"`
				} `json:"tool"`
			} `json:"runs"`
		}
		if err != nil || json.Unmarshal(data, &log) != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "splitter" {
			t.Errorf("upload-sarif would get %s: not splitter's SARIF 2.1.0 (%v)", path, err)
			return false
		}
		r.uploaded = append(r.uploaded, with["sarif_file"])
		return true
	case s.Uses != "":
		t.Fatalf("step %q uses %s, which this test does not know", s.Name, s.Uses)
	}

	script := filepath.Join(r.files, "step.sh")
	if err := os.WriteFile(script, []byte(s.Run), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(r.files, "output")
	if err := os.WriteFile(out, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := r.workspace()
	if wd := r.expand(s.WorkingDirectory); wd != "" {
		dir = filepath.Join(dir, wd)
	}
	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = dir
	env := []string{}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "GITHUB_") && !strings.HasPrefix(e, "RUNNER_") && !strings.HasPrefix(e, "PATH=") {
			env = append(env, e)
		}
	}
	path := strings.Join(append(append([]string(nil), r.path...), os.Getenv("PATH")), string(os.PathListSeparator))
	env = append(env, "PATH="+path, "CI=true", "GITHUB_ACTIONS=true", "RUNNER_TEMP="+r.temp,
		"GITHUB_OUTPUT="+out, "GITHUB_PATH="+filepath.Join(r.files, "path"), "GITHUB_ENV="+filepath.Join(r.files, "env"),
		"GITHUB_STEP_SUMMARY="+filepath.Join(r.files, "summary"), "GITHUB_WORKSPACE="+r.workspace(),
		"GITHUB_ACTION_PATH="+r.github["action_path"], "GITHUB_API_URL="+r.github["api_url"],
		"GITHUB_REPOSITORY="+r.github["repository"], "GITHUB_SHA="+r.github["sha"], "GITHUB_EVENT_NAME="+r.github["event_name"])
	for k, v := range s.Env {
		env = append(env, k+"="+r.expand(v))
	}
	cmd.Env = env
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	r.log[s.Name] += buf.String()
	if err != nil {
		t.Logf("step %q failed: %v\n%s", s.Name, err, buf.String())
	}
	if s.ID != "" {
		r.outputs[s.ID] = readOutputs(t, out)
	}
	if data, err := os.ReadFile(filepath.Join(r.files, "path")); err == nil {
		r.path = nil
		for _, l := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			r.path = append([]string{l}, r.path...)
		}
	}
	return err == nil
}

// readOutputs reads a $GITHUB_OUTPUT file: name=value lines and
// name<<DELIM ... DELIM blocks.
func readOutputs(t *testing.T, path string) map[string]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if k, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(k, "=") {
			var v []string
			for sc.Scan() && sc.Text() != delim {
				v = append(v, sc.Text())
			}
			out[k] = strings.Join(v, "\n")
			continue
		}
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

func (r *runner) summary() string {
	data, _ := os.ReadFile(filepath.Join(r.files, "summary"))
	return string(data)
}

// commentsAPI is the part of GitHub's REST API the comment step uses.
type commentsAPI struct {
	mu       sync.Mutex
	t        *testing.T
	comments []apiComment
	calls    []string
}

type apiComment struct {
	ID   int    `json:"id"`
	Body string `json:"body"`
}

func (a *commentsAPI) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.calls = append(a.calls, req.Method+" "+req.URL.Path)
	if req.Header.Get("Authorization") != "Bearer test-token" {
		http.Error(w, "bad credentials", http.StatusUnauthorized)
		return
	}
	var in apiComment
	if req.Method != http.MethodGet {
		data, _ := io.ReadAll(req.Body)
		if err := json.Unmarshal(data, &in); err != nil || in.Body == "" {
			http.Error(w, "want a JSON body", http.StatusUnprocessableEntity)
			return
		}
	}
	list := regexp.MustCompile(`^/repos/example/shop/issues/7/comments$`)
	one := regexp.MustCompile(`^/repos/example/shop/issues/comments/(\d+)$`)
	switch {
	case req.Method == http.MethodGet && list.MatchString(req.URL.Path):
		page, _ := strconv.Atoi(req.URL.Query().Get("page"))
		per, _ := strconv.Atoi(req.URL.Query().Get("per_page"))
		if page < 1 || per < 1 {
			http.Error(w, "want page and per_page", http.StatusBadRequest)
			return
		}
		from, to := min((page-1)*per, len(a.comments)), min(page*per, len(a.comments))
		json.NewEncoder(w).Encode(append([]apiComment{}, a.comments[from:to]...)) // [] when none, as GitHub
	case req.Method == http.MethodPost && list.MatchString(req.URL.Path):
		in.ID = 1000 + len(a.comments)
		a.comments = append(a.comments, in)
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(in)
	case req.Method == http.MethodPatch && one.MatchString(req.URL.Path):
		id, _ := strconv.Atoi(one.FindStringSubmatch(req.URL.Path)[1])
		for i := range a.comments {
			if a.comments[i].ID == id {
				a.comments[i].Body = in.Body
				json.NewEncoder(w).Encode(a.comments[i])
				return
			}
		}
		http.NotFound(w, req)
	default:
		http.NotFound(w, req)
	}
}

func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t",
		"GIT_COMMITTER_EMAIL=t@example.com", "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// prRepo is a pull request on the layered example: its base commit has a
// splitter.yaml and baseline written by splitter init, its head adds a call
// from catalog to inventory and a read of the reviews table (the change of
// internal/cli's diff test). The workspace is a shallow clone of it, as
// actions/checkout makes one: the base commit is not in it.
func prRepo(t *testing.T) (workspace, base, head string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	copyDir(t, "testdata/layered", src)
	var out, errOut bytes.Buffer
	if code := cli.Main([]string{"init", "-C", src}, &out, &errOut); code != 0 {
		t.Fatalf("splitter init: exit %d\n%s", code, errOut.String())
	}
	gitCmd(t, src, "init", "-q", "-b", "main")
	gitCmd(t, src, "add", "-A")
	gitCmd(t, src, "commit", "-q", "-m", "the shop, with its boundaries")
	base = gitCmd(t, src, "rev-parse", "HEAD")
	ar, err := txtar.ParseFile("internal/cli/testdata/diff-layered-change.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if err := os.WriteFile(filepath.Join(src, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gitCmd(t, src, "commit", "-q", "-am", "catalog shows stock")
	head = gitCmd(t, src, "rev-parse", "HEAD")
	gitCmd(t, dir, "clone", "-q", "--bare", src, "origin.git")
	workspace = filepath.Join(dir, "workspace")
	gitCmd(t, dir, "clone", "-q", "--depth", "1", "file://"+filepath.Join(dir, "origin.git"), workspace)
	return workspace, base, head
}

// TestAction runs action.yml on a pull request that crosses a boundary:
// splitter is built from this repository, lint fails on the new violations
// with its SARIF uploaded and its result in the job summary, the diff of
// the change goes to the job summary and to a comment, and a second run
// updates that comment instead of adding one.
func TestAction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds splitter and runs lint and diff: not in -short")
	}
	for _, tool := range []string{"bash", "curl", "jq"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (GitHub's runners have it)", tool)
		}
	}
	a := loadAction(t)
	workspace, base, head := prRepo(t)
	api := &commentsAPI{t: t}
	srv := httptest.NewServer(api)
	defer srv.Close()
	abs, _ := filepath.Abs(".")
	github := map[string]string{
		"event_name": "pull_request", "action_path": abs, "workspace": workspace, "token": "test-token",
		"server_url": "https://github.com", "repository": "example/shop", "sha": head, "api_url": srv.URL,
		"event.pull_request.base.sha": base, "event.pull_request.number": "7",
	}
	r := newRunner(t, a, map[string]string{"comment": "true"}, github)
	if r.run() {
		t.Error("the action succeeded, want it to fail on the new violations")
	}
	want := []string{"Set up Go: true", "Install splitter: true", "splitter lint: true", "Upload SARIF to code scanning: true",
		"splitter diff: true", "Comment on the pull request: true", "Verdict: false"}
	if strings.Join(r.ran, "\n") != strings.Join(want, "\n") {
		t.Errorf("steps run:\n%s\nwant:\n%s", strings.Join(r.ran, "\n"), strings.Join(want, "\n"))
	}
	if !regexp.MustCompile(`splitter \S+ \(rev \S+\)`).MatchString(r.log["Install splitter"]) {
		t.Errorf("the install step does not print splitter's version:\n%s", r.log["Install splitter"])
	}
	if got := r.outputs["lint"]["exit-code"]; got != "1" {
		t.Errorf("lint's exit code %q, want 1", got)
	}
	if strings.Join(r.uploaded, ",") != "./splitter.sarif" {
		t.Errorf("SARIF uploaded: %v", r.uploaded)
	}
	if !strings.Contains(r.log["splitter lint"], "::error file=services/catalog.go,line=69") {
		t.Errorf("lint's annotations do not point at the new call:\n%s", r.log["splitter lint"])
	}
	sum := r.summary()
	for _, s := range []string{"<!-- splitter:lint -->", "### splitter lint: 2 errors, 1 warning",
		"<!-- splitter:diff -->", "**catalog → inventory** (1 use)", "[`services/catalog.go:69`](https://github.com/example/shop/blob/" + head + "/services/catalog.go#L69)",
		"judged by splitter.yaml on both sides", "#### Newly shared tables (1)"} {
		if !strings.Contains(sum, s) {
			t.Errorf("the job summary lacks %q:\n%s", s, sum)
		}
	}
	report, _ := os.ReadFile(r.outputs["diff"]["report"])
	if len(api.comments) != 1 || api.comments[0].Body != string(report) {
		t.Fatalf("comments after the first run: %+v (calls %v)", api.comments, api.calls)
	}
	if status := gitCmd(t, workspace, "status", "--porcelain"); status != "?? splitter.sarif" {
		t.Errorf("the workspace after the action:\n%s", status)
	}

	// Pushed again: the comment step finds its comment and updates it.
	api.comments = append([]apiComment{{ID: 1, Body: "an unrelated comment"}}, api.comments...)
	if err := os.WriteFile(r.outputs["diff"]["report"], append(report, []byte("\n(updated)\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	r.failed = false
	if !r.run("comment") || len(r.ran) != len(want)+1 {
		t.Fatalf("the comment step did not run again, or failed: %v", r.ran)
	}
	if len(api.comments) != 2 || !strings.HasSuffix(api.comments[1].Body, "(updated)\n") || api.comments[0].Body != "an unrelated comment" {
		t.Errorf("comments after the second run: %+v (calls %v)", api.comments, api.calls)
	}
	if last := api.calls[len(api.calls)-1]; last != "PATCH /repos/example/shop/issues/comments/1000" {
		t.Errorf("last call %s, want the update of comment 1000", last)
	}
}

// TestActionPush: on a push, lint runs and its result goes to the job
// summary; there is no diff and no comment, and a clean lint passes.
func TestActionPush(t *testing.T) {
	if testing.Short() {
		t.Skip("builds splitter and runs lint: not in -short")
	}
	a := loadAction(t)
	workspace, base, _ := prRepo(t)
	gitCmd(t, workspace, "fetch", "-q", "--depth", "1", "origin", base)
	gitCmd(t, workspace, "checkout", "-q", base) // the base is clean: its violations are in the baseline
	abs, _ := filepath.Abs(".")
	r := newRunner(t, a, map[string]string{"setup-go": "false", "upload-sarif": "false"}, map[string]string{
		"event_name": "push", "action_path": abs, "workspace": workspace, "token": "test-token",
		"server_url": "https://github.com", "repository": "example/shop", "sha": base,
	})
	if !r.run() {
		t.Fatalf("the action failed on a clean push:\n%v\n%s", r.ran, r.log["splitter lint"])
	}
	want := "Install splitter: true\nsplitter lint: true\nVerdict: true"
	if got := strings.Join(r.ran, "\n"); got != want {
		t.Errorf("steps run:\n%s\nwant:\n%s", got, want)
	}
	if sum := r.summary(); !strings.Contains(sum, "### splitter lint: no violations") || strings.Contains(sum, "splitter:diff") {
		t.Errorf("job summary:\n%s", sum)
	}
}
