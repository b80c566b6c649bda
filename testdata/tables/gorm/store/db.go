// Package store opens the database and migrates it.
package store

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"example.com/shop/catalog"
)

// Open opens the database with the shop's naming strategy.
func Open(d gorm.Dialector) (*gorm.DB, error) {
	return gorm.Open(d, &gorm.Config{NamingStrategy: schema.NamingStrategy{TablePrefix: "shop_"}})
}

// AutoMigrate creates the tables from the models.
func AutoMigrate(db *gorm.DB) error {
	return db.AutoMigrate(&catalog.Product{}, &catalog.OrderItem{}, &catalog.Invoice{})
}

// Migrate runs the versioned migrations: a data fix and a new table.
func Migrate(db *gorm.DB) error {
	m := gormigrate.New(db, gormigrate.DefaultOptions, []*gormigrate.Migration{
		{
			ID: "202401010000",
			Migrate: func(tx *gorm.DB) error {
				return tx.Model(&catalog.Product{}).Where("price = 0").Update("price", 1).Error
			},
		},
		{ID: "202402010000", Migrate: addAPIKeys, Rollback: dropAPIKeys},
	})
	return m.Migrate()
}

func addAPIKeys(tx *gorm.DB) error { return tx.Migrator().CreateTable(&catalog.APIKey{}) }

func dropAPIKeys(tx *gorm.DB) error { return tx.Migrator().DropTable(&catalog.APIKey{}) }
