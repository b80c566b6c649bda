#!/usr/bin/env bash
# Benchmark splitter on a real monolith from the module proxy and compare it
# with the floor: a plain go/packages type-check load of the same packages,
# measured in the same run (these machines are noisy; ratios matter).
#
#   bench/run.sh [module@version]     (default miniflux.app/v2@v2.3.5)
#
# Prints median wall time and peak RSS for the floor, for `splitter analyze`
# with each call graph algorithm, and the ratio of the default to the floor.
set -euo pipefail
target=${1:-miniflux.app/v2@v2.3.5}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Fetching $target..."
src=$(cd "$work" && go mod download -json "$target" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
cp -r "$src" "$work/src" && chmod -R u+w "$work/src"
cd "$work/src"
go mod download

(cd "$root" && go build -o "$work/splitter" . && go build -o "$work/floor" ./bench/floor && go build -o "$work/measure" ./bench/measure)

# Warm the build cache (export data of the dependencies) so that neither
# side pays for compiling them.
"$work/floor" ./... >/dev/null
"$work/splitter" analyze --callgraph static ./... >/dev/null

n=${BENCH_RUNS:-5}
out=$("$work/measure" -n "$n" -label "floor (go/packages)" -- "$work/floor" ./...)
echo "$out"
floor=$(echo "$out" | awk '{print $4}' | tr -d s)
for algo in static cha rta vta; do
  line=$("$work/measure" -n "$n" -label "analyze --callgraph $algo" -- "$work/splitter" analyze --callgraph "$algo" --format json ./...)
  t=$(echo "$line" | awk '{print $5}' | tr -d s)
  echo "$line  ratio $(awk -v a="$t" -v b="$floor" 'BEGIN{printf "%.2f", a/b}')x"
done
line=$("$work/measure" -n "$n" -label "analyze --no-services" -- "$work/splitter" analyze --no-services --format json ./...)
echo "$line"
t0=$(echo "$line" | awk '{print $4}' | tr -d s)
echo "clustering adds $(awk -v a="$t" -v b="$t0" 'BEGIN{printf "%.0f", (a-b)/b*100}')% to the analyze time (vta)"
echo "Units, edges and entry points with the default call graph:"
"$work/splitter" analyze ./... | head -2
