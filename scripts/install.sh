#!/usr/bin/env bash
# Install techtalent into ./.venv (idempotent). With --test also the test tools: PostgreSQL and Debian's
# Chromium (apt, when missing) and the dev extras.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
fi
if [ "${1:-}" = "--test" ]; then
  need=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v msgfmt >/dev/null || need+=(gettext)
  # Optional general dictionary for Dutch label derivation (GPL data, read at run time, never copied).
  [ -f /usr/share/dictd/freedict-eng-nld.dict.dz ] || need+=(dict-freedict-eng-nld)
  [ -f /usr/share/dictd/freedict-nld-eng.dict.dz ] || need+=(dict-freedict-nld-eng)
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing with apt: ${need[*]}"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  .venv/bin/pip install --quiet -e ".[dev]" 2>&1 | grep -v -i "warning" || true
else
  .venv/bin/pip install --quiet -e . 2>&1 | grep -v -i "warning" || true
fi
.venv/bin/python -c "import techtalent" || { echo "techtalent did not install" >&2; exit 1; }
