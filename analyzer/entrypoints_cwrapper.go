package analyzer

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/splitter-go/splitter/model"
)

// Consumers started through the application's own helper (dendrite's
// jetstream.JetStreamConsumer(ctx, js, subj, durable, batch, f, opts...),
// which pull-subscribes to subj and calls f with what it fetches) are
// followed like wrapped routers: a function of the module that registers a
// known consumer with the topic taken from a string parameter, and either
// passes a handler parameter on or calls a func parameter with what it
// reads, is a consumer registration itself; each call of it is a consumer
// with the topic and the handler of that call.

// consumerWrapper is what a consumer helper forwards where.
type consumerWrapper struct {
	c            *consumerSpec
	topicParam   int
	handlerParam int
}

// consumerWrapperOf returns the consumer helper summary of a module
// function, or nil.
func (d *detectors) consumerWrapperOf(t *unitTable, fn *types.Func) *consumerWrapper {
	if fn == nil || len(d.consumers) == 0 || t.unitOf(fn) < 0 {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.consumerWrapperLocked(t, fn, 0)
}

func (d *detectors) consumerWrapperLocked(t *unitTable, fn *types.Func, depth int) *consumerWrapper {
	fn = fn.Origin()
	if w, ok := d.cwrappers[fn]; ok {
		return w
	}
	d.cwrappers[fn] = nil // cuts cycles
	if depth > 8 || !consumerShaped(fn.Signature()) {
		return nil
	}
	u := t.unitOf(fn)
	if u < 0 {
		return nil
	}
	if t.units[u].stub {
		w := d.lastConsumerWrapper(t.units[u].unit.ID)
		d.cwrappers[fn] = w
		return w
	}
	fd, ok := t.units[u].decl().(*ast.FuncDecl)
	if !ok || fd.Body == nil {
		return nil
	}
	info := t.units[u].pkg().TypesInfo
	wc := wrapperCtx{info: info, params: funcParams(info, fd), locals: localValues(info, fd.Body)}
	var found *consumerWrapper
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found != nil {
			return found == nil
		}
		cfn, _ := typeutil.Callee(info, call).(*types.Func)
		if cfn == nil {
			return true
		}
		inner := &consumerWrapper{}
		if c := d.consumerMethod(cfn); c != nil && c.Topic >= 0 {
			inner.c, inner.topicParam, inner.handlerParam = c, c.Topic, c.Handler
			if c.Handler == -1 {
				inner.handlerParam = len(call.Args) - 1
			}
		} else if t.unitOf(cfn) >= 0 {
			inner = d.consumerWrapperLocked(t, cfn, depth+1)
		} else {
			inner = nil
		}
		if inner == nil || inner.topicParam >= len(call.Args) {
			return true
		}
		tp, _, ok := wc.pathOf(call.Args[inner.topicParam], 0)
		if !ok {
			return true
		}
		hp := -1
		switch {
		case inner.handlerParam == HandlerIsCaller:
			// The helper reads the messages and hands them to a func
			// parameter it calls.
			hp = wc.calledFuncParam(fd.Body)
		case inner.handlerParam >= 0 && inner.handlerParam < len(call.Args):
			if i, ok := wc.derived(call.Args[inner.handlerParam], 0); ok && i != tp {
				hp = i
			}
		}
		if hp < 0 {
			return true
		}
		found = &consumerWrapper{c: inner.c, topicParam: tp, handlerParam: hp}
		return false
	})
	d.cwrappers[fn] = found
	return found
}

// consumerShaped: a helper takes a topic (a string) and a handler.
func consumerShaped(sig *types.Signature) bool {
	str, h := false, false
	for i := 0; i < sig.Params().Len(); i++ {
		switch u := sig.Params().At(i).Type().Underlying().(type) {
		case *types.Basic:
			str = str || u.Info()&types.IsString != 0
		case *types.Signature, *types.Interface:
			h = true
		}
	}
	return str && h
}

// funcParams maps a declaration's parameters (and receiver) to their index.
func funcParams(info *types.Info, fd *ast.FuncDecl) map[types.Object]int {
	params := map[types.Object]int{}
	i := 0
	for _, field := range fd.Type.Params.List {
		for _, n := range field.Names {
			if obj := info.Defs[n]; obj != nil {
				params[obj] = i
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	if fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 {
		if obj := info.Defs[fd.Recv.List[0].Names[0]]; obj != nil {
			params[obj] = recvParam
		}
	}
	return params
}

// calledFuncParam is the func-typed parameter a body calls, or -1.
func (wc wrapperCtx) calledFuncParam(body *ast.BlockStmt) int {
	found := -1
	ast.Inspect(body, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok && found < 0 {
			if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
				obj := wc.info.Uses[id]
				if i, ok := wc.params[obj]; ok && i >= 0 {
					if _, isSig := obj.Type().Underlying().(*types.Signature); isSig {
						found = i
					}
				}
			}
		}
		return found < 0
	})
	return found
}

// consumeWrapped handles a call to a consumer helper of the module.
func (f *epFinder) consumeWrapped(call *ast.CallExpr, fn *types.Func, w *consumerWrapper) {
	args := call.Args
	if w.topicParam >= len(args) || w.handlerParam >= len(args) {
		return
	}
	if f.insideConsumerWrapper() && f.fromParams(call) {
		return // a helper over this one: its callers consume
	}
	pt := paramType(fn.Signature(), w.handlerParam)
	want := w.c.Method
	if want == "" {
		want = handlerMethod(pt)
	}
	h := f.resolveHandlerWant(args[w.handlerParam], want, pt)
	h.mount = false
	for _, t := range f.topicsOf(args[w.topicParam]) {
		ep := model.EntryPoint{Kind: w.c.kind, Framework: w.c.Framework}
		switch w.c.kind {
		case model.EntryCron:
			ep.Trigger.Schedule = t
		case model.EntryFunction:
			ep.Trigger.Command = t
		default:
			ep.Trigger.Broker, ep.Trigger.Topic = w.c.Broker, t
		}
		f.addHandled(ep, call.Pos(), h)
	}
}

// insideConsumerWrapper reports whether the enclosing unit is a consumer
// helper (its callers register the consumers).
func (f *epFinder) insideConsumerWrapper() bool {
	fd, ok := f.t.units[f.unit].decl().(*ast.FuncDecl)
	if !ok {
		return false
	}
	obj, _ := f.info.Defs[fd.Name].(*types.Func)
	return obj != nil && f.det.consumerWrapperOf(f.t, obj) != nil
}
