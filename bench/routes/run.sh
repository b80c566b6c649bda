#!/usr/bin/env bash
# Compares the HTTP routes splitter finds with the routes a subject really
# registers, measured by running the subject's own route setup:
#   gotify: gin's Engine.Routes() on the engine router.Create builds (gotify.go)
#   kratos: the routes httprouter holds after RegisterRoutes (kratos_test.go)
#   gitea: the routes routers/web and routers/api/v1 register, read from
#     their source as modules/web's Router runs them (gitea.go); gitea's
#     setup needs settings and a database, so it is not run
# Usage: bench/routes/run.sh gotify|kratos|gitea [subject-dir]
# The subject dir defaults to $HOME/.cache/splitter-bench/<name>@<version>
# (bench/quality sets those up). Prints the reference count, how many of
# them splitter finds with the same method and path, and the misses.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
name=${1:?usage: run.sh gotify|kratos|gitea [subject-dir]}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$repo" && go build -o "$work/splitter" .)
case $name in
gotify)
  dir=${2:-$HOME/.cache/splitter-bench/gotify@v2.6.1}
  # The UI bundle is built by yarn and not in the module zip: ui.Register
  # reads three of its files, empty ones do.
  cp -r "$dir" "$work/subject" && chmod -R u+w "$work/subject"
  mkdir -p "$work/subject/ui/build" && touch "$work/subject/ui/build/"{index.html,manifest.json,asset-manifest.json}
  mkdir -p "$work/ref" && cp "$here/gotify.go" "$work/ref/main.go"
  sed -i '/^\/\/go:build ignore/d' "$work/ref/main.go"
  (cd "$work/ref" && go mod init routesref >/dev/null 2>&1 &&
    go mod edit -require=github.com/gotify/server/v2@v2.6.1 -replace=github.com/gotify/server/v2="$work/subject" &&
    go mod tidy >/dev/null 2>&1 && GIN_MODE=release go run . 2>/dev/null) | sort -u >"$work/ref.txt"
  ;;
kratos)
  dir=${2:-$HOME/.cache/splitter-bench/kratos@v1.3.1}
  mkdir -p "$dir/splitterroutes"
  sed '/^\/\/go:build ignore/d' "$here/kratos_test.go" >"$dir/splitterroutes/routes_test.go"
  trap 'rm -rf "$work" "$dir/splitterroutes"' EXIT
  (cd "$dir" && go test -tags sqlite -count=1 -run TestPrintRoutes ./splitterroutes/ -args -routes-out="$work/ref.txt" >"$work/test.log" 2>&1) ||
    { cat "$work/test.log"; exit 1; }
  sort -u -o "$work/ref.txt" "$work/ref.txt"
  ;;
gitea)
  dir=${2:-$HOME/.cache/splitter-bench/gitea@v1.27.3}
  (cd "$here" && go run gitea.go "$dir") | sort -u >"$work/ref.txt"
  ;;
*) echo "unknown subject $name" >&2; exit 2 ;;
esac
(cd "$dir" && "$work/splitter" analyze --format json --no-services --no-report --callgraph none) >"$work/model.json"
# Mounts are not routes of their own.
jq -r '.entrypoints[] | select(.kind=="http" and (.mount|not)) | .trigger.method + " " + .trigger.path' "$work/model.json" |
  sed 's/^ /ANY /' | sort -u >"$work/found.txt"
ref=$(wc -l <"$work/ref.txt")
hit=$(comm -12 "$work/ref.txt" "$work/found.txt" | wc -l)
echo "$name: reference routes $ref, found by splitter with method and path $hit"
echo "-- reference routes splitter misses:"
comm -23 "$work/ref.txt" "$work/found.txt"
echo "-- routes splitter finds that the reference does not hold:"
comm -13 "$work/ref.txt" "$work/found.txt"
