#!/usr/bin/env bash
# The whole test suite on a fresh machine: unit and integration tests (Vitest) on the
# embedded database and PostgreSQL, then the browser tests (Playwright, Debian's Chromium)
# against `next build && next start` on both databases.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1 PRISMA_SCHEMA_ENGINE_BINARY=/bin/false PRISMA_QUERY_ENGINE_LIBRARY=/bin/false

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian's Chromium for the browser tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/mgc-chromium-install.log 2>&1 \
      || { echo "Could not install chromium; see /tmp/mgc-chromium-install.log"; exit 1; }
  else
    echo "Browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install -y chromium' and try again."; exit 1
  fi
fi
# HAProxy from Debian for lib/server/operations/multi-host.test.ts (several hosts in network
# namespaces behind a load balancer; root only, like the namespaces themselves).
if [ ! -x /usr/sbin/haproxy ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian's HAProxy for the several-hosts test…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy) >/tmp/mgc-haproxy-install.log 2>&1 \
      || { echo "Could not install haproxy; see /tmp/mgc-haproxy-install.log"; exit 1; }
  elif [ "${CI:-}" = "true" ]; then
    echo "The several-hosts test needs root (network namespaces) and /usr/sbin/haproxy under CI=true."; exit 1
  else
    echo "SKIPPED (several-hosts test): it needs root and HAProxy ('sudo apt-get install -y haproxy')."
  fi
fi
[ -d node_modules ] || npm ci

PG_ADMIN_URL="${TEST_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}"
export TEST_PG_ADMIN_URL="$PG_ADMIN_URL"
if node -e "const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:2000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$PG_ADMIN_URL"; then
  PG_OK=1
else
  PG_OK=0
  if [ "${CI:-}" = "true" ]; then echo "PostgreSQL at $PG_ADMIN_URL is unreachable, and CI=true requires it."; exit 1; fi
  echo "SKIPPED: PostgreSQL at $PG_ADMIN_URL is unreachable — running the embedded-database half only."
fi

npx prisma generate >/dev/null
npx tsc --noEmit -p .
# Formatter and linter (biome.jsonc): zero findings.
npx biome check .
# Built before Vitest: lib/server/operations/two-processes.test.ts starts two `next start` processes,
# the fault tests and Playwright start dist/server.mjs (server.ts compiled by scripts/build-server.mjs).
npx next build >/tmp/mgc-next-build.log 2>&1 || { cat /tmp/mgc-next-build.log; exit 1; }
node scripts/build-server.mjs
# Two files at a time (Vitest's default on two cores is one), except the tests that start several
# consoles, a private PostgreSQL or a load balancer, or assert how fast something happens: those run
# alone afterwards, so a neighbour's load cannot stretch what they measure.
SOLO=(lib/server/faults/ lib/server/operations/multi-host lib/server/operations/two-processes lib/server/gateway/conformance)
EXCLUDE=()
for s in "${SOLO[@]}"; do EXCLUDE+=(--exclude "$s**"); done
npx vitest run --maxWorkers=2 "${EXCLUDE[@]}"
npx vitest run --maxWorkers=1 "${SOLO[@]}"

if [ "$PG_OK" = 1 ]; then
  DB="mgc_e2e_$(date +%s)_$$"
  node -e "const c=new (require('pg').Client)(process.argv[1]);c.connect().then(()=>c.query('CREATE DATABASE \"'+process.argv[2]+'\"')).then(()=>c.end())" "$PG_ADMIN_URL" "$DB"
  export E2E_DATABASE_URL="${PG_ADMIN_URL%/*}/$DB"
  trap 'node -e "const c=new (require(\"pg\").Client)(process.argv[1]);c.connect().then(()=>c.query(\"DROP DATABASE IF EXISTS \\\"\"+process.argv[2]+\"\\\" WITH (FORCE)\")).then(()=>c.end())" "$PG_ADMIN_URL" "$DB" || true' EXIT
fi
# One Playwright per console, side by side, one spec at a time each: specs change a console's shared
# state (its policy, catalog, kill switches), so two specs on one console at once could judge each
# other's changes (seen: a readiness probe meeting another spec's server, a policy version moving).
if [ "$PG_OK" = 1 ]; then
  E2E_TARGET=postgresql E2E_PORT_BASE=3201 E2E_OUTPUT_DIR=test-results/postgresql npx playwright test &
  PG_RUN=$!
fi
E2E_TARGET=embedded E2E_PORT_BASE=3101 E2E_OUTPUT_DIR=test-results/embedded npx playwright test || STATUS=$?
if [ "$PG_OK" = 1 ]; then wait "$PG_RUN" || STATUS=$?; fi
exit "${STATUS:-0}"
