package analyzer

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// invokers are the standard library functions that call the function
// values passed to them before they return (or, for WaitGroup.Go and the
// AfterFuncs, later, as a go statement would). Their bodies are not in the
// SSA program (dependencies come from export data), so no call graph sees
// those calls; and were the bodies there, a context-insensitive analysis
// would merge every caller's callback into the one parameter and make
// each caller seem to call every other caller's callbacks. So the edge is
// made here, at the call site, to the function value the caller passes.
// Keys are "package.Func" or "package.Type.Method".
var invokers = map[string]bool{
	"sort.Slice": true, "sort.SliceStable": true, "sort.SliceIsSorted": true,
	"sort.Search": true, "sort.Find": true,

	"slices.SortFunc": true, "slices.SortStableFunc": true, "slices.IsSortedFunc": true,
	"slices.BinarySearchFunc": true, "slices.IndexFunc": true, "slices.ContainsFunc": true,
	"slices.DeleteFunc": true, "slices.EqualFunc": true, "slices.CompareFunc": true,
	"slices.CompactFunc": true, "slices.MaxFunc": true, "slices.MinFunc": true,
	"slices.SortedFunc": true, "slices.SortedStableFunc": true,

	"maps.DeleteFunc": true, "maps.EqualFunc": true,

	"strings.Map": true, "strings.FieldsFunc": true, "strings.IndexFunc": true,
	"strings.LastIndexFunc": true, "strings.TrimFunc": true, "strings.TrimLeftFunc": true,
	"strings.TrimRightFunc": true, "strings.ContainsFunc": true,
	"bytes.Map": true, "bytes.FieldsFunc": true, "bytes.IndexFunc": true,
	"bytes.LastIndexFunc": true, "bytes.TrimFunc": true, "bytes.TrimLeftFunc": true,
	"bytes.TrimRightFunc": true, "bytes.ContainsFunc": true,

	"sync.Once.Do": true, "sync.Map.Range": true, "sync.WaitGroup.Go": true,
	"time.AfterFunc": true, "context.AfterFunc": true,
	"runtime/pprof.Do": true,

	"path/filepath.Walk": true, "path/filepath.WalkDir": true, "io/fs.WalkDir": true,
	"go/ast.Inspect": true, "go/ast.PreorderStack": true,

	"testing.T.Run": true, "testing.B.Run": true, "testing.F.Fuzz": true,
}

// invokerName is fn's key in invokers, or "" when fn belongs to no package
// (a closure, a wrapper without an object).
func invokerName(fn *ssa.Function) string {
	if o := fn.Origin(); o != nil {
		fn = o // an instance of a generic function: slices.SortFunc[[]T, T]
	}
	obj, ok := fn.Object().(*types.Func)
	if !ok || obj.Pkg() == nil {
		return ""
	}
	name := obj.Name()
	if recv := obj.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok {
			return ""
		}
		name = n.Obj().Name() + "." + name
	}
	return obj.Pkg().Path() + "." + name
}

// passedFuncs returns the functions a call to an invoker passes as values:
// a named function, a method value (its bound wrapper, which funcUnit maps
// to the method) or a func literal. A func value that arrives through a
// variable or a parameter is not followed: which function it holds is the
// call graph's question, and answering it here would bring back the merge
// described above.
func passedFuncs(site ssa.CallInstruction) []*ssa.Function {
	cc := site.Common()
	callee := cc.StaticCallee()
	if callee == nil || !invokers[invokerName(callee)] {
		return nil
	}
	var out []*ssa.Function
	for _, a := range cc.Args {
		if fn := funcValue(a); fn != nil {
			out = append(out, fn)
		}
	}
	return out
}

// funcValue is the function v denotes, through conversions between func
// types (filepath.WalkFunc(f)), or nil.
func funcValue(v ssa.Value) *ssa.Function {
	for {
		switch x := v.(type) {
		case *ssa.Function:
			return x
		case *ssa.MakeClosure:
			fn, _ := x.Fn.(*ssa.Function)
			return fn
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		default:
			return nil
		}
	}
}
