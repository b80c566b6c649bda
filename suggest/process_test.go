package suggest

import (
	"testing"

	"github.com/splitter-go/splitter/model"
)

// TestProcessKinds: programs and commands are classified by what they
// do, not by their names: what serves or watches until stopped is a
// service, what finishes is a job. The shapes are kratos' (a CLI whose
// serve command listens, a docs generator building the same command tree
// without running it) and the usual workers.
func TestProcessKinds(t *testing.T) {
	fact := func(k model.FactKind, call string) model.Fact {
		return model.Fact{Kind: k, Call: call, File: "x.go", Line: 1}
	}
	listener := fact(model.FactListener, "http.Server.Serve")
	loop := fact(model.FactLoop, "for-sleep")
	notify := fact(model.FactProcess, "signal.Notify")
	dispatch := fact(model.FactDispatch, "cobra.Command.Execute")
	type unit struct {
		id    string
		facts []model.Fact
		calls []string
	}
	// The command tree of a cobra CLI: root builds serve and migrate;
	// serve's run code listens, migrate's finishes.
	tree := []unit{
		{id: "cmd.NewRootCmd", calls: []string{"cmd.NewServeCmd", "cmd.NewMigrateCmd"}},
		{id: "cmd.NewServeCmd", calls: []string{"daemon.ServeAll"}},
		{id: "daemon.ServeAll", facts: []model.Fact{listener}},
		{id: "cmd.NewMigrateCmd", calls: []string{"sql.Migrate"}},
		{id: "sql.Migrate"},
	}
	commands := []model.EntryPoint{
		{ID: "cli:serve", Kind: model.EntryCLI, Framework: "cobra", Trigger: model.Trigger{Command: "serve"},
			Handler: "cmd.NewServeCmd", Targets: []string{"daemon.ServeAll"}, File: "cmd/serve/root.go"},
		{ID: "cli:migrate", Kind: model.EntryCLI, Framework: "cobra", Trigger: model.Trigger{Command: "migrate"},
			Handler: "cmd.NewMigrateCmd", Targets: []string{"sql.Migrate"}, File: "cmd/migrate/root.go"},
	}
	cases := []struct {
		name    string
		units   []unit
		eps     []model.EntryPoint
		program string                  // the main's root unit
		want    map[string]model.Deploy // entry point id → how it deploys
	}{
		{
			name:    "a CLI that runs its tree is its server",
			units:   append([]unit{{id: "main.main", calls: []string{"cmd.Execute"}}, {id: "cmd.Execute", facts: []model.Fact{dispatch}, calls: []string{"cmd.NewRootCmd"}}}, tree...),
			eps:     commands,
			program: "main.main",
			want:    map[string]model.Deploy{"main:app": model.DeployService, "cli:serve": model.DeployService, "cli:migrate": model.DeployJob},
		},
		{
			name:    "a docs generator builds the tree and never runs it",
			units:   append([]unit{{id: "clidoc.main", calls: []string{"cmd.NewRootCmd", "clidoc.writeMessages"}}, {id: "clidoc.writeMessages"}}, tree...),
			eps:     commands,
			program: "clidoc.main",
			want:    map[string]model.Deploy{"main:app": model.DeployJob, "cli:serve": model.DeployService, "cli:migrate": model.DeployJob},
		},
		{
			name:    "a program that listens itself",
			units:   []unit{{id: "main.main", calls: []string{"server.Run"}}, {id: "server.Run", facts: []model.Fact{listener}}},
			program: "main.main",
			want:    map[string]model.Deploy{"main:app": model.DeployService},
		},
		{
			name:    "a worker loop that waits for a stop signal",
			units:   []unit{{id: "main.main", facts: []model.Fact{notify}, calls: []string{"worker.Poll"}}, {id: "worker.Poll", facts: []model.Fact{loop}}},
			program: "main.main",
			want:    map[string]model.Deploy{"main:app": model.DeployService},
		},
		{
			name:    "a loop pacing a bounded run (a retry, a load test) finishes",
			units:   []unit{{id: "main.main", calls: []string{"db.WaitReady"}}, {id: "db.WaitReady", facts: []model.Fact{loop}}},
			program: "main.main",
			want:    map[string]model.Deploy{"main:app": model.DeployJob},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := &model.Model{Module: "x"}
			for _, u := range c.units {
				m.Units = append(m.Units, model.Unit{ID: u.id, Package: "x", Name: u.id, Kind: model.KindFunc, LOC: 10, Facts: u.facts})
				for _, to := range u.calls {
					m.Edges = append(m.Edges, model.Edge{From: u.id, To: to, Kind: model.EdgeCall, Weight: 1})
				}
			}
			m.EntryPoints = append(m.EntryPoints, c.eps...)
			m.EntryPoints = append(m.EntryPoints, model.EntryPoint{ID: "main:app", Kind: model.EntryMain,
				Trigger: model.Trigger{Command: "app"}, Handler: c.program, Targets: []string{c.program}, File: "main.go"})
			if err := Suggest(m, Options{}); err != nil {
				t.Fatal(err)
			}
			got := map[string]model.Deploy{}
			for _, f := range m.Functions {
				for _, ep := range f.EntryPoints {
					got[ep] = f.Deploy
				}
			}
			for ep, want := range c.want {
				if got[ep] != want {
					t.Errorf("%s deploys as %q, want %q", ep, got[ep], want)
				}
			}
		})
	}
}
