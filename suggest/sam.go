package suggest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/splitter-go/splitter/model"
)

// The SAM template, as typed values: what is written is what these
// structs can say, and the tests validate it against the SAM schema.

type samTemplate struct {
	FormatVersion string        `yaml:"AWSTemplateFormatVersion"`
	Transform     string        `yaml:"Transform"`
	Description   string        `yaml:"Description"`
	Globals       samGlobals    `yaml:"Globals"`
	Resources     yaml.MapSlice `yaml:"Resources"`
	Outputs       yaml.MapSlice `yaml:"Outputs,omitempty"`
}

type samGlobals struct {
	Function samFunctionGlobals `yaml:"Function"`
}

type samFunctionGlobals struct {
	Runtime       string   `yaml:"Runtime"`
	Architectures []string `yaml:"Architectures"`
	Handler       string   `yaml:"Handler"`
	MemorySize    int      `yaml:"MemorySize"`
	Timeout       int      `yaml:"Timeout"`
}

type samResource struct {
	Type       string            `yaml:"Type"`
	Metadata   map[string]string `yaml:"Metadata,omitempty"`
	Properties any               `yaml:"Properties,omitempty"`
}

type samFunction struct {
	CodeURI     string        `yaml:"CodeUri"`
	Description string        `yaml:"Description,omitempty"`
	Events      yaml.MapSlice `yaml:"Events,omitempty"`
}

type samEvent struct {
	Type       string `yaml:"Type"`
	Properties any    `yaml:"Properties"`
}

type samRef struct {
	Ref string `yaml:"Ref"`
}

type samGetAtt struct {
	GetAtt []string `yaml:"Fn::GetAtt"`
}

type samSub struct {
	Sub string `yaml:"Fn::Sub"`
}

// httpAPIEvent has no ApiId: SAM attaches the routes to the implicit HTTP
// API it creates (ServerlessHttpApi).
type httpAPIEvent struct {
	Method string `yaml:"Method"`
	Path   string `yaml:"Path"`
}

type scheduleEvent struct {
	Schedule    string `yaml:"Schedule"`
	Description string `yaml:"Description,omitempty"`
}

type sqsEvent struct {
	Queue     samGetAtt `yaml:"Queue"`
	BatchSize int       `yaml:"BatchSize"`
}

type snsEvent struct {
	Topic samRef `yaml:"Topic"`
}

type eventBridgeEvent struct {
	Pattern eventPattern `yaml:"Pattern"`
}

type eventPattern struct {
	DetailType []string `yaml:"detail-type"`
}

type sqsQueue struct {
	VisibilityTimeout int `yaml:"VisibilityTimeout"`
}

type samOutput struct {
	Description string `yaml:"Description"`
	Value       samSub `yaml:"Value"`
}

// logicalID turns a name into a CloudFormation logical id: catalog-products → CatalogProducts.
func logicalID(name string) string {
	var b strings.Builder
	up := true
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z':
			if up {
				r -= 'a' - 'A'
			}
			b.WriteRune(r)
			up = false
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			b.WriteRune(r)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

// template is the SAM template of the functions in deploy (names), or
// nil when none of them has an event source or code: then there is
// nothing to deploy. comments are written above it (what is left out).
func buildTemplate(m *model.Model, deploy map[string]bool) (*samTemplate, []string) {
	t := &samTemplate{
		FormatVersion: "2010-09-09",
		Transform:     "AWS::Serverless-2016-10-31",
		Description:   "Serverless functions proposed by splitter for " + m.Module,
		Globals: samGlobals{Function: samFunctionGlobals{Runtime: "provided.al2023", Architectures: []string{"arm64"},
			Handler: "bootstrap", MemorySize: 256, Timeout: 30}},
	}
	var comments []string
	ids := map[string]bool{"ServerlessHttpApi": true}
	unique := func(base string) string {
		id := base
		for i := 2; ids[id]; i++ {
			id = fmt.Sprintf("%s%d", base, i)
		}
		ids[id] = true
		return id
	}
	hasHTTP := false
	routes := map[string]string{} // method path → function: the template never repeats a route
	var extra yaml.MapSlice       // queues and topics, after the functions
	for _, f := range m.Functions {
		if !deploy[f.Name] {
			continue
		}
		id := unique(logicalID(f.Name) + "Function")
		props := samFunction{CodeURI: "functions/" + f.Name + "/", Description: f.Group}
		evIDs := map[string]bool{}
		evID := func(base string) string {
			if base == "" {
				base = "Event"
			}
			id := base
			for i := 2; evIDs[id]; i++ {
				id = fmt.Sprintf("%s%d", base, i)
			}
			evIDs[id] = true
			return id
		}
		var queue, topic string
		for _, tr := range f.Triggers {
			switch tr.Type {
			case model.TriggerHTTP:
				if tr.Path == "" {
					comments = append(comments, f.Name+": "+tr.EntryPoint+": the route's path is not a constant; add its event by hand")
					continue
				}
				k := tr.Method + " " + tr.Path
				if other, ok := routes[k]; ok {
					comments = append(comments, fmt.Sprintf("%s: %s is served by %s", f.Name, k, other))
					continue
				}
				routes[k] = f.Name
				hasHTTP = true
				props.Events = append(props.Events, yaml.MapItem{Key: evID(logicalID(strings.ToLower(tr.Method) + " " + tr.Path)),
					Value: samEvent{Type: "HttpApi", Properties: httpAPIEvent{Method: tr.Method, Path: tr.Path}}})
			case model.TriggerSchedule:
				if tr.Expression == "" {
					comments = append(comments, fmt.Sprintf("%s: no schedule expression for %q; add its event by hand", f.Name, tr.Schedule))
					continue
				}
				props.Events = append(props.Events, yaml.MapItem{Key: evID("Schedule"),
					Value: samEvent{Type: "Schedule", Properties: scheduleEvent{Schedule: tr.Expression, Description: tr.EntryPoint}}})
			case model.TriggerQueue:
				switch tr.Broker {
				case "sns":
					if topic == "" {
						topic = unique(logicalID(f.Name) + "Topic")
						extra = append(extra, yaml.MapItem{Key: topic, Value: samResource{Type: "AWS::SNS::Topic"}})
					}
					props.Events = append(props.Events, yaml.MapItem{Key: evID(logicalID(tr.Topic)),
						Value: samEvent{Type: "SNS", Properties: snsEvent{Topic: samRef{topic}}}})
				case "eventbridge":
					props.Events = append(props.Events, yaml.MapItem{Key: evID(logicalID(tr.Topic)),
						Value: samEvent{Type: "EventBridgeRule", Properties: eventBridgeEvent{Pattern: eventPattern{DetailType: []string{tr.Topic}}}}})
				default: // sqs, and the brokers bridged to a queue (see queueNote)
					if queue == "" {
						queue = unique(logicalID(f.Name) + "Queue")
						extra = append(extra, yaml.MapItem{Key: queue, Value: samResource{Type: "AWS::SQS::Queue",
							Properties: sqsQueue{VisibilityTimeout: 180}}})
					}
					props.Events = append(props.Events, yaml.MapItem{Key: evID(logicalID(tr.Topic)),
						Value: samEvent{Type: "SQS", Properties: sqsEvent{Queue: samGetAtt{[]string{queue, "Arn"}}, BatchSize: 10}}})
				}
			default:
				comments = append(comments, f.Name+": "+tr.EntryPoint+": invoked directly, no event source")
			}
		}
		t.Resources = append(t.Resources, yaml.MapItem{Key: id, Value: samResource{Type: "AWS::Serverless::Function",
			Metadata: map[string]string{"BuildMethod": "go1.x"}, Properties: props}})
	}
	if len(t.Resources) == 0 {
		return nil, comments
	}
	t.Resources = append(t.Resources, extra...)
	if hasHTTP {
		t.Outputs = yaml.MapSlice{{Key: "ApiUrl", Value: samOutput{Description: "Base URL of the HTTP API",
			Value: samSub{"https://${ServerlessHttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"}}}}
	}
	return t, comments
}

// templateYAML writes the template with comments above it: what it leaves
// out and why.
func templateYAML(t *samTemplate, comments []string) ([]byte, error) {
	b, err := yaml.MarshalWithOptions(t, yaml.IndentSequence(true))
	if err != nil {
		return nil, err
	}
	var head strings.Builder
	head.WriteString("# AWS SAM template written by splitter (splitter suggest functions --emit sam).\n")
	if len(comments) > 0 {
		sort.Strings(comments)
		head.WriteString("# Left out:\n")
		for _, c := range comments {
			head.WriteString("#   " + strings.ReplaceAll(c, "\n", " ") + "\n")
		}
	}
	return append([]byte(head.String()), b...), nil
}
