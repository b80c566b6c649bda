package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/cost"
	"github.com/splitter-go/splitter/lint"
	"github.com/splitter-go/splitter/model"
)

// profileFlags read runtime profiles (--profile) for the commands that
// decompose: the samples weigh the call edges, the costs say what share of
// the observed work crosses each boundary, and --weight profile=W lets them
// steer the clustering.
type profileFlags struct {
	files    []string
	observed *cost.Observed
}

func (f *profileFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.files, "profile", nil, "weigh call edges by the samples of a Go pprof profile `FILE` (CPU or any profile with stacks); repeatable")
}

// observe reads the profiles, once, and weighs m's call edges with them.
func (f *profileFlags) observe(cmd *cobra.Command, m *model.Model) error {
	if len(f.files) == 0 {
		return nil
	}
	if f.observed == nil {
		o, err := cost.Read(m, f.files)
		if err != nil {
			return usageErr("--profile: %v", err)
		}
		f.observed = o
		if n := len(o.Summary.Unmatched); n > 0 {
			fmt.Fprintf(cmd.ErrOrStderr(), "splitter: --profile: %d functions of the module match no unit (another version of the code?), first %s; they are listed in the model's profile.unmatched\n",
				n, o.Summary.Unmatched[0].Function)
		}
	}
	f.observed.Weigh(m)
	return nil
}

// annotateCost writes the cost of the model's services into it: each
// entry point's cost and the dependencies' calls per request.
func annotateCost(f *clusterFlags, m *model.Model) {
	if len(m.Services) == 0 {
		return
	}
	cost.Annotate(m, cost.Compute(m, cost.FromModel(m), cost.Options{Observed: f.prof.observed, Owners: cost.OwnersFromModel(m)}))
}

func newCostCmd() *cobra.Command {
	var c common
	var cf clusterFlags
	var compare string
	var top int
	cmd := &cobra.Command{
		Use:   "cost [packages]",
		Short: "What a cut costs per request: remote calls, depth, services and foreign tables per entry point",
		Long: `cost analyses the packages (default ./...) and says, for each business entry
point (every kind but main and init), what the cut into services costs one
request: the distinct call edges it can take from one service to another
(remote calls), those to or from the shared kernel (apart), the longest
chain of remote calls (depth), the services it touches, the tables of other
services its code reads or writes, and the remote calls made in a loop (N+1).

It prints these numbers side by side for the proposed cut, for the cut
declared in splitter.yaml (when it declares services), and, with
--compare N,M, for proposals of about N and M services. With --profile, it
also says what share of the observed work crosses a boundary.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(c.format, "text", "json"); err != nil {
				return err
			}
			sizes, err := parseCompare(compare)
			if err != nil {
				return err
			}
			m, err := runAnalysis(cmd, &c, args)
			if err != nil {
				return err
			}
			cuts, err := costCuts(cmd, &c, &cf, m, sizes)
			if err != nil {
				return err
			}
			if c.format == "json" {
				return writeCostJSON(cmd.OutOrStdout(), m, cuts)
			}
			writeCostText(cmd.OutOrStdout(), m, cuts, top, newStyle(cmd.OutOrStdout()))
			return nil
		},
	}
	c.register(cmd)
	cf.register(cmd)
	cmd.Flags().StringVar(&c.format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&compare, "compare", "", "also cost proposals of about `N,M` services (comma-separated)")
	cmd.Flags().IntVar(&top, "top", 15, "list the `N` costliest entry points (0: all)")
	return cmd
}

// parseCompare reads --compare's list of service counts.
func parseCompare(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return nil, usageErr("bad --compare %q: want service counts such as 5,9", s)
		}
		out = append(out, n)
	}
	return out, nil
}

// costCut is one cut and its cost.
type costCut struct {
	Name   string       `json:"name"`
	Result *cost.Result `json:"cost"`
}

// costCuts computes the cost of the proposed cut, the declared one and the
// compared proposals.
func costCuts(cmd *cobra.Command, c *common, cf *clusterFlags, m *model.Model, sizes []int) ([]costCut, error) {
	if err := cf.prof.observe(cmd, m); err != nil {
		return nil, err
	}
	opts := cost.Options{Observed: cf.prof.observed}
	proposal := func(mm *model.Model) *cost.Result {
		o := opts
		o.Owners = cost.OwnersFromModel(mm)
		return cost.Compute(mm, cost.FromModel(mm), o)
	}
	propose := func(services int) (*model.Model, error) {
		mm := *m
		mm.Units = append([]model.Unit(nil), m.Units...)
		mm.Packages = append([]model.Package(nil), m.Packages...)
		f := *cf
		f.services = services
		if err := decompose(cmd, c, &f, &mm); err != nil {
			return nil, err
		}
		return &mm, nil
	}
	mp, err := propose(cf.services)
	if err != nil {
		return nil, err
	}
	cuts := []costCut{{"proposed", proposal(mp)}}
	cfg, err := loadConfig(cmd.Context(), c)
	if err != nil {
		return nil, err
	}
	if cfg != nil && len(cfg.Services) > 0 {
		var mods []string
		for _, md := range m.Modules {
			mods = append(mods, md.Path)
		}
		if len(mods) == 0 {
			mods = []string{m.Module}
		}
		b := lint.NewBoundaries(cfg, mods)
		a := cost.Assignment{}
		for _, u := range m.Units {
			owner, err := b.Owner(lint.UnitRef{ID: u.ID, Package: u.Package, Exported: u.Exported})
			if err != nil {
				return nil, &exitError{ExitUsage, err}
			}
			if owner != "" {
				a[u.ID] = owner
			}
		}
		owners := map[string]string{}
		for name, s := range cfg.Services {
			for _, t := range s.Tables {
				owners[t] = name
			}
		}
		o := opts
		o.Owners = owners
		cuts = append(cuts, costCut{"declared", cost.Compute(m, a, o)})
	}
	for _, n := range sizes {
		mn, err := propose(n)
		if err != nil {
			return nil, err
		}
		cuts = append(cuts, costCut{fmt.Sprintf("~%d services", n), proposal(mn)})
	}
	return cuts, nil
}

// CostSchema identifies the JSON of splitter cost.
const CostSchema = "splitter-cost/v1"

func writeCostJSON(w io.Writer, m *model.Model, cuts []costCut) error {
	out := struct {
		Schema  string         `json:"schema"`
		Module  string         `json:"module"`
		Profile *model.Profile `json:"profile,omitempty"`
		Cuts    []costCut      `json:"cuts"`
	}{CostSchema, m.Module, m.Profile, cuts}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writeCostText(w io.Writer, m *model.Model, cuts []costCut, top int, st style) {
	n := cuts[0].Result.Summary.EntryPoints
	fmt.Fprintf(w, "%s\n\n", st.header(fmt.Sprintf("Cost per request of each cut (%d business entry points; main and init left out)", n)))
	// Labels on the left, one right-aligned column per cut.
	type line struct {
		label string
		f     func(s cost.Summary) string
	}
	itoa := strconv.Itoa
	lines := []line{
		{"services", func(s cost.Summary) string { return itoa(s.Services) }},
		{"remote calls, all entry points", func(s cost.Summary) string { return itoa(s.RemoteCalls) }},
		{"remote calls per entry point (mean)", func(s cost.Summary) string { return fmt.Sprintf("%.2f", ratio(s.RemoteCalls, s.EntryPoints)) }},
		{"entry points with 0 remote calls", func(s cost.Summary) string { return itoa(s.Distribution[0]) }},
		{"                  1 remote call", func(s cost.Summary) string { return itoa(s.Distribution[1]) }},
		{"                  2 remote calls", func(s cost.Summary) string { return itoa(s.Distribution[2]) }},
		{"                  3 or more", func(s cost.Summary) string { return itoa(s.Distribution[3]) }},
		{"deepest chain of remote calls", func(s cost.Summary) string { return itoa(s.MaxDepth) }},
		{"entry points with a remote call in a loop", func(s cost.Summary) string { return itoa(s.LoopEntries) }},
		{"entry points with foreign tables", func(s cost.Summary) string { return itoa(s.ForeignEntries) }},
	}
	if m.Profile != nil {
		lines = append(lines, line{"observed work crossing a boundary", func(s cost.Summary) string { return percent(s.Remote, s.Observed) }})
	}
	labelW := 0
	for _, l := range lines {
		labelW = max(labelW, len(l.label))
	}
	cells := make([][]string, len(lines))
	widths := make([]int, len(cuts))
	for k, c := range cuts {
		widths[k] = len(c.Name)
	}
	for i, l := range lines {
		for k, c := range cuts {
			v := l.f(c.Result.Summary)
			cells[i] = append(cells[i], v)
			widths[k] = max(widths[k], len(v))
		}
	}
	var head strings.Builder
	fmt.Fprintf(&head, "  %-*s", labelW, "")
	for k, c := range cuts {
		fmt.Fprintf(&head, "  %*s", widths[k], c.Name)
	}
	fmt.Fprintln(w, st.header(strings.TrimRight(head.String(), " ")))
	for i, l := range lines {
		fmt.Fprintf(w, "  %-*s", labelW, l.label)
		for k := range cuts {
			fmt.Fprintf(w, "  %*s", widths[k], cells[i][k])
		}
		fmt.Fprintln(w)
	}

	// The costliest entry points under the first cut, with every cut's cost.
	entries := cuts[0].Result.Entries
	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return costlier(entries[order[i]].Cost, entries[order[j]].Cost) })
	byCut := make([]map[string]model.EntryCost, len(cuts))
	for k, c := range cuts {
		byCut[k] = map[string]model.EntryCost{}
		for _, e := range c.Result.Entries {
			byCut[k][e.ID] = e.Cost
		}
	}
	// Only the entry points some cut gives a remote call.
	costly := order[:0]
	for _, i := range order {
		for k := range cuts {
			if byCut[k][entries[i].ID].RemoteCalls > 0 {
				costly = append(costly, i)
				break
			}
		}
	}
	order = costly
	if top > 0 && len(order) > top {
		order = order[:top]
	}
	if len(order) == 0 {
		fmt.Fprintf(w, "\nNo entry point makes a remote call in any of these cuts.\n")
	}
	if len(order) > 0 {
		writeCostliest(w, entries, order, cuts, byCut, st)
	}
	writeCostLinks(w, m, cuts, top, st)
	if p := m.Profile; p != nil {
		writeProfileNote(w, p)
	}
}

func writeCostliest(w io.Writer, entries []cost.Entry, order []int, cuts []costCut, byCut []map[string]model.EntryCost, st style) {
	var buf strings.Builder
	fmt.Fprintf(w, "\n%s\n", st.header("Costliest entry points (remote calls, depth d, in a loop L; per cut):"))
	buf.Reset()
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  ENTRY POINT")
	for _, c := range cuts {
		fmt.Fprintf(tw, "\t%s", strings.ToUpper(c.Name))
	}
	fmt.Fprintln(tw, "\tSERVICES (first cut)")
	for _, i := range order {
		e := entries[i]
		fmt.Fprintf(tw, "  %s", e.ID)
		for k := range cuts {
			c := byCut[k][e.ID]
			fmt.Fprintf(tw, "\t%d d%d L%d", c.RemoteCalls, c.Depth, c.LoopCalls)
		}
		fmt.Fprintf(tw, "\t%s\n", dash(strings.Join(e.Cost.Services, ",")))
	}
	tw.Flush()
	st.table(w, buf.String(), nil)
}

func writeCostLinks(w io.Writer, m *model.Model, cuts []costCut, top int, st style) {
	for _, c := range cuts {
		links := append([]cost.Link(nil), c.Result.Links...)
		if len(links) == 0 {
			continue
		}
		sort.SliceStable(links, func(i, j int) bool {
			if links[i].UseCases != links[j].UseCases {
				return links[i].UseCases > links[j].UseCases
			}
			return links[i].PerRequest > links[j].PerRequest
		})
		fmt.Fprintf(w, "\n%s\n", st.header(fmt.Sprintf("Dependencies of the %s cut (%d):", c.Name, len(links))))
		if top > 0 && len(links) > top {
			links = links[:top]
		}
		for _, l := range links {
			fmt.Fprintf(w, "  %s → %s: %s\n", l.From, l.To, linkText(l.UseCases, l.PerRequest, l.Loop, l.Samples, m.Profile))
		}
	}
}

// costlier orders entry points costliest first: remote calls, depth, loop
// calls, kernel calls.
func costlier(a, b model.EntryCost) bool {
	if a.RemoteCalls != b.RemoteCalls {
		return a.RemoteCalls > b.RemoteCalls
	}
	if a.Depth != b.Depth {
		return a.Depth > b.Depth
	}
	if a.LoopCalls != b.LoopCalls {
		return a.LoopCalls > b.LoopCalls
	}
	return a.KernelCalls > b.KernelCalls
}

// linkText says what a dependency carries: "called by 14 use cases, up to
// 3 times per request".
func linkText(useCases, perRequest, loop int, samples int64, p *model.Profile) string {
	s := fmt.Sprintf("called by %s, up to %d %s per request", nounCount(useCases, "use case", "use cases"), perRequest, noun(perRequest, "call", "calls"))
	if loop > 0 {
		s += fmt.Sprintf(" (%d in a loop)", loop)
	}
	if p != nil && samples > 0 {
		s += fmt.Sprintf("; %s of the observed work", percent(samples, p.Total))
	}
	return s
}

func writeProfileNote(w io.Writer, p *model.Profile) {
	fmt.Fprintf(w, "\nProfile: %d samples (%s) from %s\n", p.Samples, p.SampleType, strings.Join(p.Files, ", "))
	fmt.Fprintf(w, "  %d frames: %d matched a unit, %d outside the module, %d of the module match no unit", p.Frames,
		p.Frames-p.ExternalFrames-p.UnmatchedFrames, p.ExternalFrames, p.UnmatchedFrames)
	if n := len(p.Unmatched); n > 0 {
		fmt.Fprintf(w, " (%d functions, e.g. %s: another version of the code?)", n, p.Unmatched[0].Function)
	}
	fmt.Fprintf(w, "\n  %d functions matched %d units; %s of the value runs the module's code\n", p.MatchedFunctions, p.Units, percent(p.MatchedValue, p.Total))
	fmt.Fprintf(w, "  %d call edges weighted; %d observed calls have no call edge in the model\n", p.Weighted, p.NotInCallGraph)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func percent(a, b int64) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(a)/float64(b))
}

func noun(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func nounCount(n int, one, many string) string { return fmt.Sprintf("%d %s", n, noun(n, one, many)) }
