#!/usr/bin/env bash
# Benchmark splitter on a real monolith from the module proxy and compare it
# with the floor: a plain go/packages type-check load of the same packages,
# measured in the same run (these machines are noisy; ratios matter).
#
#   bench/run.sh [module@version]     (default miniflux.app/v2@v2.3.5)
#
# Prints median wall time and peak RSS for the floor, for `splitter analyze`
# with each call graph algorithm, and the ratio of the default to the floor;
# then the time of `splitter report` on the saved model, as a share of the
# analyze time.
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
line=$("$work/measure" -n "$n" -label "engine only (graph calls)" -- "$work/splitter" graph calls --format json -o /dev/null ./...)
echo "$line  ratio $(awk -v a="$(echo "$line" | awk '{print $6}' | tr -d s)" -v b="$floor" 'BEGIN{printf "%.2f", a/b}')x"
line=$("$work/measure" -n "$n" -label "analyze --no-services" -- "$work/splitter" analyze --no-services --format json ./...)
echo "$line"
t0=$(echo "$line" | awk '{print $4}' | tr -d s)
echo "clustering adds $(awk -v a="$t" -v b="$t0" 'BEGIN{printf "%.0f", (a-b)/b*100}')% to the analyze time (vta)"

# The HTML report, rendered again from the saved model (`splitter report`),
# against the analysis it presents (analyze --format json writes no report).
# The two run in turns, so that both see the same load; the share is the
# median of the ratios of each pair.
"$work/splitter" analyze --format json ./... > "$work/model.json"
secs() { "$work/measure" -n 1 -- "$@" | sed -n 's/.*median *\([0-9.]*\)s.*/\1/p'; }
pairs=""
for i in $(seq "$n"); do
  a=$(secs "$work/splitter" analyze --format json ./...)
  r=$(secs "$work/splitter" report "$work/model.json" -o "$work/report")
  pairs="$pairs$a $r\n"
done
printf "$pairs" | awk '{a[NR]=$1; r[NR]=$2; q[NR]=$2/$1}
  function median(x, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }; return x[int((n + 1) / 2)] }
  END { n = NR; printf "report (from the model)  median %6.2fs, analyze %.2fs in the same turns: report = %.0f%% of analyze (median of %d pairs; target: under 25%%)\n", median(r, n), median(a, n), median(q, n) * 100, n }'
echo "Report: $(du -k "$work/report/index.html" | cut -f1) KiB index.html, $(ls "$work/report" | grep -c '\.svg$') diagrams"
echo "Units, edges and entry points with the default call graph:"
"$work/splitter" analyze --no-report ./... > "$work/summary.txt" # not piped to head: SIGPIPE would fail the script
head -2 "$work/summary.txt"
