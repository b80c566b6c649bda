package setup

func init() { // want init "init" example.com/ep/mains/setup.init#2
	Registry["b1"] = "first in b.go"
}

func init() { // want init "init" example.com/ep/mains/setup.init#3
	Registry["b2"] = "second in b.go"
}
