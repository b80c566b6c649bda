#!/usr/bin/env bash
# Set up k8s.io/kubernetes as a benchmark subject (issue 13's large module):
#
#   bench/k8s.sh DIR     (then: cd DIR && splitter analyze ./pkg/... ./cmd/...)
#
# The module zip holds no staging/ modules (nested modules are left out of
# a module zip), so the 31 `=> ./staging/...` replaces point nowhere: they
# are dropped and the published k8s.io/* modules of the same minor version
# are required instead. go.work (which lists the staging modules) and
# vendor/ (which would shadow the module cache) are removed.
set -euo pipefail
dir=${1:?usage: bench/k8s.sh DIR}
version=${K8S_VERSION:-v1.34.4}
staging=${K8S_STAGING_VERSION:-v0.${version#v1.}} # v1.34.4 → v0.34.4
if [ ! -f "$dir/go.mod" ]; then
  src=$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')
  mkdir -p "$dir"
  cp -r "$src/." "$dir"
  chmod -R u+w "$dir"
fi
cd "$dir"
rm -rf go.work go.work.sum vendor
edits=()
for mod in $(go mod edit -json | sed -n 's/.*"Path": "\(k8s.io\/[^"]*\)".*/\1/p' | sort -u); do
  if grep -q "^	$mod => ./staging/" go.mod; then
    edits+=("-dropreplace=$mod" "-require=$mod@$staging")
  fi
done
if [ ${#edits[@]} -gt 0 ]; then # none left when DIR was set up before
  go mod edit "${edits[@]}"
fi
echo "$(( ${#edits[@]} / 2 )) staging replaces dropped, k8s.io modules pinned at $staging"
GOFLAGS=-mod=mod go mod tidy -e >/dev/null 2>&1 || true # the pins' own requirements
go mod download
go list ./pkg/... ./cmd/... | wc -l | sed 's/$/ packages in .\/pkg\/... .\/cmd\/.../'
