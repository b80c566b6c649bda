#!/usr/bin/env bash
# comment.sh FILE: posts FILE as a comment on pull request $PR_NUMBER of
# $GITHUB_REPOSITORY, or updates the comment posted before: the one whose
# body starts with FILE's first line (splitter's <!-- splitter:... -->
# marker), so that a pull request has one splitter comment however often
# it is pushed to. Uses the REST API at $GITHUB_API_URL with $GITHUB_TOKEN.
set -euo pipefail

file=${1:?usage: comment.sh FILE}
: "${PR_NUMBER:?PR_NUMBER is not set}" "${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}" "${GITHUB_TOKEN:?GITHUB_TOKEN is not set}"
api="${GITHUB_API_URL:-https://api.github.com}/repos/$GITHUB_REPOSITORY"
marker=$(head -n 1 "$file")
case "$marker" in
  "<!-- splitter:"*) ;;
  *) echo "comment.sh: $file does not start with a splitter marker" >&2; exit 2 ;;
esac

call() { # METHOD URL [JSON-FILE]
  local args=(-fsS -X "$1" -H "Authorization: Bearer $GITHUB_TOKEN"
    -H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28")
  if [ $# -gt 2 ]; then
    args+=(-H "Content-Type: application/json" --data-binary "@$3")
  fi
  curl "${args[@]}" "$2"
}

# The comment posted before, if any: the first whose body starts with the
# marker, page by page (100 a page).
id=""
page=1
while :; do
  comments=$(call GET "$api/issues/$PR_NUMBER/comments?per_page=100&page=$page")
  id=$(jq -r --arg m "$marker" 'map(select(.body | startswith($m))) | first | .id // empty' <<<"$comments")
  if [ -n "$id" ] || [ "$(jq length <<<"$comments")" -lt 100 ]; then
    break
  fi
  page=$((page + 1))
done

body=$(mktemp)
trap 'rm -f "$body"' EXIT
jq -Rs '{body: .}' <"$file" >"$body"
if [ -n "$id" ]; then
  call PATCH "$api/issues/comments/$id" "$body" >/dev/null
  echo "splitter: updated comment $id on pull request #$PR_NUMBER"
else
  call POST "$api/issues/$PR_NUMBER/comments" "$body" >/dev/null
  echo "splitter: commented on pull request #$PR_NUMBER"
fi
