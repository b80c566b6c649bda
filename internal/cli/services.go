package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/cluster"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/score"
	"github.com/splitter-go/splitter/suggest"
)

// clusterFlags are the knobs of the service decomposition.
type clusterFlags struct {
	services   int
	resolution float64
	git        int
	skip       bool
	weights    []string
	prof       profileFlags // --profile (cost.go)
}

// weightNames maps --weight names to the fields of cluster.Weights.
func weightNames(w *cluster.Weights) map[string]*float64 {
	return map[string]*float64{
		"call": &w.Call, "ref": &w.Ref, "embed": &w.Embed, "method": &w.Method, "global": &w.Global,
		"file": &w.File, "filename": &w.FileName, "name": &w.Name, "table": &w.Table,
		"usecase": &w.UseCase, "handler": &w.Handler, "dir": &w.Dir, "history": &w.History,
		"profile": &w.Profile,
	}
}

// parseWeights applies NAME=VALUE overrides to the default weights.
func parseWeights(specs []string) (cluster.Weights, error) {
	w := cluster.DefaultWeights
	names := weightNames(&w)
	for _, spec := range specs {
		k, v, ok := strings.Cut(spec, "=")
		field, known := names[strings.ToLower(strings.TrimSpace(k))]
		if !ok || !known {
			var all []string
			for n := range names {
				all = append(all, n)
			}
			sort.Strings(all)
			return w, usageErr("bad --weight %q: want NAME=VALUE with NAME one of %s", spec, strings.Join(all, ", "))
		}
		var f float64
		if _, err := fmt.Sscanf(strings.TrimSpace(v), "%g", &f); err != nil || f < 0 {
			return w, usageErr("bad --weight %q: the value must be a number ≥ 0", spec)
		}
		*field = f
	}
	return w, nil
}

func (f *clusterFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.IntVar(&f.services, "services", 0, "ask for about `N` services (default: as many as the code shows)")
	fl.Float64Var(&f.resolution, "resolution", 1, "clustering resolution: higher gives more, smaller services")
	fl.IntVar(&f.git, "git", 0, "also weigh files changed together in the last `N` commits (0: off)")
	fl.StringSliceVar(&f.weights, "weight", nil, "change a signal's weight, `NAME=VALUE` (call, ref, embed, method, global, file, filename, name, table, usecase, handler, dir, history, profile); repeatable")
	f.prof.register(cmd)
}

func (f *clusterFlags) registerSkip(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.skip, "no-services", false, "skip the service decomposition (the model only)")
}

// decompose proposes services for m and writes them into it.
func decompose(cmd *cobra.Command, c *common, f *clusterFlags, m *model.Model) error {
	if err := f.prof.observe(cmd, m); err != nil {
		return err
	}
	if f.skip {
		return nil
	}
	if f.services < 0 {
		return usageErr("--services must be positive, got %d", f.services)
	}
	if f.resolution <= 0 {
		return usageErr("--resolution must be positive, got %g", f.resolution)
	}
	weights, err := parseWeights(f.weights)
	if err != nil {
		return err
	}
	opts := cluster.Options{Services: f.services, Resolution: f.resolution, Weights: weights}
	if f.git > 0 {
		root, err := analyzer.ModuleRoot(cmd.Context(), c.dir)
		if err != nil {
			return analysisErr(err)
		}
		pairs, err := cluster.CoChange(cmd.Context(), root, f.git)
		if err != nil {
			return usageErr("%v", err)
		}
		opts.CoChange = pairs
	}
	if opts.Seeds, opts.SharedPackages, err = configSeeds(cmd, c, m); err != nil {
		return err
	}
	if err := cluster.Decompose(m, opts); err != nil {
		return analysisErr(err)
	}
	return nil
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func newScoreCmd() *cobra.Command {
	var c common
	var cf clusterFlags
	var truthPath string
	cmd := &cobra.Command{
		Use:   "score --truth FILE [packages]",
		Short: "Compare the proposed services with a reference decomposition (MoJoFM, adjusted Rand)",
		Long: `score decomposes the module as analyze does and compares the result with a
truth file: a JSON object mapping unit ids or package paths to group names,
with "_shared" for the shared kernel. It prints MoJoFM (0-100) and the
adjusted Rand index (-1..1, 1 = identical), beside the same scores for one
service per package, a baseline any decomposition should beat.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if truthPath == "" {
				return usageErr("--truth FILE is required")
			}
			f, err := os.Open(truthPath)
			if err != nil {
				return usageErr("%v", err)
			}
			defer f.Close()
			truth, err := score.LoadTruth(f)
			if err != nil {
				return usageErr("%s: %v", truthPath, err)
			}
			m, err := runAnalysis(cmd, &c, args)
			if err != nil {
				return err
			}
			if err := decompose(cmd, &c, &cf, m); err != nil {
				return err
			}
			want := truth.Resolve(m.Units)
			got, perPkg := score.Partition{}, score.Partition{}
			for _, u := range m.Units {
				svc := u.Service
				if svc == model.SharedService {
					svc = score.Shared
				}
				got[u.ID] = svc
				perPkg[u.ID] = u.Package
			}
			unresolved, _ := truth.Coverage(m.Units)
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "Truth %s: %d of %d units have a group\n", filepath.Base(truthPath), len(want), len(m.Units))
			tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "\tMoJoFM\tARI")
			fmt.Fprintf(tw, "splitter (%d services)\t%.1f\t%.3f\n", len(m.Services)-1, score.MoJoFM(got, want), score.AdjustedRand(got, want))
			fmt.Fprintf(tw, "one service per package\t%.1f\t%.3f\n", score.MoJoFM(perPkg, want), score.AdjustedRand(perPkg, want))
			tw.Flush()
			if len(unresolved) > 0 {
				fmt.Fprintf(w, "%d units are not in the truth file (first: %s)\n", len(unresolved), unresolved[0])
			}
			return nil
		},
	}
	c.register(cmd)
	cf.register(cmd)
	cmd.Flags().StringVar(&truthPath, "truth", "", "truth `FILE` (JSON: unit id or package path → group)")
	return cmd
}

// propose runs the decomposition and then the serverless suggestions, with
// the readiness suppressions of splitter.yaml: the steps analyze and
// suggest functions share.
func propose(cmd *cobra.Command, c *common, f *clusterFlags, m *model.Model, g suggest.Granularity) error {
	phase(cmd.Context(), "decomposing services")
	if err := decompose(cmd, c, f, m); err != nil {
		return err
	}
	sup, err := suppressions(cmd, c)
	if err != nil {
		return err
	}
	phase(cmd.Context(), "suggesting functions")
	if err := suggest.Suggest(m, suggest.Options{Granularity: g, Suppress: sup}); err != nil {
		return usageErr("%v", err)
	}
	return nil
}
