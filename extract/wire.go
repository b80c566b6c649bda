package extract

import (
	"fmt"
	"go/types"
	"sort"
	"strings"
)

// What a remote call can carry. Values cross as JSON: the service's own
// types through generated DTOs (every exported field, whatever its json
// tag says), other types as encoding/json writes them. What JSON cannot
// carry, or carries without its meaning (a channel, a function, an
// interface whose concrete type is lost, a transaction, a lock), blocks
// the method's remote call; the in-process adapter still has it.

// problem is why a type cannot cross, with its blocker kind.
type problem struct {
	kind string // type or transaction
	what string
	fix  string
}

var (
	marshalerJSON   = methodIface("MarshalJSON", nil, []types.Type{types.NewSlice(types.Typ[types.Byte]), errorType})
	unmarshalerJSON = methodIface("UnmarshalJSON", []types.Type{types.NewSlice(types.Typ[types.Byte])}, []types.Type{errorType})
	marshalerText   = methodIface("MarshalText", nil, []types.Type{types.NewSlice(types.Typ[types.Byte]), errorType})
	unmarshalerText = methodIface("UnmarshalText", []types.Type{types.NewSlice(types.Typ[types.Byte])}, []types.Type{errorType})
)

func methodIface(name string, params, results []types.Type) *types.Interface {
	tuple := func(ts []types.Type) *types.Tuple {
		var vs []*types.Var
		for _, t := range ts {
			vs = append(vs, types.NewParam(0, nil, "", t))
		}
		return types.NewTuple(vs...)
	}
	sig := types.NewSignatureType(nil, nil, nil, tuple(params), tuple(results), false)
	it := types.NewInterfaceType([]*types.Func{types.NewFunc(0, nil, name, sig)}, nil)
	it.Complete()
	return it
}

// codec reports whether t encodes and decodes itself (JSON or text).
func codec(t types.Type) bool {
	p := types.NewPointer(t)
	return (types.Implements(t, marshalerJSON) || types.Implements(p, marshalerJSON)) && types.Implements(p, unmarshalerJSON) ||
		(types.Implements(t, marshalerText) || types.Implements(p, marshalerText)) && types.Implements(p, unmarshalerText)
}

// wireProblem says why t cannot cross a network, or nil.
func (x *extraction) wireProblem(t types.Type, seen map[types.Type]bool) *problem {
	if seen[t] {
		return nil
	}
	seen[t] = true
	switch tt := t.(type) {
	case *types.Alias:
		return x.wireProblem(types.Unalias(tt), seen)
	case *types.Basic:
		switch {
		case tt.Info()&types.IsComplex != 0:
			return &problem{"type", "a complex number, which JSON has no form for", "send its real and imaginary parts"}
		case tt.Kind() == types.UnsafePointer:
			return &problem{"type", "an unsafe.Pointer", "send the data it points to"}
		}
		return nil
	case *types.Named:
		obj := tt.Obj()
		if obj.Pkg() != nil {
			switch path := obj.Pkg().Path(); {
			case path == "database/sql" && (obj.Name() == "Tx" || obj.Name() == "Conn" || obj.Name() == "DB" || obj.Name() == "Stmt"):
				kind := "type"
				if obj.Name() == "Tx" {
					kind = "transaction"
				}
				return &problem{kind, "a *sql." + obj.Name() + ": a transaction or connection of one process cannot be used by another",
					"let the service open its own transaction, and make the call idempotent or compensate on failure"}
			case strings.HasSuffix(path, "pgx") || strings.Contains(path, "/pgx/"):
				if obj.Name() == "Tx" || obj.Name() == "Conn" {
					return &problem{"transaction", "a pgx." + obj.Name() + ": a transaction of one process cannot be used by another",
						"let the service open its own transaction, and make the call idempotent or compensate on failure"}
				}
			case path == "sync" || path == "sync/atomic":
				return &problem{"type", "a " + path + "." + obj.Name() + ", state shared between goroutines of one process",
					"keep it inside the service and send the data it guards"}
			case path == "context":
				return &problem{"type", "a context.Context that is not the first parameter", "make it the first parameter"}
			}
		}
		if types.IsInterface(tt) {
			if isError(tt) && types.Identical(tt, errorType) {
				return &problem{"type", "an error value that is not the last result: its type is lost", "return it as the last result"}
			}
			return &problem{"type", "the interface " + types.TypeString(tt, nil) + ": a remote call cannot know its concrete type",
				"send a concrete type (or a tagged union of them)"}
		}
		if x.inService(obj) {
			if !obj.Exported() {
				return &problem{"type", "the unexported type " + obj.Name() + ", which the generated package cannot name", "export it"}
			}
			if tt.TypeParams().Len() > 0 || tt.TypeArgs().Len() > 0 {
				return &problem{"type", "the generic type " + obj.Name(), "send a non-generic type"}
			}
			if !x.importable(obj.Pkg().Path()) {
				return &problem{"type", "the type " + obj.Name() + " of " + obj.Pkg().Path() + ", which the generated package cannot import", "generate the package next to it with -o"}
			}
			if st, ok := tt.Underlying().(*types.Struct); ok {
				// Its DTO carries every exported field (unexported ones
				// are said apart, in checkWire).
				for i := 0; i < st.NumFields(); i++ {
					if f := st.Field(i); f.Exported() {
						if p := x.wireProblem(f.Type(), seen); p != nil {
							return &problem{p.kind, "the type " + obj.Name() + ", whose field " + f.Name() + " is " + p.what, p.fix}
						}
					}
				}
				return nil
			}
			return x.wireProblem(tt.Underlying(), seen)
		}
		if codec(tt) {
			return nil
		}
		if obj.Pkg() != nil && x.ld.byPath[obj.Pkg().Path()] != nil && !x.importable(obj.Pkg().Path()) {
			return &problem{"type", "the type " + obj.Name() + " of " + obj.Pkg().Path() + ", which the generated package cannot import", "generate the package next to it with -o"}
		}
		if st, ok := tt.Underlying().(*types.Struct); ok {
			exported := 0
			for i := 0; i < st.NumFields(); i++ {
				f := st.Field(i)
				if !f.Exported() || jsonSkipped(st.Tag(i)) {
					continue
				}
				exported++
				if p := x.wireProblem(f.Type(), seen); p != nil {
					return &problem{p.kind, "the type " + types.TypeString(tt, nil) + ", whose field " + f.Name() + " is " + p.what, p.fix}
				}
			}
			if exported == 0 && st.NumFields() > 0 {
				return &problem{"type", "the type " + types.TypeString(tt, nil) + ", which has no exported fields: nothing of it crosses",
					"send the data it holds instead"}
			}
			return nil
		}
		return x.wireProblem(tt.Underlying(), seen)
	case *types.Pointer:
		return x.wireProblem(tt.Elem(), seen)
	case *types.Slice:
		return x.wireProblem(tt.Elem(), seen)
	case *types.Array:
		return x.wireProblem(tt.Elem(), seen)
	case *types.Map:
		k := types.Unalias(tt.Key())
		ok := false
		if b, isBasic := k.Underlying().(*types.Basic); isBasic && b.Info()&(types.IsString|types.IsInteger) != 0 {
			ok = true
		}
		if types.Implements(k, marshalerText) && types.Implements(types.NewPointer(k), unmarshalerText) {
			ok = true
		}
		if !ok {
			return &problem{"type", "a map keyed by " + types.TypeString(k, nil) + ", which JSON cannot key an object by", "key it by a string"}
		}
		if p := x.wireProblem(k, seen); p != nil {
			return p
		}
		return x.wireProblem(tt.Elem(), seen)
	case *types.Chan:
		return &problem{"type", "a channel, which cannot cross a network", "send the values instead, or make it a stream (a message queue)"}
	case *types.Signature:
		return &problem{"type", "a function, which cannot cross a network", "send the data the function would compute with, or call back through an API of the caller"}
	case *types.Interface:
		if tt.Empty() {
			return &problem{"type", "an empty interface (any): its concrete type is lost, it arrives as a map", "send a concrete type"}
		}
		return &problem{"type", "an interface: a remote call cannot know its concrete type", "send a concrete type"}
	case *types.Struct:
		for i := 0; i < tt.NumFields(); i++ {
			f := tt.Field(i)
			if !f.Exported() || jsonSkipped(tt.Tag(i)) {
				continue
			}
			if p := x.wireProblem(f.Type(), seen); p != nil {
				return p
			}
			if x.needsConv(f.Type(), map[types.Type]bool{}) {
				return &problem{"type", "an unnamed struct holding the service's types", "name the struct type"}
			}
		}
		return nil
	case *types.TypeParam:
		return &problem{"type", "a type parameter", "send a concrete type"}
	}
	return nil
}

func jsonSkipped(tag string) bool {
	v, ok := lookupTag(tag, "json")
	return ok && v == "-"
}

func lookupTag(tag, key string) (string, bool) {
	for tag != "" {
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag = tag[i:]
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			return "", false
		}
		name := tag[:i]
		tag = tag[i+1:]
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			return "", false
		}
		val := tag[1:i]
		tag = tag[i+1:]
		if name == key {
			if j := strings.IndexByte(val, ','); j >= 0 {
				val = val[:j]
			}
			return val, true
		}
	}
	return "", false
}

// hasCtx and hasErr: the first parameter is a context.Context, the last
// result an error.
func hasCtx(sig *types.Signature) bool {
	if sig.Params().Len() == 0 {
		return false
	}
	n, ok := types.Unalias(sig.Params().At(0).Type()).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}

func hasErr(sig *types.Signature) bool {
	r := sig.Results()
	return r.Len() > 0 && types.Identical(r.At(r.Len()-1).Type(), errorType)
}

// args and rets are the values a remote call carries: the parameters
// after the context, the results before the error.
func args(sig *types.Signature) []*types.Var {
	var out []*types.Var
	for i := 0; i < sig.Params().Len(); i++ {
		if i == 0 && hasCtx(sig) {
			continue
		}
		out = append(out, sig.Params().At(i))
	}
	return out
}

func rets(sig *types.Signature) []*types.Var {
	var out []*types.Var
	n := sig.Results().Len()
	if hasErr(sig) {
		n--
	}
	for i := 0; i < n; i++ {
		out = append(out, sig.Results().At(i))
	}
	return out
}

// checkWire decides which members a remote call carries and collects the
// DTOs; what cannot cross is a blocker, said once per member.
func (x *extraction) checkWire() {
	for _, m := range x.members {
		file, line := x.ld.where(m.fn.Pos())
		subject := x.short(x.objID(m.fn))
		check := func(role string, v *types.Var) {
			if p := x.wireProblem(v.Type(), map[types.Type]bool{}); p != nil {
				m.noRemote = true
				m.blocked = append(m.blocked, role+" is "+p.what)
				x.block(p.kind, subject, file, line, fmt.Sprintf("%s: its %s is %s", m.name, role, p.what), p.fix)
			}
		}
		for i, v := range args(m.sig) {
			check(paramRole(v, i), v)
			if ptr, ok := types.Unalias(v.Type()).(*types.Pointer); ok {
				if _, isStruct := ptr.Elem().Underlying().(*types.Struct); isStruct && !m.noRemote {
					x.block("pointer", subject, file, line,
						fmt.Sprintf("%s: its %s is a %s: changes the service makes to it are not seen by the caller once the call is remote (the service gets a copy)", m.name, paramRole(v, i), types.TypeString(v.Type(), x.relQual)),
						"return what the service changes, and have the caller use the result")
				}
			}
		}
		for i, v := range rets(m.sig) {
			check(fmt.Sprintf("result %d", i+1), v)
		}
		for i := 0; i < m.sig.Params().Len(); i++ {
			if i > 0 || !hasCtx(m.sig) {
				if n, ok := types.Unalias(m.sig.Params().At(i).Type()).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" {
					m.noRemote = true
				}
			}
		}
		if !hasErr(m.sig) && !m.noRemote {
			x.block("signature", subject, file, line,
				m.name+" returns no error: a remote call can fail, and the client can only panic to say so",
				"add an error result")
		}
		if !hasCtx(m.sig) && !m.noRemote {
			x.block("signature", subject, file, line,
				m.name+" takes no context: the remote call cannot be cancelled and carries no deadline",
				"take a context.Context as the first parameter")
		}
	}
	// The DTOs: the service's struct types the remote members carry.
	seen := map[types.Type]bool{}
	add := map[*types.TypeName]bool{}
	for _, m := range x.members {
		if m.noRemote {
			continue
		}
		for _, v := range append(args(m.sig), rets(m.sig)...) {
			x.walkTypes(v.Type(), seen, func(n *types.Named) {
				if x.inService(n.Obj()) {
					if _, ok := n.Underlying().(*types.Struct); ok {
						add[n.Obj()] = true
					}
				}
			})
		}
	}
	for t := range add {
		x.dtos = append(x.dtos, t)
	}
	sort.Slice(x.dtos, func(i, j int) bool { return x.objID(x.dtos[i]) < x.objID(x.dtos[j]) })
	// Fields of the module's other types that do not cross: those types
	// go as encoding/json writes them, which skips fields tagged json:"-"
	// (miniflux's model.Feed.TTL inside model.Entry).
	seen = map[types.Type]bool{}
	said := map[*types.TypeName]bool{}
	for _, m := range x.members {
		if m.noRemote {
			continue
		}
		for _, v := range append(args(m.sig), rets(m.sig)...) {
			x.jsonDropped(v.Type(), seen, func(t *types.TypeName, fields []string) {
				if said[t] {
					return
				}
				said[t] = true
				file, line := x.ld.where(t.Pos())
				x.block("type", x.short(x.objID(t)), file, line,
					fmt.Sprintf("the fields %s of %s.%s do not cross: it is not the service's, so it crosses as encoding/json writes it, which skips fields tagged json:\"-\"; the receiver gets zero values", strings.Join(fields, ", "), t.Pkg().Name(), t.Name()),
					"if the other side needs them, give the API a type of its own for what crosses, or drop the tag")
			})
		}
	}
	// Fields that do not cross: unexported ones, and those a DTO cannot hold.
	for _, t := range x.dtos {
		st := t.Type().Underlying().(*types.Struct)
		var dropped []string
		for i := 0; i < st.NumFields(); i++ {
			f := st.Field(i)
			if !f.Exported() {
				dropped = append(dropped, f.Name())
			}
		}
		if len(dropped) > 0 {
			file, line := x.ld.where(t.Pos())
			x.block("type", x.short(x.objID(t)), file, line,
				fmt.Sprintf("the fields %s of %s do not cross: the DTO carries exported fields of types JSON can carry, the receiver gets zero values", strings.Join(dropped, ", "), t.Name()),
				"export them if the other side needs them, or keep them out of the API")
		}
	}
}

// jsonDropped calls f for each struct type of the module outside the
// service that t carries as itself, with the exported fields tagged
// json:"-" it loses on the way. It follows what crosses: every exported
// field of the service's types (their DTOs carry them), the fields
// encoding/json writes of the others; types that encode themselves and
// types of other modules are theirs.
func (x *extraction) jsonDropped(t types.Type, seen map[types.Type]bool, f func(*types.TypeName, []string)) {
	if seen[t] {
		return
	}
	seen[t] = true
	switch tt := t.(type) {
	case *types.Alias:
		x.jsonDropped(types.Unalias(tt), seen, f)
	case *types.Named:
		obj := tt.Obj()
		if obj.Pkg() == nil || x.ld.byPath[obj.Pkg().Path()] == nil || codec(tt) {
			return
		}
		st, ok := tt.Underlying().(*types.Struct)
		if !ok {
			x.jsonDropped(tt.Underlying(), seen, f)
			return
		}
		mine := x.inService(obj)
		var dropped []string
		for i := 0; i < st.NumFields(); i++ {
			fl := st.Field(i)
			if !fl.Exported() {
				continue
			}
			if !mine && jsonSkipped(st.Tag(i)) {
				dropped = append(dropped, fl.Name())
				continue
			}
			x.jsonDropped(fl.Type(), seen, f)
		}
		if len(dropped) > 0 {
			f(obj, dropped)
		}
	case *types.Pointer:
		x.jsonDropped(tt.Elem(), seen, f)
	case *types.Slice:
		x.jsonDropped(tt.Elem(), seen, f)
	case *types.Array:
		x.jsonDropped(tt.Elem(), seen, f)
	case *types.Map:
		x.jsonDropped(tt.Elem(), seen, f)
	case *types.Struct:
		for i := 0; i < tt.NumFields(); i++ {
			if tt.Field(i).Exported() && !jsonSkipped(tt.Tag(i)) {
				x.jsonDropped(tt.Field(i).Type(), seen, f)
			}
		}
	}
}

func paramRole(v *types.Var, i int) string {
	if v.Name() != "" && v.Name() != "_" {
		return "parameter " + v.Name()
	}
	return fmt.Sprintf("parameter %d", i+1)
}

// relQual writes package names (for messages).
func (x *extraction) relQual(p *types.Package) string { return p.Name() }
