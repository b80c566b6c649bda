#!/usr/bin/env bash
# Benchmark splitter on real monoliths from the module proxy against the
# floor: a plain go/packages type-check load of the same packages
# (bench/floor), run alternately with splitter so that both see the same
# load. These machines are shared and noisy: what is printed is the median
# of the per-pair ratios (splitter's run over the floor's run next to it),
# for wall time and peak RSS, never an absolute time alone.
#
#   bench/run.sh [module@version ...]
#       default: miniflux.app/v2@v2.3.5 github.com/gohugoio/hugo@v0.165.0
#   BENCH_RUNS=5        pairs per measurement
#   BENCH_K8S=DIR       also k8s.io/kubernetes v1.34.4 set up in DIR by
#                       bench/k8s.sh, on ./pkg/... ./cmd/... (minutes, GBs)
#   BENCH_CALLGRAPH=1   also x/tools' `callgraph -algo=vta` (a peer), once,
#                       stopped after BENCH_CALLGRAPH_TIMEOUT (300) seconds
#   BENCH_BASE=REV      also analyze and lint with splitter built at git
#                       revision REV, in the same rounds (each binary with a
#                       result cache of its own), so that before and after
#                       are measured against the same floor runs
#
# Per subject: analyze --format json; lint at import level (--callgraph
# none, with the config `splitter init` writes) on a cold result cache, a
# warm one, and after a one-line change to one file (the first file of the
# first package go list names; on kubernetes, pkg/kubelet/kubelet.go).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=${BENCH_RUNS:-5}
subjects=("$@")
if [ ${#subjects[@]} -eq 0 ]; then
  subjects=(miniflux.app/v2@v2.3.5 github.com/gohugoio/hugo@v0.165.0)
fi

(cd "$root" && go build -o "$work/splitter" . && go build -o "$work/floor" ./bench/floor)
base=${BENCH_BASE:-}
if [ -n "$base" ]; then
  mkdir "$work/base"
  git -C "$root" archive "$base" | tar -x -C "$work/base"
  (cd "$work/base" && go build -o "$work/splitter-base" .)
fi
if [ -n "${BENCH_CALLGRAPH:-}" ]; then
  (cd "$root" && go build -o "$work/callgraph" golang.org/x/tools/cmd/callgraph)
fi

# one LABEL CMD...: runs CMD once, appends "wall rss_kib LABEL" to $work/runs.
one() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M $label" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
    echo "failed: $*" >&2
    tail -5 "$work/stderr" >&2
    exit 1
  }
  cat "$work/time" >>"$work/runs"
}

# ratios: for each label but floor, the median over the rounds of its
# wall and RSS divided by the floor's in the same round.
ratios() {
  awk '
    function median(x, k,   i, j, t) { for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (x[j] < x[i]) { t = x[i]; x[i] = x[j]; x[j] = t }; return x[int((k + 1) / 2)] }
    { l = $0; sub(/^[^ ]+ [^ ]+ /, "", l) }
    l == "floor" { r++; fw[r] = $1; fm[r] = $2; next }
    { if (!(l in seen)) { seen[l] = 1; order[++nl] = l }; w[l, r] = $1 / fw[r]; m[l, r] = $2 / fm[r]; raw[l, r] = $1 }
    END {
      for (i = 1; i <= r; i++) { a[i] = fw[i]; b[i] = fm[i] }
      printf "  %-34s median %6.2fs  %6.0f MiB\n", "floor (go/packages load)", median(a, r), median(b, r) / 1024
      for (l = 1; l <= nl; l++) {
        k = 0
        for (i = 1; i <= r; i++) if ((order[l], i) in w) { k++; a[k] = w[order[l], i]; b[k] = m[order[l], i]; c[k] = raw[order[l], i] }
        printf "  %-34s median %6.2fs  wall %.2fx  RSS %.2fx  (%d pairs)\n", order[l], median(c, k), median(a, k), median(b, k), k
      }
    }' "$work/runs"
}

bench() { # bench NAME DIR PATTERNS...
  local name=$1 dir=$2
  shift 2
  cd "$dir"
  echo "$name ($("$work/floor" "$@" | cut -d, -f1)):"
  # Warm the build cache (export data of the dependencies) so that neither
  # side pays for compiling them.
  "$work/splitter" analyze --callgraph static --no-report "$@" >/dev/null
  [ -f splitter.yaml ] || "$work/splitter" init "$@" >/dev/null 2>&1
  : >"$work/runs"
  local bins=(splitter)
  [ -n "$base" ] && bins+=(splitter-base)
  local b
  for b in "${bins[@]}"; do
    rm -rf "$work/cache-warm-$b"
    SPLITTER_CACHE=$work/cache-warm-$b "$work/$b" lint --callgraph none "$@" >/dev/null 2>&1 || true
  done
  local f=${changed:-}
  [ -n "$f" ] || f=$(go list -f '{{if .GoFiles}}{{.Dir}}/{{index .GoFiles 0}}{{end}}' "$@" | awk 'NF && !f { print; f = 1 }')
  local tag=()
  for b in "${bins[@]}"; do
    [ "$b" = splitter-base ] && tag+=(" ($base)") || tag+=("")
  done
  local k
  for i in $(seq "$n"); do
    one floor "$work/floor" "$@"
    for k in "${!bins[@]}"; do
      one "analyze --format json${tag[k]}" "$work/${bins[k]}" analyze --format json "$@"
    done
    for k in "${!bins[@]}"; do
      rm -rf "$work/cache-cold"
      SPLITTER_CACHE=$work/cache-cold one "lint, cold cache${tag[k]}" sh -c '"$0" lint --callgraph none "$@" || [ $? -eq 1 ]' "$work/${bins[k]}" "$@"
    done
    for k in "${!bins[@]}"; do
      SPLITTER_CACHE=$work/cache-warm-${bins[k]} one "lint, warm cache${tag[k]}" sh -c '"$0" lint --callgraph none "$@" || [ $? -eq 1 ]' "$work/${bins[k]}" "$@"
    done
    # One change for every binary, after all the warm runs: each binary's
    # cache then sees the same one file changed.
    echo "// changed by bench/run.sh, round $i" >>"$f"
    for k in "${!bins[@]}"; do
      SPLITTER_CACHE=$work/cache-warm-${bins[k]} one "lint, one file changed${tag[k]}" sh -c '"$0" lint --callgraph none "$@" || [ $? -eq 1 ]' "$work/${bins[k]}" "$@"
    done
  done
  ratios
  if [ -n "${BENCH_CALLGRAPH:-}" ]; then
    local t=${BENCH_CALLGRAPH_TIMEOUT:-300}
    if /usr/bin/time -f "%e %M" -o "$work/time" timeout "$t" "$work/callgraph" -algo=vta -format='{{.Caller}}' "$@" >/dev/null 2>&1; then
      awk 'NR == 1 {printf "  %-34s %6.2fs  %6.0f MiB (one run)\n", "x/tools callgraph -algo=vta", $1, $2 / 1024}' "$work/time"
    else
      echo "  x/tools callgraph -algo=vta        did not finish in ${t}s"
    fi
  fi
}

for target in "${subjects[@]}"; do
  name=${target%@*}
  name=${name##*/}
  [ "$name" = v2 ] && name=miniflux
  src=$(cd "$work" && go mod download -json "$target" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  cp -r "$src" "$work/$name" && chmod -R u+w "$work/$name"
  (cd "$work/$name" && go mod download)
  (bench "$target" "$work/$name" ./...)
done
if [ -n "${BENCH_K8S:-}" ]; then
  "$root/bench/k8s.sh" "$BENCH_K8S" >/dev/null
  # The first file go list names is in a test helper package that init's
  # config excludes (a change there leaves the model as it is): the
  # kubelet, imported by 7 other packages, is a change in the middle.
  (changed=$BENCH_K8S/pkg/kubelet/kubelet.go bench "k8s.io/kubernetes@v1.34.4" "$BENCH_K8S" ./pkg/... ./cmd/...)
fi
