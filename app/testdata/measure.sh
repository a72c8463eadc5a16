#!/bin/sh
# measure.sh: cold start to window, and idle cost of Minuit's background agent
# beside a bare Fyne window, under Xvfb and a private D-Bus session.
#
#   go build -o /tmp/minuit . && go build -o /tmp/barefyne ./app/testdata/barefyne
#   go run ./app/testdata/seed -data /tmp/big            # 100,000 contacts, 1,000 messages
#   dbus-run-session -- sh app/testdata/measure.sh /tmp/minuit /tmp/barefyne /tmp/big 180
#
# Needs Xvfb and xwininfo. Prints one line per figure.
set -eu
MINUIT=$1 BARE=$2 DATA=$3 SECS=${4:-180}
export LANG=en_US.UTF-8 HOME=$(mktemp -d) DISPLAY=:97
export XDG_CONFIG_HOME=$HOME/.config
Xvfb :97 -screen 0 1280x860x24 >/dev/null 2>&1 & XVFB=$!
trap 'kill $XVFB 2>/dev/null' EXIT
sleep 1

now_ms() { date +%s%3N; }
cpu_ticks() { awk '{print $14+$15}' /proc/$1/stat; }
rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' /proc/$1/status; }
wait_window() { # title, timeout in ms
	t0=$(now_ms)
	until xwininfo -root -tree 2>/dev/null | grep -q "\"$1\""; do
		[ $(( $(now_ms) - t0 )) -gt 10000 ] && { echo "no window $1"; return 1; }
		sleep 0.01
	done
}

# Cold start: the agent is started by the window itself on first run.
t0=$(now_ms)
"$MINUIT" --data "$DATA" >/dev/null 2>&1 & WIN=$!
wait_window "Minuit — Sandbox"
echo "cold start to window mapped (window + agent spawn): $(( $(now_ms) - t0 )) ms"
sleep 2
AGENT=$(pgrep -f "agent --data $DATA" | head -1)
echo "window process RSS: $(rss_mb $WIN) MB"
# Warm second start while the agent runs: raise instead of a second window.
t0=$(now_ms); "$MINUIT" --data "$DATA" 2>&1 | sed 's/^/second run: /'; echo "second run returned in $(( $(now_ms) - t0 )) ms"
kill $WIN; wait $WIN 2>/dev/null || true

"$BARE" >/dev/null 2>&1 & BAREPID=$!
wait_window "Bare Fyne"
sleep 5
HZ=$(getconf CLK_TCK)
a0=$(cpu_ticks $AGENT); b0=$(cpu_ticks $BAREPID)
sleep "$SECS"
a1=$(cpu_ticks $AGENT); b1=$(cpu_ticks $BAREPID)
echo "agent idle (window closed): $(echo "($a1-$a0)/$HZ*3600/$SECS" | bc -l | xargs printf '%.2f') CPU-s/h, RSS $(rss_mb $AGENT) MB over ${SECS}s"
echo "bare Fyne window:           $(echo "($b1-$b0)/$HZ*3600/$SECS" | bc -l | xargs printf '%.2f') CPU-s/h, RSS $(rss_mb $BAREPID) MB over ${SECS}s"
kill $BAREPID
kill $AGENT; wait 2>/dev/null || true
