package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// addGroup adds commands under a parent in a help group, as gh's
// cmdutil.AddGroup(parent, title, cmds...) does: the tree is built by a
// helper's loop over a variadic parameter.
func addGroup(parent *cobra.Command, title string, cmds ...*cobra.Command) {
	g := &cobra.Group{ID: title, Title: title}
	parent.AddGroup(g)
	for _, c := range cmds {
		c.GroupID = g.ID
		parent.AddCommand(c)
	}
}

func newCmdList() *cobra.Command {
	return &cobra.Command{ // want cli "pr list" example.com/ep/cli.listPRs
		Use:  "list",
		RunE: listPRs,
	}
}

func newCmdMerge() *cobra.Command {
	return &cobra.Command{ // want cli "pr merge" example.com/ep/cli.mergePR
		Use:  "merge <number>",
		RunE: mergePR,
	}
}

func newCmdCreate() *cobra.Command {
	return &cobra.Command{ // want cli "issue create" example.com/ep/cli.createIssue
		Use:  "create",
		RunE: createIssue,
	}
}

func listPRs(cmd *cobra.Command, args []string) error     { fmt.Println("prs"); return nil }
func mergePR(cmd *cobra.Command, args []string) error     { fmt.Println("merged"); return nil }
func createIssue(cmd *cobra.Command, args []string) error { fmt.Println("created"); return nil }

// NewGH assembles a second program's tree through the helper.
func NewGH() *cobra.Command {
	root := &cobra.Command{Use: "gh"}
	pr := &cobra.Command{Use: "pr"}
	issue := &cobra.Command{Use: "issue"}
	addGroup(pr, "General commands", newCmdList(), newCmdMerge())
	addGroup(issue, "General commands", newCmdCreate())
	addGroup(root, "Core commands", pr, issue)
	return root
}
