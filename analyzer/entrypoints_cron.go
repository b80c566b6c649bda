package analyzer

// robfig/cron: AddFunc(spec, func()) and AddJob(spec, job), the schedule
// verbatim; a cron.Job value's handler is its Run method.

func init() {
	builtinConsumers = append(builtinConsumers, ConsumerDecl{Framework: "robfig/cron", Kind: "cron",
		Package: "github.com/robfig/cron", Type: "Cron", Methods: []string{"AddFunc", "AddJob"}, Topic: 0, Handler: 1, Method: "Run"})
	families = append(families, family{name: "robfig/cron", frameworks: []string{"robfig/cron"}, pkgs: []string{"github.com/robfig/cron"}})
}
