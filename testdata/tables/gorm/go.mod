module example.com/shop

go 1.26

require (
	github.com/go-gormigrate/gormigrate/v2 v2.1.5
	gorm.io/gorm v1.31.1
)

require (
	github.com/jinzhu/inflection v1.0.0 // indirect
	github.com/jinzhu/now v1.1.5 // indirect
	golang.org/x/text v0.22.0 // indirect
)
