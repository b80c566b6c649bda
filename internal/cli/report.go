package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/report"
)

// DefaultReportDir is where analyze and report write the report without -o,
// relative to the current directory (not to -C).
const DefaultReportDir = "splitter-report"

// reportFlags shape the HTML report.
type reportFlags struct {
	sourceURL string
	maxNodes  int
	skip      bool
	verbose   bool // analyze: every entry point in the summary
}

func (f *reportFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.sourceURL, "source-url", "", "link file:line in the report to `URL` + path + #L + line (e.g. https://github.com/o/r/blob/main/)")
	fl.IntVar(&f.maxNodes, "max-nodes", 0, "node budget of each diagram in the report (default 80)")
}

// writeReport writes the report for m into dir and returns the path of its
// index.html. On a terminal, stderr shows the phase while it renders.
// modelJSON, when not nil, is the saved model m was read from, copied as
// the report's analysis.json.
func writeReport(stderr io.Writer, dir string, m *model.Model, f *reportFlags, modelJSON []byte) (string, error) {
	if progress := newProgress(stderr); progress != nil {
		progress("rendering report")
		defer progress("done")
	}
	if err := report.Write(dir, m, report.Options{SourceURL: f.sourceURL, MaxNodes: f.maxNodes, ModelJSON: modelJSON}); err != nil {
		return "", fmt.Errorf("writing the report: %w", err)
	}
	return filepath.Join(dir, report.IndexFile), nil
}

func newReportCmd() *cobra.Command {
	var rf reportFlags
	var out string
	cmd := &cobra.Command{
		Use:   "report analysis.json",
		Short: "Render the HTML report from a saved model",
		Long: `report re-renders the HTML report (index.html, the diagrams as .svg and
.dot files, and analysis.json) from a model saved by 'splitter analyze -o DIR'
or printed by 'splitter analyze --format json', into -o DIR (default
splitter-report), and prints the path of index.html.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			m, raw, err := report.ReadModelFile(args[0])
			if err != nil {
				return usageErr("%v", err)
			}
			if out == "" {
				out = DefaultReportDir
			}
			p, err := writeReport(cmd.ErrOrStderr(), out, m, &rf, raw)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Report written to %s\n", p)
			return nil
		},
	}
	rf.register(cmd)
	cmd.Flags().StringVarP(&out, "out", "o", "", "write the report into `DIR` (default splitter-report)")
	return cmd
}
