package analyzer

import (
	"context"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// TestModuleReachable: the module's share of what moduleReachable finds is
// the module's share of ssautil.AllFunctions, which it replaces, and
// moduleFuncs finds what it found with AllFunctions and MethodValue
// (referenceModuleFuncs, its code before). Set SPLITTER_REACH_DIR to a
// module directory to check another one too.
func TestModuleReachable(t *testing.T) {
	dirs := []string{"layered", "modular", "entrypoints", "ep-jobs"}
	for i := range dirs {
		dirs[i] = filepath.Join("..", "testdata", dirs[i])
	}
	if d := os.Getenv("SPLITTER_REACH_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	for _, dir := range dirs {
		ld, err := load(context.Background(), &Config{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		prog, mine := buildSSA(ld.pkgs, 0)
		ours := func(fns map[*ssa.Function]bool) map[*ssa.Function]bool {
			out := map[*ssa.Function]bool{}
			for fn := range fns {
				if fn.Pkg != nil && isMine(fn.Pkg, mine) {
					out[fn] = true
				} else if o := fn.Origin(); o != nil && o.Pkg != nil && isMine(o.Pkg, mine) {
					out[fn] = true
				}
			}
			return out
		}
		funcs := moduleFuncs(prog, mine)
		got := ours(moduleReachable(prog, mine))
		want := ours(ssautil.AllFunctions(prog))
		ref := referenceModuleFuncs(prog, mine)
		for fn := range ref {
			if !funcs[fn] {
				t.Errorf("%s: moduleFuncs misses %s", dir, fn)
			}
		}
		for fn := range funcs {
			if !ref[fn] {
				t.Errorf("%s: moduleFuncs has more: %s", dir, fn)
			}
		}
		for fn := range want {
			if !got[fn] {
				t.Errorf("%s: missing %s", dir, fn)
			}
		}
		for fn := range got {
			if !want[fn] {
				t.Errorf("%s: extra %s", dir, fn)
			}
		}
		if len(want) == 0 {
			t.Errorf("%s: no functions", dir)
		}
		t.Logf("%s: %d functions", dir, len(want))
	}
}

// referenceModuleFuncs is moduleFuncs as it was, on AllFunctions.
func referenceModuleFuncs(prog *ssa.Program, mine []*ssa.Package) map[*ssa.Function]bool {
	funcs := map[*ssa.Function]bool{}
	var add func(f *ssa.Function)
	add = func(f *ssa.Function) {
		if f == nil || funcs[f] {
			return
		}
		funcs[f] = true
		for _, a := range f.AnonFuncs {
			add(a)
		}
	}
	for _, p := range mine {
		for _, m := range p.Members {
			switch m := m.(type) {
			case *ssa.Function:
				add(m)
			case *ssa.Type:
				for _, T := range []types.Type{m.Type(), types.NewPointer(m.Type())} {
					if isGenericNamed(m.Type()) {
						continue
					}
					mset := prog.MethodSets.MethodSet(T)
					for i := 0; i < mset.Len(); i++ {
						if fn := prog.MethodValue(mset.At(i)); fn != nil && fn.Pkg == p {
							add(fn)
						}
					}
				}
			}
		}
	}
	for fn := range ssautil.AllFunctions(prog) {
		if fn.Pkg != nil && isMine(fn.Pkg, mine) {
			add(fn)
		} else if o := fn.Origin(); o != nil && o.Pkg != nil && isMine(o.Pkg, mine) {
			add(fn)
		}
	}
	return funcs
}
