module example.com/dbal

go 1.26.0
