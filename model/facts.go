package model

import (
	"sort"
	"strings"
)

// FactKind says what a Fact records.
type FactKind string

// Facts are what the analyzer saw in a unit's code that matters for running
// it as a short-lived, stateless function. They are observations, not
// verdicts: the suggest package decides which ones are findings, from the
// entry points that reach them.
const (
	// FactGoroutine: a goroutine start (go statement, WaitGroup.Go,
	// errgroup.Group.Go). Joined tells whether the same function waits for it.
	FactGoroutine FactKind = "goroutine"
	// FactListener: a server or listener: net.Listen, http.ListenAndServe,
	// (*http.Server).Serve, (*grpc.Server).Serve, gin's Run...
	FactListener FactKind = "listener"
	// FactTicker: time.NewTicker, time.Tick, (*cron.Cron).Start.
	FactTicker FactKind = "ticker"
	// FactTimer: time.AfterFunc.
	FactTimer FactKind = "timer"
	// FactLoop: an endless worker loop: for { select ... }, for { ... time.Sleep },
	// for range ticker.C.
	FactLoop FactKind = "loop"
	// FactFSWrite: a filesystem write whose path is not under the temp dir.
	FactFSWrite FactKind = "fs-write"
	// FactWebsocket: a websocket upgrade (gorilla, nhooyr/coder, gobwas, x/net).
	FactWebsocket FactKind = "websocket"
	// FactSSE: a server-sent event stream: an http.Flusher flushed in a loop.
	FactSSE FactKind = "sse"
	// FactGRPCStream: a method serving a streaming RPC (a parameter
	// implements grpc.ServerStream).
	FactGRPCStream FactKind = "grpc-stream"
	// FactProcess: process-wide state or control: os.Setenv, os.Chdir,
	// os.Exit, log.Fatal, signal.Notify.
	FactProcess FactKind = "process"
	// FactLock and FactCache: a package-level variable (named by Var) that is
	// a sync.Mutex/RWMutex, or a sync.Map or in-memory cache library.
	FactLock  FactKind = "lock"
	FactCache FactKind = "cache"
	// FactIO: I/O that makes a cold start slow when it runs at package
	// initialisation: database connect/ping, HTTP calls, file reads, dials.
	FactIO FactKind = "io"
	// FactGlobalWrite: a write to a package-level variable of the module (the
	// global-write edge, with its line and how it writes). One per variable
	// and way of writing in a unit.
	FactGlobalWrite FactKind = "global-write"
	// FactInitCall: a module function called at package initialisation (from
	// an init func or a var initialiser, outside func literals).
	FactInitCall FactKind = "init-call"
	// FactIgnore: a //splitter:ignore comment; it covers Line..EndLine.
	FactIgnore FactKind = "ignore"
	// FactDispatch: a call that runs a command tree (cobra's Execute,
	// urfave/cli's Run): the program does what the command line asks.
	// A program that builds the tree without running it (a generator of
	// CLI docs) does none of what its commands do.
	FactDispatch FactKind = "dispatch"
)

// Fact is one observation in a unit's code. Only the fields of its kind are set.
type Fact struct {
	Kind FactKind `json:"kind"`
	// Call names the API or construct: "net.Listen", "os.WriteFile",
	// "go", "for-select". For global-write facts it says how the variable is
	// written: "=", "++", "[]=", "&", "delete", or a method name ("Lock").
	Call string `json:"call,omitempty"`
	// File and Line locate it (File relative to the model's root).
	File string `json:"file"`
	Line int    `json:"line"`
	// EndLine is the last line an ignore comment covers.
	EndLine int `json:"endLine,omitempty"`
	// Var is the package-level variable's name (lock, cache, global-write):
	// a parenthesised var block is one unit, Var says which of its names.
	Var string `json:"var,omitempty"`
	// Target is a unit id: the variable's unit (global-write) or the called
	// function (init-call).
	Target string `json:"target,omitempty"`
	// Detail is for people: the variable's type class (map, slice, counter,
	// sync.Mutex...), the path written, the database driver...
	Detail string `json:"detail,omitempty"`
	// Callees lists the module functions a goroutine or timer runs.
	Callees []string `json:"callees,omitempty"`
	// Joined: the function that starts the goroutine waits for it
	// (WaitGroup.Wait, errgroup Wait, or receiving from a channel it signals).
	Joined bool `json:"joined,omitempty"`
	// Detached: the fact sits in a func literal run by a goroutine that the
	// unit starts and does not wait for.
	Detached bool `json:"detached,omitempty"`
	// Deferred: the fact sits in a func literal that is not called on the
	// spot (a callback), so it does not run when the unit runs.
	Deferred bool `json:"deferred,omitempty"`
	// Stopped: a ticker or timer whose Stop the same function calls.
	Stopped bool `json:"stopped,omitempty"`
	// Lazy: a global write that is a one-time lazy initialisation (inside
	// sync.Once.Do, or under an "if x == nil" check).
	Lazy bool `json:"lazy,omitempty"`
	// Rule and Reason: for ignore facts, the rule ids (comma-separated, or
	// "all") and the reason given.
	Rule   string `json:"rule,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// sortFacts puts every unit's facts in their canonical order: by line,
// then kind, then the other fields.
func sortFacts(m *Model) {
	for i := range m.Units {
		fs := m.Units[i].Facts
		for j := range fs {
			sort.Strings(fs[j].Callees)
		}
		sort.SliceStable(fs, func(a, b int) bool { return factLess(fs[a], fs[b]) })
	}
}

func factLess(a, b Fact) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Call != b.Call {
		return a.Call < b.Call
	}
	if a.Var != b.Var {
		return a.Var < b.Var
	}
	if a.Target != b.Target {
		return a.Target < b.Target
	}
	if a.Rule != b.Rule {
		return a.Rule < b.Rule
	}
	return strings.Join(a.Callees, ",") < strings.Join(b.Callees, ",")
}

// ServerCommands returns the IDs of the command-line entry points that
// start a server: a listener (FactListener) is among what their handlers
// reach through calls. Such a command runs the program (memos' root
// command, whatever its name), it is not a use case, and its requests are
// its routes'. Commands of a tool, which listen on nothing, are use cases.
func ServerCommands(m *Model) map[string]bool {
	var cmds []int
	for i, ep := range m.EntryPoints {
		if ep.Kind == EntryCLI {
			cmds = append(cmds, i)
		}
	}
	if len(cmds) == 0 {
		return nil
	}
	listens := make([]bool, len(m.Units))
	for i, u := range m.Units {
		for _, f := range u.Facts {
			if f.Kind == FactListener {
				listens[i] = true
				break
			}
		}
	}
	out := map[string]bool{}
	w := NewCallWalk(m)
	for _, i := range cmds {
		w.Walk(m.EntryPoints[i].Targets, func(u int) bool {
			if listens[u] {
				out[m.EntryPoints[i].ID] = true
			}
			return !listens[u]
		})
	}
	return out
}
