package extract

import (
	"fmt"
	"go/types"
	"strings"
)

// genRemote writes the HTTP/JSON client and server: one POST per method at
// PathPrefix+name, the arguments and results in an envelope of their wire
// types; the context's deadline travels in a header, errors as their
// message with the name of the sentinel they wrap.
func (x *extraction) genRemote(g *gofile) string {
	ctxPkg := g.imp("context", "context")
	httpPkg := g.imp("net/http", "http")
	jsonPkg := g.imp("encoding/json", "json")
	fmtPkg := g.imp("fmt", "fmt")
	errorsPkg := g.imp("errors", "errors")
	timePkg := g.imp("time", "time")
	ioPkg := g.imp("io", "io")
	bytesPkg := g.imp("bytes", "bytes")
	stringsPkg := g.imp("strings", "strings")
	p := x.pkgName

	g.p("// PathPrefix is where Server serves the methods: POST PathPrefix+method.\n")
	g.p("const PathPrefix = \"/%s/\"\n\n", p)
	g.p("// deadlineHeader carries the caller's context deadline (RFC 3339).\n")
	g.p("const deadlineHeader = \"Splitter-Deadline\"\n\n")

	g.p("// sentinels are the service's error values its callers test for with\n")
	g.p("// errors.Is: the server names the one an error wraps, the client wraps\n")
	g.p("// it again, so that errors.Is holds on both sides of the network.\n")
	g.p("var sentinels = []struct {\nname string\nerr error\n}{\n")
	for _, s := range x.sentinel {
		g.p("{%q, %s.%s},\n", s.Pkg().Name()+"."+s.Name(), g.qual(s.Pkg()), s.Name())
	}
	g.p("}\n\n")

	g.p(`// Error is an error the service returned, as it crossed the network: its
// message, and the sentinel it wrapped (errors.Is finds it).
type Error struct {
	Method   string
	Status   int
	Message  string
	Sentinel error
}

func (e *Error) Error() string { return e.Message }

// Unwrap returns the sentinel the service's error wrapped, or nil.
func (e *Error) Unwrap() error { return e.Sentinel }

// wireError is an error as the server sends it.
type wireError struct {
	Error    string ` + "`json:\"error\"`" + `
	Sentinel string ` + "`json:\"sentinel,omitempty\"`" + `
}

`)
	g.p(`// Client calls the service over HTTP; it implements API.
type Client struct {
	base string
	hc   *%[1]s.Client
}

// NewClient returns a client of the service at baseURL (scheme, host and
// any path before PathPrefix); hc nil means http.DefaultClient.
func NewClient(baseURL string, hc *%[1]s.Client) *Client {
	if hc == nil {
		hc = %[1]s.DefaultClient
	}
	return &Client{base: %[2]s.TrimSuffix(baseURL, "/"), hc: hc}
}

// call posts in to the method and decodes its answer into out.
func (c *Client) call(ctx %[3]s.Context, method string, in, out any) error {
	body, err := %[4]s.Marshal(in)
	if err != nil {
		return %[5]s.Errorf("%[6]s: %%s: encoding the arguments: %%w", method, err)
	}
	req, err := %[1]s.NewRequestWithContext(ctx, %[1]s.MethodPost, c.base+PathPrefix+method, %[7]s.NewReader(body))
	if err != nil {
		return %[5]s.Errorf("%[6]s: %%s: %%w", method, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if d, ok := ctx.Deadline(); ok {
		req.Header.Set(deadlineHeader, d.UTC().Format(%[8]s.RFC3339Nano))
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return %[5]s.Errorf("%[6]s: %%s: %%w", method, err)
	}
	defer resp.Body.Close()
	data, err := %[9]s.ReadAll(resp.Body)
	if err != nil {
		return %[5]s.Errorf("%[6]s: %%s: reading the answer: %%w", method, err)
	}
	if resp.StatusCode != %[1]s.StatusOK {
		var we wireError
		if %[4]s.Unmarshal(data, &we) != nil || we.Error == "" {
			return %[5]s.Errorf("%[6]s: %%s: %%s: %%s", method, resp.Status, %[2]s.TrimSpace(string(data)))
		}
		e := &Error{Method: method, Status: resp.StatusCode, Message: we.Error}
		for _, s := range sentinels {
			if s.name == we.Sentinel {
				e.Sentinel = s.err
			}
		}
		return e
	}
	if err := %[4]s.Unmarshal(data, out); err != nil {
		return %[5]s.Errorf("%[6]s: %%s: decoding the answer: %%w", method, err)
	}
	return nil
}

// notRemote is the error of a method a remote call cannot carry.
func notRemote(method, why string) error {
	return %[10]s.New("%[6]s: " + method + " cannot be called remotely: " + why)
}

`, httpPkg, stringsPkg, ctxPkg, jsonPkg, fmtPkg, p, bytesPkg, timePkg, ioPkg, errorsPkg)

	for _, m := range x.members {
		x.genClientMethod(g, m, ctxPkg, fmtPkg)
	}

	g.p(`// Server serves an implementation of API over HTTP (see PathPrefix).
type Server struct {
	impl API
}

// NewServer returns a server of impl: a Local over the service's code, in
// the program that runs the service.
func NewServer(impl API) *Server { return &Server{impl: impl} }

// ServeHTTP answers POST PathPrefix+method.
func (s *Server) ServeHTTP(w %[1]s.ResponseWriter, r *%[1]s.Request) {
	if r.Method != %[1]s.MethodPost {
		w.Header().Set("Allow", %[1]s.MethodPost)
		writeError(w, %[1]s.StatusMethodNotAllowed, %[2]s.New("use POST"))
		return
	}
	ctx := r.Context()
	if d := r.Header.Get(deadlineHeader); d != "" {
		if t, err := %[3]s.Parse(%[3]s.RFC3339Nano, d); err == nil {
			var cancel %[4]s.CancelFunc
			ctx, cancel = %[4]s.WithDeadline(ctx, t)
			defer cancel()
		}
	}
	body, err := %[5]s.ReadAll(r.Body)
	if err != nil {
		writeError(w, %[1]s.StatusBadRequest, err)
		return
	}
	var out any
	switch %[6]s.TrimPrefix(r.URL.Path, PathPrefix) {
`, httpPkg, errorsPkg, timePkg, ctxPkg, ioPkg, stringsPkg)
	for _, m := range x.members {
		if m.noRemote {
			continue
		}
		g.p("case %q:\nout, err = s.serve%s(ctx, body)\n", m.name, m.name)
	}
	g.p(`default:
		writeError(w, %[1]s.StatusNotFound, %[2]s.Errorf("no method %%q", r.URL.Path))
		return
	}
	if err != nil {
		var bad badRequest
		if %[3]s.As(err, &bad) {
			writeError(w, %[1]s.StatusBadRequest, bad.err)
			return
		}
		writeError(w, %[1]s.StatusInternalServerError, err)
		return
	}
	data, err := %[4]s.Marshal(out)
	if err != nil {
		writeError(w, %[1]s.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(data)
}

// badRequest is a request the server cannot decode.
type badRequest struct{ err error }

func (b badRequest) Error() string { return b.err.Error() }

// writeError answers with an error's message and the sentinel it wraps.
func writeError(w %[1]s.ResponseWriter, status int, err error) {
	we := wireError{Error: err.Error()}
	for _, s := range sentinels {
		if %[3]s.Is(err, s.err) {
			we.Sentinel = s.name
			break
		}
	}
	data, _ := %[4]s.Marshal(we)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data)
}

`, httpPkg, fmtPkg, errorsPkg, jsonPkg)
	for _, m := range x.members {
		if !m.noRemote {
			x.genServeMethod(g, m, jsonPkg)
		}
	}
	return ""
}

// genEnvelopes writes a member's request and response structs.
func (x *extraction) genEnvelopes(g *gofile, m *member) {
	in, out := envelope(m)
	as, rs := args(m.sig), rets(m.sig)
	g.p("// %s and %s carry %s's arguments and results.\n", in, out, m.name)
	g.p("type %s struct {\n", in)
	for i, n := range fieldNames(as, "Arg") {
		t := as[i].Type()
		if m.sig.Variadic() && i == len(as)-1 {
			t = types.NewSlice(t.(*types.Slice).Elem())
		}
		g.p("%s %s\n", n, g.wire(t))
	}
	g.p("}\n\ntype %s struct {\n", out)
	for i, n := range fieldNames(rs, "Result") {
		g.p("%s %s\n", n, g.wire(rs[i].Type()))
	}
	g.p("}\n\n")
}

func (x *extraction) genClientMethod(g *gofile, m *member, ctxPkg, fmtPkg string) {
	names := g.paramNames(m.sig)
	errRes := hasErr(m.sig)
	if m.noRemote {
		g.p("// %s cannot be called remotely: its %s.\n", m.name, strings.Join(m.blocked, "; its "))
		g.p("func (c *Client) %s(%s)%s {\n", m.name, g.params(m.sig, names), g.results(m.sig, true))
		why := fmt.Sprintf("%q", strings.Join(m.blocked, "; "))
		if errRes {
			g.p("err = notRemote(%q, %s)\nreturn\n}\n\n", m.name, why)
		} else {
			g.p("panic(notRemote(%q, %s))\n}\n\n", m.name, why)
		}
		return
	}
	x.genEnvelopes(g, m)
	in, out := envelope(m)
	g.p("// %s calls %s in the service.\n", m.name, x.what(m))
	g.p("func (c *Client) %s(%s)%s {\n", m.name, g.params(m.sig, names), g.results(m.sig, true))
	if !hasCtx(m.sig) {
		g.p("ctx := %s.Background()\n", ctxPkg)
	}
	as := args(m.sig)
	off := 0
	if hasCtx(m.sig) {
		off = 1
	}
	g.p("in := %s{\n", in)
	for i, fn := range fieldNames(as, "Arg") {
		t := as[i].Type()
		if m.sig.Variadic() && i == len(as)-1 {
			t = types.NewSlice(t.(*types.Slice).Elem())
		}
		g.p("%s: %s,\n", fn, g.convert(t, true, names[i+off]))
	}
	g.p("}\nvar out %s\n", out)
	if errRes {
		g.p("if err = c.call(ctx, %q, &in, &out); err != nil {\nreturn\n}\n", m.name)
	} else {
		g.p("if err := c.call(ctx, %q, &in, &out); err != nil {\npanic(%s.Sprintf(\"%%v (%s has no error result to return it in)\", err))\n}\n", m.name, fmtPkg, m.name)
	}
	rs := rets(m.sig)
	for i, fn := range fieldNames(rs, "Result") {
		g.p("r%d = %s\n", i, g.convert(rs[i].Type(), false, "out."+fn))
	}
	g.p("return\n}\n\n")
}

func (x *extraction) genServeMethod(g *gofile, m *member, jsonPkg string) {
	in, out := envelope(m)
	ctxPkg := g.imp("context", "context")
	g.p("func (s *Server) serve%s(ctx %s.Context, body []byte) (any, error) {\n", m.name, ctxPkg)
	g.p("var in %s\nif err := %s.Unmarshal(body, &in); err != nil {\nreturn nil, badRequest{err}\n}\n", in, jsonPkg)
	as, rs := args(m.sig), rets(m.sig)
	var callArgs []string
	if hasCtx(m.sig) {
		callArgs = append(callArgs, "ctx")
	}
	for i, fn := range fieldNames(as, "Arg") {
		t := as[i].Type()
		a := g.convert(t, false, "in."+fn)
		if m.sig.Variadic() && i == len(as)-1 {
			a = g.convert(types.NewSlice(t.(*types.Slice).Elem()), false, "in."+fn) + "..."
		}
		callArgs = append(callArgs, a)
	}
	var lhs []string
	for i := range rs {
		lhs = append(lhs, fmt.Sprintf("r%d", i))
	}
	if hasErr(m.sig) {
		lhs = append(lhs, "err")
	}
	call := "s.impl." + m.name + "(" + strings.Join(callArgs, ", ") + ")"
	if len(lhs) > 0 {
		g.p("%s := %s\n", strings.Join(lhs, ", "), call)
	} else {
		g.p("%s\n", call)
	}
	if hasErr(m.sig) {
		g.p("if err != nil {\nreturn nil, err\n}\n")
	}
	g.p("return %s{\n", out)
	for i, fn := range fieldNames(rs, "Result") {
		g.p("%s: %s,\n", fn, g.convert(rs[i].Type(), true, fmt.Sprintf("r%d", i)))
	}
	g.p("}, nil\n}\n\n")
}
