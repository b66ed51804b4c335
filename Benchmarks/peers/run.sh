#!/usr/bin/env bash
# Run the SimPy and Ciw M/M/1 peers; prints one JSON line each.
# Usage: ./run.sh [DURATION_SECONDS]   (default 200)
set -euo pipefail
cd "$(dirname "$0")"
DURATION="${1:-200}"
PYTHON="${PYTHON:-python3}"

"$PYTHON" -c "import simpy" 2>/dev/null || "$PYTHON" -m pip install -q simpy
"$PYTHON" -c "import ciw" 2>/dev/null || "$PYTHON" -m pip install -q ciw

"$PYTHON" mm1_simpy.py --duration "$DURATION"
"$PYTHON" mm1_ciw.py --duration "$DURATION"
