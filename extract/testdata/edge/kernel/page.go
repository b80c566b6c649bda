// Package kernel is shared code: its types cross as encoding/json writes
// them, with their own tags.
package kernel

// Page is a window over a list.
type Page struct {
	Size int
	// Token is where the list was left; the app's JSON API never shows it.
	Token string `json:"-"`
}

// Window is a page and what it was asked for.
type Window struct {
	Page Page
	Note string
}
