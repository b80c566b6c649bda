module example.com/yesql

go 1.26

require (
	github.com/jmoiron/sqlx v1.4.0
	github.com/knadh/goyesql/v2 v2.2.0
)
