// Command edge wires the store and the app.
package main

import (
	"context"
	"fmt"

	"example.com/edge/app"
	"example.com/edge/store"
)

func main() {
	items := store.NewItems()
	h := app.New(items, store.NewUsers())
	if err := h.Add(context.Background(), "i1"); err != nil {
		panic(err)
	}
	fmt.Println(h.Show(context.Background(), "i1"))
	fmt.Println(app.Audit{Items: items}.Run())
}
