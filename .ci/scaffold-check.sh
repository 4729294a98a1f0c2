#!/usr/bin/env bash
# The scaffold check (issue 10): in a throw-away copy of this working tree, do what a contributor adding a
# subgraph does, and prove the result works:
#   npm run new:subgraph -- sandbox → npm install → npm run generate (it composes into the supergraph)
#   → the hub starts with it and answers through the gateway (a create with a token, then a query that joins
#     the new subgraph with regions) → its own tests pass.
# The copy (and the hub's embedded PostgreSQL inside it) is deleted on every exit: success, failure or signal.
#
#   .ci/scaffold-check.sh            (DATABASE_URL: the server the new subgraph's tests use; default the machine's)
#   SCAFFOLD_CHECK_LEAVE_OUT="services/wip" .ci/scaffold-check.sh    (locally: leave half-built folders out of the copy)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
name=${SCAFFOLD_NAME:-sandbox}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
export CI=true TURBO_TELEMETRY_DISABLED=1 FORCE_COLOR=0 npm_config_audit=false npm_config_fund=false
started=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/hub-scaffold-check.XXXXXX")
# mktemp's 0700 would keep out the `postgres` user the embedded PostgreSQL runs as (when run as root).
chmod 755 "$work"
hub_pid=

cleanup() {
  local status=$?
  if [ -n "$hub_pid" ] && kill -0 "$hub_pid" 2>/dev/null; then
    kill -INT "$hub_pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$hub_pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$hub_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  if [ "$status" -eq 0 ]; then
    echo "scaffold check passed in $(($(date +%s) - started)) s"
  else
    echo "scaffold check FAILED (exit $status) after $(($(date +%s) - started)) s" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n--- scaffold check: %s\n' "$*"; }

step "copy the working tree (tracked and untracked files, not ignored ones) and node_modules to $work"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard -- . \
  $(for left_out in ${SCAFFOLD_CHECK_LEAVE_OUT:-}; do printf ":(exclude)%s " "$left_out"; done)) \
  | tar -C "$repo" --null -T - --ignore-failed-read -cf - 2>/dev/null \
  | tar -C "$work" -xf -
# A real copy (11 s for ~500 MB), not links: nothing done in the copy can change this tree's files.
cp -a "$repo/node_modules" "$work/node_modules"
(cd "$repo" && find . -mindepth 2 -maxdepth 3 -name node_modules -type d -not -path './node_modules/*') \
  | while read -r nested; do [ ! -d "$work/$(dirname "$nested")" ] || cp -a "$repo/$nested" "$work/$nested"; done
rm -rf "$work/node_modules/.cache" "$work/node_modules/.vite"
cd "$work"

step "npm run new:subgraph -- $name"
npm run -s new:subgraph -- "$name"
test -f "services/$name/src/subgraph.ts"
grep -q "\"name\": \"$name\"" schema/subgraphs.json

step "npm install (links @hub/$name, records it in package-lock.json)"
npm install --prefer-offline --no-audit --no-fund --loglevel=error
test -L "node_modules/@hub/$name"
grep -q "\"services/$name\"" package-lock.json

step "npm run generate (emits its schema, composes the supergraph, writes the deployment files)"
npm run -s generate -- --output-logs=errors-only
upper=$(echo "$name" | tr '[:lower:]' '[:upper:]')
grep -q "^  ${upper} @join__graph(name: \"$name\"" schema/supergraph.graphql \
  || { echo "the supergraph has no $name subgraph" >&2; exit 1; }
grep -q "SUBGRAPH_URL_${upper}:" infra/compose.yaml
test -f "infra/k8s/$name.yaml"
grep -q "^  - $name.yaml" infra/k8s/kustomization.yaml

step "the hub starts with $name and answers through the gateway"
export HUB_DATA_DIR="$work/.data"
env -u DATABASE_URL PORT=0 LOG_LEVEL=warn node infra/local/dist/main.js >"$work/hub.log" 2>&1 &
hub_pid=$!
url=
for _ in $(seq 1 600); do
  url=$(sed -n 's/^  GraphQL: *\(http[^ ]*\)$/\1/p' "$work/hub.log" | head -1)
  [ -n "$url" ] && break
  kill -0 "$hub_pid" 2>/dev/null || { cat "$work/hub.log" >&2; echo "the hub exited" >&2; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { cat "$work/hub.log" >&2; echo "the hub did not start in 5 minutes" >&2; exit 1; }
token=$(node infra/local/dist/token.js --org cpmr --role contributor)
# The scaffold's default entity: <Name>Item (SandboxItem: createSandboxItem, sandboxItems, Region.sandboxItemCount).
entity="${name^}Item"
lower_entity="${name}Item"
graphql() {
  curl -sf "$url" -H 'content-type: application/json' -H "authorization: Bearer $token" -d "$1"
}
created=$(graphql "{\"query\":\"mutation { create${entity}(input: { idempotencyKey: \\\"scaffold-check\\\", title: \\\"Scaffold check\\\", region: \\\"FR10\\\" }) { id region { code name } } }\"}")
echo "$created"
echo "$created" | grep -q '"region":{"code":"FR10","name":"[^"]' || { echo "create through the gateway failed" >&2; exit 1; }
read_back=$(graphql "{\"query\":\"{ region(code: \\\"FR10\\\") { name ${lower_entity}Count } ${lower_entity}s(region: \\\"FR10\\\", first: 5) { totalCount edges { node { title organisation { name } } } } }\"}")
echo "$read_back"
echo "$read_back" | grep -q "\"${lower_entity}Count\":1" || { echo "Region.${lower_entity}Count through the gateway failed" >&2; exit 1; }
echo "$read_back" | grep -q '"title":"Scaffold check"' || { echo "the list query through the gateway failed" >&2; exit 1; }
kill -INT "$hub_pid"
wait "$hub_pid" || true
hub_pid=

step "it is typed, linted and formatted, and the composed API keeps the schema conventions"
npm run -s typecheck -w "@hub/$name"
npm run -s lint -w "@hub/$name"
npx prettier --check "services/$name" schema/subgraphs.json
npm test -w @hub/schema

step "its own tests (npm test -w @hub/$name, PostgreSQL at $DATABASE_URL)"
npm test -w "@hub/$name"
