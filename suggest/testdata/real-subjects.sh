#!/usr/bin/env bash
# Checks `splitter suggest functions --emit sam` on real modules, by hand
# (too slow for go test): for each subject directory given, it writes the
# scaffold, then checks that it builds, vets and that its generated tests
# pass, that no route is declared twice in template.yaml, that no function
# carries more than a third of the module's lines, and prints what was not
# generated. Usage:
#
#   go build -o /tmp/splitter . && suggest/testdata/real-subjects.sh /tmp/splitter /work/subjects/miniflux [--no-services] ...
#
# A subject is a directory, optionally followed by splitter flags up to the
# next directory (an argument starting with /); among them, env:K=V sets K
# for the scaffold's go test (the configuration the program requires, as a
# team sets it in template.yaml) and gotest:FLAG passes FLAG to it:
#
#   ... /work/subjects/kratos env:DSN=memory env:IDENTITY_SCHEMAS=... gotest:-tags=sqlite
set -uo pipefail
bin=$1
shift
out=${OUT:-/tmp/splitter-real}
mkdir -p "$out"
status=0
while [ $# -gt 0 ]; do
  dir=$1
  shift
  flags=()
  envs=()
  testflags=()
  while [ $# -gt 0 ] && [[ $1 != /* ]]; do
    case $1 in
      env:*) envs+=("${1#env:}") ;;
      gotest:*) testflags+=("${1#gotest:}") ;;
      *) flags+=("$1") ;;
    esac
    shift
  done
  name=$(basename "$dir")
  sam="$out/$name-sam"
  rm -rf "$sam"
  echo "== $name ${flags[*]:-}"
  start=$(date +%s)
  (cd "$dir" && "$bin" suggest functions "${flags[@]}" --format json >"$out/$name.json" 2>"$out/$name.err") || { echo "suggest failed"; status=1; continue; }
  (cd "$dir" && "$bin" suggest functions "${flags[@]}" --emit sam -o "$sam" >"$out/$name.txt" 2>>"$out/$name.err") || { echo "emit failed"; status=1; continue; }
  echo "suggest + emit: $(( $(date +%s) - start )) s"
  python3 - "$out/$name.json" "$sam" <<'EOF'
import json, sys, os, re, collections
m = json.load(open(sys.argv[1]))
sam = sys.argv[2]
total = sum(u.get('loc', 0) for u in m['units'])
fns = m.get('functions') or []
big = [(f['name'], f['loc']) for f in fns if f['deploy'] == 'function' and 3 * f['loc'] > total]
mounts = {e['id'] for e in m['entrypoints'] if e.get('mount')}
in_fn = [(f['name'], ep) for f in fns for ep in f['entrypoints'] if ep in mounts]
kinds = collections.Counter(f['deploy'] for f in fns)
print(f"module LOC {total}; {dict(kinds)}; largest function {max((f['loc'] for f in fns if f['deploy']=='function'), default=0)} LOC")
print("functions over a third of the module:", big or "none")
print("mounts listed as routes:", in_fn or "none")
tpl = os.path.join(sam, 'template.yaml')
if os.path.exists(tpl):
    routes = collections.Counter()
    method = None
    for line in open(tpl):
        s = line.strip()
        if s.startswith('Method:'):
            method = s.split(':', 1)[1].strip().strip('"')
        elif s.startswith('Path:') and method:
            routes[method + ' ' + s.split(':', 1)[1].strip().strip('"')] += 1
            method = None
    dup = [r for r, n in routes.items() if n > 1]
    print(f"template: {len(routes)} routes; declared twice: {dup or 'none'}")
else:
    print("no template.yaml")
gen = sorted(os.listdir(os.path.join(sam, 'functions'))) if os.path.isdir(os.path.join(sam, 'functions')) else []
print(f"generated {len(gen)} of {kinds.get('function', 0)} functions")
EOF
  sed -n '/^Not generated/,$p' "$out/$name.txt" | head -40
  if [ -d "$sam/functions" ]; then
    (cd "$sam" && GOWORK=off GOFLAGS= go build ./... >"$out/$name.build" 2>&1) && echo "go build ./...: ok" || { echo "go build ./...: FAILED (see $out/$name.build)"; status=1; }
    (cd "$sam" && GOWORK=off GOFLAGS= go vet ./... >"$out/$name.vet" 2>&1) && echo "go vet ./...: ok" || { echo "go vet ./...: FAILED (see $out/$name.vet)"; status=1; }
    (cd "$sam" && env "${envs[@]}" GOWORK=off GOFLAGS= go test "${testflags[@]}" ./... >"$out/$name.test" 2>&1) && echo "go test ./...: ok ($(grep -c '^ok' "$out/$name.test") packages)" || { echo "go test ./...: FAILED (see $out/$name.test)"; grep -E '^(FAIL|---)' "$out/$name.test" | head -20; status=1; }
  fi
done
exit $status
