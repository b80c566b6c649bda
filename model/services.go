package model

// The decomposition: what the clusterer proposes. These parts of the model
// are empty until services are computed (splitter analyze does it).

// SharedService is the name of the shared kernel: units most use cases need
// and that hold no domain state (logging, config, errors, DB setup, helpers).
const SharedService = "shared"

// Service is one proposed service.
type Service struct {
	Name string `json:"name"`
	// Units lists the unit ids assigned to it.
	Units []string `json:"units"`
	// Packages lists the packages whose units all belong to it; Split lists
	// those it shares with other services (they yield moves).
	Packages []string `json:"packages"`
	Split    []string `json:"split,omitempty"`
	// EntryPoints lists the ids of the entry points whose handler it holds.
	EntryPoints []string `json:"entrypoints"`
	LOC         int      `json:"loc"`
	// Tables it owns (it is the only one to write them, or the main reader);
	// SharedTables are touched by other services too.
	Tables       []string `json:"tables"`
	SharedTables []string `json:"sharedTables"`
	// API lists its units called from other services: those calls become
	// network calls once it is extracted.
	API []string `json:"api"`
	// DependsOn and UsedBy: the services it calls and that call it, with the
	// number of call sites.
	DependsOn []ServiceLink `json:"dependsOn"`
	UsedBy    []ServiceLink `json:"usedBy"`
	// Extraction is its rank in the extraction plan (1 = extract first);
	// 0 for the shared kernel.
	Extraction int `json:"extraction"`
}

// ServiceLink is a dependency between two services.
type ServiceLink struct {
	Service string `json:"service"`
	Calls   int    `json:"calls"`
	// UseCases is the number of business entry points whose requests make
	// this dependency's calls; PerRequest the most distinct call edges of
	// the dependency one of those requests reaches. Samples is the profile
	// value of the stacks that cross it (with --profile).
	UseCases   int   `json:"useCases,omitempty"`
	PerRequest int   `json:"perRequest,omitempty"`
	Samples    int64 `json:"samples,omitempty"`
}

// Move is a refactoring step: a unit whose package is split across services
// moves to the service it was assigned to.
type Move struct {
	Unit    string `json:"unit"`
	Package string `json:"package"`
	To      string `json:"to"`
	// Reason is the strongest evidence for the move, for people.
	Reason string `json:"reason"`
}

// Reason explains why a unit is in its service: the strongest pulls.
type Reason struct {
	// Signal is call, ref, usecase, table, name, history, seed, kernel or package.
	Signal string  `json:"signal"`
	Detail string  `json:"detail"`
	Weight float64 `json:"weight"`
}

// Decomposition metrics (formulas in the metrics package's docs).
type Metrics struct {
	Services          int     `json:"services"`
	Modularity        float64 `json:"modularity"`
	ICP               float64 `json:"icp"`
	BCP               float64 `json:"bcp"`
	SM                float64 `json:"sm"`
	IFN               float64 `json:"ifn"`
	NED               float64 `json:"ned"`
	CrossServiceCalls int     `json:"crossServiceCalls"`
	SharedTables      int     `json:"sharedTables"`
}
