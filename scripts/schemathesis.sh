#!/usr/bin/env bash
# Property-based contract test: Schemathesis drives a real server from openapi.yaml and fails
# when the server and the spec disagree (a schema-valid request refused, a schema-invalid one
# accepted, an undocumented status or response shape, a 5xx…).
#
#   BACKEND=sqlite|postgres KEYNET_BIN=target/debug/keynet scripts/schemathesis.sh
#
# Builds nothing: give it the server binary. Each run gets a fresh database (a temporary SQLite
# file, or a new PostgreSQL database that is dropped afterwards), an admin, a facility and a
# jobseeker, and runs every operation once anonymously and once per role.
# Knobs: ST_MAX_EXAMPLES (per operation and phase, default 15), ST_MAX_TIME (seconds per run,
# default 20), ST_SEED, ST_EXTRA (more schemathesis flags), PG_URL.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BACKEND=${BACKEND:-${1:-sqlite}}
BIN=${KEYNET_BIN:-$ROOT/target/debug/keynet}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
ST_VERSION=4.32.5
VENV=${SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/keynet/schemathesis-$ST_VERSION}
MAX_EXAMPLES=${ST_MAX_EXAMPLES:-15}
MAX_TIME=${ST_MAX_TIME:-20}
SEED=${ST_SEED:-20261128}

case "$BIN" in /*) ;; *) BIN=$ROOT/$BIN ;; esac
[ -x "$BIN" ] || { echo "no server binary at $BIN (build it: cargo build -p keynet)" >&2; exit 2; }

if [ ! -x "$VENV/bin/schemathesis" ]; then
  echo "installing schemathesis $ST_VERSION into $VENV …"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$ST_VERSION"
fi
PY=$VENV/bin/python

WORK=$(mktemp -d -t keynet-st.XXXXXX)
PID=
DB_NAME=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  if [ -n "$DB_NAME" ]; then psql -q "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null 2>&1 || true; fi
  if [ -z "${ST_KEEP:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

case "$BACKEND" in
  sqlite) DB_URL=$WORK/keynet.sqlite3 ;;
  postgres)
    bash "$ROOT/scripts/ensure-postgres.sh"
    DB_NAME=keynet_st_$(date +%s)_$$
    psql -q "$PG_URL/postgres" -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
    DB_URL=$PG_URL/$DB_NAME ;;
  *) echo "BACKEND must be sqlite or postgres" >&2; exit 2 ;;
esac

PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
export KEYNET_DATABASE_URL=$DB_URL KEYNET_BIND=127.0.0.1:$PORT KEYNET_PUBLIC_URL=$BASE \
  KEYNET_DATA_DIR=$WORK/data KEYNET_MAIL_DIR=$WORK/mail KEYNET_WEB_DIR=$WORK/no-web \
  KEYNET_JWT_SECRET=schemathesis-secret-0123456789abcdef-0123456789 \
  KEYNET_LOGIN_ATTEMPTS_PER_MINUTE=100000 KEYNET_PARTNER_REQUESTS_PER_MINUTE=1000000 KEYNET_OUTBOX_INTERVAL_MS=100 KEYNET_WORKERS=2 \
  RUST_LOG=${RUST_LOG:-warn}
mkdir -p "$WORK/data" "$WORK/mail"

"$BIN" migrate >/dev/null
ADMIN_EMAIL=st-admin@example.jp
PASSWORD=St-pass-2026-xyz
"$BIN" create-admin --email "$ADMIN_EMAIL" --password "$PASSWORD" >/dev/null
"$BIN" serve >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fs "$BASE/api/v1/health" >/dev/null && break; sleep 0.1; done
curl -fs "$BASE/api/v1/health" >/dev/null || { cat "$WORK/server.log"; exit 1; }

# The fixtures: tokens for each role, and an open posting with a thread (ids 1).
export BASE WORK PASSWORD ADMIN_EMAIL
"$PY" "$ROOT/scripts/schemathesis_fixtures.py" >"$WORK/tokens.env"
# shellcheck disable=SC1091
source "$WORK/tokens.env"

# `--checks all`, nothing excluded.
export SCHEMATHESIS_HOOKS=schemathesis_hooks PYTHONDONTWRITEBYTECODE=1
export PYTHONPATH=$ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}
cd "$WORK"  # schemathesis and hypothesis leave their caches in the working directory

# One worker: Python 3.11's ast module is not thread-safe, and hypothesis parses lambdas with it
# ("AST constructor recursion depth mismatch" with two).
status=0
# A partner's system generated from openapi.yaml alone syncs against this server.
echo "== generated partner client ($BACKEND)"
BASE=$BASE PARTNER_KEY=$PARTNER_KEY bash "$ROOT/scripts/partner_client.sh" || status=1

run() {
  local who=$1; shift
  echo "== schemathesis ($BACKEND, $who)"
  "$VENV/bin/schemathesis" --config-file "$ROOT/scripts/schemathesis.toml" run "$ROOT/openapi.yaml" \
    --url "$BASE" --checks all \
    --max-examples "$MAX_EXAMPLES" --max-time "$MAX_TIME" --seed "$SEED" \
    --generation-database none --no-color --workers 1 \
    --report junit --report-dir "$WORK/report-$who" \
    "$@" ${ST_EXTRA:-} || status=1
}
# The jobseeker deletes their account in its own run, last, with an account made for it.
run anonymous --exclude-operation-id delete_jobseeker_me
run admin -H "Authorization: Bearer $ADMIN_TOKEN" --exclude-operation-id delete_jobseeker_me
run facility -H "Authorization: Bearer $FACILITY_TOKEN" --exclude-operation-id delete_jobseeker_me
run jobseeker -H "Authorization: Bearer $JOBSEEKER_TOKEN" --exclude-operation-id delete_jobseeker_me
run partner -H "Authorization: Bearer $PARTNER_KEY" --include-tag partner
# (No stateful phase: one operation has no links to follow.)
run jobseeker-delete -H "Authorization: Bearer $LEAVER_TOKEN" --include-operation-id delete_jobseeker_me \
  --phases examples,coverage,fuzzing

if grep -q 'panicked\|internal error' "$WORK/server.log"; then
  echo "the server logged errors:" >&2
  grep 'panicked\|internal error' "$WORK/server.log" | head -20 >&2
  status=1
fi
exit $status
