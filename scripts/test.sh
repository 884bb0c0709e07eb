#!/usr/bin/env bash
# Install what the test suite needs, then run it: `bash scripts/test.sh [pytest arguments]`.
# The browser tests use Debian's Chromium at /usr/bin/chromium (never `playwright install`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "Chromium is missing and installing it needs root: run 'apt-get install -y chromium' as root." >&2
    exit 1
  fi
  ${as_root[@]+"${as_root[@]}"} apt-get update
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

python -m pip install --disable-pip-version-check -r requirements-dev.txt
python -m pytest "$@"
