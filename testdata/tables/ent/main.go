// Command garage opens the database and creates its schema.
package main

import (
	"context"
	"log"

	"example.com/garage/ent"
	"example.com/garage/store"
)

func main() {
	client, err := ent.Open("sqlite3", "file:garage.db?_fk=1")
	if err != nil {
		log.Fatal(err)
	}
	defer client.Close()
	if err := store.Migrate(context.Background(), client); err != nil {
		log.Fatal(err)
	}
	_ = store.New(client)
}
