package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

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
		p, err := writeReport(dir, m, rf)
		if err != nil {
			return err
		}
		index = p
	}
	w := cmd.OutOrStdout()
	if c.format == "json" {
		return m.Encode(w)
	}
	writeSummary(w, m)
	if index != "" {
		fmt.Fprintf(w, "\nReport written to %s\n", index)
	}
	return nil
}

// writeSummary prints the plain-text overview of a model.
func writeSummary(w io.Writer, m *model.Model) {
	loc := 0
	for _, p := range m.Packages {
		loc += p.LOC
	}
	fmt.Fprintf(w, "Module %s: %d packages, %d units, %d lines of code\n", m.Module, len(m.Packages), len(m.Units), loc)
	kinds := map[model.EdgeKind]int{}
	for _, e := range m.Edges {
		kinds[e.Kind]++
	}
	var ks []string
	for k, n := range kinds {
		ks = append(ks, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(ks)
	fmt.Fprintf(w, "Edges (%s call graph): %s\n", m.CallGraph, strings.Join(ks, ", "))

	fmt.Fprintf(w, "\nEntry points (%d):\n", len(m.EntryPoints))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  KIND\tTRIGGER\tHANDLER\tWHERE")
	for _, ep := range m.EntryPoints {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s:%d\n", ep.Kind, ep.TriggerText(), shortID(m.Module, ep.Handler), ep.File, ep.Line)
	}
	tw.Flush()
	writeServices(w, m)
	if len(m.Diagnostics) > 0 {
		fmt.Fprintf(w, "\nDiagnostics (%d):\n", len(m.Diagnostics))
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
