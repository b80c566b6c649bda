// Package urfavev2 builds a urfave/cli v2 application: app db migrate, app serve.
package urfavev2

import "github.com/urfave/cli/v2"

func migrate(c *cli.Context) error { return nil }
func serve(c *cli.Context) error   { return nil }

// App is the application.
func App() *cli.App {
	return &cli.App{
		Name: "app",
		Commands: []*cli.Command{
			{
				Name: "db",
				Subcommands: []*cli.Command{
					{Name: "migrate", Action: migrate}, // want cli "db migrate" example.com/epjobs/urfavev2.migrate
				},
			},
			{Name: "serve", Action: serve}, // want cli "serve" example.com/epjobs/urfavev2.serve
		},
	}
}
