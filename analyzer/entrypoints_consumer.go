package analyzer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// ConsumerDecl describes the calls that register a message consumer, a job
// or a function: splitter.yaml's consumers: entries and the built-in
// tables (entrypoints_<name>.go) alike, compiled by compileConsumer.
type ConsumerDecl struct {
	// Framework names it in the output; default: the package's last element.
	Framework string
	// Broker is the consumer's broker ("kafka"); default: Framework.
	Broker string
	// Kind is "consumer" (default), "cron" (the topic argument is the
	// schedule) or "function" (the topic argument is its name).
	Kind string
	// Package is the import path (major version elements ignored).
	Package string
	// Type is the receiver type; "" for package-level functions.
	Type string
	// Methods are the method (or function) names.
	Methods []string
	// Topic is the index of the topic, subject, queue or schedule argument:
	// a constant string, a []string of them (one entry point each), or a
	// struct literal with a Topic, Queue, QueueUrl or Subject field; -1:
	// none; TopicFromReceiver: the first argument of the call that made the
	// receiver (client.Subscription("orders").Receive).
	Topic int
	// Handler is the index of the handler argument; -1: the last one;
	// HandlerIsCaller: the function making the call handles what it
	// returns (a delivery channel, a message read in a loop).
	Handler int
	// Method is the method the framework calls on a handler value
	// (ConsumeClaim, ProcessTask); default: the one method of the
	// handler's interface type.
	Method string
	// Where locates a declaration in splitter.yaml, for messages.
	Where string
}

const (
	// TopicFromReceiver: the topic is the first argument of the call that
	// made the receiver.
	TopicFromReceiver = -2
	// HandlerIsCaller: the calling function handles the messages.
	HandlerIsCaller = -2
)

type consumerSpec struct {
	ConsumerDecl
	kind model.EntryKind
}

var builtinConsumers []ConsumerDecl

func compileConsumer(d ConsumerDecl) ([]string, *consumerSpec, error) {
	where := d.Where
	if where == "" {
		where = "consumer " + d.Package + "." + d.Type
	}
	if d.Package == "" {
		return nil, nil, fmt.Errorf("%s: package is required", where)
	}
	if len(d.Methods) == 0 {
		return nil, nil, fmt.Errorf("%s: methods is empty: list the methods (or functions) that register a handler", where)
	}
	if d.Topic < TopicFromReceiver {
		return nil, nil, fmt.Errorf("%s: topic %d: want an argument index, -1 for none", where, d.Topic)
	}
	if d.Handler < HandlerIsCaller {
		return nil, nil, fmt.Errorf("%s: handler %d: want an argument index, -1 for the last", where, d.Handler)
	}
	s := &consumerSpec{ConsumerDecl: d}
	switch d.Kind {
	case "", "consumer":
		s.kind = model.EntryConsumer
	case "cron":
		s.kind = model.EntryCron
	case "function":
		s.kind = model.EntryFunction
	default:
		return nil, nil, fmt.Errorf("%s: kind %q: want consumer, cron or function", where, d.Kind)
	}
	if s.Framework == "" {
		s.Framework = lastElem(stripMajor(d.Package))
	}
	if s.Broker == "" {
		s.Broker = s.Framework
	}
	base := stripMajor(d.Package) + "."
	if d.Type != "" {
		base += d.Type + "."
	}
	var keys []string
	for _, m := range d.Methods {
		keys = append(keys, base+m)
	}
	return keys, s, nil
}

func (d *detectors) consumerMethod(fn *types.Func) *consumerSpec {
	if len(d.consumers) == 0 {
		return nil
	}
	return d.consumers[fnKey(fn)]
}

// consume handles a call that registers a consumer, a job or a function.
func (f *epFinder) consume(call *ast.CallExpr, fn *types.Func, c *consumerSpec) {
	args := call.Args
	if c.Topic >= 0 && f.insideConsumerWrapper() && f.fromParams(call) {
		return // a helper of the module: its callers consume
	}
	topics := []string{"?"}
	switch {
	case c.Topic >= 0 && c.Topic < len(args):
		topics = f.topicsOf(args[c.Topic])
	case c.Topic == TopicFromReceiver:
		topics = []string{f.topicOfReceiver(receiver(call))}
	case c.Topic >= len(args):
		return
	}
	var h handlerRef
	switch {
	case c.Handler == HandlerIsCaller:
		u := f.t.units[f.unit].unit
		h = handlerRef{unit: u.ID, function: u.ID, targets: []string{u.ID}}
	default:
		hi := c.Handler
		if hi < 0 {
			hi = len(args) - 1
		}
		if hi < 0 || hi >= len(args) || (hi == c.Topic && c.Handler < 0) {
			return
		}
		pt := paramType(fn.Signature(), hi)
		want := c.Method
		if want == "" {
			want = handlerMethod(pt)
		}
		h = f.resolveHandlerWant(args[hi], want, pt)
		h.mount = false
	}
	for _, t := range topics {
		ep := model.EntryPoint{Kind: c.kind, Framework: c.Framework}
		switch c.kind {
		case model.EntryCron:
			ep.Trigger.Schedule = t
		case model.EntryFunction:
			if t == "?" && c.Topic < 0 {
				t = shortUnitName(h.function)
			}
			ep.Trigger.Command = t
		default:
			ep.Trigger.Broker, ep.Trigger.Topic = c.Broker, t
		}
		f.addHandled(ep, call.Pos(), h)
	}
}

// shortUnitName is the last element of a unit id: pkg.Type.Method → Type.Method.
func shortUnitName(id string) string {
	id = lastElem(id)
	if i := strings.Index(id, "."); i >= 0 {
		return id[i+1:]
	}
	return id
}

// topicsOf reads a topic argument: a constant, a []string literal, a struct
// literal naming it, or a one-argument call around one (aws.String("q")).
func (f *epFinder) topicsOf(e ast.Expr) []string {
	e = ast.Unparen(e)
	if s, ok := f.constString(e); ok {
		return []string{s}
	}
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	switch x := e.(type) {
	case *ast.CompositeLit:
		if _, isSlice := f.info.TypeOf(x).Underlying().(*types.Slice); isSlice {
			if len(x.Elts) == 0 {
				return []string{"?"}
			}
			return f.constStrings(x.Elts, false)
		}
		for _, el := range x.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			if k, ok := kv.Key.(*ast.Ident); ok && slices.Contains(topicFields, k.Name) {
				return f.topicsOf(kv.Value)
			}
		}
	case *ast.CallExpr:
		if len(x.Args) == 1 {
			return f.topicsOf(x.Args[0])
		}
	case *ast.Ident:
		if v, ok := f.info.Uses[x].(*types.Var); ok {
			if as := f.lastAssigned(v, x.Pos()); len(as) > 0 {
				return f.topicsOf(as[0].rhs)
			}
			if s, ok := f.varInit(v); ok {
				return []string{s}
			}
		}
	case *ast.SelectorExpr:
		// s.topic: the value the package's code gives that field (its
		// constructor's &Consumer{topic: cfg.Prefixed(OutputRoomEvent)}).
		if sel, ok := f.info.Selections[x]; ok && sel.Kind() == types.FieldVal {
			if v := f.fieldValue(sel.Obj().(*types.Var)); v != nil {
				return f.topicsOf(v)
			}
		}
		// streams.OutputRoomEvent, a package-level variable of the module
		// set to a constant name.
		if v, ok := f.info.Uses[x.Sel].(*types.Var); ok {
			if s, ok := f.varInit(v); ok {
				return []string{s}
			}
		}
	}
	return []string{"?"}
}

// fieldValue is the one expression the package sets a struct field to, in
// composite literals and assignments, or nil when there is none or more.
func (f *epFinder) fieldValue(v *types.Var) ast.Expr {
	f.scanSetValues()
	if vs := f.fields[v.Origin()]; len(vs) == 1 {
		return vs[0]
	}
	return nil
}

var topicFields = []string{"Topic", "Topics", "GroupTopics", "Queue", "QueueUrl", "QueueURL", "Subject", "Subscription", "TaskQueue"}

// topicOfReceiver reads the topic from the call that made the receiver:
// sub := client.Subscription("orders"); sub.Receive(...).
func (f *epFinder) topicOfReceiver(e ast.Expr) string {
	for depth := 0; e != nil && depth < 4; depth++ {
		switch x := ast.Unparen(e).(type) {
		case *ast.CallExpr:
			if len(x.Args) > 0 {
				return f.topicsOf(x.Args[0])[0]
			}
			return "?"
		case *ast.Ident:
			v, ok := f.info.Uses[x].(*types.Var)
			if !ok {
				return "?"
			}
			as := f.lastAssigned(v, x.Pos())
			if len(as) == 0 {
				return "?"
			}
			e = as[0].rhs
		default:
			return "?"
		}
	}
	return "?"
}

// varInit is the constant string a package-level variable of the module is
// initialised to.
func (f *epFinder) varInit(v *types.Var) (string, bool) {
	if v.Pkg() == nil || v.Parent() != v.Pkg().Scope() {
		return "", false
	}
	u := f.t.unitOf(v)
	if u < 0 {
		return "", false
	}
	ud := f.t.units[u]
	val := ""
	found := false
	ast.Inspect(ud.decl(), func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok {
			return !found
		}
		for i, name := range vs.Names {
			if ud.pkg().TypesInfo.Defs[name] == v && len(vs.Values) == len(vs.Names) {
				if tv, ok := ud.pkg().TypesInfo.Types[vs.Values[i]]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
					val, found = constant.StringVal(tv.Value), true
				}
			}
		}
		return false
	})
	return val, found
}
