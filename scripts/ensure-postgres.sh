#!/usr/bin/env bash
# Makes sure PostgreSQL answers on 127.0.0.1:5432, starting the installed cluster if needed.
set -euo pipefail
ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
ready && exit 0
if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null; then
  version=$(ls /etc/postgresql | sort -V | tail -n1)
  echo "starting PostgreSQL $version …"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 50); do ready && exit 0; sleep 0.2; done
fi
echo "PostgreSQL is not running on 127.0.0.1:5432 and could not be started." >&2
echo "Install it (apt-get install postgresql) with trust auth for user postgres, or set KEYNET_TEST_POSTGRES_URL." >&2
exit 1
