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
