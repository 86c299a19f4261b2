#!/usr/bin/env bash
# Installs what the web client's end-to-end test needs from Debian when it is missing:
# Chromium (driven by playwright-core, which never downloads a browser) and a Japanese font.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
if ! fc-list 2>/dev/null | grep -qiE 'IPAGothic|IPAexGothic|Noto Sans CJK|Noto Sans JP'; then
  need+=(fonts-ipafont-gothic)
fi
[ ${#need[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "web-e2e-deps: installing ${need[*]}" >&2
if ! $SUDO apt-get install -y --no-install-recommends "${need[@]}" fontconfig; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${need[@]}" fontconfig
fi
fc-cache -f >/dev/null 2>&1 || true
