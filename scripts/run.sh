#!/usr/bin/env bash
# Install everything and start techtalent on SQLite with the bundled starter data and ESCO from ESCO_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export TECHTALENT_DATA_DIR=${TECHTALENT_DATA_DIR:-$PWD/data}
TT=.venv/bin/techtalent
$TT init
ESCO_DIR=${ESCO_DIR:-../shared/data/esco/v1.1.1}
if [ -e "$ESCO_DIR" ]; then
  # The official v1.1.1 export has 68 relation rows to one occupation it does not list: skipped, with a warning.
  $TT esco import "$ESCO_DIR"
  # The dense index of the semantic path: embedded once per taxonomy version, then read memory-mapped.
  $TT extract index
else
  echo "No ESCO data at '$ESCO_DIR': download the ESCO CSV export (https://esco.ec.europa.eu/en/use-esco/download) and run: $TT esco import PATH-TO-ZIP"
fi
# CBS/DUO open data and region shapes for the monitor, when present (docs/monitor_open_data.md).
OPEN_DATA_DIR=${OPEN_DATA_DIR:-../shared/data/nl}
if [ -d "$OPEN_DATA_DIR" ]; then $TT monitor import-open-data "$OPEN_DATA_DIR"; fi
REGIONS_DIR=${REGIONS_DIR:-../shared/data/regions}
if [ -d "$REGIONS_DIR" ]; then $TT monitor import-regions "$REGIONS_DIR"; fi
exec $TT serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
