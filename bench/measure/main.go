// Command measure runs a command several times and prints its median wall
// time and its peak resident set size, for bench/run.sh.
//
//	measure -n 3 -label analyze -- splitter analyze ./...
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 3, "runs")
	label := flag.String("label", "", "label to print")
	flag.Parse()
	args := flag.Args()
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "usage: measure [-n N] [-label L] -- command args...")
		os.Exit(2)
	}
	var walls []time.Duration
	var peak int64
	for i := 0; i < *n; i++ {
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			fmt.Fprintf(os.Stderr, "measure: %s: %v\n", args[0], err)
			os.Exit(1)
		}
		walls = append(walls, time.Since(start))
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > peak {
			peak = ru.Maxrss // KiB on Linux
		}
	}
	sort.Slice(walls, func(i, j int) bool { return walls[i] < walls[j] })
	med := walls[len(walls)/2]
	fmt.Printf("%-24s median %6.2fs  peak RSS %6.0f MiB  (%d runs)\n", *label, med.Seconds(), float64(peak)/1024, *n)
}
