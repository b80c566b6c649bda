// Package markdown writes splitter's results as GitHub-flavoured Markdown
// for a pull-request comment or a job summary: splitter diff's report
// (with a mermaid diagram of the services whose dependencies changed) and
// splitter lint's violations.
//
// A comment must fit GitHub's limit (GitHubLimit bytes). The parts of a
// comment come in order of importance (totals and the diagram first, then
// what the change adds, then what it removes); when the next item would not
// fit, it and every later one are left out and a last line says how many.
// The same input gives the same bytes.
package markdown

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/splitter-go/splitter/lint"
)

// GitHubLimit is the most bytes GitHub accepts in a comment body (and in a
// job summary step).
const GitHubLimit = 65536

// Markers open each comment, so that a bot can find the comment it wrote
// before and update it instead of adding another.
const (
	DiffMarker = "<!-- splitter:diff -->"
	LintMarker = "<!-- splitter:lint -->"
)

// Options tune the writers.
type Options struct {
	// SourceURL, when set, links each file:line to SourceURL + PathPrefix
	// + path + "#L" + line (e.g. https://github.com/o/r/blob/SHA/).
	SourceURL string
	// PathPrefix is the module's directory inside the repository
	// ("services/api/"), for the links.
	PathPrefix string
	// Limit is the most bytes to write; 0 means GitHubLimit.
	Limit int
}

// reserve is kept free for the closing line that counts what was left out.
const reserve = 400

// doc is a comment under construction with a byte budget.
type doc struct {
	b       strings.Builder
	limit   int
	omitted int
	full    bool
}

func newDoc(o Options) *doc {
	l := o.Limit
	if l <= 0 {
		l = GitHubLimit
	}
	return &doc{limit: l}
}

// fixed writes s whatever the budget (headers and totals, which are small).
func (d *doc) fixed(s string) { d.b.WriteString(s) }

func (d *doc) fits(n int) bool { return !d.full && d.b.Len()+n+reserve <= d.limit }

// section writes head, as many items as fit, and tail; nothing when not
// even the first item fits. Once an item does not fit, no later one of
// any section is written, so that what is shown is a prefix in order of
// importance.
func (d *doc) section(head string, items []string, tail string) {
	if len(items) == 0 {
		return
	}
	if !d.fits(len(head) + len(items[0]) + len(tail)) {
		d.full = true
		d.omitted += len(items)
		return
	}
	d.b.WriteString(head)
	for i, it := range items {
		if !d.fits(len(it) + len(tail)) {
			d.full = true
			d.omitted += len(items) - i
			break
		}
		d.b.WriteString(it)
	}
	d.b.WriteString(tail)
}

// finish closes the comment with the count of what was left out.
func (d *doc) finish(what string) []byte {
	if d.omitted > 0 {
		fmt.Fprintf(&d.b, "\n_… and %s more not shown: a comment holds at most %s bytes. %s_\n",
			strconv.Itoa(d.omitted), thousands(d.limit), what)
	}
	out := []byte(d.b.String())
	if len(out) > d.limit { // only if the fixed parts alone are too long
		cut := d.limit - 64
		for cut > 0 && out[cut]&0xC0 == 0x80 {
			cut-- // not inside a UTF-8 sequence
		}
		out = append(out[:cut:cut], []byte("\n\n_… cut: the comment is limited in size._\n")...)
	}
	return out
}

func thousands(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// link renders file:line, linked when a source URL is set and the place
// is in the head's code.
func (o Options) link(file string, line int, linked bool) string {
	if file == "" {
		return "—"
	}
	text := file
	if line > 0 {
		text = fmt.Sprintf("%s:%d", file, line)
	}
	if o.SourceURL == "" || !linked {
		return "`" + text + "`"
	}
	url := o.SourceURL + o.PathPrefix + file
	if line > 0 {
		url += "#L" + strconv.Itoa(line)
	}
	return "[`" + text + "`](" + escapeURL(url) + ")"
}

func escapeURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29").Replace(u)
}

// cell escapes text for a table cell: pipes, HTML and line breaks.
func cell(s string) string {
	s = strings.NewReplacer("\\", "\\\\", "|", "\\|", "<", "&lt;", ">", "&gt;", "\r", "", "\n", " ").Replace(s)
	return s
}

// code renders s as inline code.
func code(s string) string {
	if strings.Contains(s, "`") {
		return "``" + s + "``"
	}
	return "`" + s + "`"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// severityMark is a violation's severity at a glance.
func severityMark(s lint.Severity) string {
	if s == lint.Error {
		return "error"
	}
	return "warning"
}

// violationRows renders violations as table rows.
func violationRows(vs []lint.Violation, o Options, linked bool, names map[string]string) []string {
	rows := make([]string, 0, len(vs))
	for _, v := range vs {
		rule := v.Rule
		if n := v.Name; n != "" {
			rule += " " + n
		} else if n := names[v.Rule]; n != "" {
			rule += " " + n
		}
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %s |\n", severityMark(v.Severity), rule, o.link(v.File, v.Line, linked), cell(v.Message)))
	}
	return rows
}

const violationHead = "| severity | rule | where | message |\n|---|---|---|---|\n"

// Lint writes lint's result: the totals, then the violations it reports
// (those the baseline does not hold), errors first, linked to their lines.
func Lint(res *lint.Result, o Options, summary string) []byte {
	d := newDoc(o)
	d.fixed(LintMarker + "\n")
	title := "no violations"
	if res.Errors+res.Warnings > 0 {
		title = plural(res.Errors, "error", "errors") + ", " + plural(res.Warnings, "warning", "warnings")
	}
	d.fixed("### splitter lint: " + title + "\n")
	if summary != "" && summary != title {
		d.fixed("\n" + cell(summary) + ".\n")
	}
	if len(res.Violations) > 0 {
		byRule := map[string]int{}
		var order []string
		for _, v := range res.Violations {
			if byRule[v.Rule] == 0 {
				order = append(order, v.Rule)
			}
			byRule[v.Rule]++
		}
		names := map[string]string{}
		for _, r := range res.Rules {
			names[r.ID] = r.Name
		}
		d.fixed("\n| rule | violations |\n|---|---:|\n")
		for _, r := range order {
			d.fixed(fmt.Sprintf("| %s %s | %d |\n", r, names[r], byRule[r]))
		}
		d.section("\n"+violationHead, violationRows(res.Violations, o, true, names), "")
	}
	if n := len(res.Stale); n > 0 {
		items := make([]string, 0, n)
		for _, e := range res.Stale {
			to := ""
			if e.To != "" {
				to = " → " + code(e.To)
			}
			items = append(items, fmt.Sprintf("- %s %s%s\n", e.Rule, code(e.From), to))
		}
		d.section(fmt.Sprintf("\n<details><summary>%s (their violations are gone: drop them with <code>--update-baseline</code>)</summary>\n\n", plural(n, "stale baseline entry", "stale baseline entries")),
			items, "\n</details>\n")
	}
	return d.finish("`splitter lint` lists them all.")
}
