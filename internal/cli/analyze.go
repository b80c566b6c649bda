package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/model"
)

func newAnalyzeCmd() *cobra.Command {
	var c common
	var cf clusterFlags
	var rf reportFlags
	cmd := &cobra.Command{
		Use:   "analyze [packages]",
		Short: "Analyse a module: units, dependencies, entry points and proposed services",
		Long: `analyze loads the packages (default ./...) of the module in the current
directory (or -C DIR), builds its model, proposes services, and prints a
summary, or the model as JSON with --format json.

It also writes the HTML report (index.html, the diagrams as .svg files and
analysis.json) into -o DIR, by default splitter-report/ in the current
directory, and prints the path of index.html. With --format json the report
is written only when -o is given; --no-report skips the default one.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(c.format, "text", "json"); err != nil {
				return err
			}
			m, err := runAnalysis(cmd, &c, args)
			if err != nil {
				return err
			}
			if err := propose(cmd, &c, &cf, m, ""); err != nil {
				return err
			}
			phase(cmd.Context(), "costing the cut")
			annotateCost(&cf, m)
			return writeModel(cmd, &c, &rf, m)
		},
	}
	c.register(cmd)
	cf.register(cmd)
	cf.registerSkip(cmd)
	cmd.Flags().StringVar(&c.format, "format", "text", "output format: text or json")
	cmd.Flags().StringVarP(&c.out, "out", "o", "", "write the report (index.html, diagrams, analysis.json) into `DIR` (default splitter-report, text format only)")
	cmd.Flags().BoolVar(&rf.skip, "no-report", false, "print the summary only: write no report unless -o is given")
	cmd.Flags().BoolVarP(&rf.verbose, "verbose", "v", false, "list every entry point in the summary, not only the 10 that reach the most code")
	cmd.Flags().BoolVar(&c.strict, "strict", false, "exit 4 when packages do not type-check, instead of analysing the rest with a warning")
	rf.register(cmd)
	return cmd
}

func checkFormat(f string, allowed ...string) error {
	for _, a := range allowed {
		if f == a {
			return nil
		}
	}
	return usageErr("unknown --format %q: want one of %v", f, allowed)
}

func runAnalysis(cmd *cobra.Command, c *common, args []string) (*model.Model, error) {
	cfg := c.analyzerConfig(cmd, args)
	file, err := loadConfig(cmd.Context(), c)
	if err != nil {
		return nil, err
	}
	declare(&cfg, file)
	m, err := analyzer.Analyze(cmd.Context(), cfg)
	cfg.Progress("done")
	if err != nil {
		if errors.Is(err, analyzer.ErrNotModule) || errors.Is(err, analyzer.ErrUsage) {
			return nil, &exitError{ExitUsage, err}
		}
		return nil, analysisErr(err)
	}
	if err := checkPartial(cmd.ErrOrStderr(), m, c.strict, "the analysis would describe part of the code only", "no --strict to analyse the rest"); err != nil {
		return nil, err
	}
	return m, nil
}
