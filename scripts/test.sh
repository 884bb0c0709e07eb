#!/usr/bin/env bash
# Install what the test suite needs, then run it: `bash scripts/test.sh [pytest arguments]`.
# The browser tests use Debian's Chromium at /usr/bin/chromium (never `playwright install`);
# the class-server test uses Debian's HAProxy.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Debian packages the tests use: Chromium (browser tests), HAProxy (scripts/serve_class.sh) and a
# Chinese font (the layout tests measure Chinese labels as a reader's browser draws them, not as
# fallback boxes).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -n "$(fc-list :lang=zh family 2>/dev/null)" ] || missing+=(fonts-wqy-microhei)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "${missing[*]} missing and installing needs root: run 'apt-get install -y ${missing[*]}' as root." >&2
    exit 1
  fi
  ${as_root[@]+"${as_root[@]}"} apt-get update
  ${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

python -m pip install --disable-pip-version-check -r requirements-dev.txt
python -m ruff check .  # lint first (rules in pyproject.toml): a style slip fails fast
python -m pytest "$@"
