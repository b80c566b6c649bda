package cli

import (
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/summary"
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
		phase(cmd.Context(), "writing the report")
		p, err := writeReport(cmd.ErrOrStderr(), dir, m, rf, nil)
		if err != nil {
			return err
		}
		index = p
	}
	w := cmd.OutOrStdout()
	phase(cmd.Context(), "writing the output")
	if c.format == "json" {
		return m.Encode(w)
	}
	st := newStyle(w)
	writeSummary(w, m, st, rf.verbose)
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

// style shapes the text summary: the width it fits (see termWidth), and
// colour, headers bold and service names in colour, only when the output
// is a terminal and NO_COLOR is not set (https://no-color.org), so pipes,
// files and golden tests get plain text.
type style struct {
	on    bool
	width int // 0: DefaultWidth
}

func newStyle(w io.Writer) style {
	f, ok := w.(*os.File)
	return style{on: ok && term.IsTerminal(int(f.Fd())) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb", width: termWidth(w)}
}

func (s style) cols() int {
	if s.width <= 0 {
		return DefaultWidth
	}
	return s.width
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

// topEntryPoints is how many entry points the summary lists without
// --verbose: those that reach the most code.
const topEntryPoints = 10

// writeSummary prints the plain-text overview of a model, fitted to the
// style's width: sizes, the services first, the metrics, the entry points
// (counted per kind, the top ones listed, all with verbose), the
// serverless proposal in one line, the diagnostics. Its counts are
// summary.Of's, as in the report.
func writeSummary(w io.Writer, m *model.Model, st style, verbose bool) {
	sum := summary.Of(m)
	width := st.cols()
	fmt.Fprintln(w, wrap(fmt.Sprintf("%s %s: %s, %s, %s of code", st.header("Module"), m.Module,
		summary.Count(sum.Packages, "package"), summary.Count(sum.Units, "unit"), summary.Count(sum.LOC, "line")), width, "  "))
	ks := make([]string, len(sum.EdgeKinds))
	for i, k := range sum.EdgeKinds {
		ks[i] = fmt.Sprintf("%s %d", k.Kind, k.Count)
	}
	fmt.Fprintln(w, wrap(fmt.Sprintf("%s (%s call graph): %s", st.header("Edges"), m.CallGraph, strings.Join(ks, ", ")), width, "  "))

	writeServices(w, m, st, sum)

	head := fmt.Sprintf("Entry points (%d)", sum.EntryPoints)
	if len(sum.EntryKinds) > 0 {
		head += ": " + summary.KindsText(sum.EntryKinds)
	}
	reach := summary.Reach(m)
	shown := reach
	if !verbose && len(reach) > topEntryPoints {
		shown = summary.Top(reach, topEntryPoints)
		head += fmt.Sprintf(". The %d that reach the most code:", topEntryPoints)
	} else if len(reach) > 0 {
		head += ":"
	}
	fmt.Fprintf(w, "\n%s\n", wrap(st.header(head), width, "  "))
	if len(shown) > 0 {
		// What gives first: where (its end, file:line), then the handler
		// (its end, Type.method), the trigger last.
		t := &table{cols: []column{{head: "KIND"}, {head: "TRIGGER", shrink: true, min: 12}, {head: "HANDLER", shrink: true, left: true, give: 1, min: 12},
			{head: "REACH", right: true}, {head: "WHERE", shrink: true, left: true, give: 2, min: 10}}}
		for _, r := range shown {
			ep := r.EntryPoint
			t.add(txt(string(ep.Kind)), txt(ep.TriggerText()), txt(shortID(m.Module, ep.Handler)), num(r.Units), txt(fmt.Sprintf("%s:%d", ep.File, ep.Line)))
		}
		st.table(w, strings.Join(t.render(width), "\n")+"\n", nil)
	}
	if n := len(reach) - len(shown); n > 0 {
		fmt.Fprintln(w, wrap(fmt.Sprintf("  … and %d more (reach: units reached through calls): --verbose lists them all, and so does the report", n), width, "  "))
	}
	writeCostSummary(w, m, st)
	writeFunctionsSummary(w, sum, width)
	if len(m.Diagnostics) > 0 {
		fmt.Fprintf(w, "\n%s\n", st.header(fmt.Sprintf("Diagnostics (%d):", len(m.Diagnostics))))
		for _, d := range m.Diagnostics {
			fmt.Fprintf(w, "  %s\n", wrap(diagText(d), width-2, "    "))
		}
	}
}

// writeServices prints the services of a decomposed model, in extraction
// order, the kernel last, and the metrics.
func writeServices(w io.Writer, m *model.Model, st style, sum summary.Summary) {
	if len(m.Services) == 0 {
		return
	}
	svcs := append([]model.Service(nil), m.Services...)
	sort.SliceStable(svcs, func(i, j int) bool {
		a, b := svcs[i], svcs[j]
		if (a.Name == model.SharedService) != (b.Name == model.SharedService) {
			return b.Name == model.SharedService
		}
		if a.Extraction != b.Extraction {
			return a.Extraction < b.Extraction
		}
		return a.Name < b.Name
	})
	width := st.cols()
	fmt.Fprintf(w, "\n%s\n", wrap(st.header("Services (in extraction order): "+sum.ServicesText()), width, "  "))
	t := &table{cols: []column{{head: "#", right: true}, {head: "SERVICE"}, {head: "UNITS", right: true}, {head: "LOC", right: true},
		{head: "ENTRY POINTS", short: "ENTRIES", right: true}, {head: "TABLES", shrink: true}, {head: "DEPENDS ON", shrink: true}}}
	names := make([]string, len(svcs))
	for i, s := range svcs {
		names[i] = s.Name
		rank := fmt.Sprint(s.Extraction)
		if s.Name == model.SharedService {
			rank = "-"
		}
		tables := append([]string(nil), s.Tables...)
		for k, tb := range s.SharedTables {
			if k == 0 {
				tb = "shared: " + tb
			}
			tables = append(tables, tb)
		}
		deps := append([]model.ServiceLink(nil), s.DependsOn...)
		sort.SliceStable(deps, func(i, j int) bool { return deps[i].Calls > deps[j].Calls }) // the strongest first
		var dl []string
		for _, d := range deps {
			dl = append(dl, fmt.Sprintf("%s (%d)", d.Service, d.Calls))
		}
		t.add(txt(rank), txt(s.Name), num(len(s.Units)), num(s.LOC), num(len(s.EntryPoints)), list(tables), list(dl))
	}
	st.table(w, strings.Join(t.render(width), "\n")+"\n", names)
	writeLeftOut(w, m, width)
	if mt := m.Metrics; mt != nil {
		text := fmt.Sprintf("%s modularity %.3f (higher is better), ICP %.3f (share of calls crossing services, lower is better), "+
			"BCP %.3f (business contexts per service, lower is better), SM %.3f, IFN %.2f, NED %.2f; "+
			"%s, %s, %s",
			st.header("Metrics:"), mt.Modularity, mt.ICP, mt.BCP, mt.SM, mt.IFN, mt.NED,
			summary.Count(mt.CrossServiceCalls, "cross-service call site"), summary.Count(mt.SharedTables, "shared table"), summary.Count(len(m.Moves), "move"))
		fmt.Fprintf(w, "\n%s\n", wrap(text, width, "  "))
	}
}

// writeFunctionsSummary prints one line about the serverless proposal; the
// details are in `splitter suggest functions` and the report.
func writeFunctionsSummary(w io.Writer, sum summary.Summary, width int) {
	if sum.Functions == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", wrap(fmt.Sprintf("Serverless: %s; %s: see `splitter suggest functions`", sum.DeploysText(), sum.FindingsText()), width, "  "))
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
