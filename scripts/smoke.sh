#!/usr/bin/env bash
# Starts the real binary under Xvfb and a D-Bus session with an empty data folder,
# waits for its window to be mapped, then stops it and checks it exits cleanly.
set -euo pipefail
bin=$1 data=$2
mkdir -p "$data"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
  "$0" --data "$1" >"$1/out.log" 2>&1 &
  pid=$!
  for i in $(seq 1 150); do
    if xwininfo -root -tree 2>/dev/null | grep -q "\"Minuit"; then
      echo "window is up after $((i * 100)) ms"
      kill -TERM $pid
      wait $pid && exit 0
      echo "minuit exited with $? after SIGTERM" >&2; cat "$1/out.log" >&2; exit 1
    fi
    kill -0 $pid 2>/dev/null || { echo "minuit died before showing a window" >&2; cat "$1/out.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "no Minuit window after 15 s" >&2; cat "$1/out.log" >&2; kill -9 $pid; exit 1
' "$bin" "$data"
