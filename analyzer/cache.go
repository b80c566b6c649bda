package analyzer

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/splitter-go/splitter/model"
)

// The result cache (Config.Cache). A model is stored under a key made of
// every analysed package's key, and a package's key is what its analysis
// depends on: its path, its files' contents, and the keys of the packages
// it imports, down to the standard library (whose key is the Go version's)
// and versioned modules of the module cache (whose content their version
// fixes). Code in the analysed modules and in modules replaced by a local
// directory is keyed by its contents, since neither has a version that
// says what it holds. The whole is salted with the splitter binary, the
// go command's environment and the analysis options. So a change to one
// file changes the key of its package and of every package that depends on
// it, and of nothing else.
//
// A model is computed for the whole module at once (entry points, tables
// and call edges are resolved across packages), so a package whose key
// changed means analysing the module again; the cache saves the analysis
// of an unchanged tree (CI reruns, lint after analyze with the same
// options) and says which packages changed.

// cacheSchema names the entry format; an entry of another schema is
// foreign, ignored and rewritten.
const cacheSchema = "splitter-cache/v1"

// CacheReport says what the cache did for one Analyze call.
type CacheReport struct {
	// Hit is true when the model came from the cache.
	Hit bool
	// Packages is the number of analysed packages.
	Packages int
	// Changed lists the packages whose key differs from the last run on
	// the same directory and options, sorted; empty on a hit.
	Changed []string
	// First is true when no earlier run on the same directory and options
	// left its keys (Changed is then empty).
	First bool
	// Note says why the cache was not used or not written, if it was not.
	Note string
	// Partial is true when only the Changed packages were analysed again
	// and the rest came from the cache (partial.go); Full says why a run
	// that could have been partial was not.
	Partial bool
	Full    string
}

// cacheKeys is the key of every analysed package and of the whole run.
type cacheKeys struct {
	dir   string
	keys  map[string]string // package ID → key
	run   string            // the entry's key
	last  string            // the key of the last run's listing (same directory and options)
	files int
	// stamps is the size and modification time of every file hashed by
	// content, kept in the listing so that the next run can tell cheaply
	// whether one changed (cacheBase.likelyChanged).
	stamps map[string]string
	hit    *model.Model // the entry, on a hit
	// pkgs are the listed packages (the patterns' matches) and byID the
	// key of every package listed, dependencies included, for a partial
	// run (partial.go).
	pkgs []*packages.Package
	byID map[string]string
	aux  *auxEntry // what this run leaves for a partial one, if anything
}

// cacheBase is what keys a run besides its packages: the binary, the go
// command's settings, the options, go.mod and go.work. It is known before
// the packages are listed, and so is the listing of the last run.
type cacheBase struct {
	dir      string
	patterns []string
	env      map[string]string
	salt     []byte
	last     string
	root     string // the module's (or workspace's) root
}

// listing is what a run leaves for the next one with the same base.
type listing struct {
	Keys  map[string]string `json:"keys"`
	Files map[string]string `json:"files"`
	// Run is the key of the entry the run stored, if it stored one.
	Run string `json:"run,omitempty"`
}

// newCacheBase keys what decides the analysis besides the code.
// goEnv() waits for the go command's settings.
func newCacheBase(ctx context.Context, cfg *Config, ws workspace, dir string, goEnv func() (map[string]string, error)) (*cacheBase, error) {
	patterns := cfg.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	var err error
	if ws.gowork != "" {
		if patterns, err = expandWorkspace(ctx, dir, patterns); err != nil {
			return nil, err
		}
	}
	env, err := goEnv()
	if err != nil {
		return nil, err
	}
	var salt bytes.Buffer
	fmt.Fprintf(&salt, "%s\x00", cacheSchema)
	if err := hashExecutable(&salt); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(env))
	for k := range env {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		fmt.Fprintf(&salt, "env\x00%s=%s\x00", k, env[k])
	}
	b, err := json.Marshal(struct {
		Patterns, Tags, Exclude []string
		Tests                   bool
		CallGraph               string
		Declared                []DeclaredEntry
		Routers                 []RouterDecl
		Consumers               []ConsumerDecl
		ImportLevel             bool
	}{cfg.Patterns, cfg.Tags, cfg.Exclude, cfg.Tests, cfg.CallGraph, cfg.Declared, cfg.Routers, cfg.Consumers, cfg.ImportLevel})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(&salt, "dir\x00%s\x00opts\x00%s\x00", dir, b)
	// The go directive and the workspace say which language version
	// type-checks the code and which modules are analysed.
	for _, f := range []string{ws.gomod, ws.gowork} {
		if f != "" && f != os.DevNull {
			if err := hashFile(&salt, f); err != nil {
				return nil, err
			}
		}
	}
	sum := sha256.Sum256(salt.Bytes())
	return &cacheBase{dir: dir, patterns: patterns, env: env, salt: salt.Bytes(), last: hex.EncodeToString(sum[:]), root: ws.root}, nil
}

// likelyChanged says, from the file stamps of the last run's listing,
// whether a file it hashed has changed or gone, or there is no listing:
// the analysis then most likely misses, and the load can start before the
// keys are known. It only decides that; the keys decide what is trusted.
func (cb *cacheBase) likelyChanged(cache string) bool {
	var last listing
	b, err := os.ReadFile(filepath.Join(cache, cb.last[:2], cb.last+"-keys"))
	if err != nil || json.Unmarshal(b, &last) != nil || len(last.Keys) == 0 {
		return true
	}
	for f, stamp := range last.Files {
		st, err := os.Stat(f)
		if err != nil || fileStamp(st) != stamp {
			return true
		}
	}
	return false
}

func fileStamp(st os.FileInfo) string {
	return fmt.Sprintf("%d:%d", st.Size(), st.ModTime().UnixNano())
}

// computeCacheKeys lists what the go command says of the packages cfg names
// (no type-checking) and keys them. It fails when the tree cannot be
// keyed soundly; the analysis then runs without the cache.
func computeCacheKeys(ctx context.Context, cfg *Config, cb *cacheBase) (*cacheKeys, error) {
	var buildFlags []string
	if len(cfg.Tags) > 0 {
		buildFlags = append(buildFlags, "-tags="+strings.Join(cfg.Tags, ","))
	}
	pcfg := &packages.Config{
		Context:    ctx,
		Mode:       packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Dir:        cb.dir,
		Tests:      cfg.Tests,
		BuildFlags: buildFlags,
		Env:        os.Environ(),
	}
	roots, err := packages.Load(pcfg, cb.patterns...)
	if err != nil {
		return nil, err
	}
	return keyPackages(roots, cb, nil)
}

// keyPackages keys the listed packages roots and everything they import.
// roots come from computeCacheKeys' listing, or from the load itself
// (keysFromLoad), whose go list asked for the same fields and more.
//
// imports, when set, says which of a package's imports count (the
// listing's, without those only its cgo-generated files have); nil is all.
func keyPackages(roots []*packages.Package, cb *cacheBase, imports func(p *packages.Package) []string) (*cacheKeys, error) {
	env := cb.env
	ck := &cacheKeys{dir: cb.dir, keys: map[string]string{}, last: cb.last, stamps: map[string]string{}}
	sqlKey := ck.namedQueriesKey(roots)
	memo := map[*packages.Package]string{}
	var keyErr error
	var key func(p *packages.Package) string
	key = func(p *packages.Package) string {
		if k, ok := memo[p]; ok {
			return k
		}
		memo[p] = "" // an import cycle (invalid code) keys to nothing
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", p.ID, p.PkgPath, sqlKey)
		files := append(append([]string(nil), p.GoFiles...), p.OtherFiles...)
		sort.Strings(files)
		if versioned(files, env) {
			// The standard library (the Go version, in the salt, says what
			// it holds) or the module cache (whose paths name the module
			// and its version, and whose files are read-only): the names.
			for _, f := range files {
				fmt.Fprintf(h, "at\x00%s\x00", f)
			}
		} else {
			// The analysed modules, vendored code, local replacements: the
			// contents, since no version says what they hold.
			for _, f := range files {
				// The stamp is taken before the contents are read: a file
				// written meanwhile then looks changed to the next run.
				if st, err := os.Stat(f); err == nil {
					ck.stamps[f] = fileStamp(st)
				}
				if err := hashFile(h, f); err != nil && keyErr == nil {
					keyErr = err
				}
				ck.files++
			}
		}
		for _, e := range p.Errors {
			fmt.Fprintf(h, "error\x00%s\x00", e.Error())
		}
		var imps []string
		if imports != nil {
			imps = imports(p)
		} else {
			imps = make([]string, 0, len(p.Imports))
			for path := range p.Imports {
				imps = append(imps, path)
			}
		}
		sort.Strings(imps)
		for _, path := range imps {
			fmt.Fprintf(h, "import\x00%s\x00%s\x00", path, key(p.Imports[path]))
		}
		k := hex.EncodeToString(h.Sum(nil))
		memo[p] = k
		return k
	}
	for _, p := range roots {
		ck.keys[p.ID] = key(p)
	}
	if keyErr != nil {
		return nil, keyErr
	}
	ck.pkgs = roots
	ck.byID = make(map[string]string, len(memo))
	for p, k := range memo {
		ck.byID[p.ID] = k
	}
	salt := sha256.New()
	salt.Write(cb.salt)
	ids := make([]string, 0, len(ck.keys))
	for id := range ck.keys {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		fmt.Fprintf(salt, "pkg\x00%s\x00%s\x00", id, ck.keys[id])
	}
	ck.run = hex.EncodeToString(salt.Sum(nil))
	return ck, nil
}

// namedQueriesKey hashes the .sql files of named queries the table pass
// reads (tables_yesql.go), in the modules' roots and the packages'
// directories: any package may use one of their queries, so they key every
// package. "" when there are none.
func (ck *cacheKeys) namedQueriesKey(roots []*packages.Package) string {
	var mods []string
	for _, p := range roots {
		if p.Module != nil && p.Module.Dir != "" {
			mods = append(mods, p.Module.Dir)
		}
	}
	files := namedQueryFiles(yesqlDirs(mods, roots))
	if len(files) == 0 {
		return ""
	}
	h := sha256.New()
	for _, f := range files {
		ck.stamps[f.path] = fileStamp(f.stat)
		fmt.Fprintf(h, "file\x00%s\x00%d\x00", f.path, len(f.data))
		h.Write(f.data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// goEnv is the go command's settings that change what a package compiles to.
func goEnv(ctx context.Context, dir string) (map[string]string, error) {
	vars := []string{"GOVERSION", "GOROOT", "GOMODCACHE", "GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM64", "GOWORK"}
	cmd := exec.CommandContext(ctx, "go", append([]string{"env"}, vars...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go env: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	env := map[string]string{}
	for i, v := range vars {
		if i < len(lines) {
			env[v] = lines[i]
		}
	}
	return env, nil
}

// versioned reports whether every file is in GOROOT or the module cache.
func versioned(files []string, env map[string]string) bool {
	if len(files) == 0 {
		return false
	}
	for _, f := range files {
		in := false
		for _, dir := range []string{env["GOROOT"], env["GOMODCACHE"]} {
			if dir != "" && strings.HasPrefix(f, dir+string(filepath.Separator)) {
				in = true
			}
		}
		if !in {
			return false
		}
	}
	return true
}

func hashFile(w io.Writer, name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintf(w, "file\x00%s\x00", filepath.Base(name))
	_, err = io.Copy(w, f)
	fmt.Fprintf(w, "\x00")
	return err
}

// hashExecutable salts the key with the running binary (its path, size and
// modification time): another build of splitter may analyse differently.
func hashExecutable(w io.Writer) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	st, err := os.Stat(exe)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "exe\x00%s\x00%d\x00%d\x00", exe, st.Size(), st.ModTime().UnixNano())
	return nil
}

func (ck *cacheKeys) entryPath(cache string) string {
	return filepath.Join(cache, ck.run[:2], ck.run+"-model")
}

func (ck *cacheKeys) listingPath(cache string) string {
	return filepath.Join(cache, ck.last[:2], ck.last+"-keys")
}

// read returns the stored model, or nil when there is none or it cannot
// be trusted (another schema or key, truncated, not a model).
func (ck *cacheKeys) read(cache string) *model.Model {
	f, err := os.Open(ck.entryPath(cache))
	if err != nil {
		return nil
	}
	defer f.Close()
	r := bufio.NewReader(f)
	header, err := r.ReadString('\n')
	if err != nil || header != cacheSchema+" "+ck.run+"\n" {
		return nil
	}
	m, err := model.Decode(r)
	if err != nil || m.Schema != model.Schema {
		return nil
	}
	if _, err := r.ReadByte(); err != io.EOF {
		// Trailing bytes: not what write wrote.
		if rest, _ := io.ReadAll(r); len(bytes.TrimSpace(rest)) > 0 {
			return nil
		}
	}
	return m
}

// write stores m and the listing of the package keys, each atomically
// (a temporary file renamed), so a reader never sees half an entry.
func (ck *cacheKeys) write(cache string, m *model.Model) error {
	var buf bytes.Buffer
	buf.WriteString(cacheSchema + " " + ck.run + "\n")
	// Encode's JSON without its indentation: nobody reads an entry but
	// Decode, and indenting a large model was most of writing it (60 of
	// 90 ms on hugo).
	m.Normalize()
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		return err
	}
	if err := writeAtomic(ck.entryPath(cache), buf.Bytes()); err != nil {
		return err
	}
	if ck.aux != nil {
		b, err := json.Marshal(ck.aux)
		if err != nil {
			return err
		}
		if err := writeAtomic(ck.auxPath(cache, ck.run), b); err != nil {
			return err
		}
	}
	return ck.writeListing(cache)
}

// writeListing stores the package keys and file stamps for the next run.
func (ck *cacheKeys) writeListing(cache string) error {
	b, err := json.Marshal(listing{Keys: ck.keys, Files: ck.stamps, Run: ck.run})
	if err != nil {
		return err
	}
	return writeAtomic(ck.listingPath(cache), b)
}

// changed lists the packages whose keys differ from the last listing;
// first is true when there is none.
func (ck *cacheKeys) changed(cache string) (out []string, first bool) {
	var last listing
	if b, err := os.ReadFile(ck.listingPath(cache)); err == nil {
		_ = json.Unmarshal(b, &last) // a corrupt listing is no listing
	}
	if last.Keys == nil {
		return nil, true
	}
	for id, k := range ck.keys {
		if last.Keys[id] != k {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out, false
}

func writeAtomic(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), name)
	}
	if werr != nil {
		os.Remove(f.Name())
	}
	return werr
}

// prepareCache keys what is not the packages. No base (and a note saying
// why) means the tree cannot be keyed; the analysis runs uncached.
func prepareCache(ctx context.Context, cfg *Config) (*cacheBase, string) {
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err.Error()
	}
	// The go command's settings do not depend on the workspace: both go
	// env run at once (each is a start of the go command, in series
	// before the listing).
	type envResult struct {
		env map[string]string
		err error
	}
	envc := make(chan envResult, 1)
	go func() {
		env, err := goEnv(ctx, dir)
		envc <- envResult{env, err}
	}()
	ws, err := findWorkspace(ctx, dir)
	if err != nil {
		return nil, err.Error()
	}
	cb, err := newCacheBase(ctx, cfg, ws, dir, func() (map[string]string, error) {
		r := <-envc
		return r.env, r.err
	})
	if err != nil {
		return nil, "the packages cannot be keyed: " + err.Error()
	}
	return cb, ""
}

// lookupCache keys the packages and reads their entry. No keys (and a
// note saying why) means the tree cannot be keyed; the analysis runs
// uncached. prev, when set, is the last run's entry being read: when the
// keys are its, it is the hit.
func lookupCache(ctx context.Context, cfg *Config, cb *cacheBase, prev *lastEntry) (*cacheKeys, *model.Model, string) {
	ck, err := computeCacheKeys(ctx, cfg, cb)
	if err != nil {
		return nil, nil, "the packages cannot be keyed: " + err.Error()
	}
	if prev != nil && prev.run == ck.run {
		m, _, _ := prev.get()
		return ck, m, ""
	}
	return ck, ck.read(cfg.Cache), ""
}

// storeCache writes a complete model (one with skipped packages is not
// kept: their errors are better seen again) and reports what changed.
func storeCache(cfg *Config, ck *cacheKeys, m *model.Model, rep CacheReport) {
	rep.Packages = len(ck.keys)
	rep.Changed, rep.First = ck.changed(cfg.Cache)
	if m.Partial {
		rep.Note = "not stored: packages were skipped"
	} else if err := ck.write(cfg.Cache, m); err != nil {
		rep.Note = "not stored: " + err.Error()
	}
	if cfg.CacheReport != nil {
		cfg.CacheReport(rep)
	}
}

// lastListing is the listing the last run with the same base left, or nil.
func (cb *cacheBase) lastListing(cache string) *listing {
	var last listing
	b, err := os.ReadFile(filepath.Join(cache, cb.last[:2], cb.last+"-keys"))
	if err != nil || json.Unmarshal(b, &last) != nil || len(last.Keys) == 0 {
		return nil
	}
	return &last
}

// keysFromLoad keys the packages from what the load listed, so that a run
// that loads anyway (a likely miss) does not list them a second time: the
// load's go list asked for every field the keys need. The keys are the
// listing's when no package of the graph has errors (the load's errors are
// the listing's and the type-checker's); otherwise, or when a file hashed
// changed since the load started (the model would be of its old contents),
// it returns nil and the caller lists them, or runs uncached.
func keysFromLoad(ld *loaded, cb *cacheBase, started time.Time) (ck *cacheKeys, ok bool, note string) {
	if ld == nil || len(ld.listed) == 0 {
		return nil, false, ""
	}
	// The load's go list ran with -compiled, which adds to a cgo
	// package's imports those of the files cgo generates (runtime/cgo,
	// syscall, unsafe); the listing's are those its own files name.
	own := map[*packages.Package][]string{}
	var fail bool
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if _, done := own[p]; done || fail {
			return
		}
		if len(p.Errors) > 0 || p.IllTyped {
			fail = true
			return
		}
		var imps []string
		if slices.Equal(p.GoFiles, p.CompiledGoFiles) || len(p.GoFiles) == 0 {
			imps = make([]string, 0, len(p.Imports))
			for path := range p.Imports {
				imps = append(imps, path)
			}
		} else {
			named, err := namedImports(p.GoFiles)
			if err != nil {
				fail = true
				return
			}
			for path := range p.Imports {
				if named[path] {
					imps = append(imps, path)
				}
			}
		}
		own[p] = imps
		for _, path := range imps {
			visit(p.Imports[path])
		}
	}
	for _, p := range ld.listed {
		visit(p)
	}
	if fail {
		return nil, false, ""
	}
	ck, err := keyPackages(ld.listed, cb, func(p *packages.Package) []string { return own[p] })
	if err != nil {
		return nil, true, "the packages cannot be keyed: " + err.Error()
	}
	now := time.Now()
	for f := range ck.stamps {
		// Written after the load started, the model may be of its old
		// contents; a time later than now is a clock's, not a write's (a
		// tree unpacked from a machine ahead of this one), as before.
		if st, err := os.Stat(f); err != nil || (st.ModTime().After(started) && !st.ModTime().After(now)) {
			return nil, true, "not stored: " + f + " changed during the run"
		}
	}
	return ck, true, ""
}

// namedImports is the set of paths the files' import declarations name.
func namedImports(files []string) (map[string]bool, error) {
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			return nil, err
		}
		for _, imp := range af.Imports {
			if path, err := strconv.Unquote(imp.Path.Value); err == nil {
				out[path] = true
			}
		}
	}
	return out, nil
}
