// Command quality is splitter's decomposition benchmark: it runs `splitter
// analyze` on real applications from the module proxy and compares the
// proposed services with a truth file written from each application's own
// structure and docs (bench/quality/<subject>/truth.json, reasoning in
// TRUTH.md beside it). In the same run it scores the trivial cuts (one
// service per package, per top-level directory by the rule `init
// --no-services` uses, per file name), and it checks the structural
// properties every decomposition must have, on the held-out subjects too.
//
//	go run ./bench/quality                 # every subject
//	go run ./bench/quality -only gotify    # some of them
//	go run ./bench/quality -coverage gotify  # how a truth covers the units (no services computed)
//
// Sources are fetched with `go mod download` into -src (default
// $XDG_CACHE_HOME/splitter-bench) and set up as subjects.json says.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/splitter-go/splitter/cluster"
	"github.com/splitter-go/splitter/lint"
	"github.com/splitter-go/splitter/metrics"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/score"
)

type subject struct {
	Name    string   `json:"name"`
	Module  string   `json:"module"`
	Version string   `json:"version"`
	Layout  string   `json:"layout"`
	Setup   []string `json:"setup"`
	HeldOut bool     `json:"heldOut"`
	Note    string   `json:"note"`
}

var (
	only     = flag.String("only", "", "comma-separated subjects to run (default: all)")
	coverage = flag.String("coverage", "", "print how the truth of `SUBJECT` covers its units, and stop")
	srcDir   = flag.String("src", "", "where subjects' sources are kept (default: the user cache dir's splitter-bench)")
	binFlag  = flag.String("splitter", "", "splitter binary to measure (default: built from this checkout)")
	runs     = flag.Int("runs", 2, "analyze runs per subject (outputs must be byte-identical); -cost runs at least 3 pairs")
	cost     = flag.Bool("cost", false, "also time analyze against analyze --no-services in alternating pairs, for clustering's share of analyze")
	verbose  = flag.Bool("v", false, "print each subject's services and the truth's groups")
	save     = flag.Bool("save", false, "with -cached, keep the decomposed model in the source directory as .decomposed.json")
	levels   = flag.Bool("levels", false, "with -cached, print the truth scores at every level of the services' merge (experiments)")
	cached   = flag.Bool("cached", false, "decompose in-process from a saved model without services (made once per subject with --no-services): fast iteration on cluster/, not the measurement")
)

func main() {
	flag.Parse()
	here := benchDir()
	var subjects []subject
	data, err := os.ReadFile(filepath.Join(here, "subjects.json"))
	check(err)
	check(json.Unmarshal(data, &subjects))
	if *srcDir == "" {
		d, err := os.UserCacheDir()
		check(err)
		*srcDir = filepath.Join(d, "splitter-bench")
	}
	bin := *binFlag
	if bin == "" {
		bin = filepath.Join(*srcDir, "splitter")
		build := exec.Command("go", "build", "-o", bin, ".")
		build.Dir = filepath.Join(here, "..", "..")
		build.Stderr = os.Stderr
		check(build.Run())
	}
	if *coverage != "" {
		for _, s := range subjects {
			if s.Name == *coverage {
				showCoverage(bin, here, s)
				return
			}
		}
		fail("no subject %q in subjects.json", *coverage)
	}
	want := map[string]bool{}
	for _, n := range strings.Split(*only, ",") {
		if n != "" {
			want[n] = true
		}
	}
	var rows []result
	for _, s := range subjects {
		if len(want) > 0 && !want[s.Name] {
			continue
		}
		fmt.Fprintf(os.Stderr, "== %s %s@%s\n", s.Name, s.Module, s.Version)
		rows = append(rows, runSubject(bin, here, s))
	}
	printTable(rows)
}

// benchDir finds bench/quality from the working directory (go run runs in
// the caller's directory).
func benchDir() string {
	for _, d := range []string{"bench/quality", "."} {
		if _, err := os.Stat(filepath.Join(d, "subjects.json")); err == nil {
			abs, _ := filepath.Abs(d)
			return abs
		}
	}
	fail("run from the repository root: bench/quality/subjects.json not found")
	return ""
}

// fetch copies the subject's module out of the module cache and sets it up,
// once.
func fetch(s subject) string {
	dir := filepath.Join(*srcDir, s.Name+"@"+s.Version)
	if _, err := os.Stat(filepath.Join(dir, ".ready")); err == nil {
		return dir
	}
	out, err := exec.Command("go", "mod", "download", "-json", s.Module+"@"+s.Version).Output()
	if err != nil {
		fail("go mod download %s@%s: %v", s.Module, s.Version, err)
	}
	var info struct{ Dir, Error string }
	check(json.Unmarshal(out, &info))
	if info.Error != "" {
		fail("go mod download %s@%s: %s", s.Module, s.Version, info.Error)
	}
	os.RemoveAll(dir)
	check(os.MkdirAll(filepath.Dir(dir), 0o755))
	check(exec.Command("cp", "-r", info.Dir, dir).Run())
	check(exec.Command("chmod", "-R", "u+w", dir).Run())
	for _, step := range s.Setup {
		sh(dir, step)
	}
	// Dependencies: a module the proxy does not serve fails here, and the
	// packages that need it are then reported and skipped by the analysis.
	dl := exec.Command("go", "mod", "download")
	dl.Dir = dir
	dl.Run()
	check(os.WriteFile(filepath.Join(dir, ".ready"), nil, 0o644))
	return dir
}

func sh(dir, script string) {
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		fail("%s: setup %q: %v", dir, script, err)
	}
}

// analyze runs splitter analyze in dir and returns the JSON model, its
// bytes and the wall time.
func analyze(bin, dir string, extra ...string) (*model.Model, []byte, time.Duration) {
	m, out, wall, _ := run(bin, dir, extra...)
	return m, out, wall
}

// analyzeTimed is analyze with --timings: it also returns each phase's
// seconds, by the phase's label, and "total".
func analyzeTimed(bin, dir string, extra ...string) (*model.Model, []byte, time.Duration, map[string]float64) {
	m, out, wall, stderr := run(bin, dir, append([]string{"--timings"}, extra...)...)
	phases := map[string]float64{}
	for _, line := range strings.Split(stderr, "\n") {
		line = strings.TrimSpace(line)
		i := strings.LastIndexByte(line, ' ')
		if i < 0 || !strings.HasSuffix(line, "s") {
			continue
		}
		var sec float64
		if _, err := fmt.Sscanf(line[i+1:], "%fs", &sec); err == nil {
			phases[strings.TrimSpace(line[:i])] = sec
		}
	}
	return m, out, wall, phases
}

// run is one splitter analyze --format json in dir: the model, its bytes,
// the wall time and what it said on stderr.
func run(bin, dir string, extra ...string) (*model.Model, []byte, time.Duration, string) {
	args := append([]string{"analyze", "--format", "json", "--no-report"}, extra...)
	args = append(args, "./...")
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	// The result cache would answer a repeat run without analysing: the
	// benchmark measures (and checks the determinism of) the analysis.
	cmd.Env = append(os.Environ(), "SPLITTER_CACHE=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start)
	if err != nil {
		fail("%s: splitter %s: %v\n%s", dir, strings.Join(args, " "), err, stderr.String())
	}
	m, err := model.Decode(bytes.NewReader(out))
	check(err)
	return m, out, wall, stderr.String()
}

// decomposeCached decomposes a saved model (analysed once without
// services) in-process with the default options, as analyze would.
var truthFor score.Truth

func decomposeCached(bin, dir string) (*model.Model, []byte) {
	saved := filepath.Join(dir, ".model.json")
	data, err := os.ReadFile(saved)
	if err != nil {
		_, out, _ := analyze(bin, dir, "--no-services")
		check(os.WriteFile(saved, out, 0o644))
		data = out
	}
	m, err := model.Decode(bytes.NewReader(data))
	check(err)
	var opts cluster.Options
	if *levels {
		var want score.Partition
		if truthFor != nil {
			want = truthFor.Resolve(m.Units)
		}
		opts.Trace = func(k int, us map[string]int) {
			icp, cross := levelCoupling(m, us)
			if want == nil {
				fmt.Fprintf(os.Stderr, "  level %3d services: ICP %.3f cross %d\n", k, icp, cross)
				return
			}
			got := score.Partition{}
			for id, c := range us {
				if _, ok := want[id]; !ok {
					continue
				}
				got[id] = score.Shared
				if c >= 0 {
					got[id] = fmt.Sprint(c)
				}
			}
			fmt.Fprintf(os.Stderr, "  level %3d services: MoJoFM %5.1f ARI %.3f ICP %.3f cross %d\n", k, score.MoJoFM(got, want), score.AdjustedRand(got, want), icp, cross)
		}
	}
	start := time.Now()
	check(cluster.Decompose(m, opts))
	fmt.Fprintf(os.Stderr, "  decomposed %d units in %.2fs\n", len(m.Units), time.Since(start).Seconds())
	var buf bytes.Buffer
	check(m.Encode(&buf))
	if *save {
		check(os.WriteFile(filepath.Join(dir, ".decomposed.json"), buf.Bytes(), 0o644))
	}
	return m, buf.Bytes()
}

func loadTruth(here string, s subject) score.Truth {
	f, err := os.Open(filepath.Join(here, s.Name, "truth.json"))
	if err != nil {
		return nil
	}
	defer f.Close()
	t, err := score.LoadTruth(f)
	if err != nil {
		fail("%s: %v", s.Name, err)
	}
	return t
}

// showCoverage prints the truth's groups and what it leaves uncovered, from
// a model without services, so a truth can be written without seeing
// splitter's proposal.
func showCoverage(bin, here string, s subject) {
	dir := fetch(s)
	m, _, _ := analyze(bin, dir, "--no-services")
	t := loadTruth(here, s)
	if t == nil {
		fail("%s: no truth.json", s.Name)
	}
	fmt.Printf("%s: %d packages, %d units, %d LOC (source in %s)\n", s.Name, len(m.Packages), len(m.Units), totalLOC(m), dir)
	p := t.Resolve(m.Units)
	groups := map[string][2]int{}
	for _, u := range m.Units {
		if g, ok := p[u.ID]; ok {
			v := groups[g]
			groups[g] = [2]int{v[0] + 1, v[1] + u.LOC}
		}
	}
	excluded := t.Excluded(m.Units)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GROUP\tUNITS\tLOC")
	for _, g := range sortedKeys(groups) {
		fmt.Fprintf(tw, "%s\t%d\t%d\n", g, groups[g][0], groups[g][1])
	}
	fmt.Fprintf(tw, "%s\t%d\t\n", score.Out, len(excluded))
	tw.Flush()
	unresolved, unused := t.Coverage(m.Units)
	byPkg := map[string]int{}
	for _, id := range unresolved {
		for _, u := range m.Units {
			if u.ID == id {
				byPkg[u.Package]++
			}
		}
	}
	if len(byPkg) > 0 {
		fmt.Printf("\n%d units have no group, by package:\n", len(unresolved))
		for _, pk := range sortedKeys(byPkg) {
			fmt.Printf("  %-70s %d\n", pk, byPkg[pk])
		}
	}
	if len(unused) > 0 {
		fmt.Printf("\n%d keys cover no unit:\n", len(unused))
		for _, k := range unused {
			fmt.Printf("  %s\n", k)
		}
	}
}

type scores struct{ mojo, ari float64 }

type result struct {
	s          subject
	units, loc int
	services   int
	splitter   scores
	trivial    map[string]scores // per package, per directory, per file name
	checks     []string          // failed structural checks
	clustering float64           // share of analyze's time, when costed (a median of noisy pairs: may be below 0)
	costed     bool
	phaseShare float64 // the clustering phases' share of --timings' total
	icp        float64
	cross      int
	truthK     int
}

var trivialCuts = []string{"package", "directory", "file"}

func runSubject(bin, here string, s subject) result {
	dir := fetch(s)
	r := result{s: s, trivial: map[string]scores{}}
	truthFor = loadTruth(here, s)
	var m *model.Model
	var first []byte
	for i := 0; i < max(*runs, 1) && *cached; i++ {
		mi, out := decomposeCached(bin, dir)
		if i == 0 {
			m, first = mi, out
		} else if !bytes.Equal(out, first) {
			r.checks = append(r.checks, "output differs between runs")
		}
	}
	for i := 0; i < max(*runs, 1) && !*cached; i++ {
		mi, out, _ := analyze(bin, dir)
		if i == 0 {
			m, first = mi, out
		} else if !bytes.Equal(out, first) {
			r.checks = append(r.checks, "output differs between runs")
		}
	}
	if *cost {
		// Pairs run alternately, so that both sides of a pair see the same
		// load; the share is the median of the per-pair shares. The phase
		// share, from --timings, is the clustering's own phases over the
		// run's total: the same question, without the wall-time noise of a
		// shared machine.
		var shares, phases []float64
		for i := 0; i < max(*runs, 3); i++ {
			_, _, w, tm := analyzeTimed(bin, dir)
			_, _, w0, _ := analyzeTimed(bin, dir, "--no-services")
			shares = append(shares, (w-w0).Seconds()/w.Seconds())
			if tm["total"] > 0 {
				phases = append(phases, (tm["decomposing services"]+tm["costing the cut"])/tm["total"])
			}
		}
		r.clustering, r.phaseShare, r.costed = medianF(shares), medianF(phases), true
		if r.clustering > 0.15 {
			r.checks = append(r.checks, fmt.Sprintf("clustering is %.0f%% of analyze's time (at most 15%%)", r.clustering*100))
		}
	}
	r.units, r.loc = len(m.Units), totalLOC(m)
	r.checks = append(r.checks, structural(m)...)
	if m.Metrics != nil {
		r.services, r.icp, r.cross = m.Metrics.Services, m.Metrics.ICP, m.Metrics.CrossServiceCalls
	}
	if s.Name == "miniflux" {
		r.checks = append(r.checks, miniflux(m)...)
	}
	if *verbose {
		for _, sv := range m.Services {
			fmt.Fprintf(os.Stderr, "  %-20s %5d units %6d LOC  %d entry points  tables %v\n", sv.Name, len(sv.Units), sv.LOC, len(sv.EntryPoints), sv.Tables)
		}
	}
	t := loadTruth(here, s)
	if t == nil {
		return r
	}
	want := t.Resolve(m.Units)
	got := score.Partition{}
	for _, u := range m.Units {
		if u.Service == model.SharedService {
			got[u.ID] = score.Shared
		} else if u.Service != "" {
			got[u.ID] = u.Service
		}
	}
	for _, id := range t.Excluded(m.Units) {
		if svc := got[id]; svc != "" && svc != score.Shared {
			r.checks = append(r.checks, fmt.Sprintf("%s is test, mock or example code but in service %s", id, svc))
			break
		}
	}
	groups := map[string]bool{}
	for _, g := range want {
		if g != score.Shared {
			groups[g] = true
		}
	}
	r.truthK = len(groups)
	r.splitter = scores{score.MoJoFM(got, want), score.AdjustedRand(got, want)}
	dirCut := lint.DirectoryCut(m)
	cuts := map[string]score.Partition{"package": {}, "directory": {}, "file": {}}
	for _, u := range m.Units {
		if _, ok := want[u.ID]; !ok {
			continue
		}
		cuts["package"][u.ID] = u.Package
		d := dirCut[u.Package]
		if d == model.SharedService {
			d = score.Shared
		}
		cuts["directory"][u.ID] = d
		cuts["file"][u.ID] = strings.TrimSuffix(filepath.Base(u.File), ".go")
	}
	for _, c := range trivialCuts {
		r.trivial[c] = scores{score.MoJoFM(cuts[c], want), score.AdjustedRand(cuts[c], want)}
	}
	if *verbose {
		printConfusion(m, want)
	}
	return r
}

// layerWords are technical words no service may be named: a layer, a
// transport, a pattern (issue 9).
var layerWords = map[string]bool{}

func init() {
	// The list, singular and plural.
	for _, w := range strings.Fields(`adapters adapter ports port handlers handler api apis proto pb internal
		service services command commands query queries models model repository repositories storage http grpc
		util utils mock mocks`) {
		layerWords[w] = true
	}
}

var numericSuffix = regexp.MustCompile(`-[0-9]+$`)

// structural checks what every decomposition must satisfy (issue 9).
func structural(m *model.Model) []string {
	var bad []string
	// The kernel's share is of hand-written code: generated code (a
	// swagger spec as one 12,000-line string, protobuf messages) is data
	// the kernel carries, not the application it would swallow.
	total, kernel := 0, 0
	for _, u := range m.Units {
		if u.Generated || u.Service == "" {
			continue
		}
		total += u.LOC
		if u.Service == model.SharedService {
			kernel += u.LOC
		}
	}
	owners := map[string][]string{}
	written := map[string]bool{}
	for _, u := range m.Units {
		for _, t := range u.Tables {
			if t.Op == "write" && u.Service != "" && u.Service != model.SharedService {
				written[t.Table] = true
			}
		}
	}
	for _, sv := range m.Services {
		if sv.Name == model.SharedService {
			if 3*kernel > total {
				bad = append(bad, fmt.Sprintf("shared kernel holds %d%% of the hand-written LOC (at most a third)", 100*kernel/max(total, 1)))
			}
			continue
		}
		if len(sv.EntryPoints) == 0 && len(sv.Tables) == 0 {
			bad = append(bad, fmt.Sprintf("service %s owns no entry point and no table", sv.Name))
		}
		if numericSuffix.MatchString(sv.Name) {
			bad = append(bad, fmt.Sprintf("service %s has a numeric suffix", sv.Name))
		}
		if strings.HasPrefix(sv.Name, "area-") { // the namer's last resort: no word was left for it
			bad = append(bad, fmt.Sprintf("service %s has no name of its own", sv.Name))
		}
		for _, w := range strings.FieldsFunc(sv.Name, func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
			if layerWords[strings.ToLower(w)] {
				bad = append(bad, fmt.Sprintf("service %s is named after a layer or technical word", sv.Name))
				break
			}
		}
		for _, t := range sv.Tables {
			owners[t] = append(owners[t], sv.Name)
		}
	}
	for _, t := range sortedKeys(written) {
		if len(owners[t]) != 1 {
			bad = append(bad, fmt.Sprintf("table %s is written by application code and has %d owners %v", t, len(owners[t]), owners[t]))
		}
	}
	return bad
}

// miniflux checks the targets on the held-out subject.
func miniflux(m *model.Model) []string {
	var bad []string
	if mt := m.Metrics; mt != nil {
		if mt.Services < 4 || mt.Services > 9 {
			bad = append(bad, fmt.Sprintf("%d services (want 4 to 9)", mt.Services))
		}
		if mt.ICP > 0.15 {
			bad = append(bad, fmt.Sprintf("ICP %.3f (want at most 0.15)", mt.ICP))
		}
		if mt.CrossServiceCalls > 300 {
			bad = append(bad, fmt.Sprintf("%d cross-service call sites (want at most 300)", mt.CrossServiceCalls))
		}
	}
	return bad
}

// printConfusion shows, per truth group, where splitter put its units.
func printConfusion(m *model.Model, want score.Partition) {
	conf := map[string]map[string]int{}
	for _, u := range m.Units {
		g, ok := want[u.ID]
		if !ok {
			continue
		}
		if conf[g] == nil {
			conf[g] = map[string]int{}
		}
		svc := u.Service
		if svc == "" {
			svc = "(left out)"
		}
		conf[g][svc]++
	}
	for _, g := range sortedKeys(conf) {
		var parts []string
		for _, svc := range sortedKeys(conf[g]) {
			parts = append(parts, fmt.Sprintf("%s:%d", svc, conf[g][svc]))
		}
		sort.SliceStable(parts, func(i, j int) bool { return count(parts[i]) > count(parts[j]) })
		if len(parts) > 6 {
			parts = append(parts[:6], "...")
		}
		fmt.Fprintf(os.Stderr, "  truth %-18s → %s\n", g, strings.Join(parts, " "))
	}
}

func count(part string) int {
	var n int
	fmt.Sscanf(part[strings.LastIndexByte(part, ':')+1:], "%d", &n)
	return n
}

func printTable(rows []result) {
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "subject\tlayout\tunits\tservices (truth)\tsplitter MoJoFM\tARI\tper package\tper directory\tper file name\tbest trivial ARI\tICP\t")
	var sum float64
	var n int
	for _, r := range rows {
		if r.s.HeldOut {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t-\t-\t-\t-\t-\t-\t%.3f\t\n", r.s.Name, r.s.Layout, r.units, r.services, r.icp)
			continue
		}
		best := -1.0
		for _, c := range trivialCuts {
			best = max(best, r.trivial[c].ari)
		}
		cell := func(sc scores) string { return fmt.Sprintf("%.1f / %.3f", sc.mojo, sc.ari) }
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d (%d)\t%.1f\t%.3f\t%s\t%s\t%s\t%.3f\t%.3f\t\n", r.s.Name, r.s.Layout, r.units, r.services, r.truthK,
			r.splitter.mojo, r.splitter.ari, cell(r.trivial["package"]), cell(r.trivial["directory"]), cell(r.trivial["file"]), best, r.icp)
		sum += r.splitter.ari
		n++
	}
	tw.Flush()
	if n > 0 {
		fmt.Printf("mean splitter ARI %.3f over %d subjects with a truth\n", sum/float64(n), n)
	}
	for _, r := range rows {
		for _, c := range r.checks {
			fmt.Printf("CHECK %s: %s\n", r.s.Name, c)
		}
		if r.costed {
			fmt.Printf("COST %s: clustering is %.0f%% of analyze's time (wall, median of pairs); its phases %.1f%% of --timings' total\n", r.s.Name, r.clustering*100, r.phaseShare*100)
		}
	}
}

// levelCoupling is ICP and the cross-service call sites of a level of the
// merge, measured by package metrics as for the final cut (the kernel and
// code left out aside), so that a level can be judged by what the cut costs
// as well as by the truth.
func levelCoupling(m *model.Model, us map[string]int) (float64, int) {
	a := metrics.Assignment{}
	for id, c := range us {
		a[id] = metrics.DefaultShared
		if c >= 0 {
			a[id] = fmt.Sprint("s", c)
		}
	}
	mt := metrics.Compute(m, a, metrics.Options{})
	return mt.ICP, mt.CrossServiceCalls.Edges
}

func medianF(xs []float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	sort.Float64s(xs)
	return xs[len(xs)/2]
}

func totalLOC(m *model.Model) int {
	n := 0
	for _, u := range m.Units {
		n += u.LOC
	}
	return n
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "quality: "+format+"\n", args...)
	os.Exit(1)
}
