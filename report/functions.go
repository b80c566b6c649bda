package report

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// fnRow is one proposed serverless function in the report.
type fnRow struct {
	Name, Anchor string
	Service      link
	Deploy       string
	Triggers     []string
	EntryPoints  int
	LOC, Own     int
	SharedLOC    int
	Size         string
	Errors       int
	Warnings     int
	Note         string
}

// findingRow is one readiness finding in the report.
type findingRow struct {
	Rule, Severity string
	Unit           string
	Where          link
	Message        string
	Chain          string
	Functions      []link
	Suppressed     string
}

// functionsView fills the serverless section: the functions, their
// triggers and sizes, and the findings that stand in their way.
func (v *view) functionsView() {
	m := v.M
	used := map[string]bool{}
	anchor := map[string]string{}
	for _, f := range m.Functions {
		a := uniqueSlug("fn-"+f.Name, used)
		anchor[f.Name] = a
		row := fnRow{Name: f.Name, Anchor: a, Deploy: string(f.Deploy), EntryPoints: len(f.EntryPoints),
			LOC: f.LOC, Own: f.ExclusiveLOC, SharedLOC: f.SharedLOC, Size: megabytes(f.EstimatedSize),
			Errors: f.Findings.Error, Warnings: f.Findings.Warning, Note: f.Note}
		if f.MeasuredSize > 0 {
			row.Size = megabytes(f.MeasuredSize) + " (built)"
		}
		if f.Service != "" {
			row.Service = link{Text: f.Service}
			if i, ok := v.byName[f.Service]; ok {
				row.Service.Href = "#" + v.Services[i].ID
			}
		}
		for _, t := range f.Triggers {
			row.Triggers = append(row.Triggers, triggerText(t))
		}
		v.Functions = append(v.Functions, row)
	}
	for _, f := range m.Findings {
		r := findingRow{Rule: f.Rule, Severity: string(f.Severity), Unit: v.short(f.Unit), Where: v.where(f.File, f.Line),
			Message: f.Message, Suppressed: f.Suppressed}
		chain := make([]string, len(f.Chain))
		for i, c := range f.Chain {
			chain[i] = v.short(c)
		}
		r.Chain = strings.Join(chain, " → ")
		for _, fn := range f.Functions {
			r.Functions = append(r.Functions, link{Text: fn, Href: "#" + anchor[fn]})
		}
		v.Findings = append(v.Findings, r)
	}
}

func triggerText(t model.FunctionTrigger) string {
	switch t.Type {
	case model.TriggerHTTP:
		m := t.Method
		if m == "" {
			m = "ANY"
		}
		return m + " " + t.Path
	case model.TriggerSchedule:
		if t.Expression != "" {
			return t.Expression
		}
		return t.Schedule
	case model.TriggerQueue:
		return t.Broker + " " + t.Topic
	case model.TriggerHTTP2:
		return "gRPC " + t.RPC
	case model.TriggerManual, model.TriggerProcess:
		return string(t.Type) + " " + t.Command
	}
	return string(t.Type)
}

func megabytes(n int64) string {
	if n <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// triggerSources names the outside systems that start functions.
var triggerSources = map[model.TriggerType]string{
	model.TriggerHTTP:     "API gateway",
	model.TriggerSchedule: "scheduler",
	model.TriggerQueue:    "queue / topic",
	model.TriggerHTTP2:    "HTTP/2 load balancer",
	model.TriggerManual:   "job runner",
	model.TriggerProcess:  "process start",
}

// functionMap draws the functions grouped by service, each fed by the
// kinds of trigger that start it; a function with error findings is red.
func functionMap(v *view, budget int) diagram {
	m := v.M
	d := diagram{Name: "functions", Title: "Function map"}
	if len(m.Functions) > budget {
		d.Notes = append(d.Notes, fmt.Sprintf("%d functions are more than the diagram's budget of %d: see the table below.", len(m.Functions), budget))
		return d
	}
	var b bytes.Buffer
	b.WriteString("digraph functions {\n  id=\"fm\"; rankdir=LR; fontname=\"Helvetica\"; node [fontname=\"Helvetica\", fontsize=10]; edge [color=\"#888888\"];\n")
	used := map[model.TriggerType]bool{}
	byService := map[string][]int{}
	var services []string
	for i, f := range m.Functions {
		if _, ok := byService[f.Service]; !ok {
			services = append(services, f.Service)
		}
		byService[f.Service] = append(byService[f.Service], i)
		for _, t := range f.Triggers {
			used[t.Type] = true
		}
	}
	sort.Strings(services)
	var kinds []string
	for t := range used {
		kinds = append(kinds, string(t))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(&b, "  %s %s;\n", dotQuote("trig-"+k), attrs("id", dotQuote("fm-trig-"+k), "label", dotLabel(triggerSources[model.TriggerType(k)]),
			"shape", "cds", "style", "filled", "fillcolor", dotQuote("#eeeeee")))
	}
	for si, s := range services {
		name := s
		if name == "" {
			name = "module"
		}
		class := "svc"
		if i, ok := v.byName[s]; ok {
			class += " " + v.Services[i].Class
		}
		fmt.Fprintf(&b, "  subgraph %s {\n    id=%s; label=%s; style=rounded; color=\"#999999\";\n", dotQuote(fmt.Sprintf("cluster_%d", si)),
			dotQuote(fmt.Sprintf("fm-svc%d", si)), dotLabel(name))
		for _, i := range byService[s] {
			f := m.Functions[i]
			fill := "#e3f2fd"
			if f.Findings.Error > 0 {
				fill = "#ffd6d6"
			}
			label := []string{f.Name, fmt.Sprintf("%s · %d entry points · %s", f.Deploy, len(f.EntryPoints), megabytes(f.EstimatedSize))}
			fmt.Fprintf(&b, "    %s %s;\n", dotQuote(fmt.Sprintf("f%d", i)), attrs("id", dotQuote(fmt.Sprintf("fm-f%d", i)), "class", dotQuote(class),
				"label", dotLabel(label...), "tooltip", dotTooltip(f.Group), "shape", "box", "style", dotQuote("rounded,filled"), "fillcolor", dotQuote(fill)))
		}
		b.WriteString("  }\n")
	}
	for i, f := range m.Functions {
		seen := map[model.TriggerType]bool{}
		for _, t := range f.Triggers {
			if !seen[t.Type] {
				seen[t.Type] = true
				fmt.Fprintf(&b, "  %s -> %s [id=%s];\n", dotQuote("trig-"+string(t.Type)), dotQuote(fmt.Sprintf("f%d", i)),
					dotQuote(fmt.Sprintf("fm-e%d-%s", i, t.Type)))
			}
		}
	}
	b.WriteString("}\n")
	d.DOT = b.Bytes()
	return d
}
