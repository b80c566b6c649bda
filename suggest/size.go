package suggest

import (
	"sort"
	"strings"

	"github.com/splitter-go/splitter/model"
)

// The size model estimates a function's stripped linux/arm64 binary:
//
//	size = base + LOC × bytesPerLOC + Σ weight(module) over the external
//	       modules (and heavy standard packages) its units use
//
// base covers the Go runtime, net/http, encoding/json and aws-lambda-go,
// which every function links. It was calibrated with --measure-size on the
// bundled examples (docs/SUGGEST.md has the figures).
const (
	sizeBase    = 6_000_000
	bytesPerLOC = 200
	// defaultModuleWeight is an external module not in moduleWeights.
	defaultModuleWeight = 400_000
	// defaultStdWeight is a standard package not in stdWeights.
	defaultStdWeight = 20_000
)

// moduleWeights are measured contributions of common modules (with what
// they pull in), keyed by module path without major version.
var moduleWeights = map[string]int64{
	"google.golang.org/grpc":              5_500_000,
	"google.golang.org/protobuf":          1_500_000,
	"github.com/aws/aws-sdk-go-v2":        1_500_000,
	"github.com/jackc/pgx":                1_800_000,
	"github.com/lib/pq":                   500_000,
	"github.com/nats-io/nats.go":          1_300_000,
	"github.com/go-chi/chi":               80_000,
	"github.com/gorilla/mux":              100_000,
	"github.com/gin-gonic/gin":            2_000_000,
	"github.com/labstack/echo":            1_000_000,
	"github.com/gofiber/fiber":            2_500_000,
	"gorm.io/gorm":                        2_000_000,
	"github.com/spf13/cobra":              900_000,
	"github.com/robfig/cron":              60_000,
	"github.com/redis/go-redis":           1_500_000,
	"go.mongodb.org/mongo-driver":         4_000_000,
	"github.com/IBM/sarama":               3_000_000,
	"github.com/rabbitmq/amqp091-go":      300_000,
	"go.uber.org/zap":                     600_000,
	"github.com/sirupsen/logrus":          300_000,
	"github.com/prometheus/client_golang": 1_500_000,
}

// stdWeights are the heavier standard packages not already in the base.
var stdWeights = map[string]int64{
	"crypto/tls": 400_000, "crypto/x509": 300_000, "database/sql": 150_000, "html/template": 600_000,
	"text/template": 350_000, "encoding/xml": 250_000, "regexp": 150_000, "net/http/pprof": 900_000,
	"runtime/pprof": 300_000, "log/slog": 250_000, "encoding/csv": 30_000, "compress/gzip": 80_000,
	"net/smtp": 60_000, "os/exec": 60_000, "crypto/rsa": 80_000, "crypto/ecdsa": 150_000,
	"crypto/hmac": 10_000, "crypto/sha256": 10_000, "math/big": 150_000,
}

// moduleOf guesses the module of an import path: github.com/a/b/c → github.com/a/b.
func moduleOf(p string) string {
	p = stripMajor(p)
	parts := strings.Split(p, "/")
	if len(parts) == 0 || !strings.Contains(parts[0], ".") {
		return "" // standard library
	}
	n := 3
	switch parts[0] {
	case "google.golang.org", "gopkg.in", "go.uber.org", "gorm.io", "go.mongodb.org", "cloud.google.com", "nhooyr.io":
		n = 2
	}
	if len(parts) < n {
		n = len(parts)
	}
	m := strings.Join(parts[:n], "/")
	for k := range moduleWeights {
		if strings.HasPrefix(p, k+"/") || p == k {
			return k
		}
	}
	return m
}

// stripMajor drops major-version path elements (/v2, /v5).
func stripMajor(p string) string {
	parts := strings.Split(p, "/")
	out := parts[:0:0]
	for i, x := range parts {
		if i > 0 && len(x) > 1 && x[0] == 'v' && strings.Trim(x[1:], "0123456789") == "" {
			continue
		}
		out = append(out, x)
	}
	return strings.Join(out, "/")
}

// estimateSize applies the size model to the units a function carries.
func estimateSize(m *model.Model, units map[int]bool) int64 {
	size := int64(sizeBase)
	mods := map[string]bool{}
	std := map[string]bool{}
	for u := range units {
		size += int64(m.Units[u].LOC) * bytesPerLOC
		for _, use := range m.Units[u].Uses {
			if mod := moduleOf(use); mod != "" {
				mods[mod] = true
			} else {
				std[use] = true
			}
		}
	}
	for mod := range mods {
		if w, ok := moduleWeights[mod]; ok {
			size += w
		} else {
			size += defaultModuleWeight
		}
	}
	for p := range std {
		if w, ok := stdWeights[p]; ok {
			size += w
		} else {
			size += defaultStdWeight
		}
	}
	return size
}

// program: every entry point of the function is a main program.
func program(f *fn) bool {
	for _, e := range f.eps {
		if e.ep.Kind != model.EntryMain {
			return false
		}
	}
	return len(f.eps) > 0
}

// measure computes each function's units, lines of code and size.
func (p *planner) measure() {
	owners := map[int]int{}
	for _, f := range p.fns {
		f.carried = map[int]bool{}
		for _, e := range f.eps {
			for u := range e.carried {
				f.carried[u] = true
			}
		}
		if f.deploy == model.DeployService || program(f) {
			// The program carries everything, and so does a program
			// building the same command tree for another end (kratos'
			// clidoc job, which links every command to document it): it
			// shares nothing away.
			continue
		}
		for u := range f.carried {
			owners[u]++
		}
	}
	for _, f := range p.fns {
		f.loc, f.excl = 0, 0
		for u := range f.carried {
			loc := p.m.Units[u].LOC
			f.loc += loc
			if owners[u] <= 1 && f.deploy != model.DeployService && !program(f) {
				f.excl += loc
			}
		}
		f.size = estimateSize(p.m, f.carried)
	}
}

// functions renders the proposal into the model's form.
func (p *planner) functions() []model.Function {
	var out []model.Function
	for _, f := range p.fns {
		mf := model.Function{Name: f.name, Service: f.service, Deploy: f.deploy, Group: f.group, Note: f.note,
			LOC: f.loc, ExclusiveLOC: f.excl, SharedLOC: f.loc - f.excl, EstimatedSize: f.size, MeasuredSize: f.measured,
			Findings: f.count}
		pk := map[string]bool{}
		for u := range f.carried {
			mf.Units = append(mf.Units, p.m.Units[u].ID)
			pk[p.m.Units[u].Package] = true
		}
		for k := range pk {
			mf.Packages = append(mf.Packages, k)
		}
		var also []string
		for _, e := range f.eps {
			mf.EntryPoints = append(mf.EntryPoints, e.ep.ID)
			mf.Triggers = append(mf.Triggers, triggersOf(e.ep)...)
			also = append(also, e.also...)
		}
		if len(also) > 0 {
			sort.Strings(also)
			n := strings.Join(also, "; ") + ": served here once"
			if mf.Note != "" {
				n = mf.Note + "; " + n
			}
			mf.Note = n
		}
		sort.Strings(mf.Units)
		sort.Strings(mf.Packages)
		if mf.Units == nil {
			mf.Units = []string{}
		}
		out = append(out, mf)
	}
	return out
}
