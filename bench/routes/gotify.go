//go:build ignore

// gotify.go prints the routes gin itself reports (Engine.Routes()) for the
// router github.com/gotify/server/v2 builds, one "METHOD PATH" a line,
// sorted: the reference splitter's detection is compared with. It is run by
// bench/routes/run.sh in a scratch module that requires the subject; it is
// not part of splitter.
package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/gotify/server/v2/config"
	"github.com/gotify/server/v2/database"
	"github.com/gotify/server/v2/model"
	"github.com/gotify/server/v2/router"
)

func main() {
	db, err := database.New("sqlite3", "file:routes?mode=memory&cache=shared", "admin", "pw", 5, true)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gotify database:", err)
		os.Exit(1)
	}
	g, closeFn := router.Create(db, &model.VersionInfo{Version: "0"}, &config.Configuration{PassStrength: 5})
	defer closeFn()
	var lines []string
	for _, r := range g.Routes() {
		lines = append(lines, r.Method+" "+r.Path)
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
}
