package model

import "sort"

// What a cut costs at run time (package cost computes it): per entry point,
// the calls its requests make between services once they are cut apart,
// and, with runtime profiles, how much of the observed work crosses a
// boundary.

// EntryCost is what one request of an entry point costs under a cut. Units
// in the shared kernel are libraries linked into every service; units of no
// service are left out of every count.
type EntryCost struct {
	// RemoteCalls counts the distinct call edges the request can take
	// (over the call graph from the entry point's targets) whose caller
	// and callee are in different services: each becomes a network call.
	RemoteCalls int `json:"remoteCalls"`
	// KernelCalls counts, apart, the distinct call edges between a
	// service and the shared kernel, either way.
	KernelCalls int `json:"kernelCalls"`
	// Depth is the longest chain of remote calls: the most services a path
	// of remote hops passes through, minus one, in the graph of the
	// services the request touches, where services that call each other
	// (a strongly connected component) count once each, so recursion
	// cannot make it infinite.
	Depth int `json:"depth"`
	// Services lists the services whose code the request reaches.
	Services []string `json:"services,omitempty"`
	// ForeignTables lists the tables that the request's code in a service
	// reads or writes while that service does not own them (another
	// service or the kernel does, or none); schema statements aside, and
	// the kernel's own uses aside.
	ForeignTables []string `json:"foreignTables,omitempty"`
	// LoopCalls counts the remote call edges with a call site in a loop.
	LoopCalls int `json:"loopCalls"`
	// Hops are the remote calls grouped by pair of services.
	Hops []Hop `json:"hops,omitempty"`
	// Samples is the profile value of the stacks that run the entry
	// point's targets; RemoteSamples the part of it below a remote call.
	Samples       int64 `json:"samples,omitempty"`
	RemoteSamples int64 `json:"remoteSamples,omitempty"`
}

// Hop is the set of remote calls from one service to another in one
// entry point's request.
type Hop struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Calls counts its distinct call edges, Loop those with a call site
	// in a loop.
	Calls int `json:"calls"`
	Loop  int `json:"loop,omitempty"`
}

// Profile summarises the runtime profiles read with --profile. Frames are
// matched to units by function name (and file and line for package
// initialisers and main packages); nothing is dropped silently: frames of
// the module that match no unit are listed, and work outside the module
// is counted.
type Profile struct {
	// Files are the profiles, as given.
	Files []string `json:"files"`
	// SampleType is the value summed, "type/unit" (cpu/nanoseconds).
	SampleType string `json:"sampleType"`
	// Total is the sum of every sample's value.
	Total int64 `json:"total"`
	// Samples counts the profile's samples.
	Samples int `json:"samples"`
	// MatchedValue is the value of the samples with a frame in a unit.
	MatchedValue int64 `json:"matchedValue"`
	// Frames counts the frames of every sample's stack (inlined calls
	// included); UnmatchedFrames those of the module that match no unit,
	// ExternalFrames those outside the module (runtime, standard library,
	// dependencies): the rest matched a unit.
	Frames          int `json:"frames"`
	UnmatchedFrames int `json:"unmatchedFrames"`
	ExternalFrames  int `json:"externalFrames"`
	// Functions counts the profile's distinct functions: MatchedFunctions
	// matched Units distinct units, External are outside the module.
	Functions        int `json:"functions"`
	MatchedFunctions int `json:"matchedFunctions"`
	Units            int `json:"units"`
	External         int `json:"external"`
	// Unmatched lists the functions of the module that match no unit: code
	// of another version that no longer exists, or generated wrappers.
	Unmatched []UnmatchedFrame `json:"unmatched,omitempty"`
	// Weighted counts the call edges that got samples; NotInCallGraph the
	// observed caller→callee pairs of units that have no call edge, and
	// NotInCallGraphValue their value (calls the static call graph misses,
	// often through a dependency's callback).
	Weighted            int   `json:"weighted"`
	NotInCallGraph      int   `json:"notInCallGraph,omitempty"`
	NotInCallGraphValue int64 `json:"notInCallGraphValue,omitempty"`
}

// UnmatchedFrame is a function of the module that no unit matches.
type UnmatchedFrame struct {
	Function string `json:"function"`
	File     string `json:"file,omitempty"`
	// Value is the value of the samples whose stacks hold it.
	Value int64 `json:"value"`
}

// normalizeCost sorts the cost's lists into their canonical order.
func normalizeCost(m *Model) {
	for i := range m.EntryPoints {
		c := m.EntryPoints[i].Cost
		if c == nil {
			continue
		}
		sort.Strings(c.Services)
		sort.Strings(c.ForeignTables)
		sort.Slice(c.Hops, func(a, b int) bool {
			if c.Hops[a].From != c.Hops[b].From {
				return c.Hops[a].From < c.Hops[b].From
			}
			return c.Hops[a].To < c.Hops[b].To
		})
	}
	if p := m.Profile; p != nil {
		sort.Slice(p.Unmatched, func(a, b int) bool {
			x, y := p.Unmatched[a], p.Unmatched[b]
			if x.Value != y.Value {
				return x.Value > y.Value
			}
			return x.Function < y.Function
		})
	}
}
