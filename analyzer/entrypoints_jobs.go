package analyzer

import (
	"go/ast"
	"go/types"
	"strings"
	"time"

	"github.com/splitter-go/splitter/model"
)

// Job systems whose registrations need code:
//   - go-co-op/gocron v2: s.NewJob(gocron.CronJob("0 3 * * *", false),
//     gocron.NewTask(fn, args...)), the schedule from the job definition;
//   - River: river.AddWorker(workers, &SortWorker{}), handled by the
//     worker's Work, the topic the job kind its args' Kind() returns;
//   - Temporal: w.RegisterWorkflow(fn), w.RegisterActivity(fn or &struct{}),
//     a struct registering each exported method; the name is the function's
//     (or the options' Name).

func init() {
	hook(gocronJob, "github.com/go-co-op/gocron.Scheduler.NewJob")
	hook(riverWorker, "github.com/riverqueue/river.AddWorker", "github.com/riverqueue/river.AddWorkerSafely")
	hook(temporalRegister, "go.temporal.io/sdk/worker.WorkflowRegistry.RegisterWorkflow",
		"go.temporal.io/sdk/worker.WorkflowRegistry.RegisterWorkflowWithOptions",
		"go.temporal.io/sdk/worker.ActivityRegistry.RegisterActivity",
		"go.temporal.io/sdk/worker.ActivityRegistry.RegisterActivityWithOptions")
	families = append(families,
		family{name: "gocron", frameworks: []string{"gocron"}, pkgs: []string{"github.com/go-co-op/gocron"}},
		family{name: "river", frameworks: []string{"river"}, pkgs: []string{"github.com/riverqueue/river"}},
		family{name: "temporal", frameworks: []string{"temporal"}, pkgs: []string{"go.temporal.io/sdk/worker"}})
}

func gocronJob(f *epFinder, call *ast.CallExpr, fn *types.Func, _ []ast.Node) {
	if len(call.Args) < 2 {
		return
	}
	schedule := "?"
	if def, ok := f.callIn(call.Args[0]); ok && len(def.Args) > 0 {
		if dfn := f.calleeOf(def); dfn != nil {
			switch dfn.Name() {
			case "CronJob":
				if s, ok := f.constString(def.Args[0]); ok {
					schedule = s
				}
			case "DurationJob":
				if tv, ok := f.info.Types[def.Args[0]]; ok && tv.Value != nil {
					if d, ok := durationText(tv.Value.ExactString()); ok {
						schedule = "@every " + d
					}
				}
			}
		}
	}
	h := handlerRef{unit: f.unitID(), function: f.unitID(), targets: []string{}}
	if task, ok := f.callIn(call.Args[1]); ok && len(task.Args) > 0 {
		h = f.resolveHandlerWant(task.Args[0], "", nil)
		h.mount = false
	}
	f.addHandled(model.EntryPoint{Kind: model.EntryCron, Framework: "gocron", Trigger: model.Trigger{Schedule: schedule}}, call.Pos(), h)
}

// callIn returns the call e is, or the call a local variable was set from.
func (f *epFinder) callIn(e ast.Expr) (*ast.CallExpr, bool) {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := f.info.Uses[id].(*types.Var); ok {
			if as := f.lastAssigned(v, id.Pos()); len(as) > 0 {
				e = ast.Unparen(as[0].rhs)
			}
		}
	}
	c, ok := e.(*ast.CallExpr)
	return c, ok
}

func riverWorker(f *epFinder, call *ast.CallExpr, fn *types.Func, _ []ast.Node) {
	if len(call.Args) < 2 {
		return
	}
	w := call.Args[len(call.Args)-1]
	h := f.resolveHandlerWant(w, "Work", nil)
	h.mount = false
	kind := "?"
	if work := methodNamed(f.info.TypeOf(w), "Work"); work != nil && work.Signature().Params().Len() == 2 {
		// Work(ctx, job *river.Job[SortArgs]): the args type names the kind.
		if jn := namedOf(work.Signature().Params().At(1).Type()); jn != nil && jn.TypeArgs().Len() == 1 {
			if k := methodNamed(jn.TypeArgs().At(0), "Kind"); k != nil {
				if s, ok := f.returnedConst(k); ok {
					kind = s
				}
			}
		}
	}
	f.addHandled(model.EntryPoint{Kind: model.EntryConsumer, Framework: "river",
		Trigger: model.Trigger{Broker: "river", Topic: kind}}, call.Pos(), h)
}

// returnedConst is the constant string a module method returns.
func (f *epFinder) returnedConst(fn *types.Func) (string, bool) {
	u := f.t.unitOf(fn)
	if u < 0 {
		return "", false
	}
	fd, ok := f.t.units[u].decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return "", false
	}
	info := f.t.units[u].pkg().TypesInfo
	for _, st := range fd.Body.List {
		if rs, ok := st.(*ast.ReturnStmt); ok && len(rs.Results) == 1 {
			return constIn(info, rs.Results[0])
		}
	}
	return "", false
}

func temporalRegister(f *epFinder, call *ast.CallExpr, fn *types.Func, _ []ast.Node) {
	if len(call.Args) == 0 {
		return
	}
	what := "workflow"
	if strings.Contains(fn.Name(), "Activity") {
		what = "activity"
	}
	a := call.Args[0]
	name := ""
	if len(call.Args) > 1 {
		if lit := compositeOf(call.Args[1]); lit != nil {
			name, _ = f.fieldString(lit, "Name")
		}
	}
	add := func(h handlerRef, n string) {
		f.addHandled(model.EntryPoint{Kind: model.EntryConsumer, Framework: "temporal",
			Trigger: model.Trigger{Broker: "temporal", Topic: what + ":" + n}}, call.Pos(), h)
	}
	t := f.info.TypeOf(a)
	if _, isFunc := t.Underlying().(*types.Signature); isFunc || t == nil {
		h := f.resolveHandlerWant(a, "", nil)
		h.mount = false
		if name == "" {
			name = shortUnitName(h.function)
			if i := strings.LastIndex(name, "."); i >= 0 {
				name = name[i+1:]
			}
		}
		add(h, name)
		return
	}
	// A struct of activities: every exported method is one.
	mset := types.NewMethodSet(t)
	for i := 0; i < mset.Len(); i++ {
		m, ok := mset.At(i).Obj().(*types.Func)
		if !ok || !m.Exported() {
			continue
		}
		if u := f.t.unitOf(m); u >= 0 {
			add(f.unitRef(u), name+m.Name())
		}
	}
}

// durationText renders a constant number of nanoseconds as Go writes
// durations (5m0s), when it is whole.
func durationText(ns string) (string, bool) {
	var n int64
	for _, c := range ns {
		if c < '0' || c > '9' {
			return "", false
		}
		n = n*10 + int64(c-'0')
	}
	return timeDuration(n), true
}

func timeDuration(n int64) string { return time.Duration(n).String() }
