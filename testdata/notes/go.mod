module example.com/notes/v2

go 1.26
