package model

import "sort"

// The serverless proposal: the functions each service could be deployed as,
// and the readiness findings that block them. Absent until computed
// (splitter suggest functions).

// Deploy says how a proposed unit of deployment runs.
type Deploy string

const (
	// DeployFunction: a serverless function (AWS Lambda).
	DeployFunction Deploy = "function"
	// DeployContainer: an always-on container service (gRPC needs HTTP/2
	// end to end and long-lived streams, which functions do not offer).
	DeployContainer Deploy = "container"
	// DeployJob: a one-off job run on demand (CLI commands).
	DeployJob Deploy = "job"
	// DeployService: the program itself (a main package): it stays a
	// long-running service until its entry points have moved out.
	DeployService Deploy = "service"
)

// TriggerType says what starts a function.
type TriggerType string

const (
	TriggerHTTP     TriggerType = "http"     // API gateway route or function URL
	TriggerSchedule TriggerType = "schedule" // scheduled rule (cron)
	TriggerQueue    TriggerType = "queue"    // queue or topic
	TriggerHTTP2    TriggerType = "http2"    // gRPC behind an HTTP/2 load balancer
	TriggerManual   TriggerType = "manual"   // started by hand or by a pipeline
	TriggerProcess  TriggerType = "process"  // the process starts it (main)
)

// Function is one proposed deployable: a serverless function, or the
// container, job or service an entry point needs when a function does not fit.
type Function struct {
	// Name is unique in the model: lower-case words joined by '-'.
	Name string `json:"name"`
	// Service is the service it belongs to ("" when no services are computed).
	Service string `json:"service,omitempty"`
	Deploy  Deploy `json:"deploy"`
	// Group says why these entry points are together, for people:
	// "resource catalog", "route GET /v1/orders", "split of orders: ...".
	Group string `json:"group"`
	// EntryPoints lists the ids of the entry points it serves.
	EntryPoints []string          `json:"entrypoints"`
	Triggers    []FunctionTrigger `json:"triggers"`
	// Units lists every unit its entry points reach: call edges and
	// functions used as values from the handlers, plus the types, vars and
	// consts those reference.
	Units    []string `json:"units"`
	Packages []string `json:"packages"`
	// LOC is the reach's lines of code; ExclusiveLOC those no other
	// proposed function, container or job reaches; SharedLOC the rest.
	LOC          int `json:"loc"`
	ExclusiveLOC int `json:"exclusiveLoc"`
	SharedLOC    int `json:"sharedLoc"`
	// EstimatedSize is the estimated size in bytes of its stripped
	// linux/arm64 binary (model in docs/SUGGEST.md); MeasuredSize the size of
	// a real build (--measure-size), 0 when not measured.
	EstimatedSize int64 `json:"estimatedSize"`
	MeasuredSize  int64 `json:"measuredSize,omitempty"`
	// Findings counts its readiness findings by severity (suppressed ones excluded).
	Findings FindingCount `json:"findings"`
	// Note says what to know before deploying it, for people.
	Note string `json:"note,omitempty"`
}

// FunctionTrigger is what starts a function for one of its entry points.
type FunctionTrigger struct {
	EntryPoint string      `json:"entrypoint"`
	Type       TriggerType `json:"type"`
	// HTTP: Method ("ANY" for every method) and Path in API gateway syntax
	// ({id}, {path+}); Path "" when the route is not a constant (use a
	// function URL).
	Method string `json:"method,omitempty"`
	Path   string `json:"path,omitempty"`
	// Schedule: the original spec and the AWS schedule expression
	// ("rate(15 minutes)", "cron(0 8 ? * MON *)"); Expression is "" when the
	// spec cannot be converted.
	Schedule   string `json:"schedule,omitempty"`
	Expression string `json:"expression,omitempty"`
	// Queue: the broker and topic of the original consumer.
	Broker string `json:"broker,omitempty"`
	Topic  string `json:"topic,omitempty"`
	// HTTP/2: the gRPC service and method.
	RPC string `json:"rpc,omitempty"`
	// Manual / process: the command.
	Command string `json:"command,omitempty"`
}

// FindingCount counts findings by severity.
type FindingCount struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
}

// Finding is something in the code that must change before a function can
// run as a stateless, short-lived function.
type Finding struct {
	// Rule is the rule id (SPL101...); rules are listed in docs/SUGGEST.md.
	Rule     string   `json:"rule"`
	Severity Severity `json:"severity"`
	// File and Line locate the offending code; Unit is the unit holding it.
	File string `json:"file"`
	Line int    `json:"line"`
	Unit string `json:"unit"`
	// Message says what is wrong and what to change.
	Message string `json:"message"`
	// EntryPoint is the entry point the chain starts from; Chain the units
	// from its handler to Unit (shortest path over call edges). For cold
	// start findings the chain starts at the init func or initialised var.
	EntryPoint string   `json:"entrypoint,omitempty"`
	Chain      []string `json:"chain"`
	// Functions lists the proposed functions it affects.
	Functions []string `json:"functions"`
	// Suppressed holds the reason when a //splitter:ignore comment or the
	// config suppresses it; suppressed findings do not count.
	Suppressed string `json:"suppressed,omitempty"`
}

// normalizeServerless sorts the facts, functions and findings into their
// canonical order.
func normalizeServerless(m *Model) {
	sortFacts(m)
	sort.Slice(m.Functions, func(i, j int) bool { return m.Functions[i].Name < m.Functions[j].Name })
	for i := range m.Functions {
		f := &m.Functions[i]
		for _, l := range [][]string{f.EntryPoints, f.Units, f.Packages} {
			sort.Strings(l)
		}
		ts := f.Triggers
		sort.Slice(ts, func(a, b int) bool { return ts[a].EntryPoint < ts[b].EntryPoint })
	}
	sort.Slice(m.Findings, func(i, j int) bool {
		a, b := m.Findings[i], m.Findings[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Unit < b.Unit
	})
	for i := range m.Findings {
		sort.Strings(m.Findings[i].Functions)
	}
}
