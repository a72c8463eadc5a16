#!/bin/bash
# smoke.sh: start the real binary under Xvfb and a private D-Bus session with a
# temporary data folder, wait for its window, then close the window and stop the
# background sender through their control ports, and check both exit cleanly.
#
#   go build -o /tmp/minuit . && dbus-run-session -- bash app/testdata/smoke.sh /tmp/minuit
set -euo pipefail
MINUIT=$1
DATA=$(mktemp -d) HOME=$(mktemp -d)
export HOME XDG_CONFIG_HOME=$HOME/.config LANG=en_US.UTF-8 DISPLAY=:96
# A screen large enough that the pointer (at its centre) is not over the window: Fyne
# 2.7.1 can crash on a cursor event that reaches a window being closed
# (glfw SetInputMode on a destroyed viewport), which real users can meet too.
Xvfb :96 -screen 0 2560x1600x24 >/dev/null 2>&1 & XVFB=$!
trap 'kill $XVFB 2>/dev/null; rm -rf "$DATA" "$HOME"' EXIT
sleep 1
# Under the C locale (Debian's and Docker's default) no command prints Fyne's locale error.
if LANG=C.UTF-8 LC_ALL= "$MINUIT" list --data "$DATA" 2>&1 | grep -q "Error parsing user locale"; then
	echo "smoke: LANG=C.UTF-8 prints Fyne's locale error" >&2
	exit 1
fi
mac() { # secret, text: HMAC-SHA256 in hex
	printf '%s' "$2" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$1" -r | cut -d' ' -f1
}
send() { # port file, command: prints the reply (the protocol is in app/control.go)
	local port secret proto sn cn rmac reply=""
	read -r port secret <"$DATA/$1"
	exec 3<>"/dev/tcp/127.0.0.1/$port"
	read -r -t 3 proto sn <&3 || true
	cn=$(openssl rand -hex 32)
	printf '%s %s %s\n' "$cn" "$(mac "$secret" "minuit1 request $sn $cn $2")" "$2" >&3
	read -r -t 3 rmac reply <&3 || true
	exec 3>&-
	[ "$proto" = minuit1 ] && [ "$rmac" = "$(mac "$secret" "minuit1 reply $sn $cn $reply")" ] && echo "$reply" || true
}
"$MINUIT" --data "$DATA" >"$DATA/window.out" 2>&1 & WIN=$!
for _ in $(seq 100); do
	xwininfo -root -tree 2>/dev/null | grep -q '"Minuit — Sandbox"' && break
	sleep 0.1
done
xwininfo -root -tree | grep -q '"Minuit — Sandbox"' || { echo "smoke: no window"; cat "$DATA/window.out"; exit 1; }
exec 3<>"/dev/tcp/127.0.0.1/$(cut -d' ' -f1 "$DATA/minuit.port")" # a client without the secret
printf 'quit\n' >&3; read -r -t 3 _ <&3 || true; read -r -t 3 extra <&3 || true; exec 3>&-
[ -z "${extra:-}" ] || { echo "smoke: the sender answered a command without the secret: $extra"; exit 1; }
[ "$(send minuit.port status)" != "" ] || { echo "smoke: the background sender does not answer"; exit 1; }
[ "$(send window.port close)" = ok ] || { echo "smoke: the window does not answer"; exit 1; }
wait $WIN || { echo "smoke: the window exited with $?"; cat "$DATA/window.out"; exit 1; }
[ "$(send minuit.port quit)" = ok ] || { echo "smoke: the sender refused to quit"; exit 1; }
for _ in $(seq 50); do [ -e "$DATA/minuit.port" ] || break; sleep 0.1; done
[ ! -e "$DATA/minuit.port" ] || { echo "smoke: the sender is still running"; exit 1; }
grep -q "level=ERROR\|panic" "$DATA/agent.log" && { echo "smoke: errors in the agent log"; cat "$DATA/agent.log"; exit 1; }
echo "smoke: ok (window shown, closed; sender started and stopped)"
