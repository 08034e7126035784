#!/usr/bin/env bash
# Set up kg in ./.venv (CPU-only torch) and build the bundled sample into out/sample.
# Usage: bash scripts/setup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
PIP=".venv/bin/python -m pip"
$PIP install --quiet --upgrade pip
# CPU torch first: a bare "torch" requirement would pull several GB of CUDA packages.
.venv/bin/python -c "import torch" 2>/dev/null || $PIP install --quiet "torch==2.13.0"
$PIP install --quiet -e ".[dev]"

# Browser tests render graph.html in headless Chromium with a CJK font (Debian packages).
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "noto sans cjk\|wenquanyi"; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
    else
        echo "note: install Chromium and a CJK font for the browser tests, e.g. sudo apt-get install chromium fonts-noto-cjk" >&2
    fi
fi

.venv/bin/kg build data/sample --dates data/sample/dates.tsv --out out/sample
echo "kg is set up: try  .venv/bin/kg who-met 王立新 --graph out/sample   or open out/sample/graph.html"
