package suggest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/splitter-go/splitter/model"
)

// triggerOf maps an entry point to what starts it once deployed.
func triggerOf(ep *model.EntryPoint) model.FunctionTrigger {
	t := model.FunctionTrigger{EntryPoint: ep.ID}
	switch ep.Kind {
	case model.EntryHTTP:
		t.Type = model.TriggerHTTP
		t.Method = ep.Trigger.Method
		if t.Method == "" {
			t.Method = "ANY"
		}
		t.Path = gatewayPath(ep.Trigger.Path, ep.Framework)
	case model.EntryCron:
		t.Type = model.TriggerSchedule
		t.Schedule = ep.Trigger.Schedule
		t.Expression, _ = scheduleExpression(ep.Trigger.Schedule)
	case model.EntryConsumer:
		t.Type = model.TriggerQueue
		t.Broker, t.Topic = ep.Trigger.Broker, ep.Trigger.Topic
	case model.EntryGRPC:
		t.Type = model.TriggerHTTP2
		t.RPC = ep.Trigger.Service + "/" + ep.Trigger.RPC
	case model.EntryMain, model.EntryWorker:
		t.Type = model.TriggerProcess
		t.Command = ep.Trigger.Command
	default: // cli, declared
		t.Type = model.TriggerManual
		t.Command = ep.Trigger.Command
	}
	return t
}

// triggersOf is what starts an entry point once deployed: one trigger,
// and for an HTTP route with a greedy tail a second one for the bare
// prefix, which {proxy+} does not match (/fever/ and /fever/{proxy+}).
func triggersOf(ep *model.EntryPoint) []model.FunctionTrigger {
	t := triggerOf(ep)
	out := []model.FunctionTrigger{t}
	if t.Type == model.TriggerHTTP && strings.HasSuffix(t.Path, "+}") {
		bare := t
		bare.Path = t.Path[:strings.LastIndex(t.Path, "/")+1]
		out = []model.FunctionTrigger{bare, t}
	}
	return out
}

// gatewayPath writes a route in API gateway syntax: {id} parameters, {x+}
// for a greedy tail, one leading slash and no empty segment (a route
// joined from a group and a relative path: version, //index.html);
// "" when the path is not known.
func gatewayPath(p, framework string) string {
	if p == "" || p == "?" {
		return ""
	}
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		switch {
		case s == "{$}":
			segs[i] = ""
		case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "...}"):
			segs[i] = "{" + strings.TrimSuffix(s[1:], "...}") + "+}"
		case strings.HasPrefix(s, "{") && strings.Contains(s, ":"):
			segs[i] = s[:strings.Index(s, ":")] + "}" // chi and gorilla regexps
		case strings.HasPrefix(s, ":"):
			segs[i] = "{" + s[1:] + "}"
		case s == "*":
			segs[i] = "{proxy+}"
		case strings.HasPrefix(s, "*"):
			segs[i] = "{" + s[1:] + "+}"
		}
	}
	out := strings.Join(segs, "/")
	if framework == "net/http" && strings.HasSuffix(p, "/") {
		out += "{proxy+}" // a ServeMux pattern ending in / matches the whole subtree
	}
	if len(out) > 1 {
		out = strings.TrimSuffix(out, "/")
	}
	if out == "" {
		out = "/"
	}
	return out
}

// scheduleExpression converts a robfig/cron spec to an EventBridge schedule
// expression: "@every 15m" → "rate(15 minutes)", "0 8 * * MON" →
// "cron(0 8 ? * MON *)". ok is false when there is no equivalent (seconds,
// sub-minute intervals, both day fields set, steps in the weekday).
func scheduleExpression(spec string) (string, bool) {
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "TZ=") || strings.HasPrefix(spec, "CRON_TZ=") {
		return "", false // EventBridge rules run in UTC
	}
	switch spec {
	case "@yearly", "@annually":
		return "cron(0 0 1 1 ? *)", true
	case "@monthly":
		return "cron(0 0 1 * ? *)", true
	case "@weekly":
		return "cron(0 0 ? * SUN *)", true
	case "@daily", "@midnight":
		return "cron(0 0 * * ? *)", true
	case "@hourly":
		return "cron(0 * * * ? *)", true
	}
	if d, ok := strings.CutPrefix(spec, "@every "); ok {
		dur, err := time.ParseDuration(strings.TrimSpace(d))
		if err != nil || dur < time.Minute || dur%time.Minute != 0 {
			return "", false
		}
		return rate(dur), true
	}
	f := strings.Fields(spec)
	if len(f) == 6 { // with seconds
		if f[0] != "0" {
			return "", false
		}
		f = f[1:]
	}
	if len(f) != 5 {
		return "", false
	}
	minute, hour, dom, month, dow := f[0], f[1], f[2], f[3], f[4]
	if dom == "?" {
		dom = "*"
	}
	if dow == "?" {
		dow = "*"
	}
	switch {
	case dow == "*":
		dow = "?"
	case dom == "*":
		dom = "?"
		var ok bool
		if dow, ok = awsWeekdays(dow); !ok {
			return "", false
		}
	default:
		return "", false // EventBridge cannot say "this day of month or this weekday"
	}
	return fmt.Sprintf("cron(%s %s %s %s %s *)", minute, hour, dom, month, dow), true
}

// awsWeekdays renumbers a cron weekday field: 0-6 from Sunday → 1-7.
func awsWeekdays(dow string) (string, bool) {
	if strings.Contains(dow, "/") {
		return "", false
	}
	var out strings.Builder
	num := ""
	flush := func() bool {
		if num == "" {
			return true
		}
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || n > 7 {
			return false
		}
		out.WriteString(strconv.Itoa(n%7 + 1))
		num = ""
		return true
	}
	for _, r := range dow {
		if r >= '0' && r <= '9' {
			num += string(r)
			continue
		}
		if !flush() {
			return "", false
		}
		out.WriteRune(r)
	}
	if !flush() {
		return "", false
	}
	return strings.ToUpper(out.String()), true
}

func rate(d time.Duration) string {
	unit := func(n int64, one string) string {
		if n == 1 {
			return fmt.Sprintf("rate(1 %s)", one)
		}
		return fmt.Sprintf("rate(%d %ss)", n, one)
	}
	switch {
	case d%(24*time.Hour) == 0:
		return unit(int64(d/(24*time.Hour)), "day")
	case d%time.Hour == 0:
		return unit(int64(d/time.Hour), "hour")
	}
	return unit(int64(d/time.Minute), "minute")
}
