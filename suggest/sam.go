package suggest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/splitter-go/splitter/model"
)

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

// q quotes a YAML scalar (double-quoted YAML accepts Go's escapes for the
// characters we write).
func q(s string) string { return strconv.Quote(s) }

// samTemplate writes the AWS SAM template of m's functions: one
// AWS::Serverless::Function per function (provided.al2023, arm64,
// bootstrap), one HTTP API for the HTTP routes, an SQS queue per consumer.
func samTemplate(m *model.Model) string {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: \"2010-09-09\"\n")
	b.WriteString("Transform: AWS::Serverless-2016-10-31\n")
	fmt.Fprintf(&b, "Description: %s\n", q("Serverless functions proposed by splitter for "+m.Module))
	var skipped []string
	for _, f := range m.Functions {
		if f.Deploy != model.DeployFunction {
			skipped = append(skipped, fmt.Sprintf("%s (%s: %s)", f.Name, f.Deploy, f.Group))
		}
	}
	if len(skipped) > 0 {
		b.WriteString("# Not functions, so not in this template:\n")
		for _, s := range skipped {
			fmt.Fprintf(&b, "#   %s\n", s)
		}
	}
	b.WriteString(`Globals:
  Function:
    Runtime: provided.al2023
    Architectures:
      - arm64
    Handler: bootstrap
    MemorySize: 256
    Timeout: 30
Resources:
`)
	hasHTTP := false
	ids := map[string]bool{}
	for _, f := range m.Functions {
		if f.Deploy != model.DeployFunction {
			continue
		}
		id := logicalID(f.Name) + "Function"
		for i := 2; ids[id]; i++ {
			id = fmt.Sprintf("%sFunction%d", logicalID(f.Name), i)
		}
		ids[id] = true
		fmt.Fprintf(&b, "  %s:\n", id)
		b.WriteString("    Type: AWS::Serverless::Function\n")
		b.WriteString("    Metadata:\n      BuildMethod: go1.x\n")
		b.WriteString("    Properties:\n")
		fmt.Fprintf(&b, "      CodeUri: %s\n", q("functions/"+f.Name+"/"))
		fmt.Fprintf(&b, "      Description: %s\n", q(f.Group))
		var events strings.Builder
		var comments []string
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
		var queues []string
		for _, t := range f.Triggers {
			switch t.Type {
			case model.TriggerHTTP:
				if t.Path == "" {
					comments = append(comments, t.EntryPoint+": the route's path is not a constant; add its event by hand")
					continue
				}
				hasHTTP = true
				fmt.Fprintf(&events, "        %s:\n          Type: HttpApi\n          Properties:\n", evID(logicalID(strings.ToLower(t.Method)+" "+t.Path)))
				fmt.Fprintf(&events, "            ApiId:\n              Ref: HttpApi\n            Method: %s\n            Path: %s\n", q(t.Method), q(t.Path))
			case model.TriggerSchedule:
				if t.Expression == "" {
					comments = append(comments, fmt.Sprintf("%s: no schedule expression for %q; add its event by hand", t.EntryPoint, t.Schedule))
					continue
				}
				fmt.Fprintf(&events, "        %s:\n          Type: Schedule\n          Properties:\n", evID("Schedule"))
				fmt.Fprintf(&events, "            Schedule: %s\n            Description: %s\n", q(t.Expression), q(t.EntryPoint))
			case model.TriggerQueue:
				qid := logicalID(f.Name) + "Queue"
				queues = append(queues, qid)
				fmt.Fprintf(&events, "        %s:\n          Type: SQS\n          Properties:\n", evID(logicalID(t.Topic)))
				fmt.Fprintf(&events, "            Queue:\n              Fn::GetAtt:\n                - %s\n                - Arn\n            BatchSize: 10\n", qid)
			default:
				comments = append(comments, t.EntryPoint+": invoked directly, no event source")
			}
		}
		for _, c := range comments {
			fmt.Fprintf(&b, "      # %s\n", c)
		}
		if events.Len() > 0 {
			b.WriteString("      Events:\n")
			b.WriteString(events.String())
		}
		sort.Strings(queues)
		for i, qid := range queues {
			if i > 0 && queues[i-1] == qid {
				continue
			}
			fmt.Fprintf(&b, "  %s:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 180\n", qid)
		}
	}
	if hasHTTP {
		b.WriteString("  HttpApi:\n    Type: AWS::Serverless::HttpApi\n")
		b.WriteString("Outputs:\n  ApiUrl:\n    Description: \"Base URL of the HTTP API\"\n")
		b.WriteString("    Value:\n      Fn::Sub: \"https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/\"\n")
	}
	return b.String()
}

// scaffoldReadme explains the scaffold to the team.
func scaffoldReadme(m *model.Model, e *Emitted, inside bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Serverless scaffold for %s\n\n", m.Module)
	b.WriteString("Generated by `splitter suggest functions --emit sam`. It compiles as it is; the\n")
	b.WriteString("adapters pass zero values where the program passes real dependencies (a database,\n")
	b.WriteString("clients, configuration): fill in the TODOs before deploying.\n\n")
	b.WriteString("```sh\n")
	if !inside {
		b.WriteString("go mod tidy                 # resolve the module's own dependencies\n")
	} else {
		fmt.Fprintf(&b, "go get github.com/aws/aws-lambda-go@%s\n", LambdaVersion)
	}
	b.WriteString("sam build && sam deploy --guided\n```\n\n")
	b.WriteString("| function | wired | triggers |\n|---|---|---|\n")
	for _, f := range m.Functions {
		if f.Deploy != model.DeployFunction {
			continue
		}
		wired := "yes"
		if !e.Wired[f.Name] {
			wired = "**no**: see the TODO in its main.go"
		}
		var ts []string
		for _, t := range f.Triggers {
			ts = append(ts, "`"+t.EntryPoint+"`")
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", f.Name, wired, strings.Join(ts, ", "))
	}
	var other []string
	for _, f := range m.Functions {
		if f.Deploy != model.DeployFunction {
			other = append(other, fmt.Sprintf("- %s (%s): %s", f.Name, f.Deploy, f.Note))
		}
	}
	if len(other) > 0 {
		b.WriteString("\nNot functions:\n\n" + strings.Join(other, "\n") + "\n")
	}
	return b.String()
}
