package analyzer

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"sort"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/splitter-go/splitter/model"
)

// Facts: what a unit's code does that matters for running it as a
// short-lived, stateless function (goroutines, listeners, background loops,
// filesystem writes, long-lived connections, process-wide calls, global
// state, I/O at start-up), found by go/types during the syntax pass. Calls
// are recognised by the callee's package path and receiver type, never by
// name alone. The suggest package turns the facts that entry points reach
// into findings.

// apiName is a short name for people: "http.Server.ListenAndServe".
func apiName(fn *types.Func) string {
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		if n := namedOf(recv.Type()); n != nil {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

var (
	listenerAPIs = set(
		"net.Listen", "net.ListenPacket", "net.ListenTCP", "net.ListenUDP", "net.ListenUnix",
		"net.ListenUnixgram", "net.ListenIP", "net.ListenMulticastUDP",
		"net.ListenConfig.Listen", "net.ListenConfig.ListenPacket", "crypto/tls.Listen",
		"net/http.ListenAndServe", "net/http.ListenAndServeTLS", "net/http.Serve", "net/http.ServeTLS",
		"net/http.Server.ListenAndServe", "net/http.Server.ListenAndServeTLS",
		"net/http.Server.Serve", "net/http.Server.ServeTLS",
		"google.golang.org/grpc.Server.Serve",
		"github.com/gin-gonic/gin.Engine.Run", "github.com/gin-gonic/gin.Engine.RunTLS",
		"github.com/gin-gonic/gin.Engine.RunUnix", "github.com/gin-gonic/gin.Engine.RunListener",
		"github.com/labstack/echo.Echo.Start", "github.com/labstack/echo.Echo.StartTLS",
		"github.com/labstack/echo.Echo.StartServer",
		"github.com/gofiber/fiber.App.Listen", "github.com/gofiber/fiber.App.ListenTLS",
		"github.com/gofiber/fiber.App.Listener",
	)
	tickerAPIs = set("time.NewTicker", "time.Tick", "github.com/robfig/cron.Cron.Start")
	timerAPIs  = set("time.AfterFunc")
	// fsWriteAPIs maps a writing call to the index of its path argument.
	fsWriteAPIs = map[string]int{
		"os.WriteFile": 0, "os.Create": 0, "os.Mkdir": 0, "os.MkdirAll": 0, "os.Rename": 1,
		"os.Remove": 0, "os.RemoveAll": 0, "os.Symlink": 1, "os.Link": 1, "os.Chmod": 0,
		"os.Chown": 0, "os.Lchown": 0, "os.Chtimes": 0, "os.Truncate": 0,
		"io/ioutil.WriteFile": 0,
		// dir argument: "" means the temp dir
		"os.CreateTemp": 0, "os.MkdirTemp": 0, "io/ioutil.TempFile": 0, "io/ioutil.TempDir": 0,
	}
	websocketAPIs = set(
		"github.com/gorilla/websocket.Upgrader.Upgrade", "github.com/gorilla/websocket.Upgrade",
		"nhooyr.io/websocket.Accept", "github.com/coder/websocket.Accept",
		"github.com/gobwas/ws.UpgradeHTTP", "github.com/gobwas/ws.HTTPUpgrader.Upgrade",
		"github.com/gofiber/contrib/websocket.New", "github.com/gofiber/websocket.New",
	)
	processAPIs = map[string]string{
		"os.Setenv": "sets an environment variable", "os.Unsetenv": "unsets an environment variable",
		"os.Clearenv": "clears the environment", "syscall.Setenv": "sets an environment variable",
		"os.Chdir": "changes the working directory",
		"os.Exit":  "exits the process", "syscall.Exit": "exits the process",
		"log.Fatal": "exits the process", "log.Fatalf": "exits the process", "log.Fatalln": "exits the process",
		"log.Logger.Fatal": "exits the process", "log.Logger.Fatalf": "exits the process", "log.Logger.Fatalln": "exits the process",
		"go.uber.org/zap.Logger.Fatal": "exits the process", "go.uber.org/zap.SugaredLogger.Fatal": "exits the process",
		"go.uber.org/zap.SugaredLogger.Fatalf": "exits the process", "go.uber.org/zap.SugaredLogger.Fatalw": "exits the process",
		"github.com/sirupsen/logrus.Fatal": "exits the process", "github.com/sirupsen/logrus.Fatalf": "exits the process",
		"github.com/sirupsen/logrus.Logger.Fatal": "exits the process", "github.com/sirupsen/logrus.Logger.Fatalf": "exits the process",
		"github.com/sirupsen/logrus.Entry.Fatal": "exits the process", "github.com/sirupsen/logrus.Entry.Fatalf": "exits the process",
		"os/signal.Notify": "installs a signal handler", "os/signal.NotifyContext": "installs a signal handler",
		"os/signal.Ignore": "ignores a signal process-wide", "os/signal.Reset": "resets signal handling",
	}
	ioAPIs = map[string]string{
		"database/sql.Open": "database connect", "database/sql.OpenDB": "database connect",
		"database/sql.DB.Ping": "database ping", "database/sql.DB.PingContext": "database ping",
		"github.com/jmoiron/sqlx.Connect": "database connect", "github.com/jmoiron/sqlx.ConnectContext": "database connect",
		"github.com/jmoiron/sqlx.MustConnect": "database connect", "github.com/jmoiron/sqlx.Open": "database connect",
		"github.com/jackc/pgx.Connect": "database connect", "github.com/jackc/pgx.ConnectConfig": "database connect",
		"github.com/jackc/pgx/pgxpool.New": "database connect", "github.com/jackc/pgx/pgxpool.NewWithConfig": "database connect",
		"github.com/jackc/pgx/pgxpool.Connect": "database connect", "github.com/jackc/pgx/pgxpool.ConnectConfig": "database connect",
		"gorm.io/gorm.Open":                         "database connect",
		"go.mongodb.org/mongo-driver/mongo.Connect": "database connect",
		"net/http.Get":                              "HTTP call", "net/http.Head": "HTTP call", "net/http.Post": "HTTP call", "net/http.PostForm": "HTTP call",
		"net/http.Client.Do": "HTTP call", "net/http.Client.Get": "HTTP call", "net/http.Client.Head": "HTTP call",
		"net/http.Client.Post": "HTTP call", "net/http.Client.PostForm": "HTTP call",
		"os.ReadFile": "file read", "os.Open": "file read", "os.ReadDir": "file read",
		"io/ioutil.ReadFile": "file read", "io/ioutil.ReadDir": "file read",
		"net.Dial": "network dial", "net.DialTimeout": "network dial", "net.Dialer.Dial": "network dial",
		"net.Dialer.DialContext":             "network dial",
		"github.com/nats-io/nats.go.Connect": "broker connect", "github.com/rabbitmq/amqp091-go.Dial": "broker connect",
		"github.com/streadway/amqp.Dial": "broker connect",
	}
	// dispatchAPIs run a command tree, major versions removed.
	dispatchAPIs = set("github.com/spf13/cobra.Command.Execute", "github.com/spf13/cobra.Command.ExecuteC",
		"github.com/spf13/cobra.Command.ExecuteContext", "github.com/spf13/cobra.Command.ExecuteContextC",
		"github.com/urfave/cli.App.Run", "github.com/urfave/cli.App.RunContext", "github.com/urfave/cli.Command.Run",
		"github.com/alecthomas/kingpin.Application.Parse", "github.com/alecthomas/kingpin.Parse",
		"gopkg.in/alecthomas/kingpin.v2.Application.Parse", "gopkg.in/alecthomas/kingpin.v2.Parse")
	// goAPIs start a goroutine running their func argument.
	goAPIs = set("sync.WaitGroup.Go", "golang.org/x/sync/errgroup.Group.Go", "golang.org/x/sync/errgroup.Group.TryGo")
	// onceAPIs run their func argument once per process.
	onceAPIs = set("sync.Once.Do", "sync.OnceFunc", "sync.OnceValue", "sync.OnceValues")
	// cacheTypes are in-process caches, by package path (major version
	// removed) and type name; "*" matches any type of the package.
	cacheTypes = set("sync.Map", "github.com/patrickmn/go-cache.Cache", "github.com/hashicorp/golang-lru.*",
		"github.com/hashicorp/golang-lru/expirable.*", "github.com/dgraph-io/ristretto.Cache",
		"github.com/allegro/bigcache.BigCache", "github.com/coocood/freecache.Cache",
		"github.com/jellydator/ttlcache.Cache", "github.com/maypok86/otter.Cache")
)

// ignoreDirective starts a suppression comment.
const ignoreDirective = "//splitter:ignore"

// factScan collects the facts of one unit.
type factScan struct {
	t    *unitTable
	ud   *unitDecl
	info *types.Info
	fset *token.FileSet
	out  []model.Fact
	seen map[string]bool
	// goLits are func literals run by a goroutine; true when it is joined.
	goLits map[*ast.FuncLit]bool
	// isInit: an init func or a var initialiser (runs at package initialisation).
	isInit bool
}

// unitFacts returns the facts of unit u. It only reads shared state, so
// units of different packages can be scanned in parallel.
func unitFacts(t *unitTable, u int) []model.Fact {
	ud := t.units[u]
	if ud.pkg() == nil || ud.pkg().TypesInfo == nil {
		return nil
	}
	s := &factScan{t: t, ud: ud, info: ud.pkg().TypesInfo, fset: ud.pkg().Fset, seen: map[string]bool{}, goLits: map[*ast.FuncLit]bool{}}
	s.ignores()
	switch d := ud.decl().(type) {
	case *ast.FuncDecl:
		s.isInit = d.Recv == nil && d.Name.Name == "init"
		if d.Body == nil {
			break
		}
		if d.Recv != nil && !ud.unit.Generated {
			s.grpcStream(d)
		}
		s.walk(d)
	case *ast.GenDecl:
		if d.Tok != token.VAR {
			break
		}
		s.isInit = true
		s.varKinds(d)
		s.walk(d)
	}
	return s.out
}

func (s *factScan) line(pos token.Pos) int { return s.fset.Position(pos).Line }

func (s *factScan) add(f model.Fact, pos token.Pos) {
	f.File = s.ud.unit.File
	if f.Line == 0 {
		f.Line = s.line(pos)
	}
	s.out = append(s.out, f)
}

// ignores reads the //splitter:ignore comments of the unit: in its doc
// comment they cover the whole declaration, inside it the comment's line
// and the next.
func (s *factScan) ignores() {
	f := s.ud.file()
	if f == nil {
		return
	}
	start := s.ud.start()
	var doc *ast.CommentGroup
	switch d := s.ud.decl().(type) {
	case *ast.FuncDecl:
		doc = d.Doc
	case *ast.GenDecl:
		doc = d.Doc
		if s.ud.spec() != nil && s.ud.spec().Doc != nil {
			doc = s.ud.spec().Doc
		}
	}
	if doc != nil && doc.Pos() < start {
		start = doc.Pos()
	}
	cgs := f.Comments
	i := sort.Search(len(cgs), func(i int) bool { return cgs[i].End() > start })
	for ; i < len(cgs) && cgs[i].Pos() < s.ud.end(); i++ {
		for _, c := range cgs[i].List {
			if c.Pos() < start || c.Pos() >= s.ud.end() {
				continue
			}
			rule, reason, ok := parseIgnore(c.Text)
			if !ok {
				continue
			}
			fact := model.Fact{Kind: model.FactIgnore, Rule: rule, Reason: reason}
			if c.Pos() < s.ud.start() {
				fact.Line, fact.EndLine = s.ud.unit.Line, s.ud.unit.EndLine
			} else {
				fact.Line = s.line(c.Pos())
				fact.EndLine = fact.Line + 1
			}
			s.add(fact, c.Pos())
		}
	}
}

// parseIgnore reads "//splitter:ignore SPL101,SPL103 reason".
func parseIgnore(text string) (rule, reason string, ok bool) {
	rest, found := strings.CutPrefix(text, ignoreDirective)
	if !found || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
		return "", "", false
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return "all", "", true
	}
	return fields[0], strings.Join(fields[1:], " "), true
}

// litRole says how a func literal runs, from its parent in the stack.
type litRole int

const (
	litCall     litRole = iota // called on the spot (or deferred to the function's end)
	litArg                     // passed to a function that may call it now
	litGo                      // run by a goroutine
	litOnce                    // run once per process (sync.Once)
	litTimer                   // run by a timer later
	litCallback                // stored or registered: runs later, if at all
)

func (s *factScan) roleOf(stack []ast.Node, i int) litRole {
	lit := stack[i].(*ast.FuncLit)
	if i == 0 {
		return litCallback
	}
	switch p := stack[i-1].(type) {
	case *ast.CallExpr:
		if ast.Unparen(p.Fun) == lit {
			if i >= 2 {
				if g, ok := stack[i-2].(*ast.GoStmt); ok && g.Call == p {
					return litGo
				}
			}
			return litCall
		}
		fn, _ := typeutil.Callee(s.info, p).(*types.Func)
		key := fnKey(fn)
		switch {
		case goAPIs[key]:
			return litGo
		case onceAPIs[key]:
			return litOnce
		case timerAPIs[key]:
			return litTimer
		}
		if isHTTPHandlerLit(s.info, lit) {
			return litCallback
		}
		return litArg
	case *ast.ParenExpr:
		return litCall
	}
	return litCallback
}

// isHTTPHandlerLit: func(http.ResponseWriter, *http.Request).
func isHTTPHandlerLit(info *types.Info, lit *ast.FuncLit) bool {
	sig, ok := info.TypeOf(lit).(*types.Signature)
	if !ok || sig.Params().Len() != 2 {
		return false
	}
	return typeKey(sig.Params().At(0).Type()) == "net/http.ResponseWriter"
}

// typeKey names a named type (through one pointer) as "pkgpath.Name".
func typeKey(t types.Type) string {
	n := namedOf(t)
	if n == nil || n.Obj().Pkg() == nil {
		return ""
	}
	return stripMajor(n.Obj().Pkg().Path()) + "." + n.Obj().Name()
}

// context of a node: flags from the func literals around it.
type nodeCtx struct {
	deferred, detached, lazy bool
	body                     *ast.BlockStmt // innermost function body
}

func (s *factScan) ctxOf(stack []ast.Node) nodeCtx {
	var c nodeCtx
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			if c.body == nil {
				c.body = n.Body
			}
			switch s.roleOf(stack, i) {
			case litGo:
				c.deferred = true
				if !s.goLits[n] {
					c.detached = true
				}
			case litTimer:
				c.deferred, c.detached = true, true
			case litCallback:
				c.deferred = true
			case litOnce:
				c.lazy = true
			}
		case *ast.FuncDecl:
			if c.body == nil {
				c.body = n.Body
			}
		}
	}
	return c
}

func (s *factScan) walk(root ast.Node) {
	var stack []ast.Node
	ast.Inspect(root, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		switch n := n.(type) {
		case *ast.GoStmt:
			s.goStmt(n, stack)
		case *ast.CallExpr:
			s.call(n, stack)
		case *ast.ForStmt:
			s.forLoop(n, stack)
		case *ast.RangeStmt:
			s.rangeLoop(n, stack)
		case *ast.Ident:
			s.globalUse(n, stack)
		}
		return true
	})
}

// goStmt records a goroutine start.
func (s *factScan) goStmt(g *ast.GoStmt, stack []ast.Node) {
	c := s.ctxOf(stack[:len(stack)-1])
	f := model.Fact{Kind: model.FactGoroutine, Call: "go", Detached: c.detached}
	var run ast.Node = g.Call
	if lit, ok := ast.Unparen(g.Call.Fun).(*ast.FuncLit); ok {
		run = lit.Body
		f.Joined = s.joined(c.body, g, lit, g.Call.Args)
		s.goLits[lit] = f.Joined
	} else {
		f.Joined = s.joined(c.body, g, nil, g.Call.Args)
	}
	f.Callees = s.t.calledUnits(s.info, run)
	s.add(f, g.Pos())
}

// joined reports whether the function body waits for the goroutine started
// at start: a Wait call on a WaitGroup or errgroup after it, or a receive
// from a local channel that the goroutine sends on, closes or is given.
func (s *factScan) joined(body *ast.BlockStmt, start ast.Node, lit *ast.FuncLit, args []ast.Expr) bool {
	if body == nil {
		return false
	}
	chans := map[types.Object]bool{}
	if lit != nil {
		ast.Inspect(lit.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SendStmt:
				s.addChan(chans, n.Chan)
			case *ast.CallExpr:
				if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && id.Name == "close" && len(n.Args) == 1 {
					if _, ok := s.info.Uses[id].(*types.Builtin); ok {
						s.addChan(chans, n.Args[0])
					}
				}
			}
			return true
		})
	}
	for _, a := range args {
		s.addChan(chans, a)
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found || n == nil || n == start || n.End() <= start.Pos() {
			return false // before the start, or the goroutine itself
		}
		switch n := n.(type) {
		case *ast.GoStmt:
			if _, ok := ast.Unparen(n.Call.Fun).(*ast.FuncLit); ok {
				return false // a Wait in another goroutine does not join this one
			}
		case *ast.CallExpr:
			if n.Pos() < start.End() {
				return true
			}
			fn, _ := typeutil.Callee(s.info, n).(*types.Func)
			switch fnKey(fn) {
			case "sync.WaitGroup.Wait", "golang.org/x/sync/errgroup.Group.Wait":
				found = true
				return false
			}
			if fn != nil && fn.Name() == "Wait" && fn.Pkg() != nil && strings.HasPrefix(fn.Pkg().Path(), "github.com/sourcegraph/conc") {
				found = true
				return false
			}
		case *ast.UnaryExpr:
			if n.Op == token.ARROW && n.Pos() >= start.End() && s.isChan(chans, n.X) {
				found = true
				return false
			}
		case *ast.RangeStmt:
			if n.Pos() >= start.End() && s.isChan(chans, n.X) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

func (s *factScan) addChan(chans map[types.Object]bool, e ast.Expr) {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		if v, ok := s.info.Uses[id].(*types.Var); ok {
			if _, isChan := v.Type().Underlying().(*types.Chan); isChan {
				chans[v] = true
			}
		}
	}
}

func (s *factScan) isChan(chans map[types.Object]bool, e ast.Expr) bool {
	if id, ok := ast.Unparen(e).(*ast.Ident); ok {
		return chans[s.info.Uses[id]]
	}
	return false
}

// call classifies one call.
func (s *factScan) call(call *ast.CallExpr, stack []ast.Node) {
	if tv, ok := s.info.Types[call.Fun]; ok && tv.IsType() {
		if typeKey(tv.Type) == "golang.org/x/net/websocket.Handler" {
			c := s.ctxOf(stack)
			s.add(model.Fact{Kind: model.FactWebsocket, Call: "websocket.Handler", Detached: c.detached}, call.Pos())
		}
		return
	}
	fn, _ := typeutil.Callee(s.info, call).(*types.Func)
	if fn == nil {
		return
	}
	key := fnKey(fn)
	name := apiName(fn)
	var c nodeCtx
	ctx := func() nodeCtx {
		if c.body == nil {
			c = s.ctxOf(stack)
		}
		return c
	}
	switch {
	case listenerAPIs[key]:
		s.add(model.Fact{Kind: model.FactListener, Call: name, Detached: ctx().detached}, call.Pos())
	case tickerAPIs[key]:
		s.add(model.Fact{Kind: model.FactTicker, Call: name, Detached: ctx().detached,
			Stopped: key != "time.Tick" && s.stopped(ctx().body, call, stack)}, call.Pos())
	case timerAPIs[key]:
		f := model.Fact{Kind: model.FactTimer, Call: name, Detached: ctx().detached, Stopped: s.stopped(ctx().body, call, stack)}
		if len(call.Args) == 2 {
			f.Callees = s.t.calledUnits(s.info, call.Args[1])
		}
		s.add(f, call.Pos())
	case goAPIs[key]:
		f := model.Fact{Kind: model.FactGoroutine, Call: name, Detached: ctx().detached}
		if len(call.Args) > 0 {
			f.Callees = s.t.calledUnits(s.info, call.Args[len(call.Args)-1])
			if lit, ok := ast.Unparen(call.Args[len(call.Args)-1]).(*ast.FuncLit); ok {
				f.Joined = s.joined(ctx().body, call, lit, nil)
				s.goLits[lit] = f.Joined
			} else {
				f.Joined = s.joined(ctx().body, call, nil, nil)
			}
		}
		s.add(f, call.Pos())
	case websocketAPIs[key]:
		s.add(model.Fact{Kind: model.FactWebsocket, Call: name, Detached: ctx().detached}, call.Pos())
	case key == "github.com/gin-gonic/gin.Context.Stream":
		s.add(model.Fact{Kind: model.FactSSE, Call: name}, call.Pos())
	case fn.Name() == "Flush" && call.Args == nil && isFlusher(key):
		if inLoop(stack) {
			s.add(model.Fact{Kind: model.FactSSE, Call: name, Detail: "flushed in a loop", Detached: ctx().detached}, call.Pos())
		}
	}
	if why, ok := processAPIs[key]; ok {
		s.add(model.Fact{Kind: model.FactProcess, Call: name, Detail: why, Detached: ctx().detached}, call.Pos())
	}
	if dispatchAPIs[key] {
		s.add(model.Fact{Kind: model.FactDispatch, Call: name}, call.Pos())
	}
	if arg, ok := fsWriteAPIs[key]; ok {
		s.fsWrite(call, fn, key, name, arg, stack)
	}
	if key == "os.OpenFile" && len(call.Args) >= 2 && s.writeFlag(call.Args[1]) {
		s.fsWrite(call, fn, key, name, 0, stack)
	}
	if what, ok := ioAPIs[key]; ok {
		s.add(model.Fact{Kind: model.FactIO, Call: name, Detail: what, Deferred: ctx().deferred}, call.Pos())
	}
	if s.isInit {
		if u := s.t.unitOf(fn); u >= 0 && !ctx().deferred {
			id := s.t.units[u].unit.ID
			if k := "init-call " + id; !s.seen[k] {
				s.seen[k] = true
				s.add(model.Fact{Kind: model.FactInitCall, Call: name, Target: id}, call.Pos())
			}
		}
	}
}

func isFlusher(key string) bool {
	switch key {
	case "net/http.Flusher.Flush", "net/http.ResponseController.Flush",
		"github.com/labstack/echo.Response.Flush", "github.com/gin-gonic/gin.ResponseWriter.Flush":
		return true
	}
	return false
}

// inLoop reports whether the top of the stack is inside a for or range
// loop of the same function.
func inLoop(stack []ast.Node) bool {
	for i := len(stack) - 2; i >= 0; i-- {
		switch stack[i].(type) {
		case *ast.ForStmt, *ast.RangeStmt:
			return true
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		}
	}
	return false
}

// stopped reports whether the ticker or timer made by call is kept in a
// local variable whose Stop method the function calls.
func (s *factScan) stopped(body *ast.BlockStmt, call *ast.CallExpr, stack []ast.Node) bool {
	if body == nil || len(stack) < 2 {
		return false
	}
	var v types.Object
	switch p := stack[len(stack)-2].(type) {
	case *ast.AssignStmt:
		for i, r := range p.Rhs {
			if r == call && i < len(p.Lhs) {
				if id, ok := p.Lhs[i].(*ast.Ident); ok {
					v = s.info.ObjectOf(id)
				}
			}
		}
	case *ast.ValueSpec:
		for i, r := range p.Values {
			if r == call && i < len(p.Names) {
				v = s.info.ObjectOf(p.Names[i])
			}
		}
	}
	if v == nil {
		return false
	}
	found := false
	ast.Inspect(body, func(n ast.Node) bool {
		if found {
			return false
		}
		if c, ok := n.(*ast.CallExpr); ok {
			if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Stop" {
				if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && s.info.Uses[id] == v {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// forLoop records endless loops: for { select ... } and for { ... time.Sleep }.
func (s *factScan) forLoop(loop *ast.ForStmt, stack []ast.Node) {
	if loop.Cond != nil {
		return
	}
	kind := ""
	ast.Inspect(loop.Body, func(n ast.Node) bool {
		if kind == "for-select" {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.SelectStmt:
			kind = "for-select"
			return false
		case *ast.CallExpr:
			if fn, _ := typeutil.Callee(s.info, n).(*types.Func); fnKey(fn) == "time.Sleep" {
				kind = "for-sleep"
			}
		}
		return true
	})
	if kind == "" {
		return
	}
	c := s.ctxOf(stack)
	s.add(model.Fact{Kind: model.FactLoop, Call: kind, Detached: c.detached}, loop.Pos())
}

// rangeLoop records loops over a ticker's channel: for range t.C, for range time.Tick(d).
func (s *factScan) rangeLoop(loop *ast.RangeStmt, stack []ast.Node) {
	x := ast.Unparen(loop.X)
	ticker := false
	switch x := x.(type) {
	case *ast.SelectorExpr:
		if x.Sel.Name == "C" {
			switch typeKey(s.info.TypeOf(x.X)) {
			case "time.Ticker", "time.Timer":
				ticker = true
			}
		}
	case *ast.CallExpr:
		if fn, _ := typeutil.Callee(s.info, x).(*types.Func); fnKey(fn) == "time.Tick" {
			ticker = true
		}
	}
	if !ticker {
		return
	}
	c := s.ctxOf(stack)
	s.add(model.Fact{Kind: model.FactLoop, Call: "for-range-ticker", Detached: c.detached}, loop.Pos())
}

// writeFlag reports whether an os.OpenFile flag is a constant that opens
// for writing.
func (s *factScan) writeFlag(e ast.Expr) bool {
	tv, ok := s.info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	v, ok := constant.Int64Val(constant.ToInt(tv.Value))
	if !ok {
		return false
	}
	// O_WRONLY|O_RDWR|O_APPEND|O_CREATE|O_TRUNC on every Unix and on Windows
	// as the os package defines them; read them from the os package itself.
	mask := int64(0)
	for _, name := range []string{"O_WRONLY", "O_RDWR", "O_APPEND", "O_CREATE", "O_TRUNC"} {
		if c, ok := s.osConst(name); ok {
			mask |= c
		}
	}
	if mask == 0 {
		mask = 0x1 | 0x2 | 0x400 | 0x40 | 0x200 // Linux values
	}
	return v&mask != 0
}

func (s *factScan) osConst(name string) (int64, bool) {
	for _, imp := range s.ud.pkg().Types.Imports() {
		if imp.Path() == "os" {
			if c, ok := imp.Scope().Lookup(name).(*types.Const); ok {
				return constant.Int64Val(constant.ToInt(c.Val()))
			}
		}
	}
	return 0, false
}

// fsWrite records a filesystem write unless its path is under the temp dir.
func (s *factScan) fsWrite(call *ast.CallExpr, fn *types.Func, key, name string, arg int, stack []ast.Node) {
	if arg >= len(call.Args) {
		return
	}
	c := s.ctxOf(stack)
	p := call.Args[arg]
	switch key {
	case "os.CreateTemp", "os.MkdirTemp", "io/ioutil.TempFile", "io/ioutil.TempDir":
		if str, ok := s.constStr(p); ok && str == "" {
			return // "" is the temp dir
		}
	}
	if s.tempPath(p, c.body, 0) {
		return
	}
	detail := "path given by the caller"
	if str, ok := s.constStr(p); ok {
		detail = "path " + str
	} else if lit := s.literalPrefix(p, c.body, 0); lit != "" {
		detail = "path " + lit + "…"
	}
	s.add(model.Fact{Kind: model.FactFSWrite, Call: name, Detail: detail, Detached: c.detached}, call.Pos())
}

func (s *factScan) constStr(e ast.Expr) (string, bool) {
	tv, ok := s.info.Types[e]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// literalPrefix is a constant prefix of a path expression, for messages.
func (s *factScan) literalPrefix(e ast.Expr, body *ast.BlockStmt, depth int) string {
	if depth > 4 {
		return ""
	}
	if str, ok := s.constStr(e); ok {
		return str
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		return s.literalPrefix(e.X, body, depth+1)
	case *ast.CallExpr:
		if fn, _ := typeutil.Callee(s.info, e).(*types.Func); fn != nil && len(e.Args) > 0 {
			switch fnKey(fn) {
			case "path/filepath.Join", "path.Join":
				return s.literalPrefix(e.Args[0], body, depth+1)
			}
		}
	case *ast.Ident:
		if v, ok := s.info.Uses[e].(*types.Var); ok && body != nil && !isPkgVar(v) {
			for _, r := range s.assignedTo(body, v) {
				if p := s.literalPrefix(r, body, depth+1); p != "" {
					return p
				}
			}
		}
	}
	return ""
}

func isPkgVar(v *types.Var) bool { return v.Pkg() != nil && v.Parent() == v.Pkg().Scope() }

// tempPath reports whether a path expression is built from the temp dir:
// os.TempDir(), t.TempDir(), a file or dir made by os.CreateTemp("", ...) or
// os.MkdirTemp("", ...), a constant under /tmp, or joins and local
// variables built from those.
func (s *factScan) tempPath(e ast.Expr, body *ast.BlockStmt, depth int) bool {
	if depth > 6 || e == nil {
		return false
	}
	if str, ok := s.constStr(e); ok {
		return str == "/tmp" || strings.HasPrefix(str, "/tmp/")
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		return e.Op == token.ADD && s.tempPath(e.X, body, depth+1)
	case *ast.CallExpr:
		fn, _ := typeutil.Callee(s.info, e).(*types.Func)
		if fn == nil {
			return false
		}
		key := fnKey(fn)
		switch key {
		case "os.TempDir", "testing.T.TempDir", "testing.B.TempDir", "testing.F.TempDir", "testing.TB.TempDir", "testing.common.TempDir":
			return true
		case "os.CreateTemp", "os.MkdirTemp", "io/ioutil.TempFile", "io/ioutil.TempDir":
			if len(e.Args) > 0 {
				if str, ok := s.constStr(e.Args[0]); ok && str == "" {
					return true
				}
				return s.tempPath(e.Args[0], body, depth+1)
			}
		case "path/filepath.Join", "path.Join", "path/filepath.Dir", "path.Dir", "path/filepath.Clean", "path.Clean",
			"path/filepath.Abs", "fmt.Sprintf":
			return len(e.Args) > 0 && s.tempPath(e.Args[0], body, depth+1)
		case "os.File.Name":
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				return s.tempPath(sel.X, body, depth+1)
			}
		}
		if fn.Name() == "TempDir" && fn.Pkg() != nil && fn.Pkg().Path() == "testing" {
			return true
		}
	case *ast.Ident:
		v, ok := s.info.Uses[e].(*types.Var)
		if !ok || body == nil || isPkgVar(v) {
			return false
		}
		for _, r := range s.assignedTo(body, v) {
			if s.tempPath(r, body, depth+1) {
				return true
			}
		}
	}
	return false
}

// assignedTo lists the expressions a local variable is set from in body
// (for multi-value assignments, the call on the right).
func (s *factScan) assignedTo(body *ast.BlockStmt, v *types.Var) []ast.Expr {
	var out []ast.Expr
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				id, ok := l.(*ast.Ident)
				if !ok || s.info.ObjectOf(id) != v {
					continue
				}
				if len(n.Rhs) == len(n.Lhs) {
					out = append(out, n.Rhs[i])
				} else if len(n.Rhs) == 1 {
					out = append(out, n.Rhs[0])
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if s.info.ObjectOf(id) != v {
					continue
				}
				if len(n.Values) == len(n.Names) {
					out = append(out, n.Values[i])
				} else if len(n.Values) == 1 {
					out = append(out, n.Values[0])
				}
			}
		}
		return true
	})
	return out
}

// grpcStream records a method serving a streaming RPC: one of its
// parameters has the methods of grpc.ServerStream.
func (s *factScan) grpcStream(d *ast.FuncDecl) {
	fn, ok := s.info.Defs[d.Name].(*types.Func)
	if !ok {
		return
	}
	params := fn.Signature().Params()
	for i := 0; i < params.Len(); i++ {
		t := params.At(i).Type()
		if isServerStream(t) {
			s.add(model.Fact{Kind: model.FactGRPCStream, Call: "server-stream", Detail: types.TypeString(t, types.RelativeTo(fn.Pkg()))}, d.Pos())
			return
		}
	}
}

// isServerStream: t has SendMsg, RecvMsg, SetHeader, SendHeader, SetTrailer
// and Context, as grpc.ServerStream and every generated stream interface.
func isServerStream(t types.Type) bool {
	if _, ok := t.Underlying().(*types.Basic); ok {
		return false
	}
	// Most parameters have no SendMsg: a lookup says so without the
	// whole method set, which every function's every parameter costs.
	probe := t
	if _, isIface := t.Underlying().(*types.Interface); !isIface {
		if _, isPtr := t.(*types.Pointer); !isPtr {
			probe = types.NewPointer(t)
		}
	}
	if obj, _, _ := types.LookupFieldOrMethod(probe, false, nil, "SendMsg"); obj == nil {
		return false
	}
	ms := types.NewMethodSet(t)
	if _, isIface := t.Underlying().(*types.Interface); !isIface {
		if _, isPtr := t.(*types.Pointer); !isPtr {
			ms = types.NewMethodSet(types.NewPointer(t))
		}
	}
	need := 0
	for i := 0; i < ms.Len(); i++ {
		switch ms.At(i).Obj().Name() {
		case "SendMsg", "RecvMsg", "SetHeader", "SendHeader", "SetTrailer", "Context":
			need++
		}
	}
	return need == 6
}

// varKinds records the package-level locks and caches a var unit declares.
func (s *factScan) varKinds(d *ast.GenDecl) {
	for _, spec := range d.Specs {
		vs, ok := spec.(*ast.ValueSpec)
		if !ok {
			continue
		}
		for _, name := range vs.Names {
			v, ok := s.info.Defs[name].(*types.Var)
			if !ok || name.Name == "_" {
				continue
			}
			class := varClass(v.Type())
			switch {
			case class == "sync.Mutex" || class == "sync.RWMutex":
				s.add(model.Fact{Kind: model.FactLock, Call: class, Var: name.Name}, name.Pos())
			case isCacheClass(class):
				s.add(model.Fact{Kind: model.FactCache, Call: class, Var: name.Name}, name.Pos())
			}
		}
	}
}

func isCacheClass(class string) bool {
	if cacheTypes[class] {
		return true
	}
	if i := strings.LastIndex(class, "."); i > 0 && cacheTypes[class[:i]+".*"] {
		return true
	}
	return false
}

// varClass describes a variable's type for the global-state rules:
// "sync.Mutex", "sync.Map", "atomic.Int64", "counter", "map", "slice",
// "pointer", "func", "struct", "value", or a named type's "pkgpath.Name".
func varClass(t types.Type) string {
	if k := typeKey(t); k != "" {
		if _, isPtr := types.Unalias(t).(*types.Pointer); !isPtr {
			switch {
			case strings.HasPrefix(k, "sync/atomic."):
				return "atomic." + k[len("sync/atomic."):]
			case strings.HasPrefix(k, "sync."), isCacheClass(k):
				return k
			}
		} else if isCacheClass(k) {
			return k
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		if u.Info()&types.IsNumeric != 0 {
			return "counter"
		}
		return "value"
	case *types.Map:
		return "map"
	case *types.Slice, *types.Array:
		return "slice"
	case *types.Pointer:
		return "pointer"
	case *types.Signature:
		return "func"
	case *types.Chan:
		return "chan"
	case *types.Interface:
		return "interface"
	case *types.Struct:
		if k := typeKey(t); k != "" {
			return k
		}
		return "struct"
	}
	return "value"
}

// globalUse records writes to the module's package-level variables (the
// global-write edges, with their line), and every method call on a
// package-level lock or cache (a *cache is used without a write edge).
func (s *factScan) globalUse(id *ast.Ident, stack []ast.Node) {
	v, ok := s.info.Uses[id].(*types.Var)
	if !ok || !isPkgVar(v) {
		return
	}
	to := s.t.unitOf(v)
	if to < 0 {
		return
	}
	class := varClass(v.Type())
	how := ""
	if isWrite(stack, id, s.info) {
		how = writeHow(stack, id, s.info)
	} else if isCacheClass(class) || class == "sync.Mutex" || class == "sync.RWMutex" {
		if sel, ok := parentOf(stack, id).(*ast.SelectorExpr); ok && sel.X == id {
			if _, isMethod := s.info.Uses[sel.Sel].(*types.Func); isMethod {
				how = sel.Sel.Name
			}
		}
	}
	if how == "" {
		return
	}
	target := s.t.units[to].unit.ID
	key := "gw " + target + " " + v.Name() + " " + how
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	c := s.ctxOf(stack)
	lazy := c.lazy || (how == "=" && underNilCheck(stack, v, s.info))
	s.add(model.Fact{Kind: model.FactGlobalWrite, Call: how, Var: v.Name(), Target: target, Detail: class,
		Lazy: lazy, Detached: c.detached, Deferred: c.deferred}, id.Pos())
}

func parentOf(stack []ast.Node, n ast.Node) ast.Node {
	for i := len(stack) - 1; i > 0; i-- {
		if stack[i] == n {
			return stack[i-1]
		}
	}
	return nil
}

// writeHow says how a write found by isWrite writes: "=", "[]=", "++",
// "&", "delete", "clear", "copy", or the pointer method called. A pointer
// passed to sync/atomic's Load functions is a read: "".
func writeHow(stack []ast.Node, id *ast.Ident, info *types.Info) string {
	var cur ast.Node = id
	i := len(stack) - 1
	for ; i >= 0 && stack[i] == cur; i-- {
	}
	indexed := false
	for ; i >= 0; i-- {
		switch p := stack[i].(type) {
		case *ast.SelectorExpr:
			if sel := info.Selections[p]; sel != nil && sel.Kind() == types.MethodVal {
				return p.Sel.Name
			}
		case *ast.IndexExpr:
			indexed = true
		case *ast.StarExpr, *ast.ParenExpr:
		case *ast.AssignStmt, *ast.RangeStmt:
			if indexed {
				return "[]="
			}
			return "="
		case *ast.IncDecStmt:
			if indexed {
				return "[]" + p.Tok.String()
			}
			return p.Tok.String()
		case *ast.UnaryExpr:
			// &v: through sync/atomic it is an atomic write (or a read for
			// Load); given to a decoder it is written; else it is only
			// passed on ("&arg").
			if i > 0 {
				if call, ok := stack[i-1].(*ast.CallExpr); ok {
					fn, _ := typeutil.Callee(info, call).(*types.Func)
					switch {
					case fn == nil:
					case fn.Pkg() != nil && fn.Pkg().Path() == "sync/atomic":
						if strings.HasPrefix(fn.Name(), "Load") {
							return ""
						}
						return "atomic." + fn.Name()
					case decoderName(fn.Name()):
						return "&"
					}
					return "&arg"
				}
			}
			return "&"
		case *ast.CallExpr:
			if fid, ok := ast.Unparen(p.Fun).(*ast.Ident); ok {
				return fid.Name
			}
			return "call"
		default:
			return "="
		}
		cur = stack[i]
	}
	return "="
}

// underNilCheck: the write sits in the body of "if v == nil { ... }".
func underNilCheck(stack []ast.Node, v *types.Var, info *types.Info) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return false
		case *ast.IfStmt:
			be, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
			if !ok || be.Op != token.EQL {
				continue
			}
			isV := func(e ast.Expr) bool {
				id, ok := ast.Unparen(e).(*ast.Ident)
				return ok && info.Uses[id] == v
			}
			isNil := func(e ast.Expr) bool {
				id, ok := ast.Unparen(e).(*ast.Ident)
				return ok && id.Name == "nil" && info.Types[id].IsNil()
			}
			if (isV(be.X) && isNil(be.Y)) || (isNil(be.X) && isV(be.Y)) {
				return true
			}
		}
	}
	return false
}

// decoderName: functions that fill the value their pointer argument points
// to (json.Unmarshal, Decoder.Decode, Rows.Scan, fmt.Sscan, binary.Read...).
func decoderName(name string) bool {
	for _, p := range []string{"Unmarshal", "Decode", "Scan", "Sscan", "Fscan", "Read", "Parse"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
