package lint

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/splitter-go/splitter/lint/sarif"
	"github.com/splitter-go/splitter/model"
)

// Formats are the output formats Write knows.
var Formats = []string{"text", "json", "sarif", "github"}

// WriteOptions tune the writers.
type WriteOptions struct {
	// Color adds ANSI colours to text output (the CLI sets it on a terminal
	// when NO_COLOR is not set).
	Color bool
	// PathPrefix is prepended to file paths in sarif and github output, so
	// that they are relative to the repository root when the module is in a
	// subdirectory of it ("services/api/").
	PathPrefix string
	// ToolVersion is splitter's version, for SARIF.
	ToolVersion string
	// Baseline is true when a baseline was used (the summary says so).
	Baseline bool
	// Rev is the --new-from-rev revision, for the summary.
	Rev string
	// StrictBaseline makes stale entries count as a failure in the summary.
	StrictBaseline bool
}

// Write writes res to w in format (one of Formats).
func Write(w io.Writer, format string, res *Result, o WriteOptions) error {
	var buf bytes.Buffer
	switch format {
	case "text":
		writeText(&buf, res, o)
	case "json":
		if err := writeJSON(&buf, res); err != nil {
			return err
		}
	case "sarif":
		if err := SARIF(res, o).Write(&buf); err != nil {
			return err
		}
	case "github":
		writeGitHub(&buf, res, o)
	default:
		return fmt.Errorf("unknown format %q: want one of %s", format, strings.Join(Formats, ", "))
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Summary is the one-line outcome: counts, baseline and --new-from-rev.
func Summary(res *Result, o WriteOptions) string {
	var b strings.Builder
	if res.Errors == 0 && res.Warnings == 0 {
		b.WriteString("no violations")
	} else {
		b.WriteString(plural(res.Errors, "error", "errors") + ", " + plural(res.Warnings, "warning", "warnings"))
	}
	var extra []string
	if o.Baseline {
		extra = append(extra, plural(res.Ignored, "known violation", "known violations")+" ignored (baseline)")
		s := plural(len(res.Stale), "stale baseline entry", "stale baseline entries")
		switch {
		case len(res.Stale) == 1:
			s += " (its violation is gone: drop it with --update-baseline)"
		case len(res.Stale) > 1:
			s += " (their violations are gone: drop them with --update-baseline)"
		}
		extra = append(extra, s)
		if n := len(res.NotChecked); n > 0 {
			extra = append(extra, plural(n, "baseline entry", "baseline entries")+" not checked (this run cannot see them: their rule is off or needs the call graph, or their code was skipped)")
		}
	}
	if o.Rev != "" {
		extra = append(extra, fmt.Sprintf("%d in files unchanged since %s not shown", res.Unchanged, o.Rev))
	}
	if len(extra) > 0 {
		b.WriteString("; " + strings.Join(extra, "; "))
	}
	if len(res.Skipped) > 0 {
		b.WriteString("; call-level rules " + strings.Join(res.Skipped, ", ") + " skipped: no call graph")
	}
	if n := len(res.SkippedPackages); n > 0 {
		if n == 1 {
			b.WriteString("; 1 package not checked: it does not type-check")
		} else {
			b.WriteString("; " + plural(n, "package", "packages") + " not checked: they do not type-check")
		}
	}
	return b.String()
}

const (
	ansiReset  = "\033[0m"
	ansiBold   = "\033[1m"
	ansiRed    = "\033[31m"
	ansiYellow = "\033[33m"
)

// writeText prints "file:line:col: RULE: message" lines grouped by rule,
// each group under a header, then the summary.
func writeText(w io.Writer, res *Result, o WriteOptions) {
	paint := func(code, s string) string {
		if !o.Color {
			return s
		}
		return code + s + ansiReset
	}
	names := map[string]string{}
	for _, r := range res.Rules {
		names[r.ID] = r.Name
	}
	for i := 0; i < len(res.Violations); {
		j := i
		for j < len(res.Violations) && res.Violations[j].Rule == res.Violations[i].Rule && res.Violations[j].Severity == res.Violations[i].Severity {
			j++
		}
		v := res.Violations[i]
		col := ansiRed
		word := plural(j-i, "error", "errors")
		if v.Severity == Warning {
			col = ansiYellow
			word = plural(j-i, "warning", "warnings")
		}
		fmt.Fprintf(w, "%s\n", paint(ansiBold, fmt.Sprintf("%s %s: %s", v.Rule, names[v.Rule], word)))
		for _, v := range res.Violations[i:j] {
			fmt.Fprintf(w, "%s: %s: %s\n", paint(ansiBold, position(v)), paint(col, v.Rule), v.Message)
		}
		fmt.Fprintln(w)
		i = j
	}
	if len(res.Stale) > 0 {
		fmt.Fprintf(w, "Stale baseline entries (the violation is gone):\n")
		for _, k := range res.Stale {
			fmt.Fprintf(w, "  %s %s -> %s\n", k.Rule, k.From, k.To)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%s\n", Summary(res, o))
}

func position(v Violation) string {
	switch {
	case v.File == "":
		return "-"
	case v.Line == 0:
		return v.File
	case v.Column == 0:
		return fmt.Sprintf("%s:%d", v.File, v.Line)
	}
	return fmt.Sprintf("%s:%d:%d", v.File, v.Line, v.Column)
}

// LintSchema identifies the JSON output.
const LintSchema = "splitter-lint/v1"

type jsonOut struct {
	Schema     string      `json:"schema"`
	Module     string      `json:"module"`
	Violations []Violation `json:"violations"`
	Summary    jsonSummary `json:"summary"`
	Stale      []Entry     `json:"stale"`
	NotChecked []Entry     `json:"notChecked,omitempty"`
	Skipped    []string    `json:"skipped,omitempty"`
	Rules      []jsonRule  `json:"rules"`
	// Partial and SkippedPackages: packages that do not type-check were
	// left out (--allow-partial).
	Partial         bool                   `json:"partial,omitempty"`
	SkippedPackages []model.SkippedPackage `json:"skippedPackages,omitempty"`
}

type jsonSummary struct {
	Errors     int `json:"errors"`
	Warnings   int `json:"warnings"`
	Ignored    int `json:"ignored"`
	Stale      int `json:"stale"`
	NotChecked int `json:"notChecked"`
	Unchanged  int `json:"unchanged"`
}

type jsonRule struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Severity Severity `json:"severity"`
	Level    Level    `json:"level"`
}

func writeJSON(w io.Writer, res *Result) error {
	out := jsonOut{Schema: LintSchema, Module: res.Module, Violations: res.Violations, Stale: res.Stale, NotChecked: res.NotChecked, Skipped: res.Skipped,
		Summary:         jsonSummary{res.Errors, res.Warnings, res.Ignored, len(res.Stale), len(res.NotChecked), res.Unchanged},
		Partial:         len(res.SkippedPackages) > 0,
		SkippedPackages: res.SkippedPackages}
	if out.Violations == nil {
		out.Violations = []Violation{}
	}
	if out.Stale == nil {
		out.Stale = []Entry{}
	}
	for _, r := range res.Rules {
		out.Rules = append(out.Rules, jsonRule{r.ID, r.Name, r.Default, r.Level})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// FingerprintKey names splitter's entry in SARIF partialFingerprints. v2:
// a cycle is identified by one of its edges, not by its set of services.
const FingerprintKey = "splitterIdentity/v2"

// SARIF builds the SARIF 2.1.0 log of res.
func SARIF(res *Result, o WriteOptions) *sarif.Log {
	driver := sarif.Driver{Name: "splitter", Version: o.ToolVersion, InformationURI: "https://github.com/splitter-go/splitter"}
	index := map[string]int{}
	for i, r := range res.Rules {
		index[r.ID] = i
		full, _, _ := strings.Cut(r.Help, "\n\n")
		driver.Rules = append(driver.Rules, sarif.ReportingDescriptor{
			ID: r.ID, Name: r.Name,
			ShortDescription:     &sarif.Message{Text: r.Short},
			FullDescription:      &sarif.Message{Text: stripMarkdown(full)},
			Help:                 &sarif.Message{Text: stripMarkdown(r.Help), Markdown: r.Help},
			HelpURI:              "https://github.com/splitter-go/splitter#" + strings.ToLower(r.ID) + "-" + r.Name,
			DefaultConfiguration: &sarif.Configuration{Level: string(r.Default)},
			Properties:           map[string]any{"tags": ruleTags(r), "level": string(r.Level)},
		})
	}
	if driver.Rules == nil {
		driver.Rules = []sarif.ReportingDescriptor{}
	}
	run := sarif.Run{Tool: sarif.Tool{Driver: driver}, Results: []sarif.Result{}}
	inv := sarif.Invocation{ExecutionSuccessful: true}
	if len(res.Stale) > 0 {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarif.Notification{
			Level: "note", Message: sarif.Message{Text: plural(len(res.Stale), "baseline entry is", "baseline entries are") + " stale: remove with --update-baseline"}})
	}
	for _, sp := range res.SkippedPackages {
		n := sarif.Notification{Level: "warning", Message: sarif.Message{Text: "package " + sp.Package + " not checked: " + sp.Message}}
		if sp.File != "" {
			loc := sarif.Location{PhysicalLocation: sarif.PhysicalLocation{
				ArtifactLocation: sarif.ArtifactLocation{URI: o.PathPrefix + sp.File, URIBaseID: "%SRCROOT%"}}}
			if sp.Line > 0 {
				loc.PhysicalLocation.Region = &sarif.Region{StartLine: sp.Line, StartColumn: sp.Column}
			}
			n.Locations = []sarif.Location{loc}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run.Invocations = []sarif.Invocation{inv}
	for _, v := range res.Violations {
		r := sarif.Result{RuleID: v.Rule, RuleIndex: index[v.Rule], Level: string(v.Severity),
			Message:             sarif.Message{Text: v.Message},
			PartialFingerprints: map[string]string{FingerprintKey: v.Fingerprint},
			Properties:          map[string]any{"from": v.From},
		}
		if v.To != "" {
			r.Properties["to"] = v.To
		}
		if v.File != "" {
			loc := sarif.Location{PhysicalLocation: sarif.PhysicalLocation{
				ArtifactLocation: sarif.ArtifactLocation{URI: o.PathPrefix + v.File, URIBaseID: "%SRCROOT%"}}}
			if v.Line > 0 {
				loc.PhysicalLocation.Region = &sarif.Region{StartLine: v.Line, StartColumn: v.Column}
			}
			r.Locations = []sarif.Location{loc}
		}
		if len(v.Chain) > 0 {
			var tf sarif.ThreadFlow
			for _, c := range v.Chain {
				l := sarif.Location{Message: &sarif.Message{Text: c.Unit}}
				if c.File != "" {
					l.PhysicalLocation.ArtifactLocation = sarif.ArtifactLocation{URI: o.PathPrefix + c.File, URIBaseID: "%SRCROOT%"}
					if c.Line > 0 {
						l.PhysicalLocation.Region = &sarif.Region{StartLine: c.Line}
					}
				}
				tf.Locations = append(tf.Locations, sarif.ThreadFlowLocation{Location: l})
			}
			r.CodeFlows = []sarif.CodeFlow{{ThreadFlows: []sarif.ThreadFlow{tf}}}
		}
		run.Results = append(run.Results, r)
	}
	return &sarif.Log{Schema: sarif.Schema, Version: sarif.Version, Runs: []sarif.Run{run}}
}

func ruleTags(r Rule) []string {
	if strings.HasPrefix(r.ID, "SPL1") {
		return []string{"architecture", "serverless-readiness"}
	}
	return []string{"architecture", "service-boundaries"}
}

// stripMarkdown removes the backquotes of inline code for plain text.
func stripMarkdown(s string) string { return strings.ReplaceAll(s, "`", "") }

// writeGitHub prints GitHub Actions workflow commands: one ::error or
// ::warning annotation per violation, then a ::notice with the summary.
func writeGitHub(w io.Writer, res *Result, o WriteOptions) {
	for _, v := range res.Violations {
		props := []string{}
		if v.File != "" {
			props = append(props, "file="+ghProp(o.PathPrefix+v.File))
			if v.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", v.Line))
			}
			if v.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", v.Column))
			}
		}
		props = append(props, "title="+ghProp(v.Rule+" "+v.Name))
		fmt.Fprintf(w, "::%s %s::%s\n", v.Severity, strings.Join(props, ","), ghData(v.Message))
	}
	level := "notice"
	if len(res.Stale) > 0 && o.StrictBaseline {
		level = "error"
	}
	fmt.Fprintf(w, "::%s title=splitter lint::%s\n", level, ghData(Summary(res, o)))
}

func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProp(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
