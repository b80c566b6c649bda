module example.com/idp/v3

go 1.26.0

require (
	example.com/dbal v0.0.0
	github.com/spf13/cobra v1.10.2
	github.com/spf13/pflag v1.0.9
)

require github.com/inconshreveable/mousetrap v1.1.0 // indirect

replace example.com/dbal => ./third_party/dbal
