package cluster_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/analyzer"
	"github.com/splitter-go/splitter/cluster"
	"github.com/splitter-go/splitter/model"
	"github.com/splitter-go/splitter/score"
)

func load(t *testing.T, name string) (*model.Model, score.Truth) {
	t.Helper()
	dir := filepath.Join("..", "testdata", name)
	m, err := analyzer.Analyze(context.Background(), analyzer.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	truth, err := score.LoadTruth(f)
	if err != nil {
		t.Fatal(err)
	}
	return m, truth
}

func partition(m *model.Model) score.Partition {
	p := score.Partition{}
	for _, u := range m.Units {
		s := u.Service
		if s == model.SharedService {
			s = score.Shared
		}
		p[u.ID] = s
	}
	return p
}

func TestScores(t *testing.T) {
	for _, c := range []struct {
		name      string
		mojo, ari float64
		services  int
	}{
		{"layered", 90, 0.8, 0},
		{"modular", 95, 0.9, 0},
		{"flatmain", 90, 0.8, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, truth := load(t, c.name)
			if err := cluster.Decompose(m, cluster.Options{Services: c.services}); err != nil {
				t.Fatal(err)
			}
			want := truth.Resolve(m.Units)
			got := partition(m)
			mojo := score.MoJoFM(got, want)
			ari := score.AdjustedRand(got, want)
			t.Logf("%s: %d services, MoJoFM %.1f, ARI %.3f", c.name, len(m.Services)-1, mojo, ari)
			for _, sv := range m.Services {
				t.Logf("  %-14s %3d units  %v", sv.Name, len(sv.Units), sv.Tables)
			}
			if mojo < c.mojo || ari < c.ari {
				t.Errorf("MoJoFM %.1f (want ≥ %.0f), ARI %.3f (want ≥ %.2f)", mojo, c.mojo, ari, c.ari)
			}
		})
	}
}

// An application written whole in package main (a file per domain, as
// listmonk's cmd/ is) is clustered: its served code is not the program's
// wiring. Before, all of it went to the kernel and there was no service.
func TestApplicationInMain(t *testing.T) {
	m, _ := load(t, "flatmain")
	if err := cluster.Decompose(m, cluster.Options{}); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, sv := range m.Services {
		names = append(names, sv.Name)
	}
	if got, want := strings.Join(names, " "), "campaigns lists shared subscribers"; got != want {
		t.Errorf("services %q, want %q", got, want)
	}
	for _, u := range m.Units {
		switch u.Name {
		case "main", "openDB", "writeJSON":
			if u.Service != model.SharedService {
				t.Errorf("%s in %q, want the kernel (wiring, plumbing)", u.ID, u.Service)
			}
		case "mailer":
			if u.Service != "campaigns" {
				t.Errorf("%s in %q, want campaigns (its one user)", u.ID, u.Service)
			}
		}
	}
}

func TestDeterministicAndOptionsHonoured(t *testing.T) {
	m, _ := load(t, "layered")
	encode := func(opts cluster.Options) string {
		if err := cluster.Decompose(m, opts); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := m.Encode(&b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	if encode(cluster.Options{}) != encode(cluster.Options{}) {
		t.Error("two decompositions of the same model differ")
	}
	encode(cluster.Options{Services: 4})
	if n := len(m.Services) - 1; n != 4 {
		t.Errorf("--services 4 gave %d services", n)
	}
	encode(cluster.Options{Services: 12})
	if n := len(m.Services) - 1; n < 9 {
		t.Errorf("--services 12 gave %d services, want about 12", n)
	}
	// Seeds: pin the reviews handler file's package to a named service,
	// and mark the models package as shared.
	encode(cluster.Options{
		Seeds:          []cluster.Seed{{Service: "feedback", Unit: "example.com/shop/services.ReviewService.Submit"}},
		SharedPackages: []string{"example.com/shop/models"},
	})
	for _, u := range m.Units {
		if u.ID == "example.com/shop/services.ReviewService.Submit" && u.Service != "feedback" {
			t.Errorf("pinned unit in %q", u.Service)
		}
		if u.Package == "example.com/shop/models" && u.Service != model.SharedService {
			t.Errorf("%s in %q, want shared", u.ID, u.Service)
		}
	}
	found := false
	for _, s := range m.Services {
		found = found || s.Name == "feedback"
	}
	if !found {
		t.Error("no service named after the seed")
	}
}

// TestStructure checks what every decomposition must satisfy, on the
// bundled examples: a service owns a use case or a table; names are domain
// words, unique, without numeric suffixes; every table the services write
// has one owner.
func TestStructure(t *testing.T) {
	for _, name := range []string{"layered", "modular"} {
		t.Run(name, func(t *testing.T) {
			m, _ := load(t, name)
			if err := cluster.Decompose(m, cluster.Options{}); err != nil {
				t.Fatal(err)
			}
			written := map[string]bool{}
			for _, u := range m.Units {
				for _, tu := range u.Tables {
					if tu.Op == "write" && u.Service != "" && u.Service != model.SharedService && !strings.Contains(tu.Table, "migration") {
						written[tu.Table] = true
					}
				}
			}
			owners := map[string][]string{}
			seen := map[string]bool{}
			for _, s := range m.Services {
				if seen[s.Name] {
					t.Errorf("two services named %s", s.Name)
				}
				seen[s.Name] = true
				if s.Name == model.SharedService {
					continue
				}
				if len(s.EntryPoints) == 0 && len(s.Tables) == 0 {
					t.Errorf("service %s owns no entry point and no table", s.Name)
				}
				if strings.ContainsAny(s.Name[len(s.Name)-1:], "0123456789") {
					t.Errorf("service %s has a numeric suffix", s.Name)
				}
				for _, w := range []string{"handlers", "services", "repositories", "models", "adapters", "api", "http", "internal", "storage"} {
					if s.Name == w {
						t.Errorf("service named after a layer: %s", s.Name)
					}
				}
				for _, tb := range s.Tables {
					owners[tb] = append(owners[tb], s.Name)
				}
			}
			for tb := range written {
				if len(owners[tb]) != 1 {
					t.Errorf("table %s has owners %v, want one", tb, owners[tb])
				}
			}
		})
	}
}

// TestDeterministicRepeated decomposes each example several times: map
// iteration order differs between runs of a loop, so an order-dependent
// decision shows as a differing output.
func TestDeterministicRepeated(t *testing.T) {
	for _, name := range []string{"layered", "modular"} {
		m, _ := load(t, name)
		var first string
		for i := 0; i < 5; i++ {
			if err := cluster.Decompose(m, cluster.Options{}); err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := m.Encode(&b); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = b.String()
			} else if b.String() != first {
				t.Fatalf("%s: decomposition %d differs from the first", name, i+1)
			}
		}
	}
}
