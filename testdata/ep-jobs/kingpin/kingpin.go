// Package kingpin builds a kingpin v2 command tree the two ways programs of
// the Prometheus ecosystem do: amtool's Action handlers, and promtool's
// switch over the parsed command.
package kingpin

import (
	"os"

	"github.com/alecthomas/kingpin/v2"
)

type silenceCmd struct{ ids []string }

func (c *silenceCmd) add(*kingpin.ParseContext) error    { return nil }
func (c *silenceCmd) expire(*kingpin.ParseContext) error { return nil }

func queryAlerts(*kingpin.ParseContext) error { return nil }

// withTimeout wraps an action, as amtool's execWithTimeout does.
func withTimeout(fn func(*kingpin.ParseContext) error) func(*kingpin.ParseContext) error {
	return func(pc *kingpin.ParseContext) error { return fn(pc) }
}

// Amtool is an amtool-shaped tree: alert query, silence add, silence expire.
func Amtool() *kingpin.Application {
	app := kingpin.New("amtool", "Alertmanager's tool")
	configureSilence(app)
	alertCmd := app.Command("alert", "alerts").PreAction(nil)
	queryCmd := alertCmd.Command("query", "query alerts").Default()
	queryCmd.Action(withTimeout(queryAlerts))  // want cli "alert query" example.com/epjobs/kingpin.queryAlerts
	app.Flag("verbose", "verbose").Action(nil) // a flag's action: not a command
	return app
}

func configureSilence(app *kingpin.Application) {
	c := &silenceCmd{}
	silence := app.Command("silence", "silences")
	configureSilenceAdd(silence, c)
	silence.Command("expire", "expire silences").Action(c.expire) // want cli "silence expire" example.com/epjobs/kingpin.silenceCmd.expire
}

// configureSilenceAdd gets its parent command as a parameter, as amtool's
// configure functions do: the path comes from the call.
func configureSilenceAdd(cc *kingpin.CmdClause, c *silenceCmd) {
	var addCmd = cc.Command("add", "add a silence")
	addCmd.Action(c.add) // want cli "silence add" example.com/epjobs/kingpin.silenceCmd.add
}

func checkConfig(files ...string) int { return 0 }
func checkRules(files ...string) int  { return 0 }
func report(code int)                 { os.Exit(code) }

// Promtool is a promtool-shaped program: the commands are cases of a switch.
func Promtool(args []string) {
	app := kingpin.New("promtool", "Prometheus' tool")
	check := app.Command("check", "check")
	checkConfigCmd := check.Command("config", "check configs")
	configFiles := checkConfigCmd.Arg("files", "files").Strings()
	checkRulesCmd := check.Command("rules", "check rules")
	debugCmd := app.Command("debug", "debug")
	switch kingpin.MustParse(app.Parse(args)) {
	case checkConfigCmd.FullCommand(): // want cli "check config" example.com/epjobs/kingpin.Promtool
		report(checkConfig(*configFiles...))
	case checkRulesCmd.FullCommand(): // want cli "check rules" example.com/epjobs/kingpin.Promtool
		report(checkRules())
	case debugCmd.FullCommand(): // want cli "debug" example.com/epjobs/kingpin.Promtool
	}
	if app.Name == checkConfigCmd.FullCommand() { // a comparison outside a switch: not a command
		return
	}
}
