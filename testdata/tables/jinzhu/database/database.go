// Package database wraps github.com/jinzhu/gorm.
package database

import (
	"github.com/jinzhu/gorm"

	"example.com/notify/model"
)

// GormDatabase is the data access.
type GormDatabase struct{ DB *gorm.DB }

// New opens the database, migrates the schema and creates the first admin:
// schema setup, not the owner of users.
func New(dialect, dsn string) (*GormDatabase, error) {
	db, err := gorm.Open(dialect, dsn)
	if err != nil {
		return nil, err
	}
	if err := db.AutoMigrate(new(model.User), new(model.Application), new(model.Message), new(model.ClientToken), new(model.PluginConf)).Error; err != nil {
		return nil, err
	}
	if dialect == "mysql" {
		db.Model(model.Message{}).ModifyColumn("title", "longtext")
	}
	count := 0
	db.Find(new(model.User)).Count(&count)
	if count == 0 {
		db.Create(&model.User{Name: "admin", Admin: true})
	}
	return &GormDatabase{DB: db}, nil
}
