package cli

import (
	"testing"
)

func TestSuggestGolden(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		// --no-services keeps this golden independent of the clustering.
		{"suggest-functions-layered.txt", []string{"suggest", "functions", "-C", example("layered"), "--no-services"}},
		{"suggest-bad-granularity.txt", []string{"suggest", "functions", "-C", example("modular"), "--granularity", "module"}},
		{"suggest-emit-no-out.txt", []string{"suggest", "functions", "-C", example("modular"), "--emit", "sam"}},
		{"suggest-no-subcommand.txt", []string{"suggest"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden(t, c.name, run(t, c.args...))
		})
	}
}
