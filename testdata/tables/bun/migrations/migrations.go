// Package migrations creates the blog's schema with bun's migrate package.
package migrations

import (
	"context"

	"github.com/uptrace/bun"
	"github.com/uptrace/bun/migrate"

	"example.com/blog/blog"
)

// Migrations are the blog's migrations.
var Migrations = migrate.NewMigrations()

func init() {
	Migrations.MustRegister(up, down)
}

func up(ctx context.Context, db *bun.DB) error {
	if _, err := db.NewCreateTable().Model((*blog.Post)(nil)).IfNotExists().Exec(ctx); err != nil {
		return err
	}
	if _, err := db.NewCreateTable().Model((*blog.Author)(nil)).IfNotExists().Exec(ctx); err != nil {
		return err
	}
	_, err := db.NewCreateTable().Model((*blog.PostTag)(nil)).Exec(ctx)
	return err
}

func down(ctx context.Context, db *bun.DB) error {
	_, err := db.NewDropTable().Model((*blog.PostTag)(nil)).IfExists().Exec(ctx)
	return err
}

// Seed inserts the first author: application code, whatever its package
// is called, so a write.
func Seed(ctx context.Context, db *bun.DB) error {
	_, err := db.NewInsert().Model(&blog.Author{Name: "admin"}).Exec(ctx)
	return err
}
