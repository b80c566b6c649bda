package analyzer

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// Protocol servers: a function of the module that accepts connections in a
// loop (mailpit's SMTP and POP3 servers, sftpgo's SFTP and FTP servers, a
// custom TCP protocol) serves requests no router lists: each connection is
// a session of that protocol, a use case as a consumer's message is. The
// function holding the loop is the handler; what it reaches is how the
// protocol is served. An HTTP or gRPC server's accept loop is in its
// library, so only the module's own protocols are found; so is a listener
// handed to a library (http.Serve(ln, mux)), which is no loop here. A
// loop in a method of a type that implements a dependency's interface
// (hashicorp/memberlist's Transport, in alertmanager and cortex) serves
// that library's protocol, between the program's own replicas: the
// library drives it, and it is no use case.

func init() {
	hook(acceptLoop, "net.Listener.Accept", "net.TCPListener.Accept", "net.TCPListener.AcceptTCP",
		"net.UnixListener.Accept", "net.UnixListener.AcceptUnix")
}

func acceptLoop(f *epFinder, call *ast.CallExpr, fn *types.Func, stack []ast.Node) {
	// The loop must be the function's own, not one around a func literal
	// the call sits in (that literal is called elsewhere, once).
	loop := false
	for i := len(stack) - 1; i >= 0 && !loop; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			loop = true
		case *ast.FuncLit:
			i = -1
		}
	}
	if !loop || f.unit < 0 || f.pluginOfDependency() {
		return
	}
	uu := f.t.units[f.unit].unit
	name := lastElem(stripMajor(uu.Package)) + strings.TrimPrefix(uu.ID, uu.Package)
	f.addHandled(model.EntryPoint{Kind: model.EntryWorker, Framework: "net",
		Trigger: model.Trigger{Command: name}}, call.Pos(), f.unitRef(f.unit))
}

// pluginOfDependency reports whether the unit being scanned is a method of
// a type that implements an interface of a non-standard package the
// package imports: a plug-in that library calls.
func (f *epFinder) pluginOfDependency() bool {
	fd, ok := f.t.units[f.unit].decl().(*ast.FuncDecl)
	if !ok || fd.Recv == nil {
		return false
	}
	obj, _ := f.info.Defs[fd.Name].(*types.Func)
	if obj == nil {
		return false
	}
	named := namedOf(obj.Signature().Recv().Type())
	if named == nil {
		return false
	}
	ptr := types.NewPointer(named)
	for _, imp := range f.p.Types.Imports() {
		if !strings.Contains(strings.Split(imp.Path(), "/")[0], ".") || f.ld.internal[imp.Path()] {
			continue // the standard library's interfaces (io.Closer) say nothing; the module's are its own
		}
		sc := imp.Scope()
		for _, n := range sc.Names() {
			tn, ok := sc.Lookup(n).(*types.TypeName)
			if !ok || !tn.Exported() {
				continue
			}
			if it, ok := tn.Type().Underlying().(*types.Interface); ok && it.NumMethods() >= 2 && types.Implements(ptr, it) {
				return true
			}
		}
	}
	return false
}
