package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/splitter-go/splitter/model"
)

// webhooksProfile is the committed CPU profile of the layered example
// (cost/testdata/profgen makes it).
var webhooksProfile = filepath.Join(repoRoot, "cost", "testdata", "webhooks.pprof")

func TestCostGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		// modular declares its services in splitter.yaml: proposed and
		// declared side by side.
		{"cost-modular.txt", []string{"cost", "-C", example("modular")}},
		{"cost-layered-profile.txt", []string{"cost", "-C", example("layered"), "--profile", webhooksProfile, "--compare", "4", "--top", "8"}},
		{"cost-bad-compare.txt", []string{"cost", "-C", example("modular"), "--compare", "4,x"}},
		{"cost-bad-profile.txt", []string{"cost", "-C", example("modular"), "--profile", filepath.Join(repoRoot, "go.mod")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { golden(t, c.name, run(t, c.args...)) })
	}
}

// layerCut declares the layered example cut by layer, the classic bad
// cut: the handlers one service, the business code and its data another.
const layerCut = `services:
  web:
    packages: [handlers/...]
  core:
    packages: [services/..., repositories/..., models/...]
    tables: [orders]
shared:
  - platform/...
  - cmd/...
  - jobs/...
  - consumers/...
  - grpcapi/...
`

// TestCostDeclaredCut checks the declared cut's numbers, worked out by
// hand: with the handlers apart, each call from a handler into the
// services is remote, and nothing else is.
func TestCostDeclaredCut(t *testing.T) {
	dir := writeFiles(t, map[string]string{"layers.yaml": layerCut})
	var out, errOut bytes.Buffer
	code := Main([]string{"cost", "-C", example("layered"), "--config", filepath.Join(dir, "layers.yaml"), "--format", "json"}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var got struct {
		Schema string
		Cuts   []struct {
			Name string
			Cost struct {
				Entrypoints []struct {
					ID   string
					Home string
					Cost model.EntryCost
				}
				Links   []struct{ From, To string }
				Summary struct{ Services, EntryPoints int }
			}
		}
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Schema != CostSchema || len(got.Cuts) != 2 || got.Cuts[0].Name != "proposed" || got.Cuts[1].Name != "declared" {
		t.Fatalf("schema %q, cuts %+v", got.Schema, got.Cuts)
	}
	decl := got.Cuts[1].Cost
	if decl.Summary.Services != 2 || decl.Summary.EntryPoints != got.Cuts[0].Cost.Summary.EntryPoints {
		t.Errorf("declared summary %+v", decl.Summary)
	}
	want := map[string]model.EntryCost{
		// placeOrder → OrderService.PlaceOrder; the rest is core's, or
		// the kernel's (httpx).
		"http:POST /v1/orders": {RemoteCalls: 1, Depth: 1, Services: []string{"core", "web"}, Hops: []model.Hop{{From: "web", To: "core", Calls: 1}}},
		// getOrderOverview → OrderService.Get, and, in its two
		// goroutines, PaymentService.GetByOrder and ShippingService.GetByOrder.
		"http:GET /v1/orders/{id}/overview": {RemoteCalls: 3, Depth: 1, Services: []string{"core", "web"}, Hops: []model.Hop{{From: "web", To: "core", Calls: 3}}},
	}
	seen := 0
	for _, e := range decl.Entrypoints {
		w, ok := want[e.ID]
		if !ok {
			continue
		}
		seen++
		e.Cost.KernelCalls = 0
		e.Cost.ForeignTables = nil
		if e.Home != "web" || !equalCost(e.Cost, w) {
			t.Errorf("%s (home %s): %+v, want %+v", e.ID, e.Home, e.Cost, w)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of the %d entry points", seen, len(want))
	}
	if len(decl.Links) != 1 || decl.Links[0].From != "web" || decl.Links[0].To != "core" {
		t.Errorf("declared links %+v, want web → core alone", decl.Links)
	}
}

func equalCost(a, b model.EntryCost) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// TestAnalyzeProfile: analyze --profile weighs the call edges in the JSON
// model, summarises the profile, and gives the webhook route its
// observed samples.
func TestAnalyzeProfile(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Main([]string{"analyze", "-C", example("layered"), "--format", "json", "--profile", webhooksProfile}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	m, err := model.Decode(&out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Profile == nil || m.Profile.Samples == 0 || m.Profile.Weighted == 0 || len(m.Profile.Files) != 1 {
		t.Fatalf("profile summary %+v", m.Profile)
	}
	weighted := 0
	for _, e := range m.Edges {
		if e.Samples > 0 {
			weighted++
		}
	}
	if weighted != m.Profile.Weighted {
		t.Errorf("%d edges with samples, the summary says %d", weighted, m.Profile.Weighted)
	}
	for _, ep := range m.EntryPoints {
		if ep.ID == "http:POST /v1/webhooks/payments/{provider}" && (ep.Cost == nil || ep.Cost.Samples == 0) {
			t.Errorf("%s: cost %+v, want observed samples", ep.ID, ep.Cost)
		}
	}
	// --weight profile=W steers the clustering with them: accepted, and
	// the decomposition still runs.
	out.Reset()
	if code := Main([]string{"analyze", "-C", example("layered"), "--format", "json", "--profile", webhooksProfile, "--weight", "profile=2"}, &out, &errOut); code != 0 {
		t.Fatalf("--weight profile=2: exit %d: %s", code, errOut.String())
	}
	if w, err := parseWeights([]string{"profile=2"}); err != nil || w.Profile != 2 {
		t.Errorf("--weight profile=2: %+v %v", w, err)
	}
	if !strings.Contains(out.String(), `"services"`) {
		t.Error("no services with --weight profile=2")
	}
}
