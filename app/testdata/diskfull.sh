#!/usr/bin/env bash
# Cost of `minuit serve` while its disk is full (goal: ≤ 1 CPU-s/h, ≤ 1 log line a
# minute), then whether it recovers by itself. The data folder lives on a 4 MB
# tmpfs, filled with a big file just before a message is due; after MINUTES the
# file is removed and the message must leave within FaultBackoffMax (2 min).
# Needs root (mount).
#
#	sudo bash app/testdata/diskfull.sh /tmp/minuit 20
set -euo pipefail
bin=$1 minutes=${2:-20}
mnt=$(mktemp -d)
mount -t tmpfs -o size=4m tmpfs "$mnt"
cleanup() {
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	umount "$mnt" && rmdir "$mnt"
}
trap cleanup EXIT
export MINUIT_DATA=$mnt/d LANG=${LANG:-C.UTF-8}
log=$(mktemp)
"$bin" schedule --to +33612345678 --at "$(date -d '+2 min' '+%Y-%m-%d %H:%M')" "disk full" >/dev/null 2>&1
"$bin" serve >"$log" 2>&1 &
pid=$!
sleep 2
ticks() { awk '{print $14 + $15}' /proc/"$pid"/stat; }
dd if=/dev/zero of="$mnt/fill" bs=64k 2>/dev/null || true
t0=$(ticks) l0=$(wc -l <"$log")
echo "disk full at $(date +%T); the message is due within two minutes, when every write starts failing"
for i in $(seq 1 "$minutes"); do
	sleep 60
	echo "minute $i: $(($(ticks) - t0)) CPU ticks (1/$(getconf CLK_TCK) s), $(($(wc -l <"$log") - l0)) log lines since the disk filled"
done
t=$(($(ticks) - t0)) l=$(($(wc -l <"$log") - l0))
awk -v t="$t" -v l="$l" -v m="$minutes" -v hz="$(getconf CLK_TCK)" \
	'BEGIN { printf "while full: %.2f CPU-s/h, %.2f log lines a minute\n", t / hz * 60 / m, l / m }'
rm "$mnt/fill"
echo "disk freed at $(date +%T)"
for _ in $(seq 1 30); do
	grep -q 'msg=store-recovered' "$log" && break
	sleep 5
done
cut -c1-160 "$log"
grep -q 'msg=store-recovered' "$log" && grep -q 'msg=sent' "$log" ||
	{ echo "the message did not leave after the disk was freed" >&2; exit 1; }
