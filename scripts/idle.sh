#!/usr/bin/env bash
# Idle cost of `minuit serve` with 1,000 planned messages over the next 30 days:
# CPU seconds and OS wake-ups (context switches of all its threads) per hour,
# extrapolated from a run of MINUTES minutes (default 3), plus RSS.
set -euo pipefail
minutes=${1:-3}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
go build -o "$tmp/minuit" .
data="$tmp/data"
for i in $(seq 1 1000); do
  at=$(date -u -d "+$((i * 43)) minutes" '+%Y-%m-%d %H:%M')
  "$tmp/minuit" schedule --data "$data" --to "+3361$(printf '%07d' "$i")" --at "$at" --tz UTC "Rappel $i" >/dev/null 2>&1
done
n=$("$tmp/minuit" list --data "$data" --json | wc -l)
echo "planned messages: $n"
"$tmp/minuit" serve --data "$data" 2>"$tmp/serve.log" &
pid=$!
sleep 5 # start-up is not idle
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
ctx() { cat /proc/$pid/task/*/status | awk '/ctxt_switches/ {s += $2} END {print s}'; }
c0=$(cpu); w0=$(ctx); t0=$(date +%s.%N)
sleep $((minutes * 60))
c1=$(cpu); w1=$(ctx); t1=$(date +%s.%N)
rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
awk -v c0="$c0" -v c1="$c1" -v w0="$w0" -v w1="$w1" -v t0="$t0" -v t1="$t1" -v hz="$ticks" -v rss="$rss" 'BEGIN {
  h = (t1 - t0) / 3600
  printf "idle over %.0f s: %.2f CPU-s/h, %.0f wake-ups/h (context switches), RSS %.1f MB\n", (t1 - t0), (c1 - c0) / hz / h, (w1 - w0) / h, rss / 1024
}'
