#!/usr/bin/env bash
# Generates a Python client for the API from openapi.yaml alone (openapi-python-client, from
# PyPI) and runs a partner's sync with it against a running server. Needs BASE and PARTNER_KEY
# (scripts/schemathesis.sh calls it with its server and fixtures).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OPC_VERSION=0.26.2
VENV=${PARTNER_CLIENT_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/keynet/partner-client-$OPC_VERSION}
if [ ! -x "$VENV/bin/openapi-python-client" ]; then
  echo "installing openapi-python-client $OPC_VERSION into $VENV …"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "openapi-python-client==$OPC_VERSION"
fi
OUT=$(mktemp -d -t keynet-client.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
printf 'post_hooks: []\n' >"$OUT/config.yaml"
# Any warning means part of the spec could not be turned into a client: that fails the test.
if ! "$VENV/bin/openapi-python-client" generate --path "$ROOT/openapi.yaml" --meta none \
    --config "$OUT/config.yaml" --output-path "$OUT/keynet_client" >"$OUT/gen.log" 2>&1 \
    || grep -qi 'warning' "$OUT/gen.log"; then
  cat "$OUT/gen.log" >&2
  echo "openapi-python-client could not generate a complete client from openapi.yaml" >&2
  exit 1
fi
PYTHONPATH=$OUT "$VENV/bin/python" "$ROOT/scripts/partner_client_sync.py"
