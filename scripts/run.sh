#!/usr/bin/env bash
# Sets up and starts Minuit: installs missing build packages (Debian/Ubuntu), builds,
# and opens the window. The sandbox provider is the default; data lives in the user's
# config folder (override with --data DIR or MINUIT_DATA).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
export PATH="$PATH:/usr/local/go/bin"
go build -o minuit .
exec ./minuit "$@"
