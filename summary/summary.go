// Package summary computes, once, the numbers splitter shows about a model:
// sizes, entry points per kind and how much code each reaches, services
// (the shared kernel never counted among them), functions per way of
// deploying, findings per severity and grouped by what they say. The
// terminal summaries and the HTML report read them from here, so that every
// output says the same thing; the JSON model holds the lists they count.
package summary

import (
	"sort"
	"strconv"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Summary holds the counts of one model.
type Summary struct {
	Packages, Units, LOC int
	// EdgeKinds counts the edges per kind, by kind name.
	EdgeKinds []KindCount
	// EntryPoints is the number of entry points; EntryKinds counts them per
	// kind, the most frequent first.
	EntryPoints int
	EntryKinds  []KindCount
	// Services is the number of proposed services, the shared kernel
	// excluded (metrics.services in the JSON model); Kernel says whether
	// there is a shared kernel besides them.
	Services int
	Kernel   bool
	// Functions is the number of proposed deployments (functions[] in the
	// JSON model); Deploys counts them per way of deploying, the most
	// frequent first.
	Functions int
	Deploys   []KindCount
	// Findings counts the readiness findings that stand (suppressed ones do
	// not count), per severity; Suppressed the others.
	Findings                int
	Errors, Warnings, Infos int
	Suppressed              int
	// FindingGroups groups the standing findings, SuppressedGroups the
	// others (see Group).
	FindingGroups    []FindingGroup
	SuppressedGroups []FindingGroup
}

// KindCount is a number of things of one kind.
type KindCount struct {
	Kind  string
	Count int
}

// FindingGroup is the findings of one rule that say the same thing, at
// several places: shown once, with the places listed.
type FindingGroup struct {
	Rule     string
	Severity model.Severity
	Message  string
	Findings []model.Finding // in the model's order
}

// Of computes the summary of m.
func Of(m *model.Model) Summary {
	s := Summary{Packages: len(m.Packages), Units: len(m.Units), EntryPoints: len(m.EntryPoints), Functions: len(m.Functions)}
	for _, p := range m.Packages {
		s.LOC += p.LOC
	}
	edges := map[string]int{}
	for _, e := range m.Edges {
		edges[string(e.Kind)]++
	}
	s.EdgeKinds = byName(edges)
	kinds := map[string]int{}
	for _, ep := range m.EntryPoints {
		kinds[string(ep.Kind)]++
	}
	s.EntryKinds = mostFirst(kinds)
	for _, sv := range m.Services {
		if sv.Name == model.SharedService {
			s.Kernel = true
		} else {
			s.Services++
		}
	}
	deploys := map[string]int{}
	for _, f := range m.Functions {
		deploys[string(f.Deploy)]++
	}
	s.Deploys = mostFirst(deploys)
	var live, muted []model.Finding
	for _, f := range m.Findings {
		if f.Suppressed != "" {
			muted = append(muted, f)
			continue
		}
		live = append(live, f)
		switch f.Severity {
		case model.SevError:
			s.Errors++
		case model.SevWarning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
	s.Findings, s.Suppressed = len(live), len(muted)
	s.FindingGroups, s.SuppressedGroups = Group(live), Group(muted)
	return s
}

// Group gathers findings of the same rule, severity and message, in the
// order of their first finding.
func Group(fs []model.Finding) []FindingGroup {
	var out []FindingGroup
	index := map[[3]string]int{}
	for _, f := range fs {
		k := [3]string{f.Rule, string(f.Severity), f.Message}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, FindingGroup{Rule: f.Rule, Severity: f.Severity, Message: f.Message})
		}
		out[i].Findings = append(out[i].Findings, f)
	}
	return out
}

// ServicesText says how many services there are: "22 services and the
// shared kernel", "1 service", "no services".
func (s Summary) ServicesText() string {
	switch {
	case s.Services == 0 && s.Kernel:
		return "the shared kernel only"
	case s.Services == 0:
		return "no services"
	case s.Kernel:
		return Count(s.Services, "service") + " and the shared kernel"
	}
	return Count(s.Services, "service")
}

// KindsText lists counts as "176 http, 1 init, 1 main".
func KindsText(ks []KindCount) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = strconv.Itoa(k.Count) + " " + k.Kind
	}
	return strings.Join(parts, ", ")
}

// DeploysText lists the deployments as "76 functions, 1 long-running
// program" (the deployment kind "service" is the program that stays, not
// one of the proposed services).
func (s Summary) DeploysText() string {
	parts := make([]string, len(s.Deploys))
	for i, k := range s.Deploys {
		noun := k.Kind
		if k.Kind == string(model.DeployService) {
			noun = "long-running program"
		}
		parts[i] = Count(k.Count, noun)
	}
	return strings.Join(parts, ", ")
}

// FindingsText says how many findings stand and of which severity:
// "14 readiness findings (11 errors, 3 warnings)".
func (s Summary) FindingsText() string {
	t := Count(s.Findings, "readiness finding")
	var sev []string
	for _, c := range []struct {
		n    int
		noun string
	}{{s.Errors, "error"}, {s.Warnings, "warning"}, {s.Infos, "info"}} {
		if c.n > 0 {
			sev = append(sev, Count(c.n, c.noun))
		}
	}
	if len(sev) > 0 {
		t += " (" + strings.Join(sev, ", ") + ")"
	}
	if s.Suppressed > 0 {
		t += ", " + strconv.Itoa(s.Suppressed) + " suppressed"
	}
	return t
}

// Count is n and the noun, plural unless n is 1: "1 entry point",
// "2 entry points", "3 directories". Words that do not change ("info",
// "LOC") stay as they are.
func Count(n int, noun string) string {
	return strconv.Itoa(n) + " " + Plural(n, noun)
}

// Plural is noun in the plural unless n is 1.
func Plural(n int, noun string) string {
	if n == 1 || invariable[noun] {
		return noun
	}
	i := strings.LastIndexByte(noun, ' ')
	head, last := noun[:i+1], noun[i+1:]
	switch {
	case strings.HasSuffix(last, "y") && len(last) > 1 && !strings.ContainsRune("aeiou", rune(last[len(last)-2])):
		return head + last[:len(last)-1] + "ies"
	case strings.HasSuffix(last, "s"), strings.HasSuffix(last, "x"), strings.HasSuffix(last, "sh"), strings.HasSuffix(last, "ch"):
		return head + last + "es"
	}
	return head + last + "s"
}

var invariable = map[string]bool{"info": true, "LOC": true, "lines of code": true}

func byName(m map[string]int) []KindCount {
	out := make([]KindCount, 0, len(m))
	for k, n := range m {
		out = append(out, KindCount{k, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

func mostFirst(m map[string]int) []KindCount {
	out := byName(m)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}
