package cli

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/splitter-go/splitter/model"
)

// writeModel prints the model (summary or JSON) and writes the report: into
// -o DIR, or by default into splitter-report/ for the text format (not for
// --format json, whose output is the model itself, nor with --no-report).
func writeModel(cmd *cobra.Command, c *common, rf *reportFlags, m *model.Model) error {
	dir := c.out
	if dir == "" && c.format == "text" && !rf.skip {
		dir = DefaultReportDir
	}
	var index string
	if dir != "" {
		p, err := writeReport(cmd.ErrOrStderr(), dir, m, rf, nil)
		if err != nil {
			return err
		}
		index = p
	}
	w := cmd.OutOrStdout()
	if c.format == "json" {
		return m.Encode(w)
	}
	st := newStyle(w)
	writeSummary(w, m, st)
	if index != "" {
		fmt.Fprintf(w, "\n%s %s\n", st.header("Report written to"), index)
	}
	return nil
}

// ANSI styles of the text summary.
const (
	ansiBold  = "\033[1m"
	ansiDim   = "\033[2m"
	ansiCyan  = "\033[36m"
	ansiReset = "\033[0m"
)

// style colours the text summary: headers bold, service names in colour.
// It is on only when the output is a terminal and NO_COLOR is not set
// (https://no-color.org), so pipes, files and golden tests get plain text.
type style struct{ on bool }

func newStyle(w io.Writer) style {
	f, ok := w.(*os.File)
	return style{ok && term.IsTerminal(int(f.Fd())) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"}
}

func (s style) paint(code, text string) string {
	if !s.on || text == "" {
		return text
	}
	return code + text + ansiReset
}

func (s style) header(text string) string { return s.paint(ansiBold, text) }

func (s style) service(name string) string {
	if name == model.SharedService {
		return s.paint(ansiDim, name)
	}
	return s.paint(ansiCyan, name)
}

// table writes a table aligned by text/tabwriter, its first line (the
// column names) bold. names, when given, are the service names of the
// following lines, coloured where they first appear as a whole field.
// Colour is added after alignment, so escape codes never skew columns.
func (s style) table(w io.Writer, text string, names []string) {
	lines := strings.SplitAfter(text, "\n")
	for i, line := range lines {
		if s.on {
			body := strings.TrimRight(line, "\n")
			switch {
			case i == 0:
				line = strings.Replace(line, body, s.header(body), 1)
			case i-1 < len(names):
				line = colourField(line, names[i-1], s.service(names[i-1]))
			}
		}
		io.WriteString(w, line)
	}
}

// colourField replaces the first space-delimited field of line equal to
// name by painted.
func colourField(line, name, painted string) string {
	for from := 0; ; {
		i := strings.Index(line[from:], name)
		if i < 0 {
			return line
		}
		i += from
		j := i + len(name)
		if (i == 0 || line[i-1] == ' ') && (j == len(line) || line[j] == ' ' || line[j] == '\n') {
			return line[:i] + painted + line[j:]
		}
		from = j
	}
}

// maxListedEntryPoints keeps the terminal summary compact on big modules.
const maxListedEntryPoints = 100

// writeSummary prints the plain-text overview of a model.
func writeSummary(w io.Writer, m *model.Model, st style) {
	loc := 0
	for _, p := range m.Packages {
		loc += p.LOC
	}
	fmt.Fprintf(w, "%s %s: %d packages, %d units, %d lines of code\n", st.header("Module"), m.Module, len(m.Packages), len(m.Units), loc)
	kinds := map[model.EdgeKind]int{}
	for _, e := range m.Edges {
		kinds[e.Kind]++
	}
	var ks []string
	for k, n := range kinds {
		ks = append(ks, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(ks)
	fmt.Fprintf(w, "%s (%s call graph): %s\n", st.header("Edges"), m.CallGraph, strings.Join(ks, ", "))

	fmt.Fprintf(w, "\n%s\n", st.header(fmt.Sprintf("Entry points (%d):", len(m.EntryPoints))))
	var buf strings.Builder
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  KIND\tTRIGGER\tHANDLER\tWHERE")
	for i, ep := range m.EntryPoints {
		if i == maxListedEntryPoints {
			break
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s:%d\n", ep.Kind, ep.TriggerText(), shortID(m.Module, ep.Handler), ep.File, ep.Line)
	}
	tw.Flush()
	st.table(w, buf.String(), nil)
	if n := len(m.EntryPoints) - maxListedEntryPoints; n > 0 {
		fmt.Fprintf(w, "  … and %d more: every entry point is in the report and in --format json\n", n)
	}
	writeServices(w, m, st)
	writeCostSummary(w, m, st)
	if len(m.Diagnostics) > 0 {
		fmt.Fprintf(w, "\n%s\n", st.header(fmt.Sprintf("Diagnostics (%d):", len(m.Diagnostics))))
		for _, d := range m.Diagnostics {
			fmt.Fprintf(w, "  %s\n", diagText(d))
		}
	}
}

func diagText(d model.Diagnostic) string {
	pos := d.File
	if pos != "" && d.Line > 0 {
		pos = fmt.Sprintf("%s:%d", pos, d.Line)
		if d.Column > 0 {
			pos = fmt.Sprintf("%s:%d", pos, d.Column)
		}
	}
	if pos == "" {
		return fmt.Sprintf("%s: %s", d.Severity, d.Message)
	}
	return fmt.Sprintf("%s: %s: %s", pos, d.Severity, d.Message)
}

// shortID trims the module path off a unit id for display.
func shortID(module, id string) string {
	if module != "" && strings.HasPrefix(id, module+"/") {
		return id[len(module)+1:]
	}
	if module != "" && strings.HasPrefix(id, module+".") {
		return id[len(module)+1:]
	}
	return id
}
